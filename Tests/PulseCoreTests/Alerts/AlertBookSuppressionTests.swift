import Foundation
import Testing

@testable import PulseCore

@Suite struct AlertBookSuppressionTests {
    @Test func aMatchingSilenceKeepsANewAlertQuietAndItNotifiesOnceWhenTheSilenceEnds() {
        var h = BookHarness([AF.stalled])
        h.silences = [AF.silence("s1", ["rule=~stalled.*", "owner=rep_12"], until: AF.at(hours: 3))]
        h.process([AF.firing(AF.stalled, at: AF.t0)], at: AF.t0)
        #expect(h.alerts[0].suppression == .silenced("s1"))
        #expect(h.alerts[0].state == .open)
        #expect(h.alerts[0].notifiedAt == nil)
        #expect(h.alerts[0].slaDueAt == nil)
        #expect(h.notifications.isEmpty)
        #expect(h.audit.contains { $0.action == .silenced && $0.detail.contains("set by ana: quarter close") })
        h.tick(at: AF.at(hours: 2))
        #expect(h.notifications.isEmpty)
        h.tick(at: AF.at(hours: 3))
        #expect(h.alerts[0].suppression == nil)
        #expect(h.notifications.map(\.reason) == [.new])
        #expect(h.alerts[0].slaDueAt == AF.at(hours: 15))
        #expect(
            h.audit.contains { $0.action == .unsilenced && $0.detail == "silence s1 ended at 2026-11-25 12:00 UTC" })
        h.tick(at: AF.at(hours: 4))
        #expect(h.notifications.count == 1)
    }

    @Test func aSilenceThatDoesNotMatchChangesNothing() {
        var h = BookHarness([AF.stalled])
        h.silences = [AF.silence("s1", ["owner=rep_7"], until: AF.at(hours: 3))]
        h.process([AF.firing(AF.stalled, at: AF.t0)], at: AF.t0)
        #expect(h.alerts[0].suppression == nil)
        #expect(h.notifications.count == 1)
    }

    @Test func aSilenceStartingOnANotifiedAlertDoesNotNotifyAgainWhenItEnds() {
        var h = BookHarness([AF.stalled])
        h.process([AF.firing(AF.stalled, at: AF.t0)], at: AF.t0)
        h.silences = [AF.silence("s2", ["severity=high"], from: AF.at(hours: 1), until: AF.at(hours: 2))]
        h.tick(at: AF.at(hours: 1))
        #expect(h.alerts[0].suppression == .silenced("s2"))
        // The SLA clock does not run out while silenced: no escalation at the 12 h mark…
        h.tick(at: AF.at(hours: 1.5))
        h.tick(at: AF.at(hours: 2))
        #expect(h.alerts[0].suppression == nil)
        #expect(h.notifications.count == 1)
        // …and restarts when the silence ends.
        #expect(h.alerts[0].slaDueAt == AF.at(hours: 14))
    }

    @Test func velocityCrisisInhibitsStalledDealOnTheSameDealButNotAnother() {
        var h = BookHarness([AF.velocity, AF.stalled])
        h.process(
            [
                AF.firing(AF.stalled, "D1", at: AF.t0), AF.firing(AF.velocity, "D1", at: AF.t0),
                AF.firing(AF.stalled, "D2", at: AF.t0),
            ], at: AF.t0)
        let crisis = h.alert(AF.velocity, "D1")!
        #expect(h.alert(AF.stalled, "D1")?.suppression == .inhibited(crisis.fingerprint))
        #expect(h.alert(AF.stalled, "D2")?.suppression == nil)
        #expect(crisis.suppression == nil)
        let stalledD1 = h.alert(AF.stalled, "D1")!
        #expect(!h.notifications.contains { $0.alert == stalledD1.id })
        #expect(h.notifications.contains { $0.alert == h.alert(AF.stalled, "D2")!.id })
        #expect(h.audit(of: stalledD1).contains { $0.action == .inhibited && $0.detail.contains("velocity-crisis") })
    }

    @Test func theInhibitedAlertIsReleasedAndNotifiedInTheStepTheInhibitorResolves() {
        var h = BookHarness([AF.velocity, AF.stalled])
        h.process([AF.firing(AF.velocity, at: AF.t0), AF.firing(AF.stalled, at: AF.t0)], at: AF.t0)
        let stalled = h.alert(AF.stalled)!
        let step = h.process(
            [AF.clear(AF.velocity, at: AF.at(hours: 1)), AF.firing(AF.stalled, at: AF.at(hours: 1))],
            at: AF.at(hours: 1))
        #expect(h.alerts(AF.velocity)[0].state == .resolved)
        #expect(h.alert(AF.stalled)?.suppression == nil)
        #expect(step.notifications.map(\.alert) == [stalled.id])
        #expect(step.notifications.map(\.reason) == [.new])
        #expect(step.audit.contains { $0.action == .uninhibited && $0.alert == stalled.id })
    }

    @Test func anInhibitorRaisedAfterTheTargetSuppressesItFromThenOn() {
        var h = BookHarness([AF.velocity, AF.stalled])
        h.process([AF.firing(AF.stalled, at: AF.t0)], at: AF.t0)
        h.process(
            [AF.firing(AF.velocity, at: AF.at(hours: 1)), AF.firing(AF.stalled, at: AF.at(hours: 1))],
            at: AF.at(hours: 1))
        #expect(h.alert(AF.stalled)?.suppression == .inhibited(h.alert(AF.velocity)!.fingerprint))
        // An inhibited alert does not escalate.
        h.tick(at: AF.at(hours: 13))
        #expect(h.alert(AF.stalled)?.escalationLevel == 0)
    }

    @Test func aShadowInhibitorInhibitsNothing() {
        let shadowCrisis = AF.rule("velocity-crisis", .critical, inhibits: ["stalled-deal"], shadow: true)
        var h = BookHarness([shadowCrisis, AF.stalled])
        h.process([AF.firing(shadowCrisis, at: AF.t0), AF.firing(AF.stalled, at: AF.t0)], at: AF.t0)
        #expect(h.alert(AF.stalled)?.suppression == nil)
    }

    @Test func rulesThatInhibitEachOtherLetTheMoreSevereWin() {
        let a = AF.rule("velocity-crisis", .critical, inhibits: ["stalled-deal"])
        let b = AF.rule("stalled-deal", .high, inhibits: ["velocity-crisis"])
        var h = BookHarness([a, b])
        h.process([AF.firing(a, at: AF.t0), AF.firing(b, at: AF.t0)], at: AF.t0)
        #expect(h.alert(a)?.suppression == nil)
        #expect(h.alert(b)?.suppression != nil)
    }

    @Test func aSilenceWinsOverInhibition() {
        var h = BookHarness([AF.velocity, AF.stalled])
        h.silences = [AF.silence("s1", ["rule=stalled-deal"], until: AF.at(hours: 5))]
        h.process([AF.firing(AF.velocity, at: AF.t0), AF.firing(AF.stalled, at: AF.t0)], at: AF.t0)
        #expect(h.alert(AF.stalled)?.suppression == .silenced("s1"))
    }
}

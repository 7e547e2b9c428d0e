import Foundation
import Testing

@testable import PulseCore

@Suite struct AlertBookActionTests {
    func opened() -> BookHarness {
        var h = BookHarness([AF.stalled])
        h.process([AF.firing(AF.stalled, at: AF.t0)], at: AF.t0)
        return h
    }

    func error(_ body: () throws(AlertActionError) -> AlertChangeSet) -> AlertActionError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }

    @Test func actingOnAResolvedAlertSaysWhoResolvedItAndWhen() {
        var h = opened()
        h.process([AF.clear(AF.stalled, at: AF.at(hours: 1))], at: AF.at(hours: 1))
        let alert = h.alerts[0]
        let expected = "alert #1 is already resolved (by pulse at 2026-11-25 10:00 UTC); it cannot be acknowledged"
        let ack = error { () throws(AlertActionError) in try h.book.acknowledge(alert, by: "ana", now: AF.at(hours: 2))
        }
        #expect(ack?.code == .alreadyResolved)
        #expect(ack?.message.hasPrefix(expected) == true)
        #expect(
            error { () throws(AlertActionError) in try h.book.resolve(alert, by: "ana", note: nil, now: AF.at(hours: 2))
            }?.code
                == .alreadyResolved)
        #expect(
            error { () throws(AlertActionError) in
                try h.book.snooze(alert, until: AF.at(hours: 9), by: "ana", now: AF.at(hours: 2))
            }?
            .code == .alreadyResolved)
        #expect(
            error { () throws(AlertActionError) in
                try h.book.assign(alert, to: "rep_7", by: "ana", org: AF.org, now: AF.at(hours: 2))
            }?
            .code == .alreadyResolved)
    }

    @Test func acknowledgingTwiceSaysWhoAcknowledgedItAndWhen() throws {
        var h = opened()
        h.save(try h.book.acknowledge(h.alerts[0], by: "ana", now: AF.at(hours: 1)))
        let again = error { () throws(AlertActionError) in
            try h.book.acknowledge(h.alerts[0], by: "bo", now: AF.at(hours: 2))
        }
        #expect(again?.code == .alreadyAcknowledged)
        #expect(again?.message == "alert #1 is already acknowledged by ana at 2026-11-25 10:00 UTC; nothing to do")
        #expect(again?.alert == h.alerts[0].id)
    }

    @Test func snoozingIntoThePastOrNowIsRefused() {
        let h = opened()
        for until in [AF.at(hours: 1), AF.at(hours: 0.5)] {
            let refused = error { () throws(AlertActionError) in
                try h.book.snooze(h.alerts[0], until: until, by: "ana", now: AF.at(hours: 1))
            }
            #expect(refused?.code == .snoozeNotInFuture)
            #expect(refused?.message.contains("that is not in the future (now is 2026-11-25 10:00 UTC)") == true)
        }
    }

    @Test func assigningToAnUnknownRepSuggestsTheNearestIds() {
        let h = opened()
        let refused = error { () throws(AlertActionError) in
            try h.book.assign(h.alerts[0], to: "rep_13", by: "ana", org: AF.org, now: AF.at(hours: 1))
        }
        #expect(refused?.code == .unknownRep)
        #expect(
            refused?.message.hasPrefix("cannot assign alert #1 to rep_13: no rep with that id; did you mean rep_12")
                == true)
        let far = error { () throws(AlertActionError) in
            try h.book.assign(h.alerts[0], to: "zzzzzzzzzz", by: "ana", org: AF.org, now: AF.at(hours: 1))
        }
        #expect(far?.message.contains("known reps include csm_1, exec_1, mgr_1, mgr_2, ops_1 (8 in total)") == true)
    }

    @Test func assigningTwiceToTheSameRepIsRefused() {
        let h = opened()
        let refused = error { () throws(AlertActionError) in
            try h.book.assign(h.alerts[0], to: "rep_12", by: "ana", org: AF.org, now: AF.at(hours: 1))
        }
        #expect(refused?.code == .alreadyAssigned)
        #expect(refused?.message == "alert #1 is already assigned to rep_12; nothing to do")
    }

    @Test func notFoundNamesTheReferenceAndHowToList() {
        let e = AlertActionError.notFound("#99", tenant: "default")
        #expect(e.code == .notFound)
        #expect(e.description.hasPrefix("no alert #99 in tenant default; list alerts with `pulse alerts`"))
    }

    @Test func everyActionAndTransitionIsAudited() throws {
        let rule = AF.rule("stalled-deal", pendingFor: .hours(1), resolveAfter: .hours(1))
        var h = BookHarness([rule])
        h.process([AF.firing(rule, at: AF.t0)], at: AF.t0)
        h.tick(at: AF.at(hours: 1))
        h.save(try h.book.assign(h.alerts[0], to: "rep_7", by: "ana", org: AF.org, now: AF.at(hours: 2)))
        h.save(try h.book.snooze(h.alerts[0], until: AF.at(hours: 4), by: "ana", now: AF.at(hours: 2)))
        h.tick(at: AF.at(hours: 4))
        h.save(try h.book.acknowledge(h.alerts[0], by: "tom", now: AF.at(hours: 5)))
        h.save(h.book.feedback(h.alerts[0], verdict: .helpful, by: "tom", note: " useful ", now: AF.at(hours: 5)))
        h.process([AF.clear(rule, at: AF.at(hours: 6))], at: AF.at(hours: 6))
        h.tick(at: AF.at(hours: 7))
        let trail = h.audit.map {
            "\($0.actor) \($0.action.rawValue) \($0.fromState?.rawValue ?? "-")→\($0.toState?.rawValue ?? "-")"
        }
        #expect(
            trail == [
                "pulse raised -→pending",
                "pulse opened pending→open",
                "pulse notified open→open",
                "ana assigned open→open",
                "ana snoozed open→snoozed",
                "pulse unsnoozed snoozed→open",
                "pulse notified open→open",
                "tom acknowledged open→acknowledged",
                "tom feedback acknowledged→acknowledged",
                "pulse updated acknowledged→acknowledged",
                "pulse resolved acknowledged→resolved",
            ])
        #expect(h.audit.allSatisfy { !$0.detail.isEmpty && $0.alert == h.alerts[0].id && $0.tenant == "default" })
        #expect(h.audit[3].detail == "assigned to Tom Baker (rep_7) by ana (was rep_12)")
        #expect(h.audit[4].detail == "snoozed until 2026-11-25 13:00 UTC by ana")
        #expect(h.audit[8].detail == "tom marked it helpful: useful")
        #expect(h.audit[9].detail == "condition cleared; resolves at 2026-11-25 16:00 UTC unless it holds again")
        #expect(h.alerts[0].assignee == "rep_7")
        #expect(h.feedback.count == 1)
    }

    @Test func aManualResolutionKeepsWhoAndTheNote() throws {
        var h = opened()
        h.save(try h.book.resolve(h.alerts[0], by: "ana", note: "deal moved to next stage", now: AF.at(hours: 1)))
        #expect(h.alerts[0].state == .resolved)
        #expect(h.alerts[0].resolvedBy == "ana")
        #expect(h.alerts[0].resolutionNote == "deal moved to next stage")
        #expect(h.audit.last?.detail == "resolved by ana: deal moved to next stage")
    }

    @Test func feedbackIsAllowedInAnyStateEvenResolved() {
        var h = opened()
        h.process([AF.clear(AF.stalled, at: AF.at(hours: 1))], at: AF.at(hours: 1))
        let changes = h.book.feedback(h.alerts[0], verdict: .noise, by: "ana", note: nil, now: AF.at(hours: 2))
        #expect(changes.feedback.count == 1)
        #expect(changes.feedback[0].rule == "stalled-deal")
        #expect(changes.alerts.isEmpty)
    }
}

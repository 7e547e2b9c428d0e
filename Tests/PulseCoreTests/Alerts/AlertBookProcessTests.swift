import Foundation
import Testing

@testable import PulseCore

@Suite struct AlertBookProcessTests {
    @Test func theSameConditionTwiceIsOneAlertWithOneNotification() {
        var h = BookHarness([AF.stalled])
        h.process([AF.firing(AF.stalled, at: AF.t0)], at: AF.t0)
        let second = h.process(
            [AF.firing(AF.stalled, at: AF.at(hours: 4), match: AF.match(days: 16))], at: AF.at(hours: 4))
        #expect(h.alerts.count == 1)
        #expect(h.notifications.count == 1)
        #expect(second.notifications.isEmpty)
        let alert = h.alerts[0]
        #expect(alert.id.rawValue == "\(alert.fingerprint)-1795597200")
        #expect(alert.state == .open)
        #expect(alert.lastFiringAt == AF.at(hours: 4))
        #expect(alert.content.facts == ["Days quiet: 16"])
        #expect(alert.raisedAt == AF.t0)
        #expect(h.notifications[0].reason == .new)
        #expect(h.notifications[0].recipient == "rep_12")
        #expect(h.notifications[0].id == "\(alert.id)|rep_12|new|0")
    }

    @Test func theAlertCarriesRoutingLabelsAndContent() {
        var h = BookHarness([AF.rule("stalled-deal", labels: ["team": "emea", "severity": "bogus"])])
        h.process(
            [AF.firing(AF.stalled, at: AF.t0, match: AF.match(related: ["team": "emea"]))], at: AF.t0)
        let alert = h.alerts[0]
        #expect(
            alert.labels == [
                "team": "emea", "account": "A1", "rule": "stalled-deal", "severity": "high", "scope": "deal",
                "entity": "deal:D1", "owner": "rep_12", "category": "risk",
            ])
        #expect(alert.recipients == ["rep_12"])
        #expect(alert.assignee == "rep_12")
        #expect(alert.openedAt == AF.t0)
        #expect(alert.slaDueAt == AF.at(hours: 12))
        #expect(alert.notifiedAt == AF.t0)
    }

    @Test func anAlertResolvesAtOnceWhenItsConditionClearsByDefault() {
        var h = BookHarness([AF.stalled])
        h.process([AF.firing(AF.stalled, at: AF.t0)], at: AF.t0)
        h.process([AF.clear(AF.stalled, at: AF.at(hours: 2))], at: AF.at(hours: 2))
        let alert = h.alerts[0]
        #expect(alert.state == .resolved)
        #expect(alert.resolvedBy == "pulse")
        #expect(alert.resolvedAt == AF.at(hours: 2))
        #expect(alert.slaDueAt == nil)
        let last = h.audit.last { $0.action == .resolved }
        #expect(last?.detail == "resolved by pulse: condition cleared")
        #expect(last?.fromState == .open && last?.toState == .resolved)
        #expect(h.notifications.count == 1)
    }

    @Test func resolveAfterDampsTheWayDownAndAFiringInBetweenCancelsIt() {
        let rule = AF.rule("stalled-deal", resolveAfter: .hours(1))
        var h = BookHarness([rule])
        h.process([AF.firing(rule, at: AF.t0)], at: AF.t0)
        h.process([AF.clear(rule, at: AF.at(minutes: 10))], at: AF.at(minutes: 10))
        #expect(h.alerts[0].state == .open)
        #expect(h.alerts[0].clearSince == AF.at(minutes: 10))
        // It holds again before the hour is up: still the same open alert, nothing resent.
        h.process([AF.firing(rule, at: AF.at(minutes: 40))], at: AF.at(minutes: 40))
        #expect(h.alerts[0].clearSince == nil)
        #expect(h.audit.contains { $0.detail.hasPrefix("condition holds again") })
        // Clear again; a tick before the hour does nothing, a tick after it resolves.
        h.process([AF.clear(rule, at: AF.at(minutes: 50))], at: AF.at(minutes: 50))
        h.tick(at: AF.at(minutes: 109))
        #expect(h.alerts[0].state == .open)
        h.tick(at: AF.at(minutes: 110))
        #expect(h.alerts[0].state == .resolved)
        #expect(h.alerts.count == 1)
        #expect(h.notifications.count == 1)
        #expect(h.audit.last { $0.action == .resolved }?.detail.contains("resolve_after 1h") == true)
    }

    @Test func theConfigurationDefaultResolveAfterAppliesToRulesWithoutOne() {
        var h = BookHarness([AF.stalled], configuration: .init(defaultResolveAfter: .hours(2)))
        h.process([AF.firing(AF.stalled, at: AF.t0)], at: AF.t0)
        h.process([AF.clear(AF.stalled, at: AF.at(hours: 1))], at: AF.at(hours: 1))
        h.process([AF.clear(AF.stalled, at: AF.at(hours: 2.5))], at: AF.at(hours: 2.5))
        #expect(h.alerts[0].state == .open)
        h.process([AF.clear(AF.stalled, at: AF.at(hours: 3))], at: AF.at(hours: 3))
        #expect(h.alerts[0].state == .resolved)
    }

    @Test func pendingForDampsTheWayUp() {
        let rule = AF.rule("stalled-deal", pendingFor: .hours(2))
        var h = BookHarness([rule])
        h.process([AF.firing(rule, at: AF.t0)], at: AF.t0)
        #expect(h.alerts[0].state == .pending)
        #expect(h.alerts[0].openedAt == nil)
        #expect(h.notifications.isEmpty)
        h.tick(at: AF.at(hours: 1.9))
        #expect(h.alerts[0].state == .pending)
        h.tick(at: AF.at(hours: 2))
        #expect(h.alerts[0].state == .open)
        #expect(h.alerts[0].openedAt == AF.at(hours: 2))
        #expect(h.alerts[0].slaDueAt == AF.at(hours: 14))
        #expect(h.notifications.map(\.reason) == [.new])
        #expect(h.audit.contains { $0.action == .opened && $0.fromState == .pending && $0.toState == .open })
    }

    @Test func aPendingAlertAlsoOpensFromAnEvaluationOnceItHasHeldLongEnough() {
        let rule = AF.rule("stalled-deal", pendingFor: .hours(2))
        var h = BookHarness([rule])
        h.process([AF.firing(rule, at: AF.t0)], at: AF.t0)
        h.process([AF.firing(rule, at: AF.at(hours: 3))], at: AF.at(hours: 3))
        #expect(h.alerts[0].state == .open)
        #expect(h.notifications.count == 1)
    }

    @Test func aPendingAlertThatClearsResolvesWithoutEverNotifying() {
        let rule = AF.rule("stalled-deal", pendingFor: .hours(2), resolveAfter: .hours(1))
        var h = BookHarness([rule])
        h.process([AF.firing(rule, at: AF.t0)], at: AF.t0)
        h.process([AF.clear(rule, at: AF.at(hours: 1))], at: AF.at(hours: 1))
        #expect(h.alerts[0].state == .resolved)
        #expect(h.notifications.isEmpty)
        #expect(h.audit.last?.detail == "resolved by pulse: condition cleared before the 2h pending period ended")
    }

    @Test func aConditionThatFiresAgainWithinTheFlapWindowIsANewAlertMarkedReopened() {
        var h = BookHarness([AF.stalled])
        h.process([AF.firing(AF.stalled, at: AF.t0)], at: AF.t0)
        h.process([AF.clear(AF.stalled, at: AF.at(hours: 1))], at: AF.at(hours: 1))
        h.process([AF.firing(AF.stalled, at: AF.at(minutes: 80))], at: AF.at(minutes: 80))
        let all = h.alerts(AF.stalled)
        #expect(all.count == 2)
        #expect(all[0].state == .resolved)
        #expect(all[1].state == .open)
        #expect(all[1].fingerprint == all[0].fingerprint)
        #expect(all[1].id != all[0].id)
        #expect(all[1].reopenedFrom == all[0].id)
        #expect(h.notifications.map(\.reason) == [.new, .reopened])
        let entry = h.audit(of: all[1]).first
        #expect(entry?.action == .reopened)
        #expect(entry?.detail.contains("fired again 20m after alert \(all[0].id) resolved (flap window 1h)") == true)
    }

    @Test func aConditionThatFiresAgainAfterTheFlapWindowIsAPlainNewAlert() {
        var h = BookHarness([AF.stalled])
        h.process([AF.firing(AF.stalled, at: AF.t0)], at: AF.t0)
        h.process([AF.clear(AF.stalled, at: AF.at(hours: 1))], at: AF.at(hours: 1))
        h.process([AF.firing(AF.stalled, at: AF.at(hours: 2))], at: AF.at(hours: 2))
        let all = h.alerts(AF.stalled)
        #expect(all.count == 2)
        #expect(all[1].reopenedFrom == nil)
        #expect(h.notifications.map(\.reason) == [.new, .new])
    }

    @Test func aManuallyResolvedAlertIsNotRaisedAgainWithinTheFlapWindow() throws {
        var h = BookHarness([AF.stalled])
        h.process([AF.firing(AF.stalled, at: AF.t0)], at: AF.t0)
        h.save(try h.book.resolve(h.alerts[0], by: "ana", note: "called them", now: AF.at(hours: 1)))
        h.process([AF.firing(AF.stalled, at: AF.at(hours: 1.5))], at: AF.at(hours: 1.5))
        #expect(h.alerts.count == 1)
        h.process([AF.firing(AF.stalled, at: AF.at(hours: 2))], at: AF.at(hours: 2))
        #expect(h.alerts.count == 2)
        #expect(h.alerts[1].state == .open)
        #expect(h.alerts[1].reopenedFrom == nil)
    }

    @Test func severityNeverChangesForAFingerprint() {
        var h = BookHarness([AF.stalled])
        h.process([AF.firing(AF.stalled, at: AF.t0)], at: AF.t0)
        h.book = AlertBook(rules: [AF.rule("stalled-deal", .critical)])
        h.process([AF.firing(AF.stalled, at: AF.at(hours: 1))], at: AF.at(hours: 1))
        #expect(h.alerts.count == 1)
        #expect(h.alerts[0].severity == .high)
        #expect(h.alerts[0].labels["severity"] == "critical")
    }

    @Test func evaluationsOfDisabledOrUnknownRulesAreIgnored() {
        let off = AF.rule("stalled-deal", enabled: false)
        var h = BookHarness([off])
        let changes = h.process(
            [AF.firing(off, at: AF.t0), AF.firing(AF.rule("not-loaded"), at: AF.t0)], at: AF.t0)
        #expect(changes.isEmpty)
    }

    @Test func shadowRulesRecordAlertsButNeverNotifyOrEscalate() {
        let rule = AF.rule("stalled-deal", .critical, shadow: true)
        var h = BookHarness([rule])
        h.process([AF.firing(rule, at: AF.t0)], at: AF.t0)
        #expect(h.alerts[0].shadow)
        #expect(h.alerts[0].state == .open)
        #expect(h.alerts[0].slaDueAt == nil)
        #expect(h.audit[0].detail.contains("shadow rule: recorded, never notified"))
        h.tick(at: AF.at(hours: 100))
        #expect(h.notifications.isEmpty)
        #expect(h.alerts[0].escalationLevel == 0)
    }

    @Test func aRuleLeavingShadowModeNotifiesItsStillFiringAlertOnce() {
        var h = BookHarness([AF.rule("stalled-deal", shadow: true)])
        h.process([AF.firing(AF.stalled, at: AF.t0)], at: AF.t0)
        h.book = AlertBook(rules: [AF.stalled])
        h.process([AF.firing(AF.stalled, at: AF.at(hours: 1))], at: AF.at(hours: 1))
        h.process([AF.firing(AF.stalled, at: AF.at(hours: 2))], at: AF.at(hours: 2))
        #expect(!h.alerts[0].shadow)
        #expect(h.notifications.map(\.reason) == [.new])
        #expect(h.audit.contains { $0.detail == "rule left shadow mode" })
    }

    @Test func processingIsDeterministicForTheSameInput() {
        let rules = [AF.velocity, AF.stalled]
        let evaluations = ["D3", "D1", "D2"].flatMap {
            [AF.firing(AF.stalled, $0, at: AF.t0), AF.firing(AF.velocity, $0, at: AF.t0)]
        }
        let book = AlertBook(rules: rules)
        let a = book.process(evaluations, active: [], silences: [], org: AF.org, recentNotifications: [:], now: AF.t0)
        let b = book.process(
            evaluations.reversed(), active: [], silences: [], org: AF.org, recentNotifications: [:], now: AF.t0)
        #expect(a == b)
        #expect(a.alerts.count == 6)
    }

    @Test func alertsOfOtherTenantsAreLeftAlone() {
        var h = BookHarness([AF.stalled])
        h.process([AF.firing(AF.stalled, at: AF.t0)], at: AF.t0)
        var other = h.alerts[0]
        other.tenant = "other"
        let book = AlertBook(rules: [AF.stalled])
        let changes = book.process(
            [AF.clear(AF.stalled, at: AF.at(hours: 1))], active: [other], silences: [], org: AF.org,
            recentNotifications: [:], now: AF.at(hours: 1))
        #expect(changes.isEmpty)
    }
}

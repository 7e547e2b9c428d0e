import Foundation
import Testing

@testable import PulseCore

@Suite struct AlertBookEscalationTests {
    @Test(arguments: [(Severity.critical, 4.0), (.high, 12.0), (.medium, 48.0)])
    func anUnacknowledgedAlertEscalatesOwnerThenManagerThenExecutiveAtItsSeveritysSLA(severity: Severity, sla: Double)
        throws
    {
        let rule = AF.rule("stalled-deal", severity)
        var h = BookHarness([rule])
        h.process([AF.firing(rule, at: AF.t0)], at: AF.t0)
        #expect(h.alerts[0].slaDueAt == AF.at(hours: sla))
        h.tick(at: AF.at(hours: sla - 0.01))
        #expect(h.alerts[0].escalationLevel == 0)
        h.tick(at: AF.at(hours: sla))
        #expect(h.alerts[0].escalationLevel == 1)
        #expect(h.alerts[0].recipients == ["mgr_1"])
        #expect(h.alerts[0].slaDueAt == AF.at(hours: 2 * sla))
        h.tick(at: AF.at(hours: 2 * sla - 0.01))
        #expect(h.alerts[0].escalationLevel == 1)
        h.tick(at: AF.at(hours: 2 * sla))
        #expect(h.alerts[0].escalationLevel == 2)
        #expect(h.alerts[0].recipients == ["exec_1"])
        #expect(h.alerts[0].slaDueAt == nil)
        h.tick(at: AF.at(hours: 10 * sla))
        #expect(h.alerts[0].escalationLevel == 2)
        #expect(h.notifications.map(\.recipient) == ["rep_12", "mgr_1", "exec_1"])
        #expect(h.notifications.map(\.reason) == [.new, .escalated, .escalated])
        #expect(h.notifications.map(\.escalationLevel) == [0, 1, 2])
        let escalations = h.audit.filter { $0.action == .escalated }
        try #require(escalations.count == 2)
        #expect(escalations[0].detail.hasSuffix("→ level 1 (manager): mgr_1"))
        #expect(escalations[1].detail.hasSuffix("→ level 2 (executive): exec_1"))
    }

    @Test func lowSeverityNeverEscalates() {
        let rule = AF.rule("goal-pulse", .low)
        var h = BookHarness([rule])
        h.process([AF.firing(rule, at: AF.t0)], at: AF.t0)
        #expect(h.alerts[0].slaDueAt == nil)
        h.tick(at: AF.at(hours: 24 * 30))
        #expect(h.alerts[0].escalationLevel == 0)
        #expect(h.notifications.count == 1)
    }

    @Test func aRulesOwnSLAOverridesTheSeverityDefault() {
        let rule = AF.rule("stalled-deal", .high, sla: .hours(1))
        var h = BookHarness([rule])
        h.process([AF.firing(rule, at: AF.t0)], at: AF.t0)
        h.tick(at: AF.at(hours: 1))
        #expect(h.alerts[0].escalationLevel == 1)
        #expect(
            h.audit.last { $0.action == .escalated }?.detail.hasPrefix(
                "unacknowledged past its 1h SLA (due 2026-11-25 10:00 UTC)") == true)
    }

    @Test func aLevelWhosePeopleAlreadyHaveTheAlertIsSkipped() {
        var h = BookHarness([AF.velocity])
        h.process([AF.firing(AF.velocity, at: AF.t0)], at: AF.t0)
        #expect(h.alerts[0].recipients == ["rep_12", "mgr_1"])
        h.tick(at: AF.at(hours: 4))
        #expect(h.alerts[0].escalationLevel == 2)
        #expect(h.alerts[0].recipients == ["exec_1"])
    }

    @Test func acknowledgingStopsEscalation() throws {
        var h = BookHarness([AF.stalled])
        h.process([AF.firing(AF.stalled, at: AF.t0)], at: AF.t0)
        h.save(try h.book.acknowledge(h.alerts[0], by: "sarah", now: AF.at(hours: 2)))
        #expect(h.alerts[0].state == .acknowledged)
        #expect(h.alerts[0].slaDueAt == nil)
        h.tick(at: AF.at(hours: 100))
        #expect(h.alerts[0].escalationLevel == 0)
        #expect(h.notifications.count == 1)
    }

    @Test func aMissedTickEscalatesOneLevelAtATime() {
        var h = BookHarness([AF.stalled])
        h.process([AF.firing(AF.stalled, at: AF.t0)], at: AF.t0)
        h.tick(at: AF.at(hours: 100))
        #expect(h.alerts[0].escalationLevel == 1)
        #expect(h.alerts[0].slaDueAt == AF.at(hours: 112))
    }

    @Test func aSnoozedAlertReopensWhenTheSnoozeEndsAndRemindsItsRecipients() throws {
        var h = BookHarness([AF.stalled])
        h.process([AF.firing(AF.stalled, at: AF.t0)], at: AF.t0)
        h.save(try h.book.snooze(h.alerts[0], until: AF.at(hours: 24), by: "sarah", now: AF.at(hours: 1)))
        #expect(h.alerts[0].state == .snoozed)
        #expect(h.alerts[0].slaDueAt == nil)
        h.tick(at: AF.at(hours: 13))
        #expect(h.alerts[0].state == .snoozed)
        #expect(h.alerts[0].escalationLevel == 0)
        h.tick(at: AF.at(hours: 24))
        #expect(h.alerts[0].state == .open)
        #expect(h.alerts[0].snoozedUntil == nil)
        #expect(h.alerts[0].slaDueAt == AF.at(hours: 36))
        #expect(h.notifications.map(\.reason) == [.new, .reopened])
        #expect(h.notifications[1].id == "\(h.alerts[0].id)|rep_12|reopened|0|snooze@\(1_795_597_200 + 24 * 3600)")
        #expect(h.audit.contains { $0.action == .unsnoozed && $0.fromState == .snoozed && $0.toState == .open })
        // A second snooze reminds again (a distinct notification id).
        h.save(try h.book.snooze(h.alerts[0], until: AF.at(hours: 30), by: "sarah", now: AF.at(hours: 25)))
        h.tick(at: AF.at(hours: 30))
        #expect(h.notifications.map(\.reason) == [.new, .reopened, .reopened])
    }

    @Test func aSnoozedAlertWhoseConditionClearsResolves() throws {
        var h = BookHarness([AF.stalled])
        h.process([AF.firing(AF.stalled, at: AF.t0)], at: AF.t0)
        h.save(try h.book.snooze(h.alerts[0], until: AF.at(hours: 24), by: "sarah", now: AF.at(hours: 1)))
        h.process([AF.clear(AF.stalled, at: AF.at(hours: 2))], at: AF.at(hours: 2))
        #expect(h.alerts[0].state == .resolved)
        #expect(h.audit.last?.fromState == .snoozed)
    }
}

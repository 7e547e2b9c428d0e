import Foundation
import Testing

@testable import PulseCore

@Suite struct AlertBookThrottleTests {
    func deals(_ n: Int) -> [String] { (1...n).map { "D\($0)" } }

    @Test func pastTheHourlyLimitARecipientsNotificationsGoToTheDigest() {
        var h = BookHarness([AF.stalled], configuration: .init(throttlePerHour: 3))
        h.process(deals(5).map { AF.firing(AF.stalled, $0, at: AF.t0) }, at: AF.t0)
        #expect(h.notifications.map(\.status) == [.queued, .queued, .queued, .digest, .digest])
        #expect(h.audit.filter { $0.action == .throttled }.count == 2)
        #expect(
            h.audit.contains { $0.action == .throttled && $0.detail.hasPrefix("to rep_12 (throttled → digest: over 3") }
        )
    }

    @Test func theCountIncludesNotificationsOfTheLastHourFromEarlierSteps() {
        var h = BookHarness([AF.stalled], configuration: .init(throttlePerHour: 3))
        h.process(deals(2).map { AF.firing(AF.stalled, $0, at: AF.t0) }, at: AF.t0)
        h.process(["D3", "D4"].map { AF.firing(AF.stalled, $0, at: AF.at(minutes: 30)) }, at: AF.at(minutes: 30))
        #expect(h.notifications.map(\.status) == [.queued, .queued, .queued, .digest])
        // An hour after the first two, the budget is free again.
        h.process(["D5"].map { AF.firing(AF.stalled, $0, at: AF.at(minutes: 61)) }, at: AF.at(minutes: 61))
        #expect(h.notifications.last?.status == .queued)
    }

    @Test func criticalAlertsBypassTheThrottleAndGetTheBudgetFirst() {
        let crisis = AF.rule("velocity-crisis", .critical)
        var h = BookHarness([crisis, AF.stalled], configuration: .init(throttlePerHour: 2))
        h.process(
            deals(3).map { AF.firing(AF.stalled, $0, at: AF.t0) } + deals(3).map { AF.firing(crisis, $0, at: AF.t0) },
            at: AF.t0)
        let critical = h.notifications.filter { $0.severity == .critical }
        let high = h.notifications.filter { $0.severity == .high }
        #expect(critical.map(\.status) == [.queued, .queued, .queued])
        #expect(high.map(\.status) == [.digest, .digest, .digest])
        #expect(h.audit.contains { $0.detail.contains("critical, so past the hourly limit it is still sent at once") })
    }

    @Test func eachRecipientHasTheirOwnBudget() {
        var h = BookHarness([AF.stalled], configuration: .init(throttlePerHour: 1))
        h.process(
            [
                AF.firing(AF.stalled, "D1", at: AF.t0),
                AF.firing(AF.stalled, "D2", at: AF.t0, match: AF.match("D2", owner: "rep_7")),
            ],
            at: AF.t0)
        #expect(h.notifications.map(\.status) == [.queued, .queued])
    }
}

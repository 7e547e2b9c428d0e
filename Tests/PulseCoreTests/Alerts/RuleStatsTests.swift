import Foundation
import Testing

@testable import PulseCore

@Suite struct RuleStatsTests {
    @Test func statsCountStatesFeedbackPrecisionAndMedianTimeToAcknowledge() throws {
        var h = BookHarness([AF.stalled, AF.velocity])
        h.process(["D1", "D2", "D3", "D4"].map { AF.firing(AF.stalled, $0, at: AF.t0) }, at: AF.t0)
        let byDeal = { (deal: String) in h.alert(AF.stalled, deal)! }
        h.save(try h.book.acknowledge(byDeal("D1"), by: "ana", now: AF.at(hours: 1)))
        h.save(try h.book.acknowledge(byDeal("D2"), by: "ana", now: AF.at(hours: 3)))
        h.save(try h.book.resolve(byDeal("D3"), by: "ana", note: nil, now: AF.at(hours: 4)))
        h.process([AF.clear(AF.stalled, "D4", at: AF.at(hours: 5))], at: AF.at(hours: 5))
        let d1 = h.alerts(AF.stalled, "D1")[0]
        let d2 = h.alerts(AF.stalled, "D2")[0]
        h.save(h.book.feedback(d1, verdict: .noise, by: "ana", note: nil, now: AF.at(hours: 6)))
        h.save(h.book.feedback(d1, verdict: .helpful, by: "ana", note: nil, now: AF.at(hours: 7)))  // replaces
        h.save(h.book.feedback(d1, verdict: .helpful, by: "bo", note: nil, now: AF.at(hours: 7)))
        h.save(h.book.feedback(d2, verdict: .noise, by: "ana", note: nil, now: AF.at(hours: 7)))

        let stats = RuleStats.compute(alerts: h.alerts, feedback: h.feedback, rules: ["velocity-crisis"])
        #expect(stats.map(\.rule) == ["stalled-deal", "velocity-crisis"])
        let s = stats[0]
        #expect(s.raised == 4)
        #expect(s.active == 2)
        #expect(s.acknowledged == 2)
        #expect(s.resolved == 2)
        #expect(s.autoResolved == 1)
        #expect(s.manuallyResolved == 1)
        #expect(s.helpful == 2)
        #expect(s.noise == 1)
        #expect(s.precision == 2.0 / 3.0)
        #expect(s.medianTimeToAcknowledge == TimeInterval(7200))
        #expect(stats[1] == RuleStats(rule: "velocity-crisis"))
        #expect(stats[1].precision == nil)
    }

    @Test func medianOfAnOddCountIsTheMiddleValue() {
        #expect(RuleStats.median([5, 1, 3]) == 3)
        #expect(RuleStats.median([]) == nil)
    }
}

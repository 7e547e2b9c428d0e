import Foundation
import Testing

@testable import PulseCore

/// The segmentation in rule evaluation: the `account.engagement_segment` attribute and the `engagement_segment`
/// segment dimension, and the customer-health report's segment column.
@Suite struct SegmentationRuleTests {
    typealias F = SegmentationFixture
    let data = F.data()

    func rule(_ scope: RuleScope, _ condition: Condition, segmentBy: [String] = []) -> Rule {
        Rule(id: "seg", title: "Seg", scope: scope, segmentBy: segmentBy, condition: condition, severity: .high)
    }

    @Test func evaluationDataSegmentsItsAccountsWhenStatisticsAreRefreshed() throws {
        #expect(data.segmentation.k == 3)
        #expect(data.segmentation.asOf == F.now)
        let direct = AccountSegmenter().segment(
            accounts: F.accounts, engagement: F.engagement, tickets: F.tickets, now: F.now)
        #expect(data.segmentation == direct)
    }

    @Test func anAccountRuleMatchesOnTheEngagementSegmentAttribute() throws {
        let declining = try #require(data.segmentation.segment(of: "declining-0")).name
        let condition = Condition.attribute(.init(attribute: "account.engagement_segment", values: [declining]))
        let fired = RuleEvaluator(rules: [rule(.account, condition)]).evaluate(data, now: F.now)
            .filter { $0.match != nil }
        let expected = F.profiles.filter { $0.value == .declining }.map { EntityRef(.account, $0.key.rawValue) }
        #expect(Set(fired.map(\.entity)) == Set(expected))
        #expect(fired.first?.match?.facts["account.engagement_segment"] == .text(declining))
        let churned = EvaluationFixture.entity(EntityRef(.account, "gone-0"), in: data)
        #expect(data.value(.accountEngagementSegment, churned, now: F.now) == nil)
    }

    @Test func aSegmentRuleGroupsDealsByTheirAccountsEngagementSegment() throws {
        let every = Condition.not(.attribute(.init(attribute: "segment.key", values: [""])))
        let results = RuleEvaluator(rules: [rule(.segment, every, segmentBy: ["engagement_segment"])])
            .evaluate(data, now: F.now)
        let keys = Set(data.segmentation.segments.map { "engagement_segment=\($0.name)" })
        #expect(Set(results.map(\.entity.id)) == keys)
        #expect(results.allSatisfy { $0.match != nil })
        let index = data.segmentIndex(["engagement_segment"])
        for segment in data.segmentation.segments {
            let rows = try #require(index["engagement_segment=\(segment.name)"])
            #expect(rows.count == segment.size)
            for row in rows {
                let account = try #require(data.deals[Int(row)].account)
                #expect(data.segmentation.segment(of: account) == segment)
            }
        }
        #expect(
            data.entities(of: .segment, segmentBy: ["engagement_segment", "industry"]).contains {
                $0.id.hasPrefix("engagement_segment=new") && $0.id.hasSuffix("|industry=EdTech")
            })
    }

    @Test func theCustomerHealthReportShowsEachAccountsSegment() throws {
        let reportData = ReportData(
            reps: [Rep(id: "r1", name: "Ann Lee", role: .rep)], accounts: F.accounts, engagement: F.engagement,
            tickets: F.tickets)
        let query = ReportQuery(from: F.day(-30), to: F.now)
        let report = CustomerHealthReport(data: reportData, query: query)
        #expect(report.rows.count == 36)
        #expect(report.segmentation == nil)
        for row in report.rows {
            #expect(row.segment == data.segmentation.segment(of: Account.ID(row.account))?.name)
            #expect(row.segment != nil)
        }
        #expect(report.segments.values.reduce(0, +) == 36)
        let table = report.table
        let column = try #require(table.columns.firstIndex(of: "segment"))
        #expect(Set(table.rows.map { $0[column] }) == Set(data.segmentation.segments.map(\.name)))
    }

    @Test func theCustomerHealthReportSaysWhyThereAreNoSegments() {
        let reportData = ReportData(accounts: Array(F.accounts.prefix(4)))
        let report = CustomerHealthReport(data: reportData, query: ReportQuery(from: F.day(-30), to: F.now))
        #expect(report.rows.allSatisfy { $0.segment == nil })
        #expect(report.segmentation?.hasPrefix("No segmentation: 4 active accounts") == true)
    }
}

import Foundation
import Testing

@testable import PulseCore

/// Every catalogue entry is implemented for every scope it lists.
@Suite struct MetricCatalogueCoverageTests {
    let data = EvaluationFixture.data()
    /// 36 accounts in three engagement profiles (`SegmentationFixture`): this fixture's two accounts are too few
    /// for a segmentation, so account names are also looked up there (`account.engagement_segment`).
    let segmented = SegmentationFixture.data()

    /// Candidate entities of each scope in the fixture.
    func candidates(_ scope: RuleScope) -> [EvaluationEntity] {
        let refs: [EntityRef] =
            switch scope {
            case .deal: ["d1", "d2", "d3", "b1", "b2", "w0", "w5"].map { EntityRef(.deal, $0) }
            case .account: [EntityRef(.account, "a1"), EntityRef(.account, "a2")]
            case .rep: ["r1", "r2", "m1"].map { EntityRef(.rep, $0) }
            case .team: [EntityRef(.team, "east")]
            case .segment: [EntityRef(.segment, "industry=EdTech")]
            case .tenant: [EntityRef(.tenant, Tenant.defaultID.rawValue)]
            }
        return refs.map { EvaluationFixture.entity($0, in: data) }
    }

    @Test func everyCatalogueNameHasAnEvaluatorKey() {
        for entry in MetricCatalogue.entries {
            if entry.kind == .measure {
                #expect(MeasureKey(rawValue: entry.name) != nil, "measure \(entry.name) has no implementation")
            } else {
                #expect(CatalogueKey(rawValue: entry.name) != nil, "\(entry.name) has no implementation")
            }
        }
        #expect(CatalogueKey.allCases.count + MeasureKey.allCases.count == MetricCatalogue.entries.count)
    }

    @Test func everyCatalogueEntryYieldsAValueForEachScopeItLists() {
        let now = EvaluationFixture.now
        let window = TimeWindow.lastDays(120, before: now)
        for entry in MetricCatalogue.entries {
            for scope in entry.scopes.sorted(by: { $0.rawValue < $1.rawValue }) {
                let found = candidates(scope).contains { e in
                    if entry.kind == .measure {
                        guard let key = MeasureKey(rawValue: entry.name) else { return false }
                        return data.measure(key, kinds: [], window: window, entity: e, now: now) != nil
                    }
                    guard let key = CatalogueKey(rawValue: entry.name) else { return false }
                    return data.value(key, e, now: now) != nil
                }
                let foundInSegmented =
                    scope == .account
                    && CatalogueKey(rawValue: entry.name).map { key in
                        segmented.entities(of: .account, segmentBy: []).contains { ref in
                            let e = EvaluationFixture.entity(ref, in: segmented)
                            return segmented.value(key, e, now: SegmentationFixture.now) != nil
                        }
                    } == true
                #expect(
                    found || foundInSegmented, "\(entry.name) has no value for any \(scope.rawValue) of the fixture")
            }
        }
    }

    @Test func namesOfOtherScopesHaveNoValue() {
        let deal = EvaluationFixture.entity(EntityRef(.deal, "d1"), in: data)
        #expect(data.value(.accountHealth, deal, now: EvaluationFixture.now) == nil)
        let account = EvaluationFixture.entity(EntityRef(.account, "a1"), in: data)
        #expect(data.value(.dealSMI, account, now: EvaluationFixture.now) == nil)
    }
}

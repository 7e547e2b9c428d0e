import Foundation

/// The rule evaluator in shadow mode: which (rule, entity) pairs fire, with the owner, and nothing else — no
/// message facts, no alert book. Uses the same compiled conditions as `RuleEvaluator`.
public struct ShadowEvaluator: Sendable {
    /// One firing pair; `rule` indexes `rules`.
    public struct Firing: Hashable, Sendable {
        public var rule: Int
        public var entity: EntityRef
        public var owner: Rep.ID?
    }

    let evaluator: RuleEvaluator

    /// Enabled rules (shadow ones included), sorted by id as the evaluator keeps them.
    public var rules: [Rule] { evaluator.rules.map(\.rule) }

    /// Disabled rules are skipped; shadow rules are kept.
    public init(rules: [Rule]) {
        evaluator = RuleEvaluator(rules: rules)
    }

    /// The pairs whose condition holds at `now`, for the rules of `scopes`, by rule then entity; `evaluated`
    /// grows by the number of pairs evaluated.
    public func firing(
        _ data: EvaluationData, now: Date, scopes: Set<RuleScope> = Set(RuleScope.allCases), evaluated: inout Int
    ) -> [Firing] {
        var resolved: [String: [EvaluationEntity]] = [:]
        var out: [Firing] = []
        var facts: [String: FactValue] = [:]
        for (index, compiled) in evaluator.rules.enumerated() where scopes.contains(compiled.rule.scope) {
            let rule = compiled.rule
            let segmentBy = rule.scope == .segment ? rule.segmentBy : []
            let cacheKey = "\(rule.scope.rawValue)/\(segmentBy.joined(separator: ","))"
            if resolved[cacheKey] == nil {
                if rule.scope == .segment {
                    let segments = data.segmentIndex(segmentBy)
                    resolved[cacheKey] = segments.keys.sorted().compactMap {
                        data.resolve(EntityRef(.segment, $0), segments: segments)
                    }
                } else {
                    resolved[cacheKey] = data.entities(of: rule.scope, segmentBy: []).compactMap {
                        data.resolve($0, segments: [:])
                    }
                }
            }
            evaluated += resolved[cacheKey]!.count
            for entity in resolved[cacheKey]! {
                facts.removeAll(keepingCapacity: true)
                guard data.holds(compiled.condition, entity, now: now, record: false, facts: &facts) else { continue }
                out.append(Firing(rule: index, entity: entity.ref, owner: RuleEvaluator.owner(entity, data: data)))
            }
        }
        return out
    }
}

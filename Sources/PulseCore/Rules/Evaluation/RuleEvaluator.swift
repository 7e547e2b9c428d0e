import Foundation

/// Evaluates rules over `EvaluationData` at a given `now`: one `RuleEvaluation` per (rule, entity) evaluated,
/// with a `RuleMatch` holding every fact its message needs when the condition holds. Pure and deterministic.
public struct RuleEvaluator: Sendable {
    /// A rule prepared once: its compiled condition and the template names its message reads.
    struct CompiledRule: Sendable {
        var rule: Rule
        var condition: CompiledCondition
        var variables: [String]
    }

    let rules: [CompiledRule]

    /// Disabled rules are skipped; conditions have refs already inlined (a remaining ref never holds).
    public init(rules: [Rule]) {
        self.rules = rules.filter(\.enabled).sorted { $0.id < $1.id }.map { rule in
            let m = rule.message
            var variables: [String] = []
            for template in [m.title].compactMap({ $0 }) + m.facts + m.why + m.actions + [m.impact].compactMap({ $0 }) {
                for name in MessageTemplate.variables(in: template) where !variables.contains(name) {
                    variables.append(name)
                }
            }
            if let impact = m.impactMetric, !variables.contains(impact) { variables.append(impact) }
            return CompiledRule(rule: rule, condition: CompiledCondition(rule.condition), variables: variables)
        }
    }

    /// Evaluates rules at `now`: for every entity of each rule's scope, or only `touched` ones when given;
    /// `scopes` limits which rule scopes run. Deterministic: sorted by rule id, then entity.
    public func evaluate(
        _ data: EvaluationData, now: Date, touched: Set<EntityRef>? = nil,
        scopes: Set<RuleScope> = Set(RuleScope.allCases)
    ) -> [RuleEvaluation] {
        var segmentIndexes: [[String]: [String: [Int32]]] = [:]
        var resolved: [String: [EvaluationEntity]] = [:]
        var out: [RuleEvaluation] = []
        for compiled in rules where scopes.contains(compiled.rule.scope) {
            let rule = compiled.rule
            let segmentBy = rule.scope == .segment ? rule.segmentBy : []
            let cacheKey = "\(rule.scope.rawValue)/\(segmentBy.joined(separator: ","))"
            if resolved[cacheKey] == nil {
                var segments: [String: [Int32]] = [:]
                if rule.scope == .segment {
                    if segmentIndexes[segmentBy] == nil { segmentIndexes[segmentBy] = data.segmentIndex(segmentBy) }
                    segments = segmentIndexes[segmentBy]!
                }
                let refs: [EntityRef]
                if let touched {
                    refs = touched.filter { $0.scope == rule.scope }.sorted()
                } else if rule.scope == .segment {
                    refs = segments.keys.sorted().map { EntityRef(.segment, $0) }
                } else {
                    refs = data.entities(of: rule.scope, segmentBy: segmentBy)
                }
                resolved[cacheKey] = refs.compactMap { data.resolve($0, segments: segments) }
            }
            for entity in resolved[cacheKey]! {
                out.append(
                    RuleEvaluation(
                        rule: rule.id, entity: entity.ref, now: now,
                        match: match(compiled, entity, data: data, now: now)))
            }
        }
        return out
    }

    /// The match of one rule on one entity, or nil when the condition does not hold.
    func match(_ compiled: CompiledRule, _ e: EvaluationEntity, data: EvaluationData, now: Date) -> RuleMatch? {
        var facts: [String: FactValue] = [:]
        guard data.holds(compiled.condition, e, now: now, record: false, facts: &facts) else { return nil }
        _ = data.holds(compiled.condition, e, now: now, record: true, facts: &facts)
        let rule = compiled.rule
        let name = data.entityName(e)
        let owner = Self.owner(e, data: data)
        facts["entity.name"] = .text(name)
        if let owner { facts["owner.name"] = .text(data.rep(owner)?.name ?? owner.rawValue) }
        facts["rule.title"] = .text(rule.title)
        facts["severity"] = .text(rule.severity.rawValue)
        facts["now"] = .date(now)
        for variable in compiled.variables where facts[variable] == nil {
            guard let key = CatalogueKey(rawValue: variable), key.entry.scopes.contains(e.scope),
                let value = data.value(key, e, now: now)
            else { continue }
            facts[variable] = value
        }
        var impact: Int64?
        if let metric = rule.message.impactMetric, case .money(let cents)? = facts[metric] { impact = cents }
        return RuleMatch(
            entityName: name, owner: owner, related: Self.related(e, data: data), facts: facts, impactCents: impact)
    }

    /// Deal or account owner, or the rep itself; nil for team, segment and tenant.
    static func owner(_ e: EvaluationEntity, data: EvaluationData) -> Rep.ID? {
        switch e.scope {
        case .deal: data.deals[Int(e.deal!)].owner
        case .account: data.accounts[Int(e.account!)].owner
        case .rep: data.reps[Int(e.rep!)].id
        case .team, .segment, .tenant: nil
        }
    }

    /// Related ids for routing and silences: account, deal, team, segment.
    static func related(_ e: EvaluationEntity, data: EvaluationData) -> [String: String] {
        var out: [String: String] = [:]
        switch e.scope {
        case .deal:
            let d = data.deals[Int(e.deal!)]
            out["deal"] = d.id.rawValue
            if let a = d.account { out["account"] = a.rawValue }
        case .account: out["account"] = e.ref.id
        case .segment: out["segment"] = e.ref.id
        case .rep, .team, .tenant: break
        }
        if let team = e.team { out["team"] = team }
        return out
    }
}

import Foundation

/// Writes an alert's text from its rule's message templates and the firing's facts, laid out like
/// sales-intelligence-design.md §3.2: title, entity, owner, the numbers, why it matters, actions, impact.
public enum AlertComposer {
    /// The alert text for one firing. Lines whose template names a value the firing lacks are left out; a title
    /// that cannot be filled falls back to the rule's title.
    public static func content(rule: Rule, match: RuleMatch, org: OrgChart, now: Date? = nil) -> AlertContent {
        let facts = templateFacts(rule: rule, match: match, org: org, now: now)
        func lines(_ templates: [String]) -> [String] {
            templates.compactMap { MessageTemplate.fill($0, facts: facts) }.filter { !$0.isEmpty }
        }
        let title = rule.message.title.flatMap { MessageTemplate.fill($0, facts: facts) }.flatMap {
            $0.isEmpty ? nil : $0
        }
        var ownerLine: String?
        var entityName = match.entityName
        if rule.scope == .rep {
            if let owner = match.owner, !entityName.contains(owner.rawValue) { entityName += " (\(owner.rawValue))" }
        } else if let owner = match.owner {
            ownerLine = "Rep: \(org.displayName(owner))"
        }
        return AlertContent(
            title: title ?? rule.title,
            entityLine: entityLine(scope: rule.scope, name: entityName),
            ownerLine: ownerLine,
            facts: lines(rule.message.facts),
            why: lines(rule.message.why),
            actions: lines(rule.message.actions),
            impact: rule.message.impact.flatMap { MessageTemplate.fill($0, facts: facts) }.flatMap {
                $0.isEmpty ? nil : $0
            })
    }

    /// The firing's facts plus the names every message may use: `entity.name`, `owner.name`, `rule.title`,
    /// `severity` and `now` (a fact of the same name from the evaluation wins).
    public static func templateFacts(rule: Rule, match: RuleMatch, org: OrgChart, now: Date?) -> [String: FactValue] {
        var facts = match.facts
        func add(_ name: String, _ value: FactValue?) {
            if facts[name] == nil, let value { facts[name] = value }
        }
        add("entity.name", .text(match.entityName))
        add("owner.name", match.owner.map { .text(org.rep($0)?.name ?? $0.rawValue) })
        add("rule.title", .text(rule.title))
        add("severity", .text(rule.severity.rawValue))
        add("now", now.map { .date($0) })
        return facts
    }

    /// "Deal: D04523 - Acme Corp", "Account: …", "Rep: …", "Team: …", "Segment: industry=EdTech", "Tenant: …".
    public static func entityLine(scope: RuleScope, name: String) -> String {
        "\(scope.rawValue.prefix(1).uppercased())\(scope.rawValue.dropFirst()): \(name)"
    }
}

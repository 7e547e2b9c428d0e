import Foundation

/// What a rule evaluates over: one alert per entity of this kind.
public enum RuleScope: String, Hashable, Sendable, Codable, CaseIterable {
    case deal, account, rep, team, segment, tenant

    /// The child scopes `count_where` may count from this scope.
    public var children: [RuleScope] {
        switch self {
        case .tenant: [.deal, .account, .rep]
        case .segment: [.deal]
        case .team: [.deal, .account, .rep]
        case .rep: [.deal, .account]
        case .account: [.deal]
        case .deal: []
        }
    }
}

/// One evaluated thing: a deal, an account, a rep, a team (by name), a segment (by its key) or the tenant.
public struct EntityRef: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var scope: RuleScope
    /// Deal / account / rep id, team name, segment key (`industry=EdTech|region=EMEA`) or tenant id.
    public var id: String

    public init(_ scope: RuleScope, _ id: String) {
        self.scope = scope
        self.id = id
    }

    /// `deal:D04523`.
    public var description: String { "\(scope.rawValue):\(id)" }

    /// Parses `deal:D04523`.
    public init?(parsing text: String) {
        guard let colon = text.firstIndex(of: ":"), let scope = RuleScope(rawValue: String(text[..<colon])) else {
            return nil
        }
        self.init(scope, String(text[text.index(after: colon)...]))
    }

    public static func < (lhs: EntityRef, rhs: EntityRef) -> Bool {
        (lhs.scope.rawValue, lhs.id) < (rhs.scope.rawValue, rhs.id)
    }
}

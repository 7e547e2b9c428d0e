import PulseCore

/// The rules loaded from the built-in pack and a rules directory, with every problem found on the way.
/// A rule with an error is left out; every other rule is in `rules`.
public struct RuleSet: Sendable {
    /// A user rule that replaced a built-in rule with the same id.
    public struct Override: Hashable, Sendable {
        public var id: Rule.ID
        /// Source of the built-in rule that was replaced (`builtin:stalled-deal.yaml`).
        public var replaced: String
        /// Source of the user rule that replaced it.
        public var by: String
    }

    /// Loaded rules, built-in pack first (user overrides in place of the rule they replace), then user files,
    /// each in file-name order and file order; `ref:` conditions are inlined.
    public var rules: [Rule]
    /// Errors and warnings, in file order then line order.
    public var errors: [RuleFileError]
    public var overrides: [Override]
    /// Every file read, by its source name, in load order.
    public var files: [String]

    public init(rules: [Rule] = [], errors: [RuleFileError] = [], overrides: [Override] = [], files: [String] = []) {
        self.rules = rules
        self.errors = errors
        self.overrides = overrides
        self.files = files
    }

    /// True when any problem is an error rather than a warning.
    public var hasErrors: Bool { errors.contains { !$0.isWarning } }

    /// Rules that came from the built-in pack (not overridden).
    public var builtInCount: Int { rules.filter { $0.source.hasPrefix(RuleLoader.builtInPrefix) }.count }

    /// Rules that came from user files.
    public var userCount: Int { rules.count - builtInCount }
}

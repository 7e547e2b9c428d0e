/// The text of one rule file and the name messages use for it (a path, or `builtin:<file>`).
public struct RuleSource: Hashable, Sendable {
    public var name: String
    public var text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}

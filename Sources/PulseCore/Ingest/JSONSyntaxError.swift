/// A line that is not valid JSON: what was wrong and at which 1-based byte column.
public struct JSONSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public var column: Int
    public var problem: String

    public init(column: Int, problem: String) {
        self.column = column
        self.problem = problem
    }

    public var description: String { "not valid JSON: \(problem) at column \(column)" }
}

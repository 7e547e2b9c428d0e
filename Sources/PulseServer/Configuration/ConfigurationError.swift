/// A configuration problem, with where it came from (file:line:column, environment variable or flag) and what to do.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable, Equatable {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

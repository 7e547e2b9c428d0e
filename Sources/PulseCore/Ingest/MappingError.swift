/// A CSV mapping that cannot be used: unknown field, bad date format, missing columns, wrong delimiter…
public struct MappingError: Error, Hashable, Sendable, CustomStringConvertible {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

import Foundation

/// A malformed pandas export: which file, line and field, and why.
public struct PandasExportError: Error, CustomStringConvertible, Sendable, Equatable {
    public var code: String
    public var file: String
    public var line: Int
    public var field: String
    public var message: String

    /// A field-level error.
    static func field(_ file: String, _ line: Int, _ field: String, _ reason: String) -> PandasExportError {
        PandasExportError(
            code: "export.field", file: file, line: line, field: field,
            message: "\(file):\(line): field '\(field)' \(reason); re-create the export with pandas_metrics.py --export"
        )
    }

    public var description: String { message }
}

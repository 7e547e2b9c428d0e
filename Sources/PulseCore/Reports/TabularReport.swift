/// A reporting endpoint's result: encodable as JSON and viewable as a table for CSV export.
public protocol TabularReport: Encodable, Sendable {
    /// The rows CSV export writes.
    var table: ReportTable { get }
}

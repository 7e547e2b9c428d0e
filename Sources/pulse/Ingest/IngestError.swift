/// Why an ingest run stopped before writing anything: a sentence naming the file, line and field, and what to do.
struct IngestError: Error, CustomStringConvertible, Sendable {
    var code: String
    var message: String

    var description: String { message }

    static func fileNotFound(_ path: String) -> IngestError {
        IngestError(code: "file_not_found", message: "\(path): no such file. Check the path; nothing was written.")
    }

    static func unreadable(_ path: String, _ reason: String) -> IngestError {
        IngestError(code: "file_unreadable", message: "\(path): cannot be read (\(reason)); nothing was written.")
    }
}

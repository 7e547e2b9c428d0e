import Foundation

/// Failures of `pulse demo`, each with a code and a sentence saying what went wrong, where, and what to do.
struct DemoError: Error, CustomStringConvertible, Sendable {
    var code: String
    var message: String

    var description: String { message }

    static func cannotWrite(_ path: String, reason: String) -> DemoError {
        DemoError(
            code: "demo_unwritable",
            message: "Cannot write \(path): \(reason). Choose a writable folder (e.g. --export /tmp/pulse-demo).")
    }

    static func quarantined(_ count: Int, report: String) -> DemoError {
        DemoError(
            code: "demo_quarantine",
            message: "The generated demo data had \(count) quarantined rows, which is a bug in the demo generator. "
                + "Ingest summary:\n\(report)")
    }
}

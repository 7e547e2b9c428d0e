import ArgumentParser
import Foundation
import PulseCore
import PulseStore

/// `pulse quarantine`: lists the rows the data-quality gates refused, or with `--corrections` the values they fixed.
struct QuarantineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quarantine",
        abstract: "List rows the data-quality gates refused (or, with --corrections, fixed on their own).",
        discussion: "Newest ingest first. Each row shows where it came from (source:line), the field, "
            + "the gate that refused it and why."
    )

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("Only rows from this source file (name or path).", valueName: "file"))
    var source: String?

    @Option(help: ArgumentHelp("Show at most this many rows.", valueName: "n"))
    var limit: Int = 100

    @Flag(help: "Print one JSON object per line instead of a table.")
    var json = false

    @Flag(help: "List the gates' automatic corrections instead of quarantined rows.")
    var corrections = false

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be a positive number of rows; got \(limit).") }
    }

    func run() async throws {
        let output = try await render(from: store.openStore())
        print(output, terminator: "")
    }

    /// The command's whole output for `store`, ending in a newline unless empty.
    func render(from store: any PulseStore) async throws -> String {
        if corrections {
            // Corrections carry no source index, so filter here and only then apply the limit.
            var rows = try await store.corrections(limit: source == nil ? limit : .max)
            if let source { rows = rows.filter { Self.source($0.source, matches: source) } }
            return json
                ? Self.jsonLines(Array(rows.prefix(limit))) : Self.table(Array(rows.prefix(limit)), limit: limit)
        }
        let rows = try await store.quarantine(source: source, limit: limit)
        return json ? Self.jsonLines(rows) : Self.table(rows, limit: limit)
    }

    /// Quarantined rows as an aligned table `source:line  field  gate  reason`.
    static func table(_ rows: [QuarantineRecord], limit: Int) -> String {
        guard !rows.isEmpty else { return "No quarantined rows.\n" }
        let lines = rows.map { ["\($0.source):\($0.line)", $0.field ?? "-", $0.gate.rawValue, $0.reason] }
        return aligned([["SOURCE:LINE", "FIELD", "GATE", "REASON"]] + lines) + moreHint(rows.count, limit: limit)
    }

    /// Corrections as an aligned table `source:line  record  field  from → to  reason`.
    static func table(_ rows: [Correction], limit: Int) -> String {
        guard !rows.isEmpty else { return "No corrections recorded.\n" }
        let lines = rows.map { ["\($0.source):\($0.line)", $0.recordID, $0.field, "\($0.from) → \($0.to)", $0.reason] }
        return aligned([["SOURCE:LINE", "RECORD", "FIELD", "CHANGE", "REASON"]] + lines)
            + moreHint(rows.count, limit: limit)
    }

    /// One JSON object per line, keys sorted.
    static func jsonLines<Row: Encodable>(_ rows: [Row]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return rows.map { row in
            // Encoding plain strings and numbers cannot fail.
            String(decoding: try! encoder.encode(row), as: UTF8.self) + "\n"
        }.joined()
    }

    /// Rows of cells padded so that columns line up, two spaces apart; the last column is not padded.
    static func aligned(_ rows: [[String]]) -> String {
        let rows = rows.map { $0.map { $0.replacingOccurrences(of: "\n", with: " ") } }
        guard let columns = rows.first?.count else { return "" }
        var widths = Array(repeating: 0, count: columns)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == columns - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ") + "\n"
        }.joined()
    }

    private static func moreHint(_ count: Int, limit: Int) -> String {
        count < limit ? "" : "(first \(limit) rows; pass --limit to see more)\n"
    }

    /// The store's rule for `--source`: the same path, the same file name, or a path ending in `/name`.
    static func source(_ stored: String, matches wanted: String) -> Bool {
        stored == wanted || stored == URL(fileURLWithPath: wanted).lastPathComponent || stored.hasSuffix("/" + wanted)
    }
}

/// A plain-text table with aligned columns (left for text, right for numbers), for terminal summaries.
struct DemoTextTable: Sendable {
    /// Column alignment.
    enum Alignment: Sendable { case left, right }

    var headers: [String]
    var alignments: [Alignment]
    var rows: [[String]] = []

    init(_ columns: [(String, Alignment)]) {
        headers = columns.map(\.0)
        alignments = columns.map(\.1)
    }

    mutating func add(_ row: [String]) { rows.append(row) }

    /// The table as lines, each indented by `indent` spaces. `style` decorates a cell after padding
    /// (used for colour, which must not count towards the width).
    func render(indent: Int = 2, style: (_ row: Int, _ column: Int, _ padded: String) -> String = { $2 }) -> [String] {
        let widths = headers.indices.map { c in
            ([headers[c]] + rows.map { c < $0.count ? $0[c] : "" }).map(\.count).max() ?? 0
        }
        let pad = String(repeating: " ", count: indent)
        func line(_ cells: [String], row: Int?) -> String {
            let parts = headers.indices.map { c -> String in
                let text = c < cells.count ? cells[c] : ""
                let fill = String(repeating: " ", count: widths[c] - text.count)
                let padded = alignments[c] == .left ? text + fill : fill + text
                return row.map { style($0, c, padded) } ?? padded
            }
            var joined = pad + parts.joined(separator: "  ")
            while joined.last == " " { joined.removeLast() }
            return joined
        }
        return [line(headers, row: nil)] + rows.enumerated().map { line($1, row: $0) }
    }
}

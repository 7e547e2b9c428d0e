import Foundation

/// Assigns first-seen codes to labels, then re-codes them in byte order.
struct Interner {
    private var codes: [String: Int32] = [:]
    private var labels: [String] = []

    mutating func code(_ label: String) -> Int32 {
        if let code = codes[label] { return code }
        let code = Int32(labels.count)
        codes[label] = code
        labels.append(label)
        return code
    }

    /// Labels sorted by UTF-8 bytes, and old code → new code.
    func sorted() -> (labels: [String], remap: [Int32]) {
        let order = labels.indices.sorted { labels[$0].utf8.lexicographicallyPrecedes(labels[$1].utf8) }
        var remap = [Int32](repeating: -1, count: labels.count)
        for (new, old) in order.enumerated() { remap[old] = Int32(new) }
        return (order.map { labels[$0] }, remap)
    }

    static func remap(_ column: inout ContiguousArray<Int32>, _ remap: [Int32]) {
        for i in column.indices where column[i] >= 0 { column[i] = remap[Int(column[i])] }
    }
}

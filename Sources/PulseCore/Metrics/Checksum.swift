import Foundation

/// The reference's checksum line formats: n, sum and position-weighted sum of a column.
public enum Checksum {
    /// Floats with 12 significant digits ("%.12g"), missing as "nan".
    public static func format(_ x: Double?) -> String {
        guard let x, !x.isNaN else { return "nan" }
        return String(format: "%.12g", x)
    }

    static func value(_ name: String, _ x: Double?) -> String { "value  \(name) = \(format(x))" }

    static func shape(_ name: String, _ rows: Int, _ columns: Int, _ keys: String) -> String {
        "shape  \(name)  \(rows) x \(columns)  (sorted by \(keys))"
    }

    static func intSums(_ values: [Int]) -> String {
        var sum = 0
        var wsum = 0
        for (i, v) in values.enumerated() {
            sum += v
            wsum += (i + 1) * v
        }
        return "n=\(values.count) sum=\(sum) wsum=\(wsum)"
    }

    static func ints(_ name: String, _ values: [Int]) -> String { "check  \(name)  \(intSums(values))" }

    static func floats(_ name: String, _ values: [Double?]) -> String {
        var n = 0
        var sum = 0.0
        var wsum = 0.0
        for (i, v) in values.enumerated() {
            guard let v, !v.isNaN else { continue }
            n += 1
            sum += v
            wsum += Double(i + 1) * v
        }
        return "check  \(name)  n=\(n) sum=\(format(sum)) wsum=\(format(wsum))"
    }

    static func matrix(_ name: String, _ cells: [Int]) -> String {
        "check  \(name)[all cells]  \(intSums(cells))  max=\(cells.max() ?? 0)"
    }

    /// True when two checksum lines agree: the same words, numbers equal within `tolerance` (relative).
    public static func linesMatch(_ a: String, _ b: String, tolerance: Double = 1e-9) -> Bool {
        let x = tokens(a)
        let y = tokens(b)
        guard x.count == y.count else { return false }
        for (p, q) in zip(x, y) where p != q {
            guard let u = Double(p), let v = Double(q) else { return false }
            if u.isNaN && v.isNaN { continue }
            if abs(u - v) > tolerance * max(abs(u), abs(v)) { return false }
        }
        return true
    }

    private static func tokens(_ line: String) -> [String] {
        var out: [String] = []
        var current = ""
        for ch in line {
            if ch == " " || ch == "=" || ch == "," || ch == "[" || ch == "]" {
                if !current.isEmpty { out.append(current) }
                current = ""
                if ch != " " { out.append(String(ch)) }
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }
}

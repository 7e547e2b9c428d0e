import Foundation

/// A benchmark failure with a sentence saying what went wrong.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The timing lines of pandas_metrics.py's output.
struct PandasTimings {
    var load: Double?
    /// [min, median] with --repeat > 1, else [run 1].
    var totalCompute: [Double]?
    var peakRSS: String?

    init(output: String) {
        for line in output.split(separator: "\n") {
            let words = line.split(separator: " ")
            if line.hasPrefix("  load ") || line.hasPrefix("  generate ") {
                load = words.last.flatMap { Double($0) }
            } else if line.hasPrefix("  total compute") {
                let numbers = words.dropFirst(2).compactMap { Double($0) }
                totalCompute = numbers.count == 3 ? [numbers[1], numbers[2]] : numbers
            } else if line.hasPrefix("peak RSS") {
                peakRSS = String(line.dropFirst("peak RSS (getrusage): ".count))
            }
        }
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let c = components
        return Double(c.seconds) + Double(c.attoseconds) / 1e18
    }
}

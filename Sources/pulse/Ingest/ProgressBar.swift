import Foundation

/// A one-line progress bar on stderr for big files (only drawn on a terminal, after a few thousand rows).
struct ProgressBar {
    let name: String
    let totalBytes: Int
    let enabled: Bool
    /// Rows read before the bar appears.
    static let threshold = 5_000
    private var lastDrawnPercent = -1
    private var drawn = false

    init(name: String, totalBytes: Int, enabled: Bool) {
        self.name = name
        self.totalBytes = max(totalBytes, 1)
        self.enabled = enabled
    }

    /// Redraws when the percentage changed.
    mutating func update(bytes: Int, rows: Int) {
        guard enabled, rows >= Self.threshold else { return }
        let percent = min(100, bytes * 100 / totalBytes)
        guard percent != lastDrawnPercent else { return }
        lastDrawnPercent = percent
        drawn = true
        let width = 30
        let filled = percent * width / 100
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        FileHandle.standardError.write(Data("\r\(bar) \(percent)% \(name) \(grouped(rows)) rows".utf8))
    }

    /// Ends the bar's line.
    mutating func finish() {
        guard drawn else { return }
        FileHandle.standardError.write(Data("\n".utf8))
        drawn = false
    }
}

/// `1234567` → "1,234,567".
func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var result = ""
    for (index, character) in digits.enumerated() {
        if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
        result.append(character)
    }
    return (value < 0 ? "-" : "") + result
}

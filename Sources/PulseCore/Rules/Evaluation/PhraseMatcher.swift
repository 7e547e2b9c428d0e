import Foundation

/// Case-insensitive whole-word phrase search over activity text: "ROI" matches "the ROI case" and "ROI," but
/// not "heroic"; "budget approved" matches across any run of spaces between the words.
struct PhraseMatcher: Hashable, Sendable {
    /// Each phrase as lower-cased words (UTF-8), with its original text.
    struct Phrase: Hashable, Sendable {
        var text: String
        var words: [[UInt8]]
    }

    var phrases: [Phrase]

    init(_ phrases: [String]) {
        self.phrases = phrases.compactMap { text in
            let words = text.lowercased().split(whereSeparator: { $0.isWhitespace }).map { Array($0.utf8) }
            return words.isEmpty ? nil : Phrase(text: text, words: words)
        }
    }

    /// Lower-cased UTF-8 of a text (ASCII folded byte-wise; other scripts through `lowercased()`).
    static func fold(_ text: String) -> [UInt8] {
        var bytes = Array(text.utf8)
        var ascii = true
        for i in bytes.indices {
            let b = bytes[i]
            if b >= 0x80 {
                ascii = false
                break
            }
            if b >= 0x41 && b <= 0x5A { bytes[i] = b + 32 }
        }
        return ascii ? bytes : Array(text.lowercased().utf8)
    }

    /// A byte that belongs to a word: ASCII letters and digits, and every non-ASCII byte.
    @inline(__always) static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || b >= 0x80
    }

    /// The first phrase (in order) found in `text`, with the byte offset of the hit.
    func firstMatch(in text: [UInt8]) -> (phrase: String, offset: Int)? {
        for p in phrases {
            if let offset = Self.find(p.words, in: text) { return (p.text, offset) }
        }
        return nil
    }

    /// Offset of the first whole-word occurrence of the words (separated by whitespace runs), or nil.
    static func find(_ words: [[UInt8]], in text: [UInt8]) -> Int? {
        let first = words[0]
        let n = text.count
        guard let head = first.first, first.count <= n else { return nil }
        var i = 0
        while i + first.count <= n {
            defer { i += 1 }
            guard text[i] == head else { continue }
            if i > 0 && isWordByte(text[i - 1]) { continue }
            var j = i
            var ok = true
            for (w, word) in words.enumerated() {
                if w > 0 {
                    // At least one whitespace byte between words.
                    var k = j
                    while k < n, text[k] == 0x20 || text[k] == 0x0A || text[k] == 0x09 || text[k] == 0x0D { k += 1 }
                    if k == j {
                        ok = false
                        break
                    }
                    j = k
                }
                guard j + word.count <= n else {
                    ok = false
                    break
                }
                for (m, b) in word.enumerated() where text[j + m] != b {
                    ok = false
                    break
                }
                if !ok { break }
                j += word.count
            }
            guard ok else { continue }
            if j < n && isWordByte(text[j]) && isWordByte(text[j - 1]) { continue }
            return i
        }
        return nil
    }

    /// Up to `limit` characters of `text` around the byte offset of a hit, with "…" where cut.
    static func excerpt(_ text: String, aroundByte offset: Int, limit: Int = 120) -> String {
        let chars = Array(text)
        guard chars.count > limit else { return text.trimmingCharacters(in: .whitespacesAndNewlines) }
        // Character index of the byte offset.
        var bytes = 0
        var at = 0
        for (i, c) in chars.enumerated() {
            if bytes >= offset {
                at = i
                break
            }
            bytes += c.utf8.count
            at = i
        }
        let room = limit - 2
        var start = max(0, at - room / 3)
        let end = min(chars.count, start + room)
        start = max(0, end - room)
        var s = String(chars[start..<end]).trimmingCharacters(in: .whitespacesAndNewlines)
        if start > 0 { s = "…" + s }
        if end < chars.count { s += "…" }
        return s
    }
}

/// Finds the closest known name to a misspelt one ("deal.upsert" → "deal.upserted").
public enum NameSuggestion {
    /// The candidate with the smallest edit distance, if it is close enough to be a plausible typo.
    public static func nearest(to input: String, in candidates: [String]) -> String? {
        let lowered = input.lowercased()
        if lowered.count >= 3 {
            let extensions = candidates.filter { $0.lowercased().hasPrefix(lowered) && $0.count > lowered.count }
            if let shortest = extensions.min(by: { $0.count < $1.count }) { return shortest }
        }
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, candidate.lowercased())
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best else { return nil }
        let limit = max(2, min(lowered.count, best.name.count) / 3)
        return best.distance <= limit ? best.name : nil
    }

    /// Levenshtein distance between two strings, by characters.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

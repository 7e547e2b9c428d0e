/// Names segments from their centroids in standard units: the words of the two features farthest from the mean
/// ("high usage / low support"), a third word — then a number — where names would collide.
public enum SegmentNamer {
    /// A feature nearer the mean than this many standard deviations does not name a segment.
    public static let minimumDistinctiveness = 0.25

    /// Names for `centroids` (one `[z]` per segment, parallel to `features`), unique, in the same order.
    public static func names(centroids: [[Double]], features: [EngagementFeature]) -> [String] {
        let words: [[String]] = centroids.map { z in
            features.indices
                .filter { abs(z[$0]) >= minimumDistinctiveness }
                .sorted { (abs(z[$0]), -$0) > (abs(z[$1]), -$1) }
                .map { features[$0].word(high: z[$0] > 0) }
        }
        func name(_ i: Int, words count: Int) -> String {
            words[i].isEmpty ? "average engagement" : words[i].prefix(count).joined(separator: " / ")
        }
        var names = centroids.indices.map { name($0, words: 2) }
        if Set(names).count < names.count {
            let collided = Set(
                Dictionary(grouping: names.indices, by: { names[$0] }).filter { $0.value.count > 1 }.keys)
            for i in names.indices where collided.contains(names[i]) { names[i] = name(i, words: 3) }
        }
        var seen: [String: Int] = [:]
        for name in names { seen[name, default: 0] += 1 }
        var numbered: [String: Int] = [:]
        for i in names.indices where seen[names[i]]! > 1 {
            numbered[names[i], default: 0] += 1
            names[i] += " (\(numbered[names[i]]!))"
        }
        return names
    }
}

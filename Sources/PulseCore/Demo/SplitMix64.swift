/// A small seedable pseudo-random generator (SplitMix64): the same seed gives the same numbers on every machine.
///
/// Only integer arithmetic and exactly rounded floating-point operations are used, never `Int.random` or libm.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    /// The internal state; advancing it by the golden-ratio increment yields the next output.
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// An independent stream for entity `index` of `domain`, so each entity can be generated on its own.
    public init(seed: UInt64, domain: UInt64, index: UInt64) {
        var mixer = SplitMix64(seed: seed ^ (domain &* 0x9E37_79B9_7F4A_7C15))
        let base = mixer.next()
        var stream = SplitMix64(seed: base ^ (index &* 0xD1B5_4A32_D192_ED03))
        _ = stream.next()
        self = stream
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in [0, 1) with 53 random bits.
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A uniform integer in `range` (empty ranges are a programming error).
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) &+ 1
        if span == 0 { return Int(truncatingIfNeeded: next()) }
        return range.lowerBound + Int(next() % span)
    }

    /// A uniform index in `0..<count`.
    public mutating func index(_ count: Int) -> Int { int(0...(count - 1)) }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// A uniformly chosen element of a non-empty array.
    public mutating func pick<T>(_ items: [T]) -> T { items[index(items.count)] }

    /// An element chosen with the given relative weights (same length as `items`, not all zero).
    public mutating func pick<T>(_ items: [T], weights: [Double]) -> T {
        let total = weights.reduce(0, +)
        var target = unit() * total
        for (item, weight) in zip(items, weights) {
            if target < weight { return item }
            target -= weight
        }
        return items[items.count - 1]
    }

    /// A binomial count: `trials` independent draws that each succeed with probability `p`.
    public mutating func binomial(trials: Int, p: Double) -> Int {
        var hits = 0
        for _ in 0..<max(0, trials) where unit() < p { hits += 1 }
        return hits
    }
}

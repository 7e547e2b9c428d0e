import Testing

@testable import PulseCore

/// Segment names from centroids in standard units.
@Suite struct SegmentNamerTests {
    let features: [EngagementFeature] = [.eventsPerSeat, .usageTrend, .tickets, .tenure]

    @Test func theTwoFeaturesFarthestFromTheMeanNameASegment() {
        let names = SegmentNamer.names(
            centroids: [
                [1.8, 0.1, -1.2, 0.3],  // usage far above, tickets below
                [-0.4, -1.5, 1.1, 0.2],  // trend far below, tickets above
                [-0.5, 0.3, 0.0, -2.0],  // tenure far below, usage a little below
            ], features: features)
        #expect(names == ["high usage / low support", "declining usage / many tickets", "new / low usage"])
    }

    @Test func aCollisionAddsAThirdWordThenANumber() {
        let names = SegmentNamer.names(
            centroids: [
                [1.8, 0.0, -1.2, 0.9],
                [1.5, 0.0, -1.0, -0.6],
                [1.5, 0.0, -1.0, 0.0],
                [1.4, 0.0, -1.1, 0.0],
            ], features: features)
        #expect(names[0] == "high usage / low support / established")
        #expect(names[1] == "high usage / low support / new")
        #expect(names[2] == "high usage / low support (1)")
        #expect(names[3] == "high usage / low support (2)")
        #expect(Set(names).count == 4)
    }

    @Test func aCentroidNearTheMeanOnEveryFeatureIsAverage() {
        let names = SegmentNamer.names(
            centroids: [[0.1, -0.2, 0.0, 0.1], [2.0, 0.1, 0.1, 0.0]], features: features)
        #expect(names == ["average engagement", "high usage"])
    }
}

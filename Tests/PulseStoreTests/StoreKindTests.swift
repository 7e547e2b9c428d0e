import Testing

@testable import PulseStore

@Test func storeCountsDefaultToZero() {
    #expect(StoreCounts(byTable: [:])["deals"] == 0)
}

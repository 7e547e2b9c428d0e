import Foundation
import Testing

@testable import PulseCore

@Test func wholeDaysRoundTowardsMinusInfinity() {
    let start = Date(timeIntervalSince1970: 0)
    #expect(Days.between(start, Date(timeIntervalSince1970: 86_399)) == 0)
    #expect(Days.between(start, Date(timeIntervalSince1970: 86_400)) == 1)
    #expect(Days.between(start, Date(timeIntervalSince1970: -1)) == -1)
}

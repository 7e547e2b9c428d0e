import PulseCore
import Testing

@Test(arguments: [
    (FactUnit.fraction, 0.385, "38.5%"),
    (.percentChange, -40, "−40%"),
    (.percentChange, 24.04, "+24%"),
    (.points, -0.061, "−6.1 pts"),
    (.points, 0.21, "+21 pts"),
    (.ratio, 1.344, "1.34x"),
    (.score, 0.048, "0.048"),
    (.days, 21, "21"),
])
func factsPrintInTheirUnit(unit: FactUnit, value: Double, text: String) {
    #expect(unit.format(value) == text)
}

import Foundation
import Testing

@testable import PulseCore

@Suite struct CalibratorFittingTests {
    @Test func isotonicPoolsViolatorsIntoASteadilyRisingStep() {
        let calibrator = Calibrator.fitIsotonic(scores: [1, 2, 3, 4], labels: [false, true, false, true])
        #expect(calibrator == .isotonic(thresholds: [1, 2, 3, 4], values: [0, 0.5, 0.5, 1]))
        #expect(calibrator.probability(rawScore: 2.5) == 0.5)
        #expect(calibrator.probability(rawScore: 3.5) == 0.75)
    }

    @Test func isotonicOutputNeverFallsAsTheScoreRises() {
        var rng = SplitMix64(seed: 11)
        let scores = (0..<3000).map { _ in rng.unit() * 8 - 4 }
        let labels = scores.map { rng.chance(1 / (1 + exp(-$0))) }
        let calibrator = Calibrator.fitIsotonic(scores: scores, labels: labels)
        var previous = 0.0
        for step in 0...400 {
            let p = calibrator.probability(rawScore: -5 + Double(step) / 40)
            #expect(p >= previous)
            #expect(p >= 0 && p <= 1)
            previous = p
        }
        #expect(calibrator.probability(rawScore: -4) < 0.1)
        #expect(calibrator.probability(rawScore: 4) > 0.9)
    }

    @Test func plattRecoversAKnownSlopeAndOffset() throws {
        var rng = SplitMix64(seed: 12)
        let scores = (0..<20000).map { _ in rng.unit() * 8 - 4 }
        let labels = scores.map { rng.chance(1 / (1 + exp(-(2 * $0 - 1)))) }
        guard case .platt(let a, let b) = Calibrator.fitPlatt(scores: scores, labels: labels) else {
            Issue.record("not a Platt calibrator")
            return
        }
        #expect(abs(a - 2) < 0.15)
        #expect(abs(b + 1) < 0.15)
    }

    @Test func nothingToFitFallsBackToThePlainSigmoid() {
        #expect(Calibrator.fitPlatt(scores: [1, 2], labels: [true, true]) == .sigmoid)
        #expect(Calibrator.fitIsotonic(scores: [], labels: []) == .sigmoid)
    }
}

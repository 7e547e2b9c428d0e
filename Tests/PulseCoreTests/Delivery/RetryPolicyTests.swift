import Foundation
import PulseCore
import Testing

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(maxAttempts: 5, baseDelay: 2, maxDelay: 60)

    @Test func theCeilingDoublesAfterEachFailureUpToTheCap() {
        #expect((1...7).map { policy.ceiling(afterAttempt: $0) } == [2, 4, 8, 16, 32, 60, 60])
        #expect(policy.ceiling(afterAttempt: 500) == 60)
    }

    @Test func everyDelayLiesInTheUpperHalfOfItsCeilingInWholeSeconds() {
        var generator = SplitMix64(seed: 7)
        for attempt in 1...10 {
            for _ in 0..<50 {
                let delay = policy.delay(afterAttempt: attempt, using: &generator)
                let ceiling = policy.ceiling(afterAttempt: attempt)
                #expect(delay >= max(1, ceiling / 2) && delay <= ceiling)
                #expect(delay == delay.rounded())
            }
        }
    }

    @Test func theJitterIsReproducibleWithTheSameSeedAndVariesBetweenDraws() {
        var first = SplitMix64(seed: 42)
        var second = SplitMix64(seed: 42)
        let a = (0..<20).map { _ in policy.delay(afterAttempt: 6, using: &first) }
        let b = (0..<20).map { _ in policy.delay(afterAttempt: 6, using: &second) }
        #expect(a == b)
        #expect(Set(a).count > 5)
    }

    @Test func aMessageIsExhaustedAfterMaxAttempts() {
        #expect(!policy.isExhausted(attempts: 4))
        #expect(policy.isExhausted(attempts: 5))
        #expect(RetryPolicy(maxAttempts: 0, baseDelay: 1, maxDelay: 1).maxAttempts == 1)
    }
}

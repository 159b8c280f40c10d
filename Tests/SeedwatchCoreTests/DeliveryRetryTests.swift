import Foundation
import SeedwatchCore
import Testing

@Suite("Output delivery: back-off, jitter, Retry-After, give-up")
struct DeliveryRetryTests {
    let retry = DeliveryRetry(baseSeconds: 2, capSeconds: 3600, giveUpAfterSeconds: 86_400)
    let started = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func stepsDoubleUpToTheCap() {
        #expect((1...13).map { retry.step(afterAttempts: $0) }
            == [2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 3600, 3600])
        #expect(retry.step(afterAttempts: 500) == 3600)
    }

    @Test func jitterSpreadsEachStepBetweenHalfAndWhole() {
        let now = started.addingTimeInterval(100)
        #expect(retry.next(afterAttempts: 3, started: started, now: now, random: 0) == .retry(at: now.addingTimeInterval(4)))
        #expect(retry.next(afterAttempts: 3, started: started, now: now, random: 0.5) == .retry(at: now.addingTimeInterval(6)))
        #expect(retry.next(afterAttempts: 3, started: started, now: now, random: 1) == .retry(at: now.addingTimeInterval(8)))
    }

    @Test func retryAfterWinsWhenItAsksForLonger() {
        let now = started.addingTimeInterval(100)
        #expect(retry.next(afterAttempts: 1, started: started, now: now, retryAfter: now.addingTimeInterval(120), random: 1)
            == .retry(at: now.addingTimeInterval(120)))
        #expect(retry.next(afterAttempts: 5, started: started, now: now, retryAfter: now.addingTimeInterval(1), random: 0)
            == .retry(at: now.addingTimeInterval(16)))
    }

    @Test func theLastAttemptIsAtTheDeadlineThenItGivesUp() {
        let nearEnd = started.addingTimeInterval(86_400 - 10)
        #expect(retry.next(afterAttempts: 20, started: started, now: nearEnd, random: 1) == .retry(at: started.addingTimeInterval(86_400)))
        #expect(retry.next(afterAttempts: 21, started: started, now: started.addingTimeInterval(86_400), random: 0) == .giveUp)
    }
}

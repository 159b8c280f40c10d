import Foundation
import SeedwatchCore
import Testing

/// `seedwatch alerts --since` and `seedwatch digest --since` (``AlertQueryTerms/since(_:now:)``).
@Suite("--since reads durations, dates and RFC 3339 times, and refuses a bare number")
struct AlertQuerySinceTests {
    static let now = Date(timeIntervalSince1970: 1_796_637_600)  // 2026-12-07T10:00:00Z

    @Test func durationsDatesAndTimes() throws {
        #expect(try AlertQueryTerms.since("90m", now: Self.now) == Self.now.addingTimeInterval(-5400))
        #expect(try AlertQueryTerms.since("2026-12-06", now: Self.now) == Date(timeIntervalSince1970: 1_796_515_200))
        #expect(try AlertQueryTerms.since("2026-12-06T00:00:00Z", now: Self.now) == Date(timeIntervalSince1970: 1_796_515_200))
    }

    /// `--since 2026` was read as 2026 seconds: the analyst who meant the year was shown the last
    /// 34 minutes, with no word of it.
    @Test func aBareNumberIsRefusedNotReadAsSeconds() throws {
        let refusal = #expect(throws: AlertQueryTerms.Refusal.self) { try AlertQueryTerms.since("2026", now: Self.now) }
        #expect(refusal?.description == "--since takes a duration (90m, 2h, 3d), a date (2026-12-06) or an RFC 3339 time, got '2026': "
            + "a number needs a unit (2026s, 2026m, 2026h, 2026d), and a year or a day is written as a date")
        #expect(throws: AlertQueryTerms.Refusal.self) { try AlertQueryTerms.since("90", now: Self.now) }
        #expect(throws: AlertQueryTerms.Refusal.self) { try AlertQueryTerms.since("1.5", now: Self.now) }
    }
}

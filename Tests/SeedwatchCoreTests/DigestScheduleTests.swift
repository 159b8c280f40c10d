import Foundation
import SeedwatchCore
import Testing

@Suite("Digest schedule")
struct DigestScheduleTests {
    static func at(_ text: String) -> Date { AlertTimestamp.parse(text)! }
    static let utc = TimeZone(identifier: "UTC")!

    @Test func hourlyPeriodsAreClockHours() {
        let s = DigestSchedule(period: .hourly, timeZone: Self.utc)
        #expect(s.boundary(atOrBefore: Self.at("2026-12-06T09:59:59Z")) == Self.at("2026-12-06T09:00:00Z"))
        #expect(s.boundary(atOrBefore: Self.at("2026-12-06T10:00:00Z")) == Self.at("2026-12-06T10:00:00Z"))
        #expect(s.boundary(after: Self.at("2026-12-06T10:00:00Z")) == Self.at("2026-12-06T11:00:00Z"))
        #expect(s.name == "hourly")
    }

    @Test func dailyPeriodsStartAtDigestTime() {
        let s = DigestSchedule(period: .daily(hour: 7, minute: 0), timeZone: Self.utc)
        #expect(s.boundary(atOrBefore: Self.at("2026-12-06T06:59:59Z")) == Self.at("2026-12-05T07:00:00Z"))
        #expect(s.boundary(atOrBefore: Self.at("2026-12-06T07:00:00Z")) == Self.at("2026-12-06T07:00:00Z"))
        #expect(s.boundary(after: Self.at("2026-12-06T07:00:00Z")) == Self.at("2026-12-07T07:00:00Z"))
    }

    /// 07:00 in Berlin is 06:00 UTC in winter and 05:00 UTC in summer; the day of the change
    /// (29 March 2026) is 23 hours long.
    @Test func dailyInAZoneFollowsItsDaylightSavingTime() {
        let s = DigestSchedule(period: .daily(hour: 7, minute: 0), timeZone: TimeZone(identifier: "Europe/Berlin")!)
        #expect(s.boundary(atOrBefore: Self.at("2026-12-06T12:00:00Z")) == Self.at("2026-12-06T06:00:00Z"))
        #expect(s.boundary(after: Self.at("2026-03-28T06:00:00Z")) == Self.at("2026-03-29T05:00:00Z"))
        #expect(s.boundary(atOrBefore: Self.at("2026-03-29T04:59:59Z")) == Self.at("2026-03-28T06:00:00Z"))
    }

    @Test func digestTimeIsHHMM() {
        #expect(DigestSchedule.timeOfDay("07:00").map { [$0.hour, $0.minute] } == [7, 0])
        #expect(DigestSchedule.timeOfDay("23:59").map { [$0.hour, $0.minute] } == [23, 59])
        #expect(DigestSchedule.timeOfDay("7:00") == nil)
        #expect(DigestSchedule.timeOfDay("24:00") == nil)
        #expect(DigestSchedule.timeOfDay("07:60") == nil)
        #expect(DigestSchedule.timeOfDay("0700") == nil)
    }
}

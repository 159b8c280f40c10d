import Foundation
import Testing
@testable import SeedwatchCore

/// The one ISO 8601 reader behind feed dates, article dates and alert timestamps, with each
/// caller's syntax: exact UTC instants, and the inputs each syntax refuses.
@Suite("ISO 8601 date-time reader")
struct ISO8601DateTimeTests {
    private static func read(_ text: String, _ syntax: ISO8601Syntax, leapSecond: ISO8601Syntax.LeapSecond = .clamped) -> Date? {
        ISO8601DateTime(Array(text.utf8), syntax: syntax)?.date(leapSecond: leapSecond)
    }

    @Test("RFC 3339 date-times read to exact UTC instants", arguments: [
        ("2024-06-19T03:12:05Z", 1_718_766_725.0),
        ("2024-06-19T12:12:05+09:00", 1_718_766_725.0),
        ("2024-06-18t22:12:05.25-05:00", 1_718_766_725.25),
        ("2024-06-19 03:12:05z", 1_718_766_725.0),
        ("2000-02-29T00:00:00Z", 951_782_400.0),
    ])
    func rfc3339(text: String, seconds: Double) {
        #expect(Self.read(text, .rfc3339, leapSecond: .folded) == Date(timeIntervalSince1970: seconds))
    }

    @Test("RFC 3339 refuses what it does not define", arguments: [
        "2024-06-19", "2024-06-19T03:12Z", "2024-06-19T03:12:05", "2024-06-19T03:12:05+0900", "2024-06-19T03:12:05 Z",
        "2024-06-19T03:12:05,5Z", "2024-06-19T03:12:05.Z", "2024-02-30T00:00:00Z", "2024-06-19T24:00:00Z", "20240619T031205Z",
    ])
    func rfc3339Refuses(text: String) {
        #expect(Self.read(text, .rfc3339) == nil)
    }

    @Test("a leap second is the next second when folded, second 59 when clamped")
    func leapSecond() {
        #expect(Self.read("2016-12-31T23:59:60Z", .rfc3339, leapSecond: .folded) == Date(timeIntervalSince1970: 1_483_228_800))
        #expect(Self.read("2016-12-31T23:59:60Z", .rfc3339, leapSecond: .clamped) == Date(timeIntervalSince1970: 1_483_228_799))
    }

    @Test("article dates: date only, a time without seconds, a comma fraction, one space before the zone", arguments: [
        ("2017-09-15", 1_505_433_600.0),
        ("2017-09-15T08:31", 1_505_464_260.0),
        ("2017-09-15 08:31:00,5 +0900", 1_505_431_860.5),
        ("2017-09-15T08:31:00+09", 1_505_431_860.0),
    ])
    func article(text: String, seconds: Double) {
        #expect(Self.read(text, .article) == Date(timeIntervalSince1970: seconds))
    }

    @Test("article dates refuse reduced precision, the basic format and a bare colon after the zone hours", arguments: [
        "2017-09", "2017", "20170915", "2017-09-15T0831", "2017-09-15T08:31+09:", "2017-09-15T08:31:00.", "2017-09-15T08:31  Z",
        "2017-09-15T24:00",
    ])
    func articleRefuses(text: String) {
        #expect(Self.read(text, .article) == nil)
    }

    @Test("feed dates (W3CDTF): reduced precision, the basic format, zone names, the end of a day", arguments: [
        ("2026", 1_767_225_600.0),
        ("2026-11", 1_793_491_200.0),
        ("20261128T0600", 1_795_845_600.0),
        ("2026-11-28T06:00:00.  GMT", 1_795_845_600.0),
        ("2026-11-28T01:00:00 EST", 1_795_845_600.0),
        ("2026-11-28T15:00+09:", 1_795_845_600.0),
        ("2026-11-27T24:00:00Z", 1_795_824_000.0),
    ])
    func feed(text: String, seconds: Double) {
        #expect(FeedDate.parseISO(Array(text.utf8)) == Date(timeIntervalSince1970: seconds))
    }

    @Test("feed dates refuse out-of-range fields and trailing text", arguments: [
        "2026-13-01", "2026-11-28T25:00Z", "2026-11-28T24:30:00Z", "2026-11-28T06:00+24:00", "2026-11-28T06:00 XYZ", "2026-11-28x",
    ])
    func feedRefuses(text: String) {
        #expect(FeedDate.parseISO(Array(text.utf8)) == nil)
    }
}

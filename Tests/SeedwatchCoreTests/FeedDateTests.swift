import Foundation
import Testing
@testable import SeedwatchCore

/// RSS date variants (two-digit years, named zones, wrong weekdays): every listed `<pubDate>` variant, to its exact UTC instant.
@Suite struct FeedDateTests {
    static let cases: [(String, String?)] = [
        ("Sat, 28 Nov 26 22:05:03 +0300", "2026-11-28T19:05:03Z"),
        ("Tue, 14 Jul 2026 09:30 EDT", "2026-07-14T13:30:00Z"),
        ("Sat, 28 Nov 2026 09:30:00 EST", "2026-11-28T14:30:00Z"),
        ("Sun, 28 Nov 2026 10:00:00 GMT", "2026-11-28T10:00:00Z"),
        ("28 Nov 2026 10:00:00 -0000", "2026-11-28T10:00:00Z"),
        ("Sat, 28 Nov 2026 10:00:00 UT", "2026-11-28T10:00:00Z"),
        ("Sat,28 Nov 2026 10:00:00 +0000", "2026-11-28T10:00:00Z"),
        ("2026-11-28T10:00:00+09:00", "2026-11-28T01:00:00Z"),
        ("Sat, 28 Nov 2026 10:00:00", "2026-11-28T10:00:00Z"),
        ("Sat, 28 Nov 2026 25:61:00 GMT", nil),
        ("yesterday", nil),
    ]

    @Test(arguments: cases)
    func rssDateVariant(_ text: String, _ expected: String?) {
        #expect(FeedDate.parse(text).map(AlertTimestamp.format) == expected)
    }

    @Test func namedZonesAreLiteral() {
        #expect(FeedDate.parse("Tue, 14 Jul 2026 09:30:00 EST").map(AlertTimestamp.format) == "2026-07-14T14:30:00Z")
        #expect(FeedDate.parse("Tue, 14 Jul 2026 09:30:00 PDT").map(AlertTimestamp.format) == "2026-07-14T16:30:00Z")
        #expect(FeedDate.parse("Tue, 14 Jul 2026 09:30:00 CST").map(AlertTimestamp.format) == "2026-07-14T15:30:00Z")
        #expect(FeedDate.parse("Tue, 14 Jul 2026 09:30:00 Z").map(AlertTimestamp.format) == "2026-07-14T09:30:00Z")
        #expect(FeedDate.parse("Tue, 14 Jul 2026 09:30:00 A").map(AlertTimestamp.format) == "2026-07-14T08:30:00Z")
    }

    @Test func twoDigitYearsPivotAt50() {
        #expect(FeedDate.parse("01 Jan 49 00:00:00 GMT").map(AlertTimestamp.format) == "2049-01-01T00:00:00Z")
        #expect(FeedDate.parse("01 Jan 50 00:00:00 GMT").map(AlertTimestamp.format) == "1950-01-01T00:00:00Z")
    }

    @Test func rfc3339AndW3CDTF() {
        #expect(FeedDate.parse("2003-12-13T18:30:02.25Z")?.timeIntervalSince1970 == 1_071_340_202.25)
        #expect(FeedDate.parse("2003-12-13T18:30:02-05:00").map(AlertTimestamp.format) == "2003-12-13T23:30:02Z")
        #expect(FeedDate.parse("2003-12-13T18:30Z").map(AlertTimestamp.format) == "2003-12-13T18:30:00Z")
        #expect(FeedDate.parse("2003-12-13").map(AlertTimestamp.format) == "2003-12-13T00:00:00Z")
        #expect(FeedDate.parse("2003-12").map(AlertTimestamp.format) == "2003-12-01T00:00:00Z")
        #expect(FeedDate.parse("2003").map(AlertTimestamp.format) == "2003-01-01T00:00:00Z")
        #expect(FeedDate.parse("2003-02-30") == nil)
    }
}

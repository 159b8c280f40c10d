import Foundation
import SeedwatchCore
import Testing

@Suite struct AlertLogEntryTests {
    @Test func decodesAnEncodedLine() throws {
        let entry = try AlertLogEntry.decode(line: AlertEncoding.line(AlertEncodingTests.feedRecord()))
        #expect(entry.id == "3f2a9c0d1e4b5a67")
        #expect(entry.time == Date(timeIntervalSince1970: 1_718_766_725))
        #expect(entry.watch == "china-russia-north-korea")
        #expect(entry.level == .alert)
        #expect(entry.score == 12.35)
        #expect(entry.source == AlertLogEntry.Source(type: "feed", feed: "https://example.org/world/rss.xml",
                                                     url: "https://example.org/world/k-1", guid: "k-1"))
        #expect(entry.title == "Kim Jong Un meets \"Putin\"")
        #expect(entry.published == Date(timeIntervalSince1970: 1_718_748_000))
        #expect(entry.actors.map(\.id) == ["kim_jong_un", "vladimir_putin"])
        #expect(entry.actors.map(\.name) == ["Kim Jong Un", "Vladimir Putin"])
        #expect(entry.topics == [AlertLogEntry.Named(id: "russia_nk_alliance", name: "Russia–North Korea alliance")])
        #expect(entry.evidence == ["Kim met Putin.\nThey signed a pact."])
    }

    @Test func toleratesExtraKeysMissingOptionalsAndNullLevel() throws {
        let line = #"{"id":"a","time":"2024-01-02T03:04:05.5+01:00","watch":"w","level":null,"score":3,"source":{"type":"file","path":"/x","inode":7},"title":"t","future":{"k":[1,2]},"alerted":false}"#
        let entry = try AlertLogEntry.decode(line: Array(line.utf8))
        #expect(entry.time == Date(timeIntervalSince1970: 1_704_161_045.5))
        #expect(entry.level == nil)
        #expect(entry.score == 3)
        #expect(entry.published == nil)
        #expect(entry.actors.isEmpty && entry.topics.isEmpty && entry.evidence.isEmpty)
        #expect(entry.source == AlertLogEntry.Source(type: "file", path: "/x"))
    }

    @Test func reportsWhatIsWrong() {
        #expect(throws: AlertLineDecodingError.invalidKey("id")) {
            try AlertLogEntry.decode(line: Array(#"{"time":"2024-01-02T03:04:05Z"}"#.utf8))
        }
        #expect(throws: AlertLineDecodingError.invalidKey("score")) {
            try AlertLogEntry.decode(line: Array(#"{"id":"a","time":"2024-01-02T03:04:05Z","watch":"w","level":"alert","score":"high","source":{"type":"feed"},"title":"t"}"#.utf8))
        }
        #expect(throws: AlertLineDecodingError.unknownLevel("urgent")) {
            try AlertLogEntry.decode(line: Array(#"{"id":"a","time":"2024-01-02T03:04:05Z","watch":"w","level":"urgent","score":1,"source":{"type":"feed"},"title":"t"}"#.utf8))
        }
        #expect(throws: AlertLineDecodingError.invalidTimestamp(key: "time", value: "yesterday")) {
            try AlertLogEntry.decode(line: Array(#"{"id":"a","time":"yesterday","watch":"w","level":"alert","score":1,"source":{"type":"feed"},"title":"t"}"#.utf8))
        }
        #expect(throws: AlertLineDecodingError.self) {
            try AlertLogEntry.decode(line: Array("{\"id\":".utf8))
        }
    }
}

@Suite struct AlertTimestampTests {
    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00Z"), (-1.0, "1969-12-31T23:59:59Z"), (951_825_600.0, "2000-02-29T12:00:00Z"),
        (1_718_766_725.75, "2024-06-19T03:12:05Z"), (4_102_444_799.999, "2099-12-31T23:59:59Z"),
    ])
    func formatsUTCSecondPrecision(seconds: Double, text: String) {
        #expect(AlertTimestamp.format(Date(timeIntervalSince1970: seconds)) == text)
    }

    @Test func parsesOffsetsAndFractions() {
        #expect(AlertTimestamp.parse("2024-06-19T03:12:05Z") == Date(timeIntervalSince1970: 1_718_766_725))
        #expect(AlertTimestamp.parse("2024-06-19T12:12:05+09:00") == Date(timeIntervalSince1970: 1_718_766_725))
        #expect(AlertTimestamp.parse("2024-06-18t22:12:05.25-05:00") == Date(timeIntervalSince1970: 1_718_766_725.25))
    }

    @Test(arguments: ["2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-06-19T24:00:00Z", "2024-06-19T03:12:05",
                      "2024-06-19 03:12Z", "2024-06-19T03:12:05Z junk", "2024-06-19T03:12:05.Z"])
    func rejectsInvalidTimestamps(text: String) {
        #expect(AlertTimestamp.parse(text) == nil)
    }
}

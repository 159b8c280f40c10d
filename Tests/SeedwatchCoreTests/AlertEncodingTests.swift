import Foundation
import SeedwatchCore
import Testing

@Suite struct AlertEncodingTests {
    static func feedRecord() -> AlertRecord {
        AlertRecord(
            id: "3f2a9c0d1e4b5a67",
            time: Date(timeIntervalSince1970: 1_718_766_725.75),
            watch: "china-russia-north-korea",
            level: .alert,
            score: 12.345,
            source: .feed("https://example.org/world/rss.xml", url: "https://example.org/world/k-1", guid: "k-1"),
            title: "Kim Jong Un meets \"Putin\"",
            published: Date(timeIntervalSince1970: 1_718_748_000),
            actors: [ActorSummary(id: "kim_jong_un", name: "Kim Jong Un", mentions: 3),
                     ActorSummary(id: "vladimir_putin", name: "Vladimir Putin", mentions: 2)],
            topics: [TopicSummary(id: "russia_nk_alliance", name: "Russia–North Korea alliance", score: 4.5,
                                  terms: ["summit", "mutual defence"])],
            evidence: [EvidenceItem(text: "Kim met Putin.\nThey signed a pact.", actors: ["kim_jong_un", "vladimir_putin"],
                                    topics: ["russia_nk_alliance"], start: 0, end: 35)])
    }

    @Test func feedAlertLineHasDesignKeyOrderAndExactText() {
        let expected = #"{"id":"3f2a9c0d1e4b5a67","time":"2024-06-19T03:12:05Z","watch":"china-russia-north-korea","level":"alert","score":12.35,"source":{"type":"feed","feed":"https://example.org/world/rss.xml","url":"https://example.org/world/k-1","guid":"k-1"},"title":"Kim Jong Un meets \"Putin\"","published":"2024-06-18T22:00:00Z","actors":[{"id":"kim_jong_un","name":"Kim Jong Un","mentions":3},{"id":"vladimir_putin","name":"Vladimir Putin","mentions":2}],"topics":[{"id":"russia_nk_alliance","name":"Russia–North Korea alliance","score":4.5,"terms":["summit","mutual defence"]}],"evidence":[{"text":"Kim met Putin.\nThey signed a pact.","actors":["kim_jong_un","vladimir_putin"],"topics":["russia_nk_alliance"],"start":0,"end":35}],"language":null}"# + "\n"
        #expect(AlertEncoding.lineText(Self.feedRecord()) == expected)
    }

    @Test func lineEndsWithOneNewlineAndHasNoOtherLineBreak() {
        var record = Self.feedRecord()
        record.title = "a\nb\rc\u{2028}d\u{2029}e\u{0}f\tg\u{1F}h\\"
        let line = AlertEncoding.line(record)
        #expect(line.last == 0x0A)
        #expect(line.filter { $0 == 0x0A }.count == 1)
        #expect(!line.contains(0x0D))
        #expect(!line.contains(0x00))
        let text = String(decoding: line, as: UTF8.self)
        #expect(text.contains(#""title":"a\nb\rc\u2028d\u2029e\u0000f\tg\u001fh\\""#))
        // Round trip through a standard JSON parser.
        let parsed = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
        #expect(parsed?["title"] as? String == record.title)
    }

    @Test func fileSourceWithoutFeedFieldsAndNullPublished() {
        let record = AlertRecord(
            id: "00112233aabbccdd", time: Date(timeIntervalSince1970: 951_825_600), watch: "w", level: .notice,
            score: 7, source: .file(path: Array("/srv/drop/아침 뉴스.html".utf8)), title: "T", published: nil,
            actors: [], topics: [], evidence: [])
        #expect(AlertEncoding.lineText(record) == #"{"id":"00112233aabbccdd","time":"2000-02-29T12:00:00Z","watch":"w","level":"notice","score":7,"source":{"type":"file","path":"/srv/drop/아침 뉴스.html"},"title":"T","published":null,"actors":[],"topics":[],"evidence":[],"language":null}"# + "\n")
    }

    @Test func fileSourceOfAFeedFileCarriesURLAndGUID() {
        let record = AlertRecord(
            id: "00112233aabbccdd", time: Date(timeIntervalSince1970: 0), watch: "w", level: .notice, score: 0.5,
            source: .file(path: Array("/d/feed.xml".utf8), url: "https://e.org/a", guid: "tag:e.org,2024:1"),
            title: "T", published: nil, actors: [], topics: [], evidence: [])
        #expect(AlertEncoding.lineText(record) == #"{"id":"00112233aabbccdd","time":"1970-01-01T00:00:00Z","watch":"w","level":"notice","score":0.5,"source":{"type":"file","path":"/d/feed.xml","url":"https://e.org/a","guid":"tag:e.org,2024:1"},"title":"T","published":null,"actors":[],"topics":[],"evidence":[],"language":null}"# + "\n")
    }

    @Test func feedSourceWithoutLinkOrGUIDWritesNulls() {
        var record = Self.feedRecord()
        record.source = .feed("https://e.org/rss", url: nil, guid: nil)
        #expect(AlertEncoding.lineText(record).contains(#""source":{"type":"feed","feed":"https://e.org/rss","url":null,"guid":null}"#))
    }

    @Test func scanLineAddsAlertedAndNullLevelBelowNotice() {
        var record = Self.feedRecord()
        record.evidence = []
        record.topics = []
        record.actors = []
        record.score = 1.004
        let below = String(decoding: AlertEncoding.scanLine(record, level: nil, alerted: false), as: UTF8.self)
        #expect(below == #"{"id":"3f2a9c0d1e4b5a67","time":"2024-06-19T03:12:05Z","watch":"china-russia-north-korea","level":null,"score":1,"source":{"type":"feed","feed":"https://example.org/world/rss.xml","url":"https://example.org/world/k-1","guid":"k-1"},"title":"Kim Jong Un meets \"Putin\"","published":"2024-06-18T22:00:00Z","actors":[],"topics":[],"evidence":[],"language":null,"alerted":false}"# + "\n")
        let above = String(decoding: AlertEncoding.scanLine(record, level: .notice, alerted: true), as: UTF8.self)
        #expect(above.contains(#""level":"notice","score":1,"#))
        #expect(above.hasSuffix(#""evidence":[],"language":null,"alerted":true}"# + "\n"))
    }

    @Test func languageIsWrittenAfterEvidenceAndBeforeUpdates() {
        var record = Self.feedRecord()
        record.evidence = []
        record.language = "de"
        record.updates = "0011223344556677"
        #expect(AlertEncoding.lineText(record).hasSuffix(#""evidence":[],"language":"de","updates":"0011223344556677"}"# + "\n"))
        let scan = String(decoding: AlertEncoding.scanLine(record, level: .alert, alerted: true), as: UTF8.self)
        #expect(scan.hasSuffix(#""evidence":[],"language":"de","updates":"0011223344556677","alerted":true}"# + "\n"))
    }

    @Test func evidenceIsCappedAtFive() {
        var record = Self.feedRecord()
        record.evidence = (0..<7).map { EvidenceItem(text: "s\($0)", actors: [], topics: [], start: $0, end: $0 + 1) }
        let entry = try? AlertLogEntry.decode(line: AlertEncoding.line(record))
        #expect(entry?.evidence == ["s0", "s1", "s2", "s3", "s4"])
    }

    @Test(arguments: [
        (12.345, "12.35"), (7.0, "7"), (0.5, "0.5"), (0.1 + 0.2, "0.3"), (-1.005, "-1"), (-2.25, "-2.25"),
        (3.10, "3.1"), (0.004, "0"), (0.005, "0.01"), (100, "100"),
    ])
    func scoresAreRoundedToTwoDecimals(value: Double, text: String) {
        var record = Self.feedRecord()
        record.score = value
        #expect(AlertEncoding.lineText(record).contains(#""score":\#(text),"source""#))
    }
}

@Suite struct PathTextTests {
    @Test func validUTF8PathIsWrittenAsIs() {
        #expect(PathText.encode(Array("/drop/100% 北朝鮮.txt".utf8)) == "/drop/100% 北朝鮮.txt")
    }

    @Test func invalidBytesArePercentEncodedAndPercentBecomes25() {
        // Latin-1 "é" (0xE9) in a name that also holds a "%" and a valid "ü".
        let path: [UInt8] = Array("/drop/caf".utf8) + [0xE9] + Array(" 50%-ü.txt".utf8)
        #expect(PathText.encode(path) == "/drop/caf%E9 50%25-ü.txt")
        #expect(PathText.decode("/drop/caf%E9 50%25-ü.txt") == path)
    }

    @Test func truncatedOverlongAndSurrogateSequencesAreInvalidBytes() {
        // E2 82 (truncated €), C0 AF (overlong "/"), ED A0 80 (surrogate), F4 90 80 80 (> U+10FFFF), lone FF.
        let path: [UInt8] = [0x2F, 0xE2, 0x82, 0x61, 0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xF4, 0x90, 0x80, 0x80, 0xFF]
        #expect(PathText.encode(path) == "/%E2%82a%C0%AF%ED%A0%80%F4%90%80%80%FF")
        #expect(PathText.decode(PathText.encode(path)) == path)
    }

    @Test func alertLineWritesNonUTF8PathEscaped() throws {
        let path: [UInt8] = Array("/srv/drop/".utf8) + [0xB1, 0xB1] + Array("%.html".utf8)
        let record = AlertRecord(id: "0000000000000001", time: Date(timeIntervalSince1970: 0), watch: "w",
                                 level: .alert, score: 10, source: .file(path: path), title: "T",
                                 published: nil, actors: [], topics: [], evidence: [])
        let line = AlertEncoding.line(record)
        #expect(String(validating: line, as: UTF8.self) != nil)
        #expect(AlertEncoding.lineText(record).contains(#""source":{"type":"file","path":"/srv/drop/%B1%B1%25.html"}"#))
        let entry = try AlertLogEntry.decode(line: line)
        #expect(entry.source.path == "/srv/drop/%B1%B1%25.html")
        #expect(PathText.decode(entry.source.path ?? "") == path)
    }
}

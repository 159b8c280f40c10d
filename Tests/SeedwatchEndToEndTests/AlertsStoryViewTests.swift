import Foundation
import SeedwatchCore
import Testing

/// `seedwatch alerts` shows each story once, at its first alert, with the sources that carried it
/// after and the members that added something; `--all` lists every line (issue 12).
@Suite("Command line: alerts grouped by story")
struct AlertsStoryViewTests {
    static let t0 = Date(timeIntervalSince1970: 1_787_288_400)  // 2026-08-21T05:00:00Z

    static func line(_ id: String, _ title: String, host: String, minutes: Double, level: AlertLevel = .alert,
                     story: StoryKeys) -> [UInt8] {
        var record = AlertRecord(
            id: id, time: t0.addingTimeInterval(minutes * 60), watch: "china-russia-north-korea", level: level, score: 20,
            source: .file(path: Array("/drop/\(id).txt".utf8), url: "https://\(host)/\(id)"), title: title, published: nil,
            actors: [ActorSummary(id: "vladimir_putin", name: "Vladimir Putin", mentions: 1)],
            topics: [TopicSummary(id: "sanctions", name: "Sanctions and their evasion", score: 6, terms: [])], evidence: [])
        record.story = story
        return AlertEncoding.line(record)
    }

    @Test("three sources of one story show as one entry with +3 sources and its update; --all shows every line")
    func groupedByDefaultEveryLineWithAll() throws {
        let folder = try TemporaryFolder("seedwatch-alerts-stories")
        let config = try writeCommandConfig(in: folder.url)
        let first = "00000000000000e1"
        try Data(Self.line(first, "Putin and Kim sign pact", host: "news.example.com", minutes: 0,
                           story: StoryKeys(story: first, size: 1, isRepeat: false, relation: nil))
                 + Self.line("00000000000000e2", "Putin, Kim sign pact", host: "www.yna.co.kr", minutes: 30,
                             story: StoryKeys(story: first, size: 2, isRepeat: true, relation: .nearDuplicate))
                 + Self.line("00000000000000f1", "Xi visits Moscow", host: "news.example.com", minutes: 45,
                             story: StoryKeys(story: "00000000000000f1", size: 1, isRepeat: false, relation: nil))
                 + Self.line("00000000000000e3", "Putin and Kim sign pact; Beijing silent", host: "reuters.com", minutes: 130,
                             story: StoryKeys(story: first, size: 3, isRepeat: false, relation: .sameEvent))
                 + Self.line("00000000000000e4", "Putin and Kim sign pact", host: "yna.co.kr", minutes: 140,
                             story: StoryKeys(story: first, size: 4, isRepeat: true, relation: .sameLink)))
            .write(to: folder.url.appendingPathComponent("alerts.jsonl"))
        func entry(_ minutes: Double, _ title: String, _ host: String, _ id: String) -> String {
            AlertTextFormatter.timestamp(Self.t0.addingTimeInterval(minutes * 60)) + "  ALERT  20.00 (alert ≥ 17.50)  \(title)\n"
                + "    actors:    Vladimir Putin (1)\n    topics:    Sanctions and their evasion 6.00\n"
                + "    source:    https://\(host)/\(id)\n"
        }
        let grouped = try CommandLineTests.run(["alerts", "--config", config.path])
        #expect(grouped.status == 0, "\(grouped.stderr)")
        #expect(grouped.stdout == entry(0, "Putin and Kim sign pact", "news.example.com", first)
                + "    +3 sources: yna.co.kr, reuters.com\n"
                + "    update: 2026-08-21T07:10:00Z ALERT Putin and Kim sign pact; Beijing silent\n\n"
                + entry(45, "Xi visits Moscow", "news.example.com", "00000000000000f1") + "\n")
        let all = try CommandLineTests.run(["alerts", "--all", "--config", config.path])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stdout == entry(0, "Putin and Kim sign pact", "news.example.com", first) + "\n"
                + entry(30, "Putin, Kim sign pact", "www.yna.co.kr", "00000000000000e2") + "\n"
                + entry(45, "Xi visits Moscow", "news.example.com", "00000000000000f1") + "\n"
                + entry(130, "Putin and Kim sign pact; Beijing silent", "reuters.com", "00000000000000e3") + "\n"
                + entry(140, "Putin and Kim sign pact", "yna.co.kr", "00000000000000e4") + "\n")
    }
}

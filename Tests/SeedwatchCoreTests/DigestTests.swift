import Foundation
import SeedwatchCore
import Testing

@Suite("Digest")
struct DigestTests {
    static func at(_ text: String) -> Date { AlertTimestamp.parse(text)! }

    static func entry(_ id: String, _ title: String, level: AlertLevel, score: Double, time: String, topic: (String, String)?,
                      actors: [String], url: String? = nil, evidence: [String] = [], watch: String = "w") -> AlertLogEntry {
        AlertLogEntry(id: id, time: at(time), watch: watch, level: level, score: score,
                      source: .init(type: "file", path: "/drop/\(id).txt", url: url), title: title,
                      published: at("2026-12-04T06:00:00Z"), actors: actors.map { .init(id: $0, name: $0, mentions: 1) },
                      topics: topic.map { [.init(id: $0.0, name: $0.1, score: 6)] } ?? [], evidence: evidence)
    }

    static let entries = [
        entry("e1", "Putin <b>bold</b> & Kim", level: .alert, score: 30, time: "2026-12-05T10:00:00Z",
              topic: ("sanctions", "Sanctions"), actors: ["russia", "north_korea"], url: "https://a.example/1?x=1&y=2",
              evidence: ["Russia and North Korea <agreed>."]),
        entry("e2", "Xi calls", level: .notice, score: 17, time: "2026-12-06T08:00:00Z",
              topic: ("china_leverage", "China's hold"), actors: ["china"]),
        entry("e3", "Kim tests", level: .alert, score: 25, time: "2026-12-06T09:00:00Z",
              topic: ("sanctions", "Sanctions"), actors: ["north_korea"]),
        entry("e0", "Too old", level: .alert, score: 40, time: "2026-12-03T09:00:00Z", topic: nil, actors: ["north_korea"]),
    ]
    static let core = [(id: "russia", name: "Russia"), (id: "china", name: "China"), (id: "north_korea", name: "North Korea")]
    static let digest = Digest.build(entries, since: at("2026-12-05T00:00:00Z"), until: at("2026-12-06T12:00:00Z"), coreActors: core)

    @Test func groupsByStrongestTopicRanksAndCountsPerDay() {
        let d = Self.digest
        #expect(d.alerts == 2 && d.notices == 1)
        #expect(d.topStories.map(\.id) == ["e1", "e3", "e2"])
        #expect(d.topics.map(\.name) == ["Sanctions", "China's hold"])
        #expect(d.topics.map { $0.items.map(\.id) } == [["e1", "e3"], ["e2"]])
        #expect(d.timeline.days == ["2026-12-05", "2026-12-06"])
        #expect(d.timeline.series.map(\.name) == ["Russia", "China", "North Korea"])
        #expect(d.timeline.series.map(\.counts) == [[1, 0], [0, 1], [1, 1]])
    }

    @Test func timelineBarsAreScaledToTheHighestCount() {
        let chart = TimelineChart(Self.digest.timeline)
        #expect(chart.bars.map { [$0.x, $0.y, $0.width, $0.height] } == [[4, 10, 104, 150], [428, 10, 104, 150], [212, 10, 104, 150], [532, 10, 104, 150]])
        #expect(chart.bars.map(\.label) == ["Russia, 2026-12-05: 1", "China, 2026-12-06: 1", "North Korea, 2026-12-05: 1", "North Korea, 2026-12-06: 1"])
        #expect(chart.dayLabels == [.init(x: 160, text: "12-05"), .init(x: 480, text: "12-06")])
    }

    @Test func htmlIsOnePageWithAnInlineSVGAndEveryTextEscaped() {
        let html = DigestRenderer.html(Self.digest)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script"))
        #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"timeline\" role=\"img\" width=\"640\" height=\"180\" viewBox=\"0 0 640 180\">"))
        #expect(html.contains("<rect x=\"4\" y=\"10\" width=\"104\" height=\"150\" fill=\"#0072B2\"><title>Russia, 2026-12-05: 1</title></rect>"))
        #expect(html.components(separatedBy: "<rect ").count == 5)
        #expect(html.contains("<a href=\"https://a.example/1?x=1&amp;y=2\">Putin &lt;b&gt;bold&lt;/b&gt; &amp; Kim</a>"))
        #expect(html.contains("<blockquote>Russia and North Korea &lt;agreed&gt;.</blockquote>"))
        #expect(html.contains("<h2>China&#39;s hold (1)</h2>") || html.contains("<h2>China&#x27;s hold (1)</h2>"))
        #expect(!html.contains("Too old"))
    }

    @Test func textIsPlain() {
        #expect(DigestRenderer.text(Self.digest) == """
            seedwatch digest 2026-12-05 00:00:00Z – 2026-12-06 12:00:00Z: 2 alerts, 1 notice

            Alerts per day (Russia; China; North Korea; counts in that order):
              2026-12-05  1 0 1
              2026-12-06  0 1 1

            Top stories:
              ALERT 30.00  Putin <b>bold</b> & Kim  [w]
              ALERT 25.00  Kim tests  [w]
              NOTICE 17.00  Xi calls  [w]

            Sanctions (2)
              ALERT 30.00  Putin <b>bold</b> & Kim
                watch w · published 2026-12-04 06:00:00Z
                https://a.example/1?x=1&y=2
                “Russia and North Korea <agreed>.”
              ALERT 25.00  Kim tests
                watch w · published 2026-12-04 06:00:00Z
                /drop/e3.txt

            China's hold (1)
              NOTICE 17.00  Xi calls
                watch w · published 2026-12-04 06:00:00Z
                /drop/e2.txt

            """)
    }

    /// One entry per story, at its first alert, with "+N sources" and the members that add
    /// something as updates: the grouping of `seedwatch alerts` (StoryGroup).
    @Test func storiesAreOneEntryWithTheirSourcesAndUpdates() {
        var first = Self.entry("s1", "Putin and Kim sign a pact", level: .notice, score: 18, time: "2026-12-05T10:00:00Z",
                               topic: ("russia_nk_alliance", "Alliance"), actors: ["russia"], url: "https://a.example/pact")
        first.story = "s1"
        var copy = Self.entry("s2", "Pact signed", level: .notice, score: 17, time: "2026-12-05T11:00:00Z",
                              topic: ("russia_nk_alliance", "Alliance"), actors: ["russia"], url: "https://www.b.example/pact")
        copy.story = "s1"
        copy.isRepeat = true
        var update = Self.entry("s3", "Pact <adds> troops", level: .alert, score: 31, time: "2026-12-05T12:00:00Z",
                                topic: ("russia_nk_alliance", "Alliance"), actors: ["russia", "north_korea"], url: "https://c.example/troops")
        update.story = "s1"
        let other = Self.entry("o1", "Xi calls", level: .alert, score: 20, time: "2026-12-05T13:00:00Z",
                               topic: ("china_leverage", "China's hold"), actors: ["china"])
        let d = Digest.build([first, copy, update, other], since: Self.at("2026-12-05T00:00:00Z"), until: Self.at("2026-12-06T00:00:00Z"),
                             coreActors: Self.core)
        #expect(d.alerts == 2 && d.notices == 2)
        // The story ranks by its best member (an alert at 31), ahead of the lone alert at 20.
        #expect(d.topStories.map(\.id) == ["s1", "o1"])
        #expect(d.topStories[0].sources == "+2 sources: b.example, c.example")
        #expect(d.topStories[0].updates == [Digest.Update(time: Self.at("2026-12-05T12:00:00Z"), level: .alert,
                                                          title: "Pact <adds> troops", link: "https://c.example/troops")])
        #expect(d.topStories[1].sources == nil && d.topStories[1].updates == [])
        #expect(d.topics.map { $0.items.map(\.id) } == [["s1"], ["o1"]])
        #expect(d.timeline.series.map(\.counts) == [[3], [1], [1]])
        let html = DigestRenderer.html(d)
        #expect(html.contains("<div class=\"meta story\">+2 sources: b.example, c.example</div>"
            + "<div class=\"meta update\">update: 2026-12-05 12:00:00Z <span class=\"alert\">ALERT</span> "
            + "<a href=\"https://c.example/troops\">Pact &lt;adds&gt; troops</a></div>"))
        #expect(!html.contains("Pact signed"))
        let text = DigestRenderer.text(d)
        #expect(text.contains("""
            Alliance (1)
              NOTICE 18.00  Putin and Kim sign a pact
                watch w · published 2026-12-04 06:00:00Z
                https://a.example/pact
                +2 sources: b.example, c.example
                update: 2026-12-05 12:00:00Z ALERT Pact <adds> troops

            """))
    }

    /// A digest of two watches names the watch of each story, in the text and the HTML page.
    @Test func eachStoryNamesItsWatch() {
        let entries = [
            Self.entry("a1", "Kim tests a missile", level: .alert, score: 30, time: "2026-12-05T10:00:00Z",
                       topic: ("sanctions", "Sanctions"), actors: ["north_korea"], watch: "china-russia-north-korea"),
            Self.entry("b1", "Drought hits the Sahel", level: .notice, score: 12, time: "2026-12-05T11:00:00Z",
                       topic: nil, actors: [], url: "https://b.example/sahel", watch: "sahel-drought"),
        ]
        let d = Digest.build(entries, since: Self.at("2026-12-05T00:00:00Z"), until: Self.at("2026-12-06T00:00:00Z"), coreActors: Self.core)
        #expect(d.topStories.map(\.watch) == ["china-russia-north-korea", "sahel-drought"])
        #expect(DigestRenderer.text(d) == """
            seedwatch digest 2026-12-05 00:00:00Z – 2026-12-06 00:00:00Z: 1 alert, 1 notice

            Alerts per day (Russia; China; North Korea; counts in that order):
              2026-12-05  0 0 1

            Top stories:
              ALERT 30.00  Kim tests a missile  [china-russia-north-korea]
              NOTICE 12.00  Drought hits the Sahel  [sahel-drought]

            Other (1)
              NOTICE 12.00  Drought hits the Sahel
                watch sahel-drought · published 2026-12-04 06:00:00Z
                https://b.example/sahel

            Sanctions (1)
              ALERT 30.00  Kim tests a missile
                watch china-russia-north-korea · published 2026-12-04 06:00:00Z
                /drop/a1.txt

            """)
        let html = DigestRenderer.html(d)
        #expect(html.contains("<div class=\"meta\">watch sahel-drought · published 2026-12-04 06:00:00Z · https://b.example/sahel</div>"))
        #expect(html.contains("<div class=\"meta\">watch china-russia-north-korea · published 2026-12-04 06:00:00Z · /drop/a1.txt</div>"))
    }
}

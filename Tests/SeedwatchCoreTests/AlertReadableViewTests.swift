import Foundation
import SeedwatchCore
import Testing

@Suite("Readable alert view")
struct AlertReadableViewTests {
    static let rules = ["china-russia-north-korea": AlertReadableView.WatchRules(
        alertThreshold: 19, noticeThreshold: 16, keyStateNames: ["North Korea"], minCoreStates: 2,
        coreStateNames: ["Russia", "China", "North Korea"])]

    static func entry(level: AlertLevel, score: Double) -> AlertLogEntry {
        AlertLogEntry(
            id: "3f7c0a9d2e4b1c58", time: Date(timeIntervalSince1970: 1_795_975_812), watch: "china-russia-north-korea",
            level: level, score: score,
            source: .init(type: "file", path: "/srv/drop/a.html", url: "https://news.example/2026/11/29/russia-north-korean-missiles"),
            title: "Russia using North Korean missiles to strike Ukraine, Zelensky says",
            published: Date(timeIntervalSince1970: 1_795_974_000),
            actors: [.init(id: "russia", name: "Russia", mentions: 26), .init(id: "ukraine", name: "Ukraine", mentions: 23)],
            topics: [.init(id: "ukraine_war", name: "Ukraine war", score: 12), .init(id: "china_leverage", name: "China's leverage", score: 5)],
            evidence: ["Ukraine's military says dozens of North Korean missiles have been fired by Russia."])
    }

    @Test func wrapsAtSpacesOnlyWithTopicNamesThresholdDateAndLink() {
        let view = AlertReadableView(rules: Self.rules, width: 60, colour: false)
        #expect(view.render(Self.entry(level: .alert, score: 83.25)) == """
            2026-11-29 18:10:12Z  ALERT  83.25 (alert ≥ 19)  Russia
                using North Korean missiles to strike Ukraine, Zelensky
                says
                published: 2026-11-29 17:40:00Z
                actors:    Russia (26), Ukraine (23)
                topics:    Ukraine war 12.00, China's leverage 5.00
                evidence:  “Ukraine's military says dozens of North
                           Korean missiles have been fired by Russia.”
                source:    https://news.example/2026/11/29/russia-north-korean-missiles
            """)
    }

    @Test func withoutAWidthNothingWraps() {
        let view = AlertReadableView(rules: Self.rules, width: nil, colour: false)
        let lines = view.render(Self.entry(level: .alert, score: 83.25)).split(separator: "\n")
        #expect(lines.first == "2026-11-29 18:10:12Z  ALERT  83.25 (alert ≥ 19)  Russia using North Korean missiles to strike Ukraine, Zelensky says")
        #expect(lines.count == 6)
    }

    @Test func aHighNoticeSaysWhatTheAlertRuleAlsoNeeds() {
        let view = AlertReadableView(rules: Self.rules, width: nil, colour: false)
        #expect(view.thresholdText(Self.entry(level: .notice, score: 51)) == "notice ≥ 16; alert ≥ 19 and naming North Korea or two of Russia, China, North Korea")
        #expect(view.thresholdText(Self.entry(level: .notice, score: 17.5)) == "notice ≥ 16; alert ≥ 19")
        #expect(AlertReadableView(rules: [:], width: nil, colour: false).thresholdText(Self.entry(level: .alert, score: 30)) == nil)
    }

    @Test func colourMarksLevelTitleLabelsAndLink() {
        let view = AlertReadableView(rules: Self.rules, width: nil, colour: true)
        let text = view.render(Self.entry(level: .alert, score: 83.25))
        #expect(text.hasPrefix("2026-11-29 18:10:12Z  \u{1B}[1;31mALERT\u{1B}[0m  83.25 (alert ≥ 19)  \u{1B}[1mRussia using"))
        #expect(text.hasSuffix("\u{1B}[2m    source:    \u{1B}[0m\u{1B}[36mhttps://news.example/2026/11/29/russia-north-korean-missiles\u{1B}[0m"))
    }

    @Test func aNumberOrWordIsNeverSplit() {
        #expect(TextWrapper.wrap("china_leverage 5.00, sanctions 12.00", width: 30, firstColumn: 15, indent: 15)
            == ["china_leverage", "               5.00, sanctions", "               12.00"])
        #expect(TextWrapper.columns("金正恩 met") == 10)
    }
}

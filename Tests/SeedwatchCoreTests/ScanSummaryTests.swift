import Testing
@testable import SeedwatchCore

@Suite("scan --summary")
struct ScanSummaryTests {
    @Test("every alert and notice is listed before the near misses, whatever their scores")
    func alertsBeforeHigherScoresBelowNotice() {
        var summary = ScanSummary(watches: ["w"])
        summary.add(.init(score: 40.65, level: nil, title: "China hunts for lunar ice", path: "a.html"), watch: "w")
        summary.add(.init(score: 25.25, level: .alert, title: "South Korea space agency shares Moon images", path: "b.html"), watch: "w")
        summary.add(.init(score: 12.5, level: .notice, title: "Seoul and Tokyo talk", path: "c.html"), watch: "w")
        summary.add(.init(score: 61, level: .alert, title: "Putin hosts Kim", path: "d.html"), watch: "w")
        summary.add(.init(score: 0, level: nil, title: "Weather", path: "e.html"), watch: "w")
        #expect(summary.report(top: 3) == """
            watch w: 5 articles: alert 2, notice 1, below 2
                61.00  alert   Putin hosts Kim  (d.html)
                25.25  alert   South Korea space agency shares Moon images  (b.html)
                12.50  notice  Seoul and Tokyo talk  (c.html)
            """)
        #expect(summary.report(top: 20).split(separator: "\n").last == "    40.65  -       China hunts for lunar ice  (a.html)")
    }
}

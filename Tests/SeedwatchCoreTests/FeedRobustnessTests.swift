import Foundation
import Testing
@testable import SeedwatchCore

/// No file of any suite under `../shared/corpus/feeds/` crashes the parser or takes a second or more.
@Suite struct FeedRobustnessTests {
    @Test(.enabled(if: FeedCorpus.isAvailable, "../shared is absent: corpus tests skipped"))
    func everySuiteFileParsesQuickly() {
        var slowest = (0.0, "")
        var parsed = 0, rejected = 0
        for url in FeedCorpus.files(under: FeedCorpus.feeds.appendingPathComponent("suites")) {
            let bytes = FeedCorpus.bytes(url)
            let start = ContinuousClock.now
            do { _ = try FeedParser.parse(bytes); parsed += 1 } catch { rejected += 1 }
            let elapsed = start.duration(to: .now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            if seconds > slowest.0 { slowest = (seconds, url.path) }
        }
        print("suite files: \(parsed) parsed, \(rejected) rejected; slowest \(slowest.0) s: \(slowest.1)")
        #expect(parsed > 3000)
        #expect(slowest.0 < 1.0, "\(slowest.1)")
    }
}

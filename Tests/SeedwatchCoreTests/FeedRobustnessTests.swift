import Foundation
import Testing
@testable import SeedwatchCore
#if canImport(Glibc)
import Glibc
#endif

/// No file of any suite under `../shared/corpus/feeds/` crashes the parser or takes a second or more
/// of CPU time.
@Suite struct FeedRobustnessTests {
    /// CPU seconds used by the calling thread (`CLOCK_THREAD_CPUTIME_ID`, clock_gettime(2)): unlike
    /// the wall clock, it does not grow while other processes hold the machine's cores, so a
    /// quadratic parse is caught and a loaded machine is not.
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    @Test(.enabled(if: FeedCorpus.isAvailable, "../shared is absent: corpus tests skipped"))
    func everySuiteFileParsesQuickly() {
        var slowest = (0.0, "")
        var parsed = 0, rejected = 0
        for url in FeedCorpus.files(under: FeedCorpus.feeds.appendingPathComponent("suites")) {
            let bytes = FeedCorpus.bytes(url)
            let start = Self.threadCPUSeconds()
            do { _ = try FeedParser.parse(bytes); parsed += 1 } catch { rejected += 1 }
            let seconds = Self.threadCPUSeconds() - start
            if seconds > slowest.0 { slowest = (seconds, url.path) }
        }
        print("suite files: \(parsed) parsed, \(rejected) rejected; slowest \(slowest.0) s of CPU: \(slowest.1)")
        #expect(parsed > 3000)
        #expect(slowest.0 < 1.0, "\(slowest.1)")
    }
}

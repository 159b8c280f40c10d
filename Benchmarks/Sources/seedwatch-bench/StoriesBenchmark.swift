import Foundation
import SeedwatchCore
import SeedwatchRuntime

/// Issue 12's scale target: with the story window holding `perDay` × `days` alerted articles
/// (synthetic signatures: random MinHash values, so every lookup also meets the random band
/// collisions of that many articles), the story lookup of one new article stays under 1 ms, and
/// the stored signature data under 1 KB per article.
///
///   cd Benchmarks && swift run -c release seedwatch-bench --stories [--per-day 300000] [--days 7] [--lookups 2000]
func runStoriesBenchmark(perDay: Int, days: Int, lookups: Int) {
    let folder = NSTemporaryDirectory() + "seedwatch-bench-stories-\(getpid())"
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/state.sqlite"
    var generator = SystemRandomNumberGenerator()
    let start = Date(timeIntervalSince1970: 1_790_000_000)
    let total = perDay * days
    let actors: [Set<String>] = [["north-korea", "russia"], ["china", "russia"], ["north-korea", "china", "japan"], ["russia"]]
    func synthetic(_ i: Int, at time: Date) -> StoryFingerprint {
        let values = (0..<MinHashSignature.count).map { _ in UInt16.random(in: 0...0x0FFF, using: &generator) }
        let lead = (0..<MinHashSignature.count).map { _ in UInt16.random(in: 0...0x0FFF, using: &generator) }
        return StoryFingerprint(signature: MinHashSignature(values: values, wordCount: 300)!,
                                lead: MinHashSignature(values: lead, wordCount: 60)!,
                                linkKey: CanonicalLink.key("news\(i % 500).example.com/world/2026/article-\(i)"),
                                title: "Synthetic headline number \(i) about the summit and the sanctions",
                                time: time, actors: actors[i % actors.count], topics: ["sanctions"])
    }
    func alertID(_ i: Int) -> String {
        let hex = String(UInt64(i + 1) &* 0x9E37_79B9_7F4A_7C15, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
    do {
        let store = try StoryStateProbe(path: path)
        let step = Double(days) * 86400 / Double(total)
        let fill = try storySeconds {
            var i = 0
            while i < total {
                let end = min(total, i + 50_000)
                try store.record((i..<end).map { j in
                    let time = start.addingTimeInterval(Double(j) * step)
                    let id = alertID(j)
                    return (member: StoryMember(alertID: id, watch: "china-russia-north-korea", story: id,
                                                level: .alert, fingerprint: synthetic(j, at: time)), at: time)
                })
                i = end
            }
        }
        try store.close()
        let fileBytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let reopened = try StoryStateProbe(path: path)
        let now = start.addingTimeInterval(Double(days) * 86400)
        var candidates = 0
        var joined = 0
        let cpuBefore = processCPUSeconds()
        let lookup = try storySeconds {
            for k in 0..<lookups {
                let fingerprint = synthetic(total + k, at: now)
                let found = try reopened.candidates(watch: "china-russia-north-korea", fingerprint: fingerprint,
                                                         eventWindow: StoryRule.standard.eventWindow)
                candidates += found.count
                // As the decide path: the story's summary is read when the article joins one.
                if let (member, _) = StoryAssignment.story(of: fingerprint, among: found) {
                    _ = try reopened.storySummary(story: member.story)
                    joined += 1
                }
            }
        }
        let lookupCPU = processCPUSeconds() - cpuBefore
        let payload = 2 * MinHashSignature.count * 3 / 2 + LSHBands.bands * 4   // signature, lead signature, band keys
        print(String(format: "stories: %d articles in the window (%d/day × %d days), filled in %.1f s", total, perDay, days, fill))
        print(String(format: "stories: lookup + rule %.3f ms wall, %.3f ms CPU per article (%d lookups, %.1f candidates each, %d joined)",
                     lookup * 1000 / Double(lookups), lookupCPU * 1000 / Double(lookups), lookups,
                     Double(candidates) / Double(lookups), joined))
        print(String(format: "stories: %d bytes of signatures and band keys per article; state database %.0f bytes per article (%.1f MiB, with indexes, the title, link key, actors and topics)",
                     payload, Double(fileBytes) / Double(total), Double(fileBytes) / 1_048_576))
        try reopened.close()
    } catch {
        print("stories benchmark failed: \(error)")
    }
}

/// CPU time (user + system, seconds) of the whole process so far: every thread, SQLite's and
/// GRDB's reader queue included (`CLOCK_PROCESS_CPUTIME_ID`, POSIX). Under load, wall time counts
/// the time other processes held the cores; this does not.
private func processCPUSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

private func storySeconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

import Foundation
import Logging
import SeedwatchCore
@testable import SeedwatchRuntime
import SeedwatchTesting
import Testing

/// The daemon's one retention service: seen feed items past `state.retention`, story members past
/// `stories.window`, at start and hourly, with no feeds configured, and a reload's values used
/// from the next pass.
@Suite struct RetentionServiceTests {
    static let start = Date(timeIntervalSince1970: 1_787_288_400)  // 2026-08-21T05:00:00Z
    static let day = 86400.0
    static let itemKey = "feed:https://news.example/rss\u{0}guid-1"
    static let alertID = "00000000000000a1"

    /// A store holding one polled feed item decided at `start`, alerted, with its story member.
    static func store(in folder: TemporaryFolder) throws -> StateStore {
        let store = try StateStore(path: folder.file("state/seedwatch.sqlite"))
        let member = StoryMember(alertID: alertID, watch: "test-watch", story: alertID, level: .alert,
                                 fingerprint: StoryFingerprint(title: "Putin meets Kim", body: "Putin met Kim Jong Un in Pyongyang.",
                                                               url: "https://news.example/1", published: start, seen: start,
                                                               actors: ["russia", "north-korea"], topics: ["summit"], leadWords: .commonOnly))
        #expect(try store.commitDecision(articleKey: itemKey, watch: "test-watch", contentHash: "h", alertID: alertID,
                                         alertLine: Array("{\"id\":\"\(alertID)\"}\n".utf8), storyMember: member, at: start))
        try store.markWritten(alertIDs: [alertID])
        return store
    }

    static func config(retention: String, window: String) -> String {
        """
        watches: [seeds/test-watch]
        drop_folder: {path: drop}
        alerts: {log: log/alerts.jsonl}
        state: {path: state/seedwatch.sqlite, retention: \(retention)}
        stories: {window: \(window)}
        feeds: []
        """
    }

    @Test("story members go after stories.window and seen items after state.retention, at start and then hourly")
    func prunesBothOnItsOwnSchedule() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.file("state"), withIntermediateDirectories: true)
        let store = try Self.store(in: folder)
        let recorder = LogRecorder()
        // Start half an hour before the member leaves the 7-day window.
        let clock = ManualFeedPollClock(start: Self.start.addingTimeInterval(7 * Self.day - 1800))
        let service = RetentionService(store: store, settings: RetentionSettings(retentionSeconds: 10 * Self.day,
                                                                                  storiesWindowSeconds: 7 * Self.day),
                                       clock: clock, logger: recorder.logger())
        let task = Task { await service.pruneEveryInterval() }
        defer { task.cancel() }
        try await waitUntil { clock.sleeperCount == 1 }
        #expect(clock.earliestDeadline == Self.start.addingTimeInterval(7 * Self.day + 1800))
        #expect(try store.storyMember(alertID: Self.alertID)?.story == Self.alertID)

        clock.advance(to: Self.start.addingTimeInterval(7 * Self.day + 1800))
        try await waitUntil { recorder.lines(.info, "pruned story members past stories.window").count == 1 }
        #expect(recorder.lines(.info, "pruned story members past stories.window").map { $0.metadata["removed"] } == ["1"])
        #expect(try store.storyMember(alertID: Self.alertID) == nil)
        #expect(try store.storySummary(story: Self.alertID) == nil)
        #expect(try store.isSeen(articleKey: Self.itemKey, watch: "test-watch"))
        #expect(recorder.lines(.info, "pruned seen articles past retention").isEmpty)

        // Three days later the seen item passes the 10-day retention.
        try await waitUntil { clock.sleeperCount == 1 }
        clock.advance(to: Self.start.addingTimeInterval(10 * Self.day + 1800))
        try await waitUntil { recorder.lines(.info, "pruned seen articles past retention").count == 1 }
        #expect(try !store.isSeen(articleKey: Self.itemKey, watch: "test-watch"))
        task.cancel()
    }

    @Test("a reload's state.retention and stories.window are used from the next pass")
    func reloadChangesBothSettings() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let daemon = try ReloadFeedsTests.Daemon(folder: folder, config: Self.config(retention: "90d", window: "7d"))
        defer { daemon.fetcher.shutdown() }
        #expect(daemon.retention.retentionSeconds == 90 * Self.day)
        #expect(daemon.retention.storiesWindowSeconds == 7 * Self.day)
        let store = daemon.store
        let member = StoryMember(alertID: Self.alertID, watch: "test-watch", story: Self.alertID, level: .alert,
                                 fingerprint: StoryFingerprint(title: "Putin meets Kim", body: "Putin met Kim Jong Un in Pyongyang.",
                                                               url: nil, published: nil, seen: Self.start,
                                                               actors: ["russia"], topics: [], leadWords: .commonOnly))
        #expect(try store.commitDecision(articleKey: Self.itemKey, watch: "test-watch", contentHash: "h", alertID: Self.alertID,
                                         alertLine: Array("{\"id\":\"\(Self.alertID)\"}\n".utf8), storyMember: member, at: Self.start))
        try store.markWritten(alertIDs: [Self.alertID])
        let service = RetentionService(store: store, settings: daemon.retention, logger: daemon.recorder.logger())
        let threeDaysLater = Self.start.addingTimeInterval(3 * Self.day)
        #expect(service.prune(now: threeDaysLater) == RetentionService.Pass(seen: 0, storyMembers: 0))

        try ReloadFeedsTests.Daemon.write(Self.config(retention: "2d", window: "2d"), to: folder)
        await daemon.reload.reload()
        #expect(daemon.retention.retentionSeconds == 2 * Self.day)
        #expect(daemon.retention.storiesWindowSeconds == 2 * Self.day)
        #expect(service.prune(now: threeDaysLater) == RetentionService.Pass(seen: 1, storyMembers: 1))
        #expect(try !store.isSeen(articleKey: Self.itemKey, watch: "test-watch"))
        #expect(try store.storyMember(alertID: Self.alertID) == nil)
    }
}

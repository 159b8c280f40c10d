import Foundation
import GRDB
import SeedwatchCore
import SeedwatchRuntime
import Testing

/// The state of e-mail digests (migration `v8-output-digests`): a digest ties exactly the pending
/// alerts queued before its period's end, once per period, and a database from before digests
/// keeps its pending deliveries and digests them.
@Suite struct OutputDigestStateTests {
    static let t0 = Date(timeIntervalSince1970: 1_796_540_400)   // 2026-12-06T07:00:00Z

    static func commit(_ store: StateStore, _ n: Int, at: Date) throws {
        let id = String(format: "00000000000000%02x", n)
        #expect(try store.commitDecision(articleKey: "file:\(n)", watch: "w", contentHash: "h\(n)", alertID: id,
                                         alertLine: Array("{\"id\":\"\(id)\",\"level\":\"alert\"}\n".utf8), at: at))
    }

    @Test func aDigestTiesThePendingAlertsBeforeItsEndOncePerPeriod() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try StateStore(path: folder.file("state.sqlite"))
        store.setOutputRoutes([OutputRoute(name: "morning", minimumLevel: .alert)])
        try Self.commit(store, 1, at: Self.t0.addingTimeInterval(-3600))
        try Self.commit(store, 2, at: Self.t0)
        let day: TimeInterval = 86_400
        let id = try store.closeDigest(output: "morning", periodEnd: Self.t0, nominalStart: Self.t0.addingTimeInterval(-day),
                                       periodStart: { _ in Self.t0.addingTimeInterval(-day) }, at: Self.t0.addingTimeInterval(5))
        #expect(id != nil)
        // The same period again (another worker, a restart) makes nothing.
        #expect(try store.closeDigest(output: "morning", periodEnd: Self.t0, nominalStart: Self.t0.addingTimeInterval(-day),
                                      periodStart: { _ in Self.t0 }, at: Self.t0.addingTimeInterval(9)) == nil)
        let due = try store.dueDigests(output: "morning", at: Self.t0.addingTimeInterval(5))
        #expect(due.map(\.lines.count) == [1])
        #expect(due.first?.lines.first == Array("{\"id\":\"0000000000000001\",\"level\":\"alert\"}\n".utf8))
        #expect(due.first?.periodStart == Self.t0.addingTimeInterval(-day))
        #expect(due.first?.started == Self.t0.addingTimeInterval(5))
        try store.markDigestDelivered(try #require(id), output: "morning", at: Self.t0.addingTimeInterval(6))
        #expect(try store.deliveryState(alertID: "0000000000000001", output: "morning") == "delivered")
        #expect(try store.deliveryState(alertID: "0000000000000002", output: "morning") == "pending")
        #expect(try store.dueDigests(output: "morning", at: Self.t0.addingTimeInterval(7)).isEmpty)
    }

    @Test func aDatabaseOfTheReleaseBeforeDigestsKeepsItsPendingDeliveries() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("state.sqlite")
        do {
            let store = try StateStore(path: path)
            store.setOutputRoutes([OutputRoute(name: "morning", minimumLevel: .alert)])
            try Self.commit(store, 1, at: Self.t0.addingTimeInterval(-60))
            try store.close()
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in
                try db.execute(sql: """
                    DROP TABLE output_digest; DROP INDEX outbox_delivery_digest;
                    ALTER TABLE outbox_delivery DROP COLUMN digest;
                    DELETE FROM grdb_migrations WHERE identifier = 'v8-output-digests';
                    """)
            }
            try queue.close()
        }
        let store = try StateStore(path: path)
        #expect(try store.appliedMigrations().suffix(10) == ["v7-story-members", "v8-output-digests", "v9-story-lead", "v10-story-undated",
                                                        "v11-story-compact", "v12-story-summary", "v13-story-span", "v14-feed-state-current-url", "v15-article-version-text", "v16-feed-identity-notes"])
        #expect(try store.deliveryState(alertID: "0000000000000001", output: "morning") == "pending")
        let id = try store.closeDigest(output: "morning", periodEnd: Self.t0, nominalStart: Self.t0.addingTimeInterval(-3600),
                                       periodStart: { _ in Self.t0.addingTimeInterval(-3600) }, at: Self.t0)
        #expect(id != nil)
        #expect(try store.dueDigests(output: "morning", at: Self.t0).map(\.lines.count) == [1])
    }
}

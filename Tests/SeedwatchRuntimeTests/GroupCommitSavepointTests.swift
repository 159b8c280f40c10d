import Foundation
import SeedwatchCore
import SeedwatchRuntime
import Testing

/// Each decision of a group commit is a savepoint (issue 15 item 5): a decision that fails rolls
/// back alone, with the pending alert it had queued for the group's alert lines.
@Suite("Group commit: one savepoint per decision")
struct GroupCommitSavepointTests {
    /// A story member whose alert id is not 16 hex digits: recording it throws after the seen mark
    /// and the pending alert of its decision are written.
    static let malformedMember = StoryMember(
        alertID: "not-an-alert-id", watch: "w", story: "not-an-alert-id", level: .alert,
        fingerprint: StoryFingerprint(signature: .empty, linkKey: nil, title: "Bad", time: Date(timeIntervalSince1970: 1_790_000_000),
                                      actors: [], topics: []))

    @Test("a decision that fails inside a group rolls back alone, its alert line with it; the decisions around it commit")
    func failedDecisionRollsBackAlone() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try StateStore(path: folder.file("state.sqlite"))
        let at = Date(timeIntervalSince1970: 1_790_000_000)
        let (failures, alerts) = try store.batch("test group") { () -> Int in
            var failures = 0
            for n in 0..<3 {
                let id = String(format: "%016x", 0xA0 + n)
                do {
                    _ = try store.commitDecision(articleKey: "key-\(n)", watch: "w", contentHash: "hash-\(n)", alertID: id,
                                             alertLine: Array("{\"id\":\"\(id)\"}\n".utf8),
                                             storyMember: n == 1 ? Self.malformedMember : nil, at: at)
                } catch {
                    failures += 1
                }
            }
            return failures
        }
        #expect(failures == 1)
        #expect(alerts.map(\.id) == ["00000000000000a0", "00000000000000a2"])
        #expect(try store.isSeen(articleKey: "key-0", watch: "w"))
        #expect(try !store.isSeen(articleKey: "key-1", watch: "w"))
        #expect(try store.isSeen(articleKey: "key-2", watch: "w"))
        #expect(try store.pendingAlerts().map(\.id) == ["00000000000000a0", "00000000000000a2"])
    }
}

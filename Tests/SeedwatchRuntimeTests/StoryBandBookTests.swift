import Foundation
import SeedwatchCore
import SeedwatchRuntime
import Testing

/// The band-key holders kept in memory (``StoryBandBook``, issue 15) rank a lookup's band keys as
/// the statement on `story_band` does, follow the members recorded, and forget what a failed
/// transaction rolled back.
@Suite struct StoryBandBookTests {
    static let time = Date(timeIntervalSince1970: 1_790_920_800)   // 2026-10-01T06:00:00Z
    struct Rollback: Error {}

    /// A signature whose first `shared` bands hold the values of the base signature and whose other
    /// bands hold values of its own (`own`), so that it shares exactly `shared` band keys with it.
    static func signature(sharing shared: Int, own: UInt16) -> MinHashSignature {
        let values = (0..<MinHashSignature.count).map { i -> UInt16 in
            i < shared * LSHBands.rows ? UInt16(i + 1) : (1000 &+ own &* 131 &+ UInt16(i)) & 0x0FFF
        }
        return MinHashSignature(values: values, wordCount: 40)!
    }

    /// Member number `n` (alert id `n` in 16 hex digits, its own story) of `watch`, sharing `shared` bands with the base.
    static func member(_ n: Int, watch: String = "w", sharing shared: Int = LSHBands.bands) -> StoryMember {
        let id = String(repeating: "0", count: 12) + String(format: "%04x", n)
        return StoryMember(alertID: id, watch: watch, story: id, level: .alert,
                           fingerprint: StoryFingerprint(signature: signature(sharing: shared, own: UInt16(n)), linkKey: nil,
                                                         title: "Report \(n)", time: time.addingTimeInterval(Double(n) * 86_400 * 30),
                                                         actors: ["north-korea"], topics: []))
    }

    /// The base signature's band keys, band 0 first.
    static let base = LSHBands.keys(signature(sharing: LSHBands.bands, own: 0))

    @Test("the band keys' holders are ranked in memory as by the statement: most keys shared, then row number, newest 64 per key, one watch")
    func rankingEqualsTheStatement() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try StateStore(path: folder.file("state.sqlite"))
        // Rows 1–70: copies of the base in watch w; 71–72 in watch v; 73 shares 8 keys, 74 one key.
        for n in 1...70 { try store.recordStoryMember(Self.member(n), at: Self.time) }
        try store.recordStoryMember(Self.member(71, watch: "v"), at: Self.time)
        try store.recordStoryMember(Self.member(72, watch: "v"), at: Self.time)
        try store.recordStoryMember(Self.member(73, sharing: 8), at: Self.time)
        try store.recordStoryMember(Self.member(74, sharing: 1), at: Self.time)
        #expect(store.storyBandKeysHeld == 0)
        // Per key the newest 64 holders: rows 11–74 of band 0's key, 10–73 of bands 1–7, 9–72 of bands 8–15;
        // rows 11–70 of watch w share all 16 keys, row 10 15, rows 9 and 73 8, row 74 one.
        let expected = Array(Int64(11)...26)
        #expect(try store.bandHolderRanking(watch: "w", keys: Self.base, limit: 16, viaStatement: true) == expected)
        #expect(try store.bandHolderRanking(watch: "w", keys: Self.base, limit: 16, viaStatement: false) == expected)
        #expect(store.storyBandKeysHeld == 16)
        #expect(try store.bandHolderRanking(watch: "v", keys: Self.base, limit: 16, viaStatement: false) == [71, 72])
        #expect(try store.bandHolderRanking(watch: "w", keys: [Self.base[0]], limit: 3, viaStatement: false) == [11, 12, 13])

        // A member recorded later joins the keys held: the same ranking as the statement's.
        try store.recordStoryMember(Self.member(75), at: Self.time)
        for watch in ["w", "v"] {
            for limit in [1, 16, 100] {
                #expect(try store.bandHolderRanking(watch: watch, keys: Self.base, limit: limit, viaStatement: false)
                        == store.bandHolderRanking(watch: watch, keys: Self.base, limit: limit, viaStatement: true))
            }
        }
        // Row 11 has left the newest 64 of band 0's key.
        #expect(try store.bandHolderRanking(watch: "w", keys: Self.base, limit: 2, viaStatement: false) == [12, 13])
        // A key no member holds is held empty.
        #expect(try store.bandHolderRanking(watch: "w", keys: [12_345], limit: 16, viaStatement: false) == [])
        #expect(store.storyBandKeysHeld == 17)
    }

    @Test("a group commit that fails leaves nothing of its members in memory: the lookup finds what the database holds")
    func failedBatchIsForgotten() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try StateStore(path: folder.file("state.sqlite"))
        try store.recordStoryMember(Self.member(1), at: Self.time)
        #expect(try store.bandHolderRanking(watch: "w", keys: Self.base, limit: 16, viaStatement: false) == [1])
        let fingerprint = StoryFingerprint(signature: Self.signature(sharing: LSHBands.bands, own: 0), linkKey: nil, title: "Copy",
                                           time: Self.time.addingTimeInterval(86_400 * 30 * 3), actors: ["north-korea"], topics: [])
        #expect(throws: StateStoreError.self) {   // the batch names its operation around `Rollback`
            _ = try store.batch("rolled back") {
                try store.recordStoryMember(Self.member(2), at: Self.time)
                // Inside the batch the new member is found (and decoded), as the transaction sees it.
                #expect(try store.bandHolderRanking(watch: "w", keys: Self.base, limit: 16, viaStatement: false) == [1, 2])
                #expect(try store.storyCandidates(watch: "w", fingerprint: fingerprint, eventWindow: 3600).map(\.alertID)
                        == ["0000000000000001", "0000000000000002"])
                throw Rollback()
            }
        }
        #expect(store.storyBandKeysHeld == 0)
        #expect(try store.bandHolderRanking(watch: "w", keys: Self.base, limit: 16, viaStatement: false) == [1])
        // The row number 2 goes to the next member recorded, which the lookup finds as itself.
        try store.recordStoryMember(Self.member(3), at: Self.time)
        #expect(try store.bandHolderRanking(watch: "w", keys: Self.base, limit: 16, viaStatement: false) == [1, 2])
        #expect(try store.storyCandidates(watch: "w", fingerprint: fingerprint, eventWindow: 3600).map(\.alertID)
                == ["0000000000000001", "0000000000000003"])
    }

    @Test("pruning forgets the keys held; the lookup reads them again without the pruned members")
    func pruneIsForgotten() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try StateStore(path: folder.file("state.sqlite"))
        try store.recordStoryMember(Self.member(1), at: Self.time)
        try store.recordStoryMember(Self.member(2), at: Self.time.addingTimeInterval(3600))
        #expect(try store.bandHolderRanking(watch: "w", keys: Self.base, limit: 16, viaStatement: false) == [1, 2])
        #expect(try store.pruneStories(olderThan: Self.time.addingTimeInterval(60)) == 1)
        #expect(store.storyBandKeysHeld == 0)
        #expect(try store.bandHolderRanking(watch: "w", keys: Self.base, limit: 16, viaStatement: false) == [2])
    }
}

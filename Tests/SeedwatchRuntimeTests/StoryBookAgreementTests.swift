import Foundation
import SeedwatchCore
import SeedwatchRuntime
import Testing

/// The state database and the in-memory ``StoryBook`` of `scan` give the same story keys.
@Suite struct StoryBookAgreementTests {
    @Test("the same arrivals give the same story keys from the state database as from memory")
    func stateDatabaseAndMemoryAgree() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try StateStore(path: folder.file("state.sqlite"))
        var book = StoryBook()
        var fromStore: [StoryKeys] = []
        var fromMemory: [StoryKeys] = []
        for arrival in StoryBookTestArrivals.all {
            let (keys, member) = try StoryAssignment.assign(alertID: arrival.id, watch: arrival.watch, level: arrival.level,
                                                            fingerprint: arrival.fingerprint, in: store)
            try store.recordStoryMember(member, at: StoryStateTests.tuesday)
            fromStore.append(keys)
            fromMemory.append(book.join(alertID: arrival.id, watch: arrival.watch, level: arrival.level, fingerprint: arrival.fingerprint))
        }
        #expect(fromStore == fromMemory)
        #expect(fromStore.map(\.story) == ["00000000000000a1", "00000000000000a1", "00000000000000a1", "00000000000000b1"])
        #expect(fromStore.map(\.size) == [1, 2, 3, 1])
        #expect(fromStore.map(\.isRepeat) == [false, true, true, false])
    }

    @Test("members sharing one instant are walked as the state database walks its time index: the newest recorded first")
    func membersAtOneInstantAgree() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try StateStore(path: folder.file("state.sqlite"))
        var book = StoryBook()
        let t = StoryStateTests.tuesday
        // No words, no link: found by time only. 30 at one instant, then 5 an hour later.
        for i in 1...35 {
            let id = String(format: "%016x", i)
            let time = i <= 30 ? t : t.addingTimeInterval(3600)
            let member = StoryMember(alertID: id, watch: "w", story: id, level: .alert,
                                     fingerprint: StoryFingerprint(signature: .empty, linkKey: nil, title: "Item \(i)", time: time,
                                                                   actors: [], topics: []))
            try store.recordStoryMember(member, at: t)
            book.record(member)
        }
        let query = StoryFingerprint(signature: .empty, linkKey: nil, title: "Query", time: t, actors: [], topics: [])
        let fromStore = try store.storyCandidates(watch: "w", fingerprint: query, eventWindow: 48 * 3600).map(\.alertID)
        #expect(fromStore == (11...35).map { String(format: "%016x", $0) })
        #expect(book.storyCandidates(watch: "w", fingerprint: query, eventWindow: 48 * 3600).map(\.alertID) == fromStore)
    }

    @Test("of a band key held by 300 copies of one template, the state database and memory read the same newest 64 holders")
    func aTemplatesNewestHoldersAgree() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try StateStore(path: folder.file("state.sqlite"))
        var book = StoryBook()
        let template = StoryStateTests.fingerprint(StoryStateTests.body, link: nil, hoursLater: 0)
        func alertID(_ n: Int) -> String {
            let hex = String(n, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }
        for i in 1...300 {
            var copy = template
            copy.time = StoryStateTests.tuesday.addingTimeInterval(Double(i) * 3600)
            let member = StoryMember(alertID: alertID(i), watch: "w", story: alertID(1), level: .alert, fingerprint: copy)
            try store.recordStoryMember(member, at: StoryStateTests.tuesday)
            book.record(member)
            // Another watch's copies hold the same band keys: they are among the newest holders, never candidates.
            if i % 3 == 0 {
                try store.recordStoryMember(StoryMember(alertID: alertID(10_000 + i), watch: "v", story: alertID(10_003),
                                                        level: .alert, fingerprint: copy), at: StoryStateTests.tuesday)
                book.record(StoryMember(alertID: alertID(10_000 + i), watch: "v", story: alertID(10_003), level: .alert, fingerprint: copy))
            }
        }
        var late = template
        late.time = StoryStateTests.tuesday.addingTimeInterval(2_000 * 3600)
        let fromStore = try store.storyCandidates(watch: "w", fingerprint: late, eventWindow: 3600).map(\.alertID)
        // The newest 64 holders: 48 copies of watch w (253…300) and 16 of watch v; the earliest 16 of w's.
        #expect(fromStore == (253...268).map(alertID))
        #expect(book.storyCandidates(watch: "w", fingerprint: late, eventWindow: 3600).map(\.alertID) == fromStore)
    }
}

/// Arrivals for ``StoryBookAgreementTests``: one launch from three sources, an unrelated article.
enum StoryBookTestArrivals {
    static let body = StoryStateTests.body
    static var all: [(id: String, watch: String, level: AlertLevel, fingerprint: StoryFingerprint)] {
        [
            ("00000000000000a1", "w", .alert, StoryStateTests.fingerprint(body, link: "https://a.example.com/1", hoursLater: 0)),
            ("00000000000000a2", "w", .alert, StoryStateTests.fingerprint(body, link: "https://b.example.com/9", hoursLater: 2)),
            ("00000000000000a3", "w", .notice, StoryStateTests.fingerprint("A different text entirely", link: "https://a.example.com/1?utm_source=x",
                                                                           hoursLater: 4)),
            ("00000000000000b1", "w", .alert, StoryStateTests.fingerprint("Typhoon closes schools in Okinawa and Kagoshima prefectures",
                                                                          link: nil, hoursLater: 24 * 6)),
        ]
    }
}

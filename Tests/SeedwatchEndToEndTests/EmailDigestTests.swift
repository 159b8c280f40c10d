import Foundation
import SeedwatchCore
import SeedwatchRuntime
import Testing

/// The e-mail digest (`digest: daily`) against the loopback SMTP server, with an injected clock:
/// one message per period with every alert of the output queued in it, the period in UTC in the
/// subject, nothing for an empty period, nothing twice after a restart, and the same Message-ID
/// when a digest is sent again after a crash between the server's answer and the commit.
@Suite("E-mail digest", .serialized)
struct EmailDigestTests {
    static func at(_ text: String) -> Date { AlertTimestamp.parse(text)! }
    static let schedule = DigestSchedule(period: .daily(hour: 7, minute: 0), timeZone: TimeZone(identifier: "UTC")!)

    static func id(_ n: Int) -> String { String(format: "a1%014x", n) }

    static func line(_ n: Int, _ title: String, level: AlertLevel = .alert, score: Double, time: String, url: String,
                     story: Int? = nil, isRepeat: Bool = false) -> [UInt8] {
        var record = AlertRecord(
            id: id(n), time: at(time), watch: "china-russia-north-korea", level: level, score: score,
            source: .feed("https://feeds.example/rss.xml", url: url, guid: "g\(n)"), title: title, published: nil,
            actors: [ActorSummary(id: "russia", name: "Russia", mentions: 2)],
            topics: [TopicSummary(id: "russia_nk_alliance", name: "Russia–North Korea alliance", score: 6, terms: ["pact"])],
            evidence: [EvidenceItem(text: "\(title).", actors: ["russia"], topics: ["russia_nk_alliance"], start: 0, end: title.utf8.count + 1)])
        record.story = StoryKeys(story: id(story ?? n), size: 1, isRepeat: isRepeat, relation: nil)
        return AlertEncoding.line(record)
    }

    struct Setup {
        let folder: TemporaryFolder
        let server: LoopbackSMTPServer
        let sink: EmailSink
        let queued: QueuedAlertSink
        var path: String { folder.url.appendingPathComponent("state.sqlite").path }

        init() throws {
            folder = try TemporaryFolder("seedwatch-digest")
            server = try LoopbackSMTPServer()
            sink = EmailSink(name: "morning", settings: .init(smtp: server.url, from: "seedwatch@example.org", to: ["analyst@example.org"],
                                                              digest: EmailDigestTests.schedule), credentials: nil)
            queued = QueuedAlertSink(sink: sink, minimumLevel: .alert, retry: DeliveryRetry(), digest: EmailDigestTests.schedule)
        }

        /// The store as the daemon opens it at start-up (a new instance: a restart).
        func store() throws -> StateStore {
            let store = try StateStore(path: path)
            store.setOutputRoutes([queued.route])
            return store
        }

        func worker(_ store: StateStore) -> DigestDeliveryWorker {
            DigestDeliveryWorker(sink: sink, schedule: EmailDigestTests.schedule, store: store, retry: DeliveryRetry(),
                                 coreActors: [.init(id: "russia", name: "Russia")], random: { 0 })
        }

        func commit(_ store: StateStore, _ n: Int, _ line: [UInt8], at time: String) throws {
            #expect(try store.commitDecision(articleKey: "file:\(n)", watch: "china-russia-north-korea", contentHash: "h\(n)",
                                             alertID: EmailDigestTests.id(n), alertLine: line, at: EmailDigestTests.at(time)))
        }
    }

    static func header(_ data: String, _ name: String) -> String? {
        data.components(separatedBy: "\r\n").first { $0.hasPrefix(name + ": ") }.map { String($0.dropFirst(name.count + 2)) }
    }

    /// The lines under "Top stories:" of the plain-text part.
    static func topStories(_ text: String) -> [String] {
        let after = text.components(separatedBy: "\r\nTop stories:\r\n").dropFirst().first ?? ""
        return Array(after.components(separatedBy: "\r\n").prefix { !$0.isEmpty })
    }

    @Test func oneMessagePerPeriodWithItsAlertsNoneForAnEmptyPeriodNoneTwice() async throws {
        let setup = try Setup()
        defer { setup.server.stop() }
        let store = try setup.store()
        try setup.commit(store, 1, Self.line(1, "Putin and Kim sign mutual defence pact", score: 30, time: "2026-12-05T08:00:00Z",
                                            url: "https://a.example/pact"), at: "2026-12-05T08:00:00Z")
        try setup.commit(store, 2, Self.line(2, "Xi calls for calm", level: .notice, score: 17, time: "2026-12-05T09:00:00Z",
                                            url: "https://a.example/xi"), at: "2026-12-05T09:00:00Z")
        try setup.commit(store, 3, Self.line(3, "Pact text published", score: 28, time: "2026-12-05T20:00:00Z",
                                            url: "https://www.b.example/pact-text", story: 1, isRepeat: true), at: "2026-12-05T20:00:00Z")
        try setup.commit(store, 4, Self.line(4, "North Korea tests a missile", score: 25, time: "2026-12-06T06:59:59Z",
                                            url: "https://c.example/missile"), at: "2026-12-06T06:59:59Z")
        try setup.commit(store, 5, Self.line(5, "Kim visits Moscow", score: 22, time: "2026-12-06T07:00:00Z",
                                            url: "https://c.example/moscow"), at: "2026-12-06T07:00:00Z")

        // Before the period ends, nothing is sent.
        await setup.worker(store).deliverDue(now: { Self.at("2026-12-06T06:59:59Z") })
        #expect(setup.server.messages.isEmpty)

        await setup.worker(store).deliverDue(now: { Self.at("2026-12-06T07:00:05Z") })
        #expect(setup.server.messages.count == 1)
        let first = try #require(setup.server.messages.first)
        #expect(first.recipients == ["<analyst@example.org>"])
        #expect(Self.header(first.data, "Subject") == "[seedwatch] daily digest 2026-12-05 07:00 - 2026-12-06 07:00 UTC: 3 alerts")
        #expect(Self.header(first.data, "Message-ID") == "<digest.morning.20261206T070000Z@seedwatch>")
        let text = try #require(EmailSinkTests().part(first.data, "text/plain"))
        #expect(text.hasPrefix("seedwatch digest 2026-12-05 07:00:00Z – 2026-12-06 07:00:00Z: 3 alerts, 0 notices\r\n"))
        // One entry per story: the repeat from b.example is counted under the pact, not listed.
        #expect(Self.topStories(text) == ["  ALERT 30.00  Putin and Kim sign mutual defence pact  [china-russia-north-korea]",
                                          "  ALERT 25.00  North Korea tests a missile  [china-russia-north-korea]"])
        #expect(text.contains("\r\n    https://a.example/pact\r\n    “Putin and Kim sign mutual defence pact.”\r\n    +1 source: b.example\r\n"))
        #expect(!text.contains("Kim visits Moscow") && !text.contains("Xi calls for calm"))
        let html = try #require(EmailSinkTests().part(first.data, "text/html"))
        #expect(html.contains("<a href=\"https://c.example/missile\">North Korea tests a missile</a>"))
        #expect(html.contains("<div class=\"meta story\">+1 source: b.example</div>"))
        #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"timeline\""))

        // The same period again, and after a restart: nothing more.
        await setup.worker(store).deliverDue(now: { Self.at("2026-12-06T07:00:06Z") })
        let restarted = try setup.store()
        await setup.worker(restarted).deliverDue(now: { Self.at("2026-12-06T09:00:00Z") })
        #expect(setup.server.messages.count == 1)
        let counts = try #require(try restarted.outputDeliveryCounts()["morning"])
        #expect(counts.pending == 1 && counts.delivered == 3 && counts.failed == 0)

        // The next period holds the alert decided at its first second.
        await setup.worker(restarted).deliverDue(now: { Self.at("2026-12-07T07:00:00Z") })
        #expect(setup.server.messages.count == 2)
        let second = setup.server.messages[1].data
        #expect(Self.header(second, "Subject") == "[seedwatch] daily digest 2026-12-06 07:00 - 2026-12-07 07:00 UTC: 1 alert")
        #expect(Self.topStories(try #require(EmailSinkTests().part(second, "text/plain"))) == ["  ALERT 22.00  Kim visits Moscow  [china-russia-north-korea]"])

        // An empty period sends nothing.
        await setup.worker(restarted).deliverDue(now: { Self.at("2026-12-08T07:00:01Z") })
        #expect(setup.server.messages.count == 2)
    }

    @Test func aFailedDigestIsRetriedAndACrashAfterTheAnswerResendsTheSameMessage() async throws {
        let setup = try Setup()
        defer { setup.server.stop() }
        let store = try setup.store()
        try setup.commit(store, 6, Self.line(6, "Russia ships shells to North Korea", score: 26, time: "2026-12-08T10:00:00Z",
                                            url: "https://a.example/shells"), at: "2026-12-08T10:00:00Z")
        setup.server.script(["451 try again later"])
        await setup.worker(store).deliverDue(now: { Self.at("2026-12-09T07:00:01Z") })
        #expect(setup.server.messages.isEmpty)
        let failed = try #require(try store.outputDeliveryCounts()["morning"])
        #expect(failed.pending == 1 && failed.lastError?.hasPrefix("SMTP 451: ") == true)

        // The digest is sent and the server answers 250, then the daemon dies before recording it.
        let due = try #require(try store.dueDigests(output: "morning", at: Self.at("2026-12-09T08:00:00Z")).first)
        #expect(due.periodStart == Self.at("2026-12-08T07:00:00Z") && due.periodEnd == Self.at("2026-12-09T07:00:00Z"))
        let digest = Digest.make(due.lines.map { try! AlertLogEntry.decode(line: $0) }, since: due.periodStart, until: due.periodEnd, coreActors: [])
        #expect(await setup.sink.sendDigest(digest, schedule: "daily", date: Self.at("2026-12-09T07:00:03Z")) == .delivered)

        // After the restart the same digest goes again, recognisably the same message.
        let restarted = try setup.store()
        await setup.worker(restarted).deliverDue(now: { Self.at("2026-12-09T08:00:00Z") })
        await setup.worker(restarted).deliverDue(now: { Self.at("2026-12-09T08:00:01Z") })
        let messages = setup.server.messages
        #expect(messages.count == 2)
        #expect(messages.map { Self.header($0.data, "Message-ID") } == Array(repeating: "<digest.morning.20261209T070000Z@seedwatch>", count: 2))
        #expect(messages.map { Self.header($0.data, "Subject") }
            == Array(repeating: "[seedwatch] daily digest 2026-12-08 07:00 - 2026-12-09 07:00 UTC: 1 alert", count: 2))
        let counts = try #require(try restarted.outputDeliveryCounts()["morning"])
        #expect(counts.pending == 0 && counts.delivered == 1 && counts.failed == 0)
    }
}

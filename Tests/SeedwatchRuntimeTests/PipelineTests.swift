import Foundation
import Logging
import SeedwatchCore
import SeedwatchRuntime
import SeedwatchTesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A small model whose rules give `notice` to any actor match, for pipeline cases (cases/README.md).
enum PipelineTestModel {
    static let yaml = """
    actors:
      - {id: vladimir_putin, name: Vladimir Putin, kind: person, affiliation: russia, aliases: [Putin, Vladimir Putin]}
      - id: kim_jong_un
        name: Kim Jong Un
        kind: person
        affiliation: north_korea
        aliases: [Kim Jong Un, {text: Mr Kim, weak: true}]
      - {id: xi_jinping, name: Xi Jinping, kind: person, affiliation: china, aliases: [Xi Jinping, President Xi]}
      - {id: russia, name: Russia, kind: state, aliases: [Russia, Moscow]}
      - {id: north_korea, name: North Korea, kind: state, aliases: [North Korea, Pyongyang]}
      - {id: china, name: China, kind: state, aliases: [China, Beijing]}
    topics:
      - {id: sanctions, name: Sanctions, terms: [sanctions]}
    rules:
      alert_threshold: 1000
      alert_min_topic: 1000
      notice_threshold: 0.1
      notice_min_topic: 0
      state_weights: {russia: 1, china: 1, north_korea: 1}
    """

    static func watch() throws -> CompiledWatch {
        CompiledWatch(model: try ModelLoader.load(bytes: Array(yaml.utf8), file: "test-model.yaml", watch: "test-watch"))
    }
}

/// A state database, an alert log and the pipeline over them, in a temporary folder.
struct PipelineFixture {
    let folder: WatchedTemporaryFolder
    let store: StateStore
    let writer: AlertLogWriter
    let processor: ArticleProcessor
    /// The drop folder's intake over ``processor``.
    let dropFolder: DropFolderIntake
    let recorder = LogRecorder()

    /// - Parameters:
    ///   - folder: an existing fixture folder to open again (a restart), or `nil` for a new one.
    ///   - sink: wraps the alert log (to count or fail its appends); the log itself by default.
    ///   - groupLimits: the processor's group-commit limits.
    init(watches: [CompiledWatch]? = nil, busyTimeout: TimeInterval = 10, alreadyLogged: Set<String> = [],
         folder existing: WatchedTemporaryFolder? = nil, sink: ((AlertLogWriter) -> any DurableAlertSink)? = nil,
         groupLimits: GroupCommitLimits = .daemon) throws {
        folder = try existing ?? WatchedTemporaryFolder()
        if existing == nil { try folder.makeFolder("drop") }
        store = try StateStore(path: folder.url("state/seedwatch.sqlite").path, busyTimeout: busyTimeout)
        writer = try AlertLogWriter(path: folder.url("log/alerts.jsonl").path)
        let outbox = OutboxDelivery(store: store, sink: sink?(writer) ?? writer)
        processor = ArticleProcessor(watches: try watches ?? [PipelineTestModel.watch()], store: store, outbox: outbox,
                                     logger: recorder.logger(), now: { Date(timeIntervalSince1970: 1_790_000_000) },
                                     alreadyLogged: alreadyLogged, groupLimits: groupLimits)
        dropFolder = DropFolderIntake(pipeline: processor)
    }

    /// Writes a file into the drop folder (raw name bytes) and returns the watcher's view of it.
    func drop(_ name: [UInt8], _ bytes: [UInt8]) throws -> ReadyFile {
        let path = folder.bytes("drop") + [UInt8(ascii: "/")] + name
        var cPath = path.map { CChar(bitPattern: $0) }
        cPath.append(0)
        let fd = open(cPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(fd >= 0)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        return try ready(name)
    }

    func drop(_ name: String, _ text: String) throws -> ReadyFile {
        try drop(Array(name.utf8), Array(text.utf8))
    }

    /// The watcher's view of an existing file in the drop folder.
    func ready(_ name: [UInt8]) throws -> ReadyFile {
        let path = folder.bytes("drop") + [UInt8(ascii: "/")] + name
        var cPath = path.map { CChar(bitPattern: $0) }
        cPath.append(0)
        var st = stat()
        guard stat(cPath, &st) == 0 else { throw POSIXError(.ENOENT) }
        return ReadyFile(absolutePath: path, relativePath: name, snapshot: FileSnapshot(
            device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: Int64(st.st_size),
            modificationTimeNanoseconds: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)))
    }

    func ready(_ name: String) throws -> ReadyFile { try ready(Array(name.utf8)) }

    func rename(_ from: String, _ to: String) throws {
        try FileManager.default.moveItem(at: folder.url("drop/" + from), to: folder.url("drop/" + to))
    }

    /// The alert log's lines as JSON objects.
    var alerts: [[String: Any]] {
        guard let data = FileManager.default.contents(atPath: folder.url("log/alerts.jsonl").path) else { return [] }
        return data.split(separator: 0x0A).compactMap { try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any] }
    }

    func actorIDs(_ alert: [String: Any]) -> Set<String> {
        Set((alert["actors"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
    }

    func process(_ file: ReadyFile) async {
        await dropFolder.process(file, maxBytes: 1 << 20)
    }
}

@Suite("Pipeline: drop-folder file → decision → alert log")
struct PipelineTests {
    @Test func aRenameDoesNotAlertAgainAndACopyIsTheSameArticle() async throws {
        let f = try PipelineFixture()
        defer { f.folder.remove() }
        await f.process(try f.drop("a.txt", "Putin statement\nPutin spoke today.\n"))
        try f.rename("a.txt", "b.txt")
        await f.process(try f.ready("b.txt"))
        try FileManager.default.copyItem(at: f.folder.url("drop/b.txt"), to: f.folder.url("drop/c.txt"))
        await f.process(try f.ready("c.txt"))
        let alerts = f.alerts
        #expect(alerts.count == 1)
        #expect(alerts.first.map(f.actorIDs) == ["vladimir_putin"])
        #expect(alerts.first?["title"] as? String == "Putin statement")
        let counters = await f.processor.counters
        #expect(counters.alertsWritten == 1)
    }

    @Test func aGzipCopyOfADroppedArticleIsTheSameArticle() async throws {
        let f = try PipelineFixture()
        defer { f.folder.remove() }
        let text = "Putin statement\nPutin spoke today.\n"
        await f.process(try f.drop("pact.txt", text))
        await f.process(try f.drop(Array("pact.txt.gz".utf8), try gzip(Array(text.utf8))))
        // A new article in a .gz alerts; its key is the hash of the inflated text.
        let other = "Kim Jong Un statement\nKim Jong Un spoke today.\n"
        await f.process(try f.drop(Array("kim.txt.gz".utf8), try gzip(Array(other.utf8))))
        await f.process(try f.drop("kim.txt", other))
        #expect(f.alerts.compactMap { $0["title"] as? String } == ["Putin statement", "Kim Jong Un statement"])
        #expect(Set(f.alerts.compactMap { $0["id"] as? String }).count == 2)
        #expect(try f.store.isSeen(articleKey: "file:" + ArticleIdentity.sha256Hex(Array(other.utf8)), watch: "test-watch"))
        #expect(await f.processor.counters.alertsWritten == 2)
    }

    @Test func anEditedFileIsMatchedAgainButRevertedContentIsNot() async throws {
        let f = try PipelineFixture()
        defer { f.folder.remove() }
        await f.process(try f.drop("brief.html", "<p>The brief is cut off before any</p>"))
        #expect(f.alerts.isEmpty)
        await f.process(try f.drop("brief.html", "<p>The brief: Kim Jong Un arrived in Pyongyang.</p>"))
        #expect(f.alerts.count == 1)
        #expect(f.alerts.first.map(f.actorIDs) == ["kim_jong_un", "north_korea"])
        await f.process(try f.drop("brief.html", "<p>The brief is cut off before any</p>"))
        await f.process(try f.drop("brief.html", "<p>The brief: Kim Jong Un arrived in Pyongyang.</p>"))
        #expect(f.alerts.count == 1, "content already alerted alerted again")
    }

    @Test func badInputIsLoggedOnceWithPathAndReasonAndLosesNothing() async throws {
        let f = try PipelineFixture()
        defer { f.folder.remove() }
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
        await f.process(try f.drop(Array("image.html".utf8), png))
        await f.process(try f.drop("report.pdf", "%PDF-1.4 Putin"))
        await f.process(try f.drop("big.txt", String(repeating: "Putin ", count: 200_000)))
        // Invalid UTF-8 (0x92 is Windows-1252's ’) in a file whose name is not UTF-8 either.
        let name: [UInt8] = Array("caf".utf8) + [0xE9] + Array(".txt".utf8)
        await f.process(try f.drop(name, Array("Putin".utf8) + [0x92] + Array("s envoy lands in Pyongyang\n".utf8)))
        await f.process(try f.drop("after.txt", "Xi Jinping visited Beijing.\n"))

        let warnings = f.recorder.all.filter { $0.level == .warning }
        #expect(warnings.count == 3)
        #expect(warnings.contains { ($0.path ?? "").hasSuffix("/drop/image.html") && ($0.reason ?? "").hasPrefix("binary content") })
        #expect(warnings.contains { ($0.path ?? "").hasSuffix("/drop/report.pdf") && $0.reason == "unsupported file type .pdf" })
        #expect(warnings.contains { ($0.path ?? "").hasSuffix("/drop/big.txt") && ($0.reason ?? "").contains("above drop_folder.max_bytes") })

        let alerts = f.alerts
        #expect(alerts.count == 2)
        let latin = alerts.first { ($0["title"] as? String)?.hasPrefix("Putin") == true }
        #expect(latin?["title"] as? String == "Putin\u{2019}s envoy lands in Pyongyang")
        #expect((latin?["source"] as? [String: Any])?["path"] as? String == f.folder.path + "/drop/caf%E9.txt")
        #expect(latin.map(f.actorIDs) == ["vladimir_putin", "north_korea"])
        #expect(alerts.contains { f.actorIDs($0) == ["xi_jinping", "china"] })

        // Processed once: a rescan of the same files logs nothing new but its DEBUG "already processed" lines.
        let before = f.recorder.all.count
        await f.process(try f.ready("report.pdf"))
        await f.process(try f.ready("image.html"))
        #expect(f.recorder.all.filter { $0.level == .warning }.count == 3)
        #expect(f.recorder.all.dropFirst(before).map { "\($0.level) \($0.message)" }
                == ["debug already processed", "debug already processed"])
    }

    @Test func anEmptyFileIsNotRecordedSoLaterContentIsRead() async throws {
        let f = try PipelineFixture()
        defer { f.folder.remove() }
        await f.process(try f.drop("empty.txt", ""))
        #expect(f.recorder.lines(.info, "empty file, waiting").count == 1)
        await f.process(try f.drop("empty.txt", "Kim Jong Un visited Pyongyang.\n"))
        #expect(f.alerts.count == 1)
    }

    @Test func eachItemOfAKnownKeyAlertsOncePerWatch() async throws {
        let f = try PipelineFixture()
        defer { f.folder.remove() }
        let article = Article(title: "Kim Jong Un meets Putin", body: "They met in Moscow.")
        let key = ArticleIdentity.feedKey(feedURL: "https://example.org/rss", itemKey: "k-1")
        let incoming = IncomingArticle(article: article, articleKey: key, contentHash: "h",
                                       source: .feed("https://example.org/rss", url: nil, guid: "k-1"), origin: "test")
        let first = await f.processor.decide(incoming).alerts
        let second = await f.processor.decide(incoming).alerts
        #expect(first.count == 1)
        #expect(second.isEmpty)
        #expect(first.first?.id == ArticleIdentity.alertID(watch: "test-watch", articleKey: key, modelVersion: try PipelineTestModel.watch().model.version))
    }
}

@Suite("Pipeline: pending alerts")
struct PendingAlertRetryTests {
    @Test func anAlertWhoseAppendFailedIsDeliveredOnRetryOnce() async throws {
        let folder = try WatchedTemporaryFolder()
        defer { folder.remove() }
        let store = try StateStore(path: folder.url("state.sqlite").path)
        let sink = InMemoryAlertSink()
        let processor = ArticleProcessor(watches: [try PipelineTestModel.watch()], store: store,
                                         outbox: OutboxDelivery(store: store, sink: sink), logger: LogRecorder().logger())
        sink.failNextAppends(1)
        let article = Article(title: "Kim Jong Un meets Putin", body: "")
        let written = await processor.decide(IncomingArticle(article: article, articleKey: "file:abc", contentHash: "abc",
                                                             source: .file(path: Array("/d/a.txt".utf8)), origin: "/d/a.txt")).alerts
        #expect(written.isEmpty)
        #expect(sink.lines.isEmpty)
        #expect(try store.pendingAlerts().count == 1)
        #expect(await processor.retryPendingAlerts() == 1)
        #expect(sink.lines.count == 1)
        #expect(await processor.retryPendingAlerts() == 0)
        #expect(sink.lines.count == 1)
        #expect(try store.pendingAlerts().isEmpty)
    }
}

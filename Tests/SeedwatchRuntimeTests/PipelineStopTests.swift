import Foundation
import Logging
import SeedwatchCore
import SeedwatchRuntime
import Testing

/// SIGTERM's promise for dropped files (issue 13): the article in hand finishes or is abandoned,
/// unrecorded, and is read again at the next start; nothing alerts twice.
@Suite("Pipeline: stopping")
struct PipelineStopTests {
    /// An RSS file of three items, each naming an actor of ``PipelineTestModel`` (each a notice).
    static let feedFile = """
        <?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
        <item><guid>one</guid><title>Putin visits Pyongyang</title><description>Putin arrived.</description></item>
        <item><guid>two</guid><title>Kim Jong Un replies</title><description>Kim Jong Un spoke.</description></item>
        <item><guid>three</guid><title>President Xi comments</title><description>Xi Jinping spoke.</description></item>
        </channel></rss>
        """

    /// An alert sink that asks for a stop when the first line is appended: the stop arrives
    /// while the file is in hand, after its first item.
    struct StoppingSink: DurableAlertSink {
        let inner: AlertLogWriter
        let activity: PipelineActivity

        func append(_ line: [UInt8]) throws -> [AlertLogWarning] {
            activity.requestStop()
            return try inner.append(line)
        }

        func containsAlertID(_ id: String) throws -> Bool { try inner.containsAlertID(id) }
    }

    static func processorStoppingAtFirstAlert(_ f: PipelineFixture, activity: PipelineActivity) throws -> ArticleProcessor {
        ArticleProcessor(watches: [try PipelineTestModel.watch()], store: f.store,
                         outbox: OutboxDelivery(store: f.store, sink: StoppingSink(inner: f.writer, activity: activity)),
                         logger: f.recorder.logger(), now: { Date(timeIntervalSince1970: 1_790_000_000) }, activity: activity)
    }

    @Test func aStopBetweenItemsLeavesTheFileUnrecordedAndTheNextStartFinishesIt() async throws {
        let f = try PipelineFixture()
        let file = try f.drop("wire.xml", Self.feedFile)
        let stopping = try Self.processorStoppingAtFirstAlert(f, activity: PipelineActivity())
        await DropFolderIntake(pipeline: stopping).process(file, maxBytes: 1 << 20)
        #expect(f.alerts.map { $0["title"] as? String } == ["Putin visits Pyongyang"])
        #expect(try f.store.processedFileHash(device: file.device, inode: file.inode, size: file.size,
                                              mtimeNanoseconds: file.modificationTimeNanoseconds) == nil)
        #expect(stopping.activity.current == nil)
        #expect(await stopping.counters.filesProcessed == 0)
        #expect(try f.store.events(subject: file.absolutePath).map(\.kind) == [.seen, .read, .decided, .abandoned])

        // The next start: the same file again, read to the end; the first item is not alerted twice.
        await f.process(try f.ready("wire.xml"))
        #expect(f.alerts.map { $0["title"] as? String } == ["Putin visits Pyongyang", "Kim Jong Un replies", "President Xi comments"])
        #expect(Set(f.alerts.compactMap { $0["id"] as? String }).count == 3)
        #expect(try f.store.processedFileHash(device: file.device, inode: file.inode, size: file.size,
                                              mtimeNanoseconds: file.modificationTimeNanoseconds) != nil)
    }

    @Test func aFileTakenAfterTheStopIsNotReadAndNotRecorded() async throws {
        let f = try PipelineFixture()
        let file = try f.drop("putin.txt", "Putin visits Pyongyang\n\nPutin arrived in Pyongyang.\n")
        let activity = PipelineActivity()
        activity.requestStop()
        let processor = ArticleProcessor(watches: [try PipelineTestModel.watch()], store: f.store,
                                         outbox: OutboxDelivery(store: f.store, sink: f.writer), logger: f.recorder.logger(),
                                         activity: activity)
        await DropFolderIntake(pipeline: processor).process(file, maxBytes: 1 << 20)
        #expect(f.alerts.isEmpty)
        #expect(activity.totalBytesRead == 0)
        #expect(try f.store.processedFileHash(device: file.device, inode: file.inode, size: file.size,
                                              mtimeNanoseconds: file.modificationTimeNanoseconds) == nil)
        await f.process(file)
        #expect(f.alerts.map { $0["title"] as? String } == ["Putin visits Pyongyang"])
    }

    @Test func progressCountsBytesReadAndDecisions() async throws {
        let f = try PipelineFixture()
        let text = "Putin visits Pyongyang\n\nPutin arrived in Pyongyang.\n"
        let file = try f.drop("putin.txt", text)
        await f.process(file)
        #expect(f.processor.activity.totalBytesRead == text.utf8.count)
        #expect(f.processor.activity.totalDecisions == 1)
        #expect(f.processor.activity.progressMark == text.utf8.count + 1)
        #expect(f.processor.activity.current == nil)
    }
}

import Foundation
import Logging
import SeedwatchCore
#if canImport(Glibc)
import Glibc
#endif

/// The one-way pipeline after the sources: document → extract → match → decide → outbox.
///
/// An actor, so that decisions and deliveries happen one at a time, in arrival order: the
/// exactly-once protocol (DESIGN §7) needs no further locking. Bad input is logged with its path
/// and reason and never stops the pipeline.
public actor ArticleProcessor {
    /// Running totals, shown in systemd's `STATUS=` and the logs.
    public struct Counters: Sendable, Hashable {
        /// Drop-folder files read and decided (including those that held no article).
        public var filesProcessed = 0
        /// Files skipped: already processed, unreadable, binary, unknown type.
        public var filesSkipped = 0
        /// Article × watch decisions made (new ones only).
        public var decisions = 0
        /// Alert lines written.
        public var alertsWritten = 0
        /// Errors (state or log failures) — each was logged.
        public var errors = 0

        public init() {}
    }

    private var watches: [CompiledWatch]
    private let store: StateStore
    private let outbox: OutboxDelivery
    private let logger: Logger
    private let now: @Sendable () -> Date
    public private(set) var counters = Counters()

    /// - Parameters:
    ///   - watches: the compiled seed watches.
    ///   - store: the state store (seen articles, processed files, outbox).
    ///   - outbox: delivers alert lines to the alert log.
    ///   - now: the clock for alert `time`.
    public init(watches: [CompiledWatch], store: StateStore, outbox: OutboxDelivery, logger: Logger,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.watches = watches
        self.store = store
        self.outbox = outbox
        self.logger = logger
        self.now = now
    }

    /// Delivers alerts left pending by a failed append (a full disk, a vanished log folder): the
    /// same reconciliation as at start-up, run while the daemon keeps going.
    /// - Returns: how many pending alerts were delivered or found already in the log.
    @discardableResult
    public func retryPendingAlerts() -> Int {
        do {
            guard try !store.pendingAlerts().isEmpty else { return 0 }
            let report = try outbox.reconcile()
            let total = report.appended + report.alreadyInLog
            if total > 0 {
                counters.alertsWritten += report.appended
                logger.notice("pending alerts delivered", metadata: ["appended": "\(report.appended)", "already_in_log": "\(report.alreadyInLog)"])
            }
            return total
        } catch {
            counters.errors += 1
            logger.error("pending alerts still not delivered", metadata: ["error": "\(error)"])
            return 0
        }
    }

    /// Swaps in reloaded watches (SIGHUP); articles already decided stay decided.
    public func replaceWatches(_ watches: [CompiledWatch]) {
        self.watches = watches
    }

    /// Reads, extracts and decides one drop-folder file. Never throws: every failure is logged
    /// once with the path and reason.
    /// - Parameters:
    ///   - file: the ready file from the watcher.
    ///   - maxBytes: refuse files larger than this many bytes.
    public func processFile(_ file: ReadyFile, maxBytes: Int) {
        let pathText = PathText.encode(file.absolutePath)
        do {
            if try store.processedFileHash(device: file.device, inode: file.inode, size: file.size,
                                           mtimeNanoseconds: file.modificationTimeNanoseconds) != nil {
                counters.filesSkipped += 1
                logger.debug("already processed", metadata: ["path": "\(pathText)"])
                return
            }
        } catch {
            counters.errors += 1
            logger.error("state lookup failed", metadata: ["path": "\(pathText)", "error": "\(error)"])
            return
        }
        let bytes: [UInt8]
        switch FileReader.read(path: file.absolutePath, maxBytes: maxBytes) {
        case .success(let b):
            bytes = b
        case .failure(let error):
            counters.filesSkipped += 1
            logger.warning("cannot read file", metadata: ["path": "\(pathText)", "reason": "\(error)"])
            return
        }
        let contentHash = ArticleIdentity.sha256Hex(bytes)
        let name = String(decoding: file.relativePath.split(separator: UInt8(ascii: "/")).last ?? [], as: UTF8.self)
        let document = Document(bytes: bytes, origin: .file(path: file.absolutePath), nameHint: name)
        do {
            let items = try DocumentReader.items(of: document)
            for item in items {
                decide(item.article, articleKey: item.articleKey(fileContentHash: contentHash),
                       contentHash: contentHash, source: item.source(filePath: file.absolutePath), origin: pathText)
            }
            counters.filesProcessed += 1
        } catch {
            counters.filesSkipped += 1
            if error == .empty {
                logger.info("empty file, waiting", metadata: ["path": "\(pathText)"])
                return  // not recorded: content written later is still processed
            }
            logger.warning("skipping file", metadata: ["path": "\(pathText)", "reason": "\(error)"])
        }
        do {
            try store.recordProcessedFile(path: file.absolutePath, device: file.device, inode: file.inode, size: file.size,
                                          mtimeNanoseconds: file.modificationTimeNanoseconds, contentHash: contentHash)
        } catch {
            counters.errors += 1
            logger.error("cannot record processed file", metadata: ["path": "\(pathText)", "error": "\(error)"])
        }
    }

    /// Whether `articleKey` has been decided for every watch (a feed poller skips fetching the full
    /// text of such items). Errors count as "not decided", so the item is looked at again.
    public func isDecided(articleKey: String) -> Bool {
        watches.allSatisfy { (try? store.isSeen(articleKey: articleKey, watch: $0.name)) == true }
    }

    /// Records an article as seen for every watch without matching it and without an alert: how a
    /// feed's first fetch absorbs items older than `max_age` (no backlog flood).
    /// - Returns: how many watch decisions were new.
    @discardableResult
    public func recordSeenWithoutAlert(articleKey: String, contentHash: String, origin: String) -> Int {
        var recorded = 0
        for watch in watches {
            do {
                if try outbox.decide(articleKey: articleKey, watch: watch.name, contentHash: contentHash, alert: nil) {
                    recorded += 1
                }
            } catch {
                counters.errors += 1
                logger.error("cannot record seen article", metadata: ["source": "\(origin)", "watch": "\(watch.name)", "error": "\(error)"])
            }
        }
        return recorded
    }

    /// Decides one article for every watch: commits the decision with its pending alert in one
    /// transaction, then appends the alert line (DESIGN §7).
    /// - Returns: the alert records written.
    @discardableResult
    public func decide(_ article: Article, articleKey: String, contentHash: String, source: AlertSource, origin: String) -> [AlertRecord] {
        var written: [AlertRecord] = []
        for watch in watches {
            do {
                if try store.isSeen(articleKey: articleKey, watch: watch.name) { continue }
                let evaluation = watch.evaluate(article, articleKey: articleKey, source: source, time: now())
                let alert: (id: String, line: [UInt8])? = evaluation.level.map { _ in
                    (evaluation.record.id, AlertEncoding.line(evaluation.record))
                }
                let isNew = try outbox.decide(articleKey: articleKey, watch: watch.name, contentHash: contentHash, alert: alert)
                guard isNew else { continue }
                counters.decisions += 1
                if let level = evaluation.level {
                    counters.alertsWritten += 1
                    written.append(evaluation.record)
                    logger.info("alert", metadata: [
                        "id": "\(evaluation.record.id)", "watch": "\(watch.name)", "level": "\(level.rawValue)",
                        "score": "\(String(format: "%.1f", evaluation.decision.score))", "title": "\(article.title)",
                        "source": "\(origin)",
                    ])
                } else {
                    logger.debug("no alert", metadata: ["watch": "\(watch.name)", "score": "\(evaluation.decision.score)", "source": "\(origin)"])
                }
            } catch {
                counters.errors += 1
                logger.error("decision failed; it will be retried", metadata: ["source": "\(origin)", "watch": "\(watch.name)", "error": "\(error)"])
            }
        }
        return written
    }
}

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
        /// Article × watch decisions on an edit of an article already seen under another key (case 08).
        public var updates = 0
        /// Errors (state or log failures) — each was logged.
        public var errors = 0

        public init() {}
    }

    var watches: [CompiledWatch]
    let store: StateStore
    let outbox: OutboxDelivery
    let logger: Logger
    let now: @Sendable () -> Date
    public internal(set) var counters = Counters()
    /// Events noted for `seedwatch why`, written at the end of each file or item (ArticleProcessor+History).
    var history: [ArticleEvent] = []
    /// The article in hand, progress for the watchdog, and the stop request (read without the actor).
    public nonisolated let activity: PipelineActivity
    /// The processor's own thread: extraction, matching and scoring stay off the cooperative pool.
    private nonisolated let executor = DedicatedThreadExecutor(name: "seedwatch-pipeline")
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    /// Files whose processing failed on a state database error (locked, read-only, I/O error) or an
    /// alert log error, by
    /// absolute path: ``retryDeferredFiles()`` processes them again. The watcher emits a file once
    /// while it is unchanged, so without this list such a file would wait for a restart.
    /// Alert ids already in the alert log although the state database did not know them (it was
    /// deleted or replaced): a decision with such an id is recorded without writing the line again.
    private let alreadyLogged: Set<String>
    private var deferredFiles: [[UInt8]: (file: ReadyFile, maxBytes: Int)] = [:]

    /// - Parameters:
    ///   - watches: the compiled seed watches.
    ///   - store: the state store (seen articles, processed files, outbox).
    ///   - outbox: delivers alert lines to the alert log.
    ///   - now: the clock for alert `time`.
    ///   - alreadyLogged: alert ids found in the alert log at start-up when the state database was
    ///     empty (``AlertLogWriter/loggedAlertIDs()``); their decisions are recorded, their lines not
    ///     written again.
    public init(watches: [CompiledWatch], store: StateStore, outbox: OutboxDelivery, logger: Logger,
                now: @escaping @Sendable () -> Date = { Date() }, alreadyLogged: Set<String> = [],
                activity: PipelineActivity = PipelineActivity()) {
        self.activity = activity
        activity.attachCPUClock { [executor] in executor.cpuSeconds() }
        self.alreadyLogged = alreadyLogged
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

    /// Files waiting for ``retryDeferredFiles()`` after a state database error.
    public var deferredFileCount: Int { deferredFiles.count }

    /// Processes again every file deferred by a state database error (see ``processFile(_:maxBytes:)``);
    /// a file that fails again stays deferred. Called periodically by the daemon.
    /// - Returns: how many deferred files were completed now.
    @discardableResult
    public func retryDeferredFiles() -> Int {
        let files = deferredFiles.values.sorted { $0.file.absolutePath.lexicographicallyPrecedes($1.file.absolutePath) }
        var completed = 0
        for (file, maxBytes) in files {
            processFile(file, maxBytes: maxBytes)
            if deferredFiles[file.absolutePath] == nil { completed += 1 }
        }
        if completed > 0 {
            logger.notice("deferred files processed", metadata: ["files": "\(completed)", "still_deferred": "\(deferredFiles.count)"])
        }
        return completed
    }

    /// Reads, extracts and decides one drop-folder file. Never throws: every failure is logged
    /// once with the path and reason. When the state database or the alert log fails (a lookup, a
    /// decision, its delivery or the processed-file record), the file is deferred and ``retryDeferredFiles()`` tries it again;
    /// decisions already committed stay committed, so a retry never alerts twice.
    /// - Parameters:
    ///   - file: the ready file from the watcher.
    ///   - maxBytes: refuse files larger than this many bytes.
    ///
    /// After ``PipelineActivity/requestStop()`` a file not yet begun is left alone, and a feed file
    /// stops between its items; either way the file is not recorded as processed, so the next start
    /// reads it again (items already decided stay decided).
    public func processFile(_ file: ReadyFile, maxBytes: Int) {
        if activity.isStopRequested { return }
        let pathText = PathText.encode(file.absolutePath)
        activity.begin(pathText, bytes: Int(file.size))
        defer {
            activity.end()
            flushHistory()
        }
        let wasDeferred = deferredFiles.removeValue(forKey: file.absolutePath) != nil
        do {
            if try store.processedFileHash(device: file.device, inode: file.inode, size: file.size,
                                           mtimeNanoseconds: file.modificationTimeNanoseconds) != nil {
                counters.filesSkipped += 1
                logger.debug("already processed", metadata: ["path": "\(pathText)"])
                return
            }
            note(file.absolutePath, .seen, detail: "\(file.size) bytes")
        } catch {
            counters.errors += 1
            if !wasDeferred { logger.error("state lookup failed", metadata: ["path": "\(pathText)", "error": "\(error)"]) }
            deferFile(file, maxBytes: maxBytes, reason: "state lookup failed", firstTime: !wasDeferred)
            return
        }
        let bytes: [UInt8]
        switch FileReader.read(path: file.absolutePath, maxBytes: maxBytes) {
        case .success(let b):
            bytes = b
            activity.advance(bytes: b.count)
            note(file.absolutePath, .read, detail: "\(b.count) bytes")
        case .failure(let error):
            counters.filesSkipped += 1
            note(file.absolutePath, .skipped, detail: "cannot read file: \(error)")
            logger.warning("cannot read file", metadata: ["path": "\(pathText)", "reason": "\(error)"])
            return
        }
        let contentHash = ArticleIdentity.sha256Hex(bytes)
        let storedName = String(decoding: file.relativePath.split(separator: UInt8(ascii: "/")).last ?? [], as: UTF8.self)
        let name: String, content: [UInt8]
        do {
            (name, content) = try CompressedFile.unpack(name: storedName, bytes: bytes, maxBytes: maxBytes) ?? (storedName, bytes)
        } catch {
            counters.filesSkipped += 1
            logger.warning("skipping file", metadata: ["path": "\(pathText)", "reason": "\(error)"])
            note(file.absolutePath, .skipped, detail: "\(error)")
            recordProcessed(file, contentHash: contentHash, maxBytes: maxBytes, wasDeferred: wasDeferred)
            return
        }
        let document = Document(bytes: content, origin: .file(path: file.absolutePath), nameHint: name)
        do {
            let items = try DocumentReader.items(of: document)
            var failures = 0
            var alerts = 0
            for item in items {
                if activity.isStopRequested {
                    logger.info("stopping: file left for the next start", metadata: ["path": "\(pathText)"])
                    note(file.absolutePath, .abandoned, detail: "stopped between items; read again at the next start")
                    return
                }
                let outcome = decideForEveryWatch(
                    item.article, articleKey: item.articleKey(fileContentHash: contentHash),
                    contentHash: contentHash, source: item.source(filePath: file.absolutePath), origin: pathText,
                    quiet: wasDeferred,
                    // A single-article file rewritten at the same path may be an edit of the article read there before.
                    lookup: item.itemKey == nil ? .file(path: file.absolutePath, article: item.article) : nil
                )
                failures += outcome.failures
                alerts += outcome.written.count
            }
            if failures == 0 {
                // One line per file read, so the journal shows that a quiet file was read and scored.
                logger.info("file read", metadata: ["path": "\(pathText)", "articles": "\(items.count)", "alerts": "\(alerts)"])
            }
            if failures > 0 {
                // Not recorded as processed: the decisions that failed are made on the retry.
                deferFile(file, maxBytes: maxBytes, reason: "decision failed", firstTime: !wasDeferred)
                return
            }
            counters.filesProcessed += 1
        } catch {
            counters.filesSkipped += 1
            if error == .empty {
                logger.info("empty file, waiting", metadata: ["path": "\(pathText)"])
                note(file.absolutePath, .skipped, detail: "empty file, waiting for content")
                return  // not recorded: content written later is still processed
            }
            logger.warning("skipping file", metadata: ["path": "\(pathText)", "reason": "\(error)"])
            note(file.absolutePath, .skipped, detail: "\(error)")
        }
        recordProcessed(file, contentHash: contentHash, maxBytes: maxBytes, wasDeferred: wasDeferred)
    }

    /// Records `file` as processed; on a state error it is deferred (see ``processFile(_:maxBytes:)``).
    private func recordProcessed(_ file: ReadyFile, contentHash: String, maxBytes: Int, wasDeferred: Bool) {
        do {
            try store.recordProcessedFile(path: file.absolutePath, device: file.device, inode: file.inode, size: file.size,
                                          mtimeNanoseconds: file.modificationTimeNanoseconds, contentHash: contentHash)
        } catch {
            counters.errors += 1
            if !wasDeferred {
                logger.error("cannot record processed file", metadata: ["path": "\(PathText.encode(file.absolutePath))", "error": "\(error)"])
            }
            deferFile(file, maxBytes: maxBytes, reason: "cannot record processed file", firstTime: !wasDeferred)
        }
    }

    /// Puts `file` on the list for ``retryDeferredFiles()``; logs it once (not again on each retry).
    private func deferFile(_ file: ReadyFile, maxBytes: Int, reason: String, firstTime: Bool) {
        deferredFiles[file.absolutePath] = (file, maxBytes)
        if firstTime {
            note(file.absolutePath, .deferred, detail: reason)
            logger.warning("file deferred; it will be processed again", metadata: [
                "path": "\(PathText.encode(file.absolutePath))", "reason": "\(reason)",
            ])
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
    public func recordSeenWithoutAlert(articleKey: String, contentHash: String, origin: String,
                                       version: ArticleVersion? = nil) -> Int {
        var recorded = 0
        for watch in watches {
            do {
                if try outbox.decide(articleKey: articleKey, watch: watch.name, contentHash: contentHash, alert: nil,
                                     version: version, alertedActorIDs: version == nil ? nil : []) {
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
    ///
    /// With `lookup`, an article whose key is not yet seen is first compared with the stored
    /// versions of its feed or path (case 08). When it is an edit of a seen article, its key is
    /// recorded as seen and linked to the original, the original takes its title and link and keeps
    /// its alert id, and an alert is written only when the edit reaches `notice` and names an actor
    /// not in the article's alerts so far; that alert has its own id and names the original alert's
    /// id in `updates`. Otherwise the article is decided as new, with its secondary keys recorded.
    /// - Returns: the alert records written.
    @discardableResult
    public func decide(_ article: Article, articleKey: String, contentHash: String, source: AlertSource, origin: String,
                       lookup: VersionLookup? = nil) -> [AlertRecord] {
        activity.begin(origin)
        defer {
            activity.end()
            flushHistory()
        }
        return decideForEveryWatch(article, articleKey: articleKey, contentHash: contentHash, source: source, origin: origin,
                            quiet: false, lookup: lookup).written
    }

    /// ``decide(_:articleKey:contentHash:source:origin:lookup:)``, also counting the watches whose decision
    /// failed (logged at ERROR unless `quiet`, as on a retry).
    func decideForEveryWatch(_ article: Article, articleKey: String, contentHash: String, source: AlertSource,
                             origin: String, quiet: Bool, lookup: VersionLookup? = nil)
        -> (written: [AlertRecord], failures: Int, originalKey: String?) {
        var written: [AlertRecord] = []
        var failures = 0
        var originalKey: String?
        if let lookup, watches.contains(where: { (try? store.isSeen(articleKey: articleKey, watch: $0.name)) != true }) {
            do {
                originalKey = try lookup.original(of: articleKey, in: store)
            } catch {
                counters.errors += 1
                if !quiet {
                    logger.error("decision failed; it will be retried", metadata: ["source": "\(origin)", "error": "\(error)"])
                }
                return ([], watches.count, nil)
            }
        }
        for watch in watches {
            do {
                if try store.isSeen(articleKey: articleKey, watch: watch.name) { continue }
                if let lookup, let originalKey {
                    if let record = try decideUpdate(article, articleKey: articleKey, originalKey: originalKey,
                                                     version: lookup.version, watch: watch, contentHash: contentHash,
                                                     source: source, origin: origin) {
                        written.append(record)
                    }
                    continue
                }
                let evaluation = watch.evaluate(article, articleKey: articleKey, source: source, time: now())
                var alert: (id: String, line: [UInt8])? = evaluation.level.map { _ in
                    (evaluation.record.id, AlertEncoding.line(evaluation.record))
                }
                if let id = alert?.id, alreadyLogged.contains(id) {
                    alert = nil
                    logger.info("alert already in the alert log (the state database was reset); not written again", metadata: [
                        "id": "\(id)", "watch": "\(watch.name)", "source": "\(origin)",
                    ])
                }
                let alertedActors = lookup == nil ? nil : (evaluation.level == nil ? [] : evaluation.record.actors.map(\.id))
                let isNew = try outbox.decide(articleKey: articleKey, watch: watch.name, contentHash: contentHash, alert: alert,
                                              version: lookup?.version, alertedActorIDs: alertedActors)
                guard isNew else { continue }
                counters.decisions += 1
                activity.advance(decisions: 1)
                note(Self.historySubject(source: source, articleKey: articleKey), .decided, watch: watch.name,
                     level: alert == nil ? nil : evaluation.level?.rawValue, score: evaluation.decision.score,
                     alertID: alert?.id, articleKey: articleKey, detail: article.title)
                if let level = evaluation.level, alert != nil {
                    counters.alertsWritten += 1
                    written.append(evaluation.record)
                    logger.info("alert", metadata: [
                        "id": "\(evaluation.record.id)", "watch": "\(watch.name)", "level": "\(level.rawValue)",
                        "score": "\(String(format: "%.2f", evaluation.decision.score))", "title": "\(article.title)",
                        "source": "\(origin)",
                    ])
                } else {
                    logger.debug("no alert", metadata: ["watch": "\(watch.name)", "score": "\(evaluation.decision.score)", "source": "\(origin)"])
                }
            } catch {
                counters.errors += 1
                failures += 1
                if !quiet {
                    logger.error("decision failed; it will be retried", metadata: ["source": "\(origin)", "watch": "\(watch.name)", "error": "\(error)"])
                }
            }
        }
        return (written, failures, originalKey)
    }

    /// Decides an edit of a seen article for one watch (see ``decide(_:articleKey:contentHash:source:origin:lookup:)``).
    /// - Returns: the alert written, if any.
    /// - Throws: ``StateStoreError`` or the alert log's error, as ``OutboxDelivery/decideUpdate(articleKey:originalKey:watch:contentHash:version:originalAlertID:alertedActorIDs:alert:at:)``.
    private func decideUpdate(_ article: Article, articleKey: String, originalKey: String, version: ArticleVersion,
                              watch: CompiledWatch, contentHash: String, source: AlertSource, origin: String) throws -> AlertRecord? {
        let original = try store.seenDecision(articleKey: originalKey, watch: watch.name)
        let evaluation = watch.evaluate(article, articleKey: articleKey, source: source, time: now())
        let before = Set(original?.alertedActorIDs ?? [])
        let actorIDs = evaluation.record.actors.map(\.id)
        let added = actorIDs.filter { !before.contains($0) }
        var record = evaluation.record
        var alert: (id: String, line: [UInt8])?
        let alerts = evaluation.level != nil && !added.isEmpty
        if alerts {
            record.updates = original?.alertID
            alert = (record.id, AlertEncoding.line(record))
            if alreadyLogged.contains(record.id) {
                alert = nil
                logger.info("alert already in the alert log (the state database was reset); not written again", metadata: [
                    "id": "\(record.id)", "watch": "\(watch.name)", "source": "\(origin)",
                ])
            }
        }
        let alerted = alerts ? before.union(actorIDs).sorted() : before.sorted()
        let isNew = try outbox.decideUpdate(articleKey: articleKey, originalKey: originalKey, watch: watch.name,
                                            contentHash: contentHash, version: version, originalAlertID: original?.alertID,
                                            alertedActorIDs: alerted, alert: alert)
        guard isNew else { return nil }
        counters.decisions += 1
        counters.updates += 1
        activity.advance(decisions: 1)
        note(Self.historySubject(source: source, articleKey: articleKey), .decided, watch: watch.name,
             level: alert == nil ? nil : evaluation.level?.rawValue, score: evaluation.decision.score, alertID: alert?.id,
             articleKey: articleKey, detail: "edit of an article already seen (alert \(original?.alertID ?? "none")): \(article.title)")
        guard let level = evaluation.level, alert != nil else {
            logger.info("edit of a seen article; no new actor, no alert", metadata: [
                "watch": "\(watch.name)", "title": "\(article.title)", "original_alert": "\(original?.alertID ?? "-")",
                "source": "\(origin)",
            ])
            return nil
        }
        counters.alertsWritten += 1
        logger.info("alert", metadata: [
            "id": "\(record.id)", "watch": "\(watch.name)", "level": "\(level.rawValue)",
            "score": "\(String(format: "%.2f", evaluation.decision.score))", "title": "\(article.title)",
            "source": "\(origin)", "updates": "\(record.updates ?? "-")", "new_actors": "\(added.joined(separator: ","))",
        ])
        return record
    }
}

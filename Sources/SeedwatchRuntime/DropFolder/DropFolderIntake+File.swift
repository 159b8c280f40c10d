import Foundation
import Logging
import SeedwatchCore
import Synchronization

/// One file through the drop folder's intake (see ``DropFolderIntake/process(_:maxBytes:)``).
extension DropFolderIntake {
    /// What one file's processing handed to the decide path.
    struct FileOutcome {
        /// Articles of the file handed to ``ArticleProcessor/decision(for:quiet:)``.
        var articles = 0
        /// Alert records written for them (pending until their group commits, inside a group).
        var alerts = 0
    }

    /// Processes one file (see ``process(_:maxBytes:)``), inside a group commit when one is open.
    @discardableResult
    func process(_ file: ReadyFile, maxBytes: Int, in pipeline: isolated ArticleProcessor) -> FileOutcome {
        var outcome = FileOutcome()
        if pipeline.activity.isStopRequested { return outcome }
        let pathText = PathText.encode(file.absolutePath)
        pipeline.activity.begin(pathText, bytes: Int(file.size))
        defer {
            pipeline.activity.end()
            pipeline.flushHistory()
        }
        let wasDeferred = deferred.withLock { $0.removeValue(forKey: file.absolutePath) != nil }
        do {
            if try pipeline.store.processedFileHash(device: file.device, inode: file.inode, size: file.size,
                                                    mtimeNanoseconds: file.modificationTimeNanoseconds) != nil {
                pipeline.counters.filesSkipped += 1
                pipeline.logger.debug("already processed", metadata: ["path": "\(pathText)"])
                return outcome
            }
            pipeline.note(file.absolutePath, .seen, detail: "\(file.size) bytes")
        } catch {
            pipeline.counters.errors += 1
            if !wasDeferred { pipeline.logger.error("state lookup failed", metadata: ["path": "\(pathText)", "error": "\(error)"]) }
            deferFile(file, maxBytes: maxBytes, reason: "state lookup failed: \(pipeline.failureCause(of: error))", firstTime: !wasDeferred, in: pipeline)
            return outcome
        }
        let bytes: [UInt8]
        switch FileReader.read(path: file.absolutePath, maxBytes: maxBytes) {
        case .success(let b):
            bytes = b
            pipeline.activity.advance(bytes: b.count)
            pipeline.note(file.absolutePath, .read, detail: "\(b.count) bytes")
        case .failure(let error):
            pipeline.counters.filesSkipped += 1
            pipeline.note(file.absolutePath, .skipped, detail: "cannot read file: \(error)")
            pipeline.logger.warning("cannot read file", metadata: ["path": "\(pathText)", "reason": "\(error)"])
            return outcome
        }
        let contentHash = DroppedFile.contentHash(bytes)
        let storedName = String(decoding: file.relativePath.split(separator: UInt8(ascii: "/")).last ?? [], as: UTF8.self)
        do {
            let articles = try DroppedFile.articles(bytes: bytes, contentHash: contentHash, path: file.absolutePath,
                                                    name: storedName, maxBytes: maxBytes)
            var failures = 0
            var failureCause: String?
            var alerts = 0
            if let warning = articles.lazy.compactMap(\.article.extractionWarning).first {
                pipeline.logger.warning("text dropped from file", metadata: ["path": "\(pathText)", "reason": "\(warning)"])
            }
            for incoming in articles {
                if pipeline.activity.isStopRequested {
                    pipeline.logger.info("stopping: file left for the next start", metadata: ["path": "\(pathText)"])
                    pipeline.note(file.absolutePath, .abandoned, detail: "stopped between items; read again at the next start")
                    return outcome
                }
                let decided = pipeline.decision(for: incoming, quiet: wasDeferred)
                failures += decided.failures
                failureCause = decided.failureCause ?? failureCause
                alerts += decided.alerts.count
                outcome.articles += 1
                outcome.alerts += decided.alerts.count
            }
            if failures > 0 {
                // Not recorded as processed: the decisions that failed are made on the retry.
                deferFile(file, maxBytes: maxBytes, reason: "decision failed" + ((pipeline.firstFailureCause ?? failureCause).map { ": \($0)" } ?? ""), firstTime: !wasDeferred, in: pipeline)
                return outcome
            }
            // One line per file read, so the journal shows that a quiet file was read and scored.
            pipeline.logger.info("file read", metadata: ["path": "\(pathText)", "articles": "\(articles.count)", "alerts": "\(alerts)"])
            pipeline.counters.filesProcessed += 1
        } catch {
            pipeline.counters.filesSkipped += 1
            if case .extraction(.empty) = error {
                pipeline.logger.info("empty file, waiting", metadata: ["path": "\(pathText)"])
                pipeline.note(file.absolutePath, .skipped, detail: "empty file, waiting for content")
                return outcome  // not recorded: content written later is still processed
            }
            pipeline.logger.warning("skipping file", metadata: ["path": "\(pathText)", "reason": "\(error)"])
            pipeline.note(file.absolutePath, .skipped, detail: "\(error)")
        }
        recordProcessed(file, contentHash: contentHash, maxBytes: maxBytes, wasDeferred: wasDeferred, in: pipeline)
        return outcome
    }

    /// Records `file` as processed; on a state error it is deferred.
    private func recordProcessed(_ file: ReadyFile, contentHash: String, maxBytes: Int, wasDeferred: Bool,
                                 in pipeline: isolated ArticleProcessor) {
        do {
            try pipeline.store.recordProcessedFile(path: file.absolutePath, device: file.device, inode: file.inode, size: file.size,
                                                   mtimeNanoseconds: file.modificationTimeNanoseconds, contentHash: contentHash)
        } catch {
            pipeline.counters.errors += 1
            if !wasDeferred {
                pipeline.logger.error("cannot record processed file", metadata: ["path": "\(PathText.encode(file.absolutePath))", "error": "\(error)"])
            }
            deferFile(file, maxBytes: maxBytes, reason: "cannot record processed file: \(pipeline.failureCause(of: error))", firstTime: !wasDeferred, in: pipeline)
        }
    }

    /// Puts `file` on the list for ``retryDeferredFiles()``; logs it once (not again on each retry).
    func deferFile(_ file: ReadyFile, maxBytes: Int, reason: String, firstTime: Bool, in pipeline: isolated ArticleProcessor) {
        deferred.withLock { $0[file.absolutePath] = (file, maxBytes) }
        if firstTime {
            pipeline.note(file.absolutePath, .deferred, detail: reason)
            pipeline.logger.warning("file deferred; it will be processed again", metadata: [
                "path": "\(PathText.encode(file.absolutePath))", "reason": "\(reason)",
            ])
        }
    }
}

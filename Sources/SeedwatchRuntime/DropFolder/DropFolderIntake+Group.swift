import Foundation
import Logging
import SeedwatchCore
import Synchronization

/// A burst of dropped files in group commits (issue 15 item 5): the files ready together are
/// decided in one state transaction per group (``GroupCommitLimits``: 512 articles or 500 ms), and
/// the group's alert lines are appended with one `fdatasync` once it has committed (DESIGN §7:
/// the decision is durable before its line is written; ``OutboxDelivery/decideBatch(_:)``).
extension DropFolderIntake {
    /// Reads, extracts and decides `files`, in order, in group commits: each file as
    /// ``process(_:maxBytes:)`` does, with its decisions, its processed-file record and its history
    /// in its group's transaction. The alert lines come out the same, in the same order, as when the
    /// files are processed one by one; what changes is the number of syncs (one WAL sync and one
    /// `fdatasync` of the alert log per group instead of three syncs per alerting file).
    ///
    /// Never throws; every failure is logged:
    /// - a group whose transaction cannot begin or commit (a locked, read-only or full database) leaves
    ///   nothing of its files committed: they are deferred and ``retryDeferredFiles()`` processes
    ///   them again; their history (`seedwatch why`, `status`) has no decision of that group;
    /// - when the group's alert lines cannot be appended (a full disk), its decisions stand and the
    ///   alerts stay pending, delivered once by ``ArticleProcessor/retryPendingAlerts()`` (or the
    ///   start-up reconciliation); the files that alerted are deferred, as ``process(_:maxBytes:)``
    ///   defers them.
    ///
    /// After ``PipelineActivity/requestStop()`` the files decided so far commit and the rest are
    /// left alone, unrecorded, for the next start.
    /// - Parameters:
    ///   - files: ready files from the watcher, in the order they were emitted.
    ///   - maxBytes: refuse files larger than this many bytes.
    package func process(_ files: [ReadyFile], maxBytes: Int) async {
        await processInGroups(files, maxBytes: maxBytes, in: pipeline)
    }

    private func processInGroups(_ files: [ReadyFile], maxBytes: Int, in pipeline: isolated ArticleProcessor) {
        var next = 0
        while next < files.count {
            if pipeline.activity.isStopRequested { return }
            let countersBefore = pipeline.counters
            let openedAt = PipelineActivity.monotonicSeconds()
            // The group's files, whether each was deferred before, and whether it alerted.
            var taken: [(file: ReadyFile, wasDeferred: Bool, alerted: Bool)] = []
            // The wait for the write lock, and the commit with its alert lines, are in hand for the
            // watchdog (a database locked by another process is a wedge), under the first file's name.
            let first = files[next]
            let historyStart = pipeline.history.count
            pipeline.firstFailureCause = nil
            pipeline.activity.begin(PathText.encode(first.absolutePath), bytes: Int(first.size), timed: false)
            defer {
                pipeline.activity.end()
                pipeline.flushHistory()  // after the group's transaction: history is written on its own
            }
            do {
                let outcome = try pipeline.outbox.decideBatch {
                    var articles = 0
                    defer {
                        pipeline.activity.begin("commit of \(taken.count) dropped files", timed: false)
                    }
                    while next < files.count {
                        if pipeline.activity.isStopRequested { return }
                        let file = files[next]
                        next += 1
                        let wasDeferred = deferred.withLock { $0[file.absolutePath] != nil }
                        let done = process(file, maxBytes: maxBytes, in: pipeline)
                        taken.append((file, wasDeferred, done.alerts > 0))
                        articles += max(done.articles, 1)
                        if pipeline.groupLimits.isReached(articles: articles, openedAt: openedAt) { return }
                    }
                }
                if let error = outcome.deliveryError {
                    pipeline.counters.errors += 1
                    pipeline.logger.error("alerts committed but not yet in the alert log; they stay pending and are retried",
                                          metadata: ["files": "\(taken.count)", "error": "\(error)"])
                    for entry in taken where entry.alerted {
                        deferFile(entry.file, maxBytes: maxBytes, reason: "alert log write failed: \(ArticleProcessor.cause(of: error))", firstTime: !entry.wasDeferred,
                                  in: pipeline)
                    }
                }
            } catch {
                // Nothing of the group is committed: its files are processed again by the retry,
                // and its history keeps their steps and deferral, not decisions that never happened.
                pipeline.discardUncommittedDecisions(notedSince: historyStart)
                pipeline.counters = countersBefore
                pipeline.counters.errors += 1
                pipeline.logger.error("decisions of a group of dropped files failed; the files will be processed again",
                                      metadata: ["files": "\(taken.count)", "error": "\(error)"])
                if taken.isEmpty {
                    // The transaction could not even begin (a lock held past the busy timeout): the
                    // files left would each wait as long, so all of them wait for the retry.
                    while next < files.count {
                        let file = files[next]
                        next += 1
                        taken.append((file, deferred.withLock { $0[file.absolutePath] != nil }, false))
                    }
                }
                for entry in taken {
                    let deferredInGroup = deferred.withLock { $0[entry.file.absolutePath] != nil }
                    deferFile(entry.file, maxBytes: maxBytes, reason: "group commit failed: \(pipeline.failureCause(of: error))",
                              firstTime: !entry.wasDeferred && !deferredInGroup, in: pipeline)
                }
            }
        }
    }
}

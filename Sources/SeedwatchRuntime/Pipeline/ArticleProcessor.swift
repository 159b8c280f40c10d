import Foundation
import Logging
import SeedwatchCore

/// The one-way pipeline after the sources: an ``IncomingArticle`` → match → decide → outbox.
///
/// Every source's intake (``DropFolderIntake``, ``FeedPoller``) hands its articles to the one
/// decide path, ``decide(_:)`` (or ``decideBatch(_:origin:)`` for many in one transaction).
/// An actor, so that decisions and deliveries happen one at a time, in arrival order: the
/// exactly-once protocol (DESIGN §7) needs no further locking. Bad input is logged with its path
/// and reason and never stops the pipeline.
package actor ArticleProcessor {
    /// Running totals, shown in systemd's `STATUS=` and the logs.
    package struct Counters: Sendable, Hashable {
        /// Drop-folder files read and decided (including those that held no article).
        package var filesProcessed = 0
        /// Files skipped: already processed, unreadable, binary, unknown type.
        package var filesSkipped = 0
        /// Article × watch decisions made (new ones only).
        package var decisions = 0
        /// Alert lines written.
        package var alertsWritten = 0
        /// Article × watch decisions on an edit of a seen article (one already seen under another key).
        package var updates = 0
        /// Errors (state or log failures) — each was logged.
        package var errors = 0

        package init() {}
    }

    var watches: [CompiledWatch]
    let store: StateStore
    let outbox: OutboxDelivery
    let logger: Logger
    let now: @Sendable () -> Date
    package internal(set) var counters = Counters()
    /// Stories of alerts (issue 12); members past `stories.window` are pruned by the ``RetentionService``.
    let stories = StoryKeeper()
    /// Events noted for `seedwatch why`, written at the end of each file or item (ArticleProcessor+History).
    var history: [ArticleEvent] = []
    /// Why the first decision that failed since it was last cleared failed (``cause(of:)``): a group
    /// commit that fails after it names it, since SQLite may roll the whole transaction back on
    /// `SQLITE_FULL` and the commit's own error then says only that no transaction is active.
    var firstFailureCause: String?
    /// The article in hand, progress for the watchdog, and the stop request (read without the actor).
    package nonisolated let activity: PipelineActivity
    /// The processor's own thread: extraction, matching and scoring stay off the cooperative pool.
    private nonisolated let executor = DedicatedThreadExecutor(name: "seedwatch-pipeline")
    package nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    /// Alert ids already in the alert log although the state database did not know them (it was
    /// deleted or replaced): a decision with such an id is recorded without writing the line again.
    let alreadyLogged: Set<String>
    /// How many ready decisions commit together (``GroupCommitLimits``): a feed document's items
    /// (``decideBatch(_:origin:)``) and a burst of dropped files (``DropFolderIntake``).
    package let groupLimits: GroupCommitLimits

    /// - Parameters:
    ///   - watches: the compiled seed watches.
    ///   - store: the state store (seen articles, article versions, outbox).
    ///   - outbox: delivers alert lines to the alert log.
    ///   - now: the clock for alert `time`.
    ///   - alreadyLogged: alert ids found in the alert log at start-up when the state database was
    ///     empty (``AlertLogWriter/loggedAlertIDs()``); their decisions are recorded, their lines not
    ///     written again.
    ///   - groupLimits: how large a group commit may grow (512 articles or 500 ms).
    package init(watches: [CompiledWatch], store: StateStore, outbox: OutboxDelivery, logger: Logger,
                now: @escaping @Sendable () -> Date = { Date() }, alreadyLogged: Set<String> = [],
                activity: PipelineActivity = PipelineActivity(), groupLimits: GroupCommitLimits = .daemon) {
        self.activity = activity
        self.groupLimits = groupLimits
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
    package func retryPendingAlerts() -> Int {
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
    package func replaceWatches(_ watches: [CompiledWatch]) {
        self.watches = watches
    }

    /// Whether `articleKey` has been decided for every watch (a feed poller skips fetching the full
    /// text of such items). Errors count as "not decided", so the item is looked at again.
    package func isDecided(articleKey: String) -> Bool {
        watches.allSatisfy { (try? store.isSeen(articleKey: articleKey, watch: $0.name)) == true }
    }

    /// Decides one article for every watch (``decision(for:quiet:)``) and writes its history: the
    /// one decide path, whatever the source.
    /// - Returns: the alerts written and the watches whose decision failed (retried by the source).
    @discardableResult
    package func decide(_ incoming: IncomingArticle) -> ArticleDecision {
        activity.begin(incoming.origin)
        defer {
            activity.end()
            flushHistory()
        }
        return decision(for: incoming, quiet: false)
    }
}

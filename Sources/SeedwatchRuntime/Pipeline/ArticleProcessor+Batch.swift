import Foundation
import Logging
import SeedwatchCore

/// What ``ArticleProcessor/decideBatch(_:origin:)`` did with a batch.
package struct BatchDecision: Sendable {
    /// How many articles, from the batch's start, were looked at (all unless ``stopped``).
    package var handled = 0
    /// The alert records written.
    package var alerts: [AlertRecord] = []
    /// Articles recorded as seen without alerting (``IncomingArticle/recordWithoutAlert``).
    package var recordedWithoutAlert = 0
    /// Every handled article is decided for every watch (false after a failure: the source
    /// retries it, a feed on its next full fetch).
    package var allDecided = true
    /// The task was cancelled (SIGTERM): the articles after ``handled`` were not looked at.
    package var stopped = false
}

extension ArticleProcessor {
    /// Decides many articles in group commits (issue 11, issue 15 item 5): each group is one state
    /// transaction (one WAL sync), its alerts appended after the commit with one sync, and it holds
    /// at most ``groupLimits`` (512 articles or 500 ms); the next article starts the next group.
    /// Each article goes through the one decide path (``decision(for:quiet:)``). The task's
    /// cancellation is checked before every article: on a stop, the articles decided so far commit
    /// and the rest are left for the source to hand over again (they are not seen, so they are
    /// decided then; nothing is decided twice).
    ///
    /// When a group's transaction fails, nothing of that group stands, the articles after it are
    /// not looked at, and `allDecided` is false; the groups committed before it stand.
    /// - Parameters:
    ///   - articles: the batch, in the source's order (a feed document's items).
    ///   - origin: where the batch came from (a feed's URL), for log lines.
    package func decideBatch(_ articles: [IncomingArticle], origin: String) -> BatchDecision {
        var result = BatchDecision()
        activity.begin(origin)
        defer { activity.end() }
        var next = 0
        while next < articles.count && !result.stopped {
            let countersBefore = counters
            var group = BatchDecision()
            let openedAt = PipelineActivity.monotonicSeconds()
            let historyStart = history.count
            firstFailureCause = nil
            do {
                let outcome = try outbox.decideBatch {
                    while next < articles.count {
                        if Task.isCancelled || activity.isStopRequested {
                            group.stopped = true
                            return
                        }
                        let incoming = articles[next]
                        next += 1
                        group.handled += 1
                        let decided = decision(for: incoming, quiet: false)
                        if incoming.recordWithoutAlert { group.recordedWithoutAlert += 1 }
                        group.alerts += decided.alerts
                        if !decided.isDecided { group.allDecided = false }
                        if groupLimits.isReached(articles: group.handled, openedAt: openedAt) { return }
                    }
                }
                if let error = outcome.deliveryError {
                    counters.errors += 1
                    logger.error("alerts committed but not yet in the alert log; they stay pending and are retried",
                                 metadata: ["source": "\(origin)", "error": "\(error)"])
                }
            } catch {
                // Written on its own: the steps noted stay visible to `seedwatch why`, but not the
                // decisions of the group, which did not commit.
                discardUncommittedDecisions(notedSince: historyStart)
                flushHistory()
                counters = countersBefore
                counters.errors += 1
                logger.error("decisions of a batch of feed items failed; they will be retried", metadata: [
                    "source": "\(origin)", "items": "\(group.handled)", "error": "\(error)"])
                result.allDecided = false
                result.stopped = group.stopped
                return result
            }
            flushHistory()  // after the group's transaction: history is written on its own
            result.handled += group.handled
            result.alerts += group.alerts
            result.recordedWithoutAlert += group.recordedWithoutAlert
            if !group.allDecided { result.allDecided = false }
            result.stopped = group.stopped
        }
        return result
    }
}

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
    /// Decides many articles in one state transaction (issue 11): one WAL sync for the batch, its
    /// alerts appended after the commit with one sync. Each article goes through the one decide
    /// path (``decision(for:quiet:)``). The task's cancellation is checked before every article: on
    /// a stop, the articles decided so far commit and the rest are left for the source to hand
    /// over again (they are not seen, so they are decided then; nothing is decided twice).
    ///
    /// When the transaction fails, nothing of the batch stands and `allDecided` is false.
    /// - Parameters:
    ///   - articles: the batch, in the source's order (a feed document's items).
    ///   - origin: where the batch came from (a feed's URL), for log lines.
    package func decideBatch(_ articles: [IncomingArticle], origin: String) -> BatchDecision {
        let countersBefore = counters
        var result = BatchDecision()
        activity.begin(origin)
        defer {
            activity.end()
            flushHistory()  // after the batch's transaction: history is written on its own
        }
        do {
            let outcome = try outbox.decideBatch {
                for incoming in articles {
                    if Task.isCancelled || activity.isStopRequested {
                        result.stopped = true
                        return
                    }
                    defer { result.handled += 1 }
                    let decided = decision(for: incoming, quiet: false)
                    if incoming.recordWithoutAlert { result.recordedWithoutAlert += 1 }
                    result.alerts += decided.alerts
                    if !decided.isDecided { result.allDecided = false }
                }
            }
            if let error = outcome.deliveryError {
                counters.errors += 1
                logger.error("alerts committed but not yet in the alert log; they stay pending and are retried",
                             metadata: ["source": "\(origin)", "error": "\(error)"])
            }
        } catch {
            counters = countersBefore
            counters.errors += 1
            logger.error("decisions of a batch of feed items failed; they will be retried", metadata: [
                "source": "\(origin)", "items": "\(articles.count)", "error": "\(error)"])
            return BatchDecision(handled: 0, alerts: [], recordedWithoutAlert: 0, allDecided: false, stopped: result.stopped)
        }
        return result
    }
}

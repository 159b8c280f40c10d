import Foundation

/// How large one group commit may grow (issue 15 item 5): the decisions that are ready together
/// (a burst of dropped files, the new items of a feed document) commit in one state transaction
/// and their alert lines are made durable with one `fdatasync`, until the group holds
/// ``maxArticles`` articles or has been open ``maxSeconds`` seconds. The next ready article then
/// starts a new group.
///
/// The count bounds what one failed commit must redo and the memory of a group's pending alerts;
/// the time bounds how long an alert waits for its group to commit (its latency), whatever the
/// speed of the machine. A file is never split: a group closes after the file that reached a limit.
package struct GroupCommitLimits: Sendable, Hashable {
    /// Articles (a dropped file's articles, a feed's items) one group holds at most; at least 1.
    package var maxArticles: Int
    /// Seconds a group stays open at most, counted from its first article (CLOCK_MONOTONIC).
    package var maxSeconds: Double

    /// - Parameters:
    ///   - maxArticles: articles per group (512 by default; values below 1 count as 1).
    ///   - maxSeconds: seconds a group stays open (0.5 s by default; 0 makes a group of each article or file).
    package init(maxArticles: Int = 512, maxSeconds: Double = 0.5) {
        self.maxArticles = max(1, maxArticles)
        self.maxSeconds = max(0, maxSeconds)
    }

    /// The daemon's limits: 512 articles or 500 ms. A burst fills its groups to 512 (at 50 ms a
    /// group held about 100 small files, and each group pays its WAL sync, its alert log sync and
    /// the rewrite of the index pages it touched: issue 15; at 256 articles or 250 ms the commits and
    /// their WAL checkpoints were still an eighth of a burst's CPU); an alert waits at most 0.5 s
    /// more, against a settle of 1 s.
    package static let daemon = GroupCommitLimits()

    /// Whether a group that holds `articles` articles and was opened at `openedAt`
    /// (``PipelineActivity/monotonicSeconds()``) must close at `now` (same clock).
    package func isReached(articles: Int, openedAt: Double, now: Double = PipelineActivity.monotonicSeconds()) -> Bool {
        articles >= maxArticles || now - openedAt >= maxSeconds
    }
}

/// Row counts of the state database, for `STATUS=` and logs.
public struct StateCounts: Sendable, Hashable {
    /// (article, watch) pairs remembered as seen.
    public var seenArticles: Int
    /// Outbox alerts committed but not yet confirmed in the alert log.
    public var pendingAlerts: Int
    /// Outbox alerts written to the alert log.
    public var writtenAlerts: Int
    /// Feeds with stored HTTP state.
    public var feeds: Int
    /// Dropped files recorded as processed.
    public var processedFiles: Int

    public init(seenArticles: Int, pendingAlerts: Int, writtenAlerts: Int, feeds: Int, processedFiles: Int) {
        self.seenArticles = seenArticles
        self.pendingAlerts = pendingAlerts
        self.writtenAlerts = writtenAlerts
        self.feeds = feeds
        self.processedFiles = processedFiles
    }
}

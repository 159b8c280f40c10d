import SeedwatchCore

/// What ``ArticleProcessor/decide(_:)`` did with one ``IncomingArticle``.
public struct ArticleDecision: Sendable {
    /// The alert records written.
    public var alerts: [AlertRecord] = []
    /// The watches whose decision failed (each was logged unless quiet); it is made again on a retry.
    public var failures = 0
    /// The seen article it is an edit of, when it is one.
    public var originalKey: String?
    /// Every watch has decided the article (nothing left for a retry).
    public var isDecided: Bool { failures == 0 }

    public init(alerts: [AlertRecord] = [], failures: Int = 0, originalKey: String? = nil) {
        self.alerts = alerts
        self.failures = failures
        self.originalKey = originalKey
    }
}

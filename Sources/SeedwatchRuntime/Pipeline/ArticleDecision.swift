import SeedwatchCore

/// What ``ArticleProcessor/decide(_:)`` did with one ``IncomingArticle``.
package struct ArticleDecision: Sendable {
    /// The alert records written.
    package var alerts: [AlertRecord] = []
    /// The watches whose decision failed (each was logged unless quiet); it is made again on a retry.
    package var failures = 0
    /// Why the last failed decision failed (``StateStoreError/cause`` or the error's description),
    /// for the history of a deferred file.
    package var failureCause: String?
    /// The seen article it is an edit of, when it is one.
    package var originalKey: String?
    /// Every watch has decided the article (nothing left for a retry).
    package var isDecided: Bool { failures == 0 }

    package init(alerts: [AlertRecord] = [], failures: Int = 0, originalKey: String? = nil) {
        self.alerts = alerts
        self.failures = failures
        self.originalKey = originalKey
    }
}

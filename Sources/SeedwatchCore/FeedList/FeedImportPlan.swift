/// What `seedwatch feeds import FILE.opml` adds: the file's feeds in order, less those already
/// configured or listed earlier in the file (the same ``FeedURLIdentity`` key) and those whose
/// URL the configuration would refuse (``FeedURLCheck``).
public struct FeedImportPlan: Sendable, Equatable {
    /// A feed of the file that is not added, and why.
    public struct Refusal: Sendable, Equatable {
        public var url: String
        public var reason: String

        public init(url: String, reason: String) {
            self.url = url
            self.reason = reason
        }
    }

    /// The feeds to add, in the file's order, titles kept.
    public var added: [OPMLFeed] = []
    /// Feeds already configured or listed twice in the file.
    public var duplicates: [Refusal] = []
    /// Feeds whose URL the configuration would refuse, with ``FeedURLCheck``'s reason.
    public var invalid: [Refusal] = []

    /// - Parameters:
    ///   - imported: the file's feeds (``OPMLReader``).
    ///   - configured: the URLs of `feeds:` as written.
    public init(imported: [OPMLFeed], configured: [String]) {
        var known: [String: String] = [:]   // key → how it is known
        for url in configured { known[FeedURLIdentity.key(url)] = "already configured as \(url)" }
        for feed in imported {
            if let problem = FeedURLCheck.problem(feed.url) {
                invalid.append(Refusal(url: feed.url, reason: problem))
                continue
            }
            let key = FeedURLIdentity.key(feed.url)
            if let how = known[key] {
                duplicates.append(Refusal(url: feed.url, reason: how))
                continue
            }
            known[key] = "listed earlier in the file as \(feed.url)"
            added.append(feed)
        }
    }
}

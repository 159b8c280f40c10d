/// One feed of a feed list as OPML 2.0 carries it (opml.org/spec2.opml, "Subscription lists"):
/// an `<outline type="rss">` with its `xmlUrl`, and `text` / `title` for people.
public struct OPMLFeed: Sendable, Hashable {
    /// The feed's URL (`xmlUrl`), as written.
    public var url: String
    /// The feed's name (`title`, else `text`); `nil` when the outline has neither.
    public var title: String?

    public init(url: String, title: String? = nil) {
        self.url = url
        self.title = title
    }
}

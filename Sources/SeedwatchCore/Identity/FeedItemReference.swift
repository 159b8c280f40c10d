/// A feed item as a user names it to `seedwatch why`: by a link that may differ from the one the
/// feed gave (tracking parameters, fragment, `http`/`https`, `www.`, a trailing `/`), or by its GUID.
///
/// Two rules, either of which names the item:
/// - **Canonical link**: the reference and the link the item's history is filed under have the
///   same ``CanonicalLink`` (the form stories compare links by), so
///   `https://example.org/world/kim-visit` finds the item filed under
///   `https://www.example.org/world/kim-visit/?utm_source=rss&fbclid=x1`.
/// - **GUID**: the reference is the item key of the item's article key (DESIGN §7,
///   `feed:` + feed URL + NUL + item key) — the GUID (RSS `guid`, Atom `id`, JSON Feed `id`) as
///   ``ItemKey`` keys it, an http(s) GUID without its tracking parameters.
public struct FeedItemReference: Sendable, Hashable {
    /// The text the user gave.
    public let text: String
    /// ``CanonicalLink`` of `text`, `nil` when it is not an absolute http(s) URL.
    public let canonicalLink: String?
    /// `text` as ``ItemKey`` keys a GUID (tracking parameters dropped from an http(s) URL).
    public let itemKey: String

    public init(_ text: String) {
        self.text = text
        canonicalLink = CanonicalLink.of(text)
        itemKey = TrackingParameters.stripped(fromURL: text)
    }

    /// Whether history filed under `subject` (a feed item's link, else its article key), with the
    /// article key `articleKey` when the event names one, is this item's.
    public func matches(subject: String, articleKey: String?) -> Bool {
        if let canonicalLink, CanonicalLink.of(subject) == canonicalLink { return true }
        for key in [articleKey, subject].compactMap({ $0 }) where Self.itemKey(ofArticleKey: key) == itemKey {
            return true
        }
        return false
    }

    /// The feed URL of a feed item's article key (`feed:` + feed URL + NUL + item key): the feed's
    /// first configured URL, `nil` for any other key (a dropped file's `file:` key).
    public static func feedURL(ofArticleKey key: String) -> String? {
        guard key.hasPrefix("feed:"), let nul = key.firstIndex(of: "\u{0}") else { return nil }
        return String(key[key.index(key.startIndex, offsetBy: 5)..<nul])
    }

    /// The item key of a feed item's article key (`feed:` + feed URL + NUL + item key), `nil` for
    /// any other key (a dropped file's `file:` key).
    public static func itemKey(ofArticleKey key: String) -> String? {
        guard key.hasPrefix("feed:"), let nul = key.firstIndex(of: "\u{0}") else { return nil }
        return String(key[key.index(after: nul)...])
    }
}

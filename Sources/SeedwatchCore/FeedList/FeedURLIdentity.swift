import Foundation

/// When two feed URLs name the same feed, for `seedwatch feeds add` (refusing a duplicate) and
/// `feeds import` (reporting one): the link normalisation of item keys (``URIReference/normalizedLink(_:)``:
/// scheme and host lower-cased, fragment and tracking parameters dropped), plus the scheme's
/// default port dropped (RFC 3986 §6.2.3: `:80` for http, `:443` for https) and an empty path
/// written as `/`.
public enum FeedURLIdentity {
    /// The comparison key of a feed URL; two URLs with the same key are the same feed.
    /// - Parameter url: the URL as written (surrounding whitespace ignored).
    public static func key(_ url: String) -> String {
        var reference = URIReference(URIReference.normalizedLink(url))
        let scheme = reference.scheme ?? ""
        if var authority = reference.authority {
            let defaultPort = scheme == "http" ? ":80" : scheme == "https" ? ":443" : nil
            if let defaultPort, authority.hasSuffix(defaultPort) { authority.removeLast(defaultPort.count) }
            if authority.hasSuffix(":") { authority.removeLast() }
            reference.authority = authority
            if reference.path.isEmpty { reference.path = "/" }
        }
        return reference.text
    }

    /// The key under which two spellings of one feed's URL that a user may write by hand are equal
    /// (tryout F21): ``key(_:)`` without its scheme (`http`/`https`), without a leading `www.` on
    /// the host, and without trailing `/` on the path. Such URLs may still be two feeds (a site
    /// that serves other items without `www.`): the poller only uses it to find the feed that a
    /// newly added one may be a re-spelling of, and then compares their items.
    public static func respellingKey(_ url: String) -> String {
        var text = key(url)
        if let scheme = text.range(of: "://") { text = String(text[scheme.upperBound...]) }
        if text.hasPrefix("www.") { text.removeFirst(4) }
        let query = text.firstIndex(of: "?").map { String(text[$0...]) } ?? ""
        var path = String(text.dropLast(query.count))
        while path.hasSuffix("/") { path.removeLast() }
        return path + query
    }
}

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
}

/// The form of an article's link under which two copies of one page compare equal: the item-key
/// form of DESIGN §7 (``URIReference/normalizedLink(_:)``: scheme and host lower-cased, fragment
/// and tracking parameters — ``TrackingParameters``: `utm_*`, `fbclid`, `gclid`, … — dropped),
/// then without the scheme (`http` and `https` name one page), a leading `www.` of the host, and a
/// trailing `/` of the path.
///
///     https://www.Example.com/world/kim-visit/?utm_source=rss#top  →  example.com/world/kim-visit
public enum CanonicalLink {
    /// The canonical form of `link`, or `nil` when it is not an absolute `http`/`https` URL.
    public static func of(_ link: String?) -> String? {
        guard let link else { return nil }
        var reference = URIReference(URIReference.normalizedLink(link))
        guard let scheme = reference.scheme, scheme == "http" || scheme == "https",
              var host = reference.authority, !host.isEmpty else { return nil }
        if host.hasPrefix("www.") { host.removeFirst(4) }
        reference.scheme = nil
        reference.authority = nil
        reference.fragment = nil
        var path = reference.path
        while path.hasSuffix("/") { path.removeLast() }
        reference.path = path
        return host + reference.text
    }

    /// The key under which a canonical link (``of(_:)``) is compared and stored: FNV-1a 64 of its
    /// UTF-8 bytes (``ContentWords/fnv1a(_:)``) as a signed 64-bit integer. Two different links share
    /// a key with probability 2⁻⁶⁴.
    public static func key(_ canonical: String) -> Int64 {
        Int64(bitPattern: ContentWords.fnv1a(canonical))
    }
}

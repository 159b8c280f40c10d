import Crypto
import Foundation

/// Item identity within one feed document (DESIGN §7: edits of a seen item, and GUIDs missing or shared), first that applies:
///
/// 1. the GUID (RSS `guid`, RSS 1.0 `rdf:about`, Atom `id`, JSON Feed `id`) when present and unique
///    within the document — a GUID that is an http(s) URL without its tracking parameters
///    (``TrackingParameters``), otherwise as written;
/// 2. else the link, normalised (scheme and host lower-cased, fragment dropped, tracking parameters
///    dropped), when no other item of the document has the same normalised link;
/// 3. else `sha256:` + hex SHA-256 of the normalised link (when the item has a shared one), the
///    normalised, case-folded title and the published date (RFC 3339 UTC), each followed by NUL.
///
/// So a headline edit never makes a new item when the item has a unique GUID or link, and items
/// that share a GUID or a link (GUIDs missing or shared) stay distinct.
///
/// A feed whose GUIDs proved unreliable (one was reused for another article: tryout F19) is keyed
/// with rules 1 and 2 swapped (`keyedByLink`): the link first, the GUID when the link is missing or
/// shared.
public enum ItemKey {
    /// Sets ``FeedItem/itemKey`` on every item of one document.
    /// - Parameter keyedByLink: rule 2 before rule 1 (a feed whose GUIDs proved unreliable).
    public static func assign(_ items: inout [FeedItem], keyedByLink: Bool = false) {
        if keyedByLink {
            var linkCounts: [String: Int] = [:]
            var guidCounts: [String: Int] = [:]
            let links = items.map { $0.link.map(URIReference.normalizedLink) }
            let guids = items.map { $0.guid.map(TrackingParameters.stripped(fromURL:)) }
            for link in links { if let link { linkCounts[link, default: 0] += 1 } }
            for guid in guids { if let guid { guidCounts[guid, default: 0] += 1 } }
            for i in items.indices {
                if let link = links[i], linkCounts[link] == 1 {
                    items[i].itemKey = link
                } else if let guid = guids[i], guidCounts[guid] == 1 {
                    items[i].itemKey = guid
                } else {
                    items[i].itemKey = hashKey(link: links[i], title: items[i].title, published: items[i].published)
                }
            }
            return
        }
        // Fields are read in place (`items[i].guid`): copying whole items would retain every string.
        var guidCounts: [String: Int] = [:]
        guidCounts.reserveCapacity(items.count)
        var everyItemHasAGUID = true
        var guidKeys: [String?] = []
        guidKeys.reserveCapacity(items.count)
        for i in items.indices {
            let g = items[i].guid.map(TrackingParameters.stripped(fromURL:))
            if let g { guidCounts[g, default: 0] += 1 } else { everyItemHasAGUID = false }
            guidKeys.append(g)
        }
        // Usual case: every item has a unique GUID, so no link is needed (nor normalised).
        if everyItemHasAGUID && guidCounts.count == items.count {
            for i in items.indices { items[i].itemKey = guidKeys[i]! }
            return
        }
        var linkCounts: [String: Int] = [:]
        var normalizedLinks: [String?] = []
        normalizedLinks.reserveCapacity(items.count)
        for i in items.indices {
            let link = items[i].link.map(URIReference.normalizedLink)
            if let link { linkCounts[link, default: 0] += 1 }
            normalizedLinks.append(link)
        }
        for i in items.indices {
            if let g = guidKeys[i], guidCounts[g] == 1 {
                items[i].itemKey = g
                continue
            }
            let link = normalizedLinks[i]
            if let link, linkCounts[link] == 1 {
                items[i].itemKey = link
                continue
            }
            items[i].itemKey = hashKey(link: link, title: items[i].title, published: items[i].published)
        }
    }

    /// The item keys of the articles of one file that holds several (a JSON array of scraped
    /// articles, which has no GUIDs): rules 2 and 3 on each article's `url` (``Article/url``),
    /// title and published instant. A file rewritten with more articles then decides only the new
    /// ones, as a feed file does.
    public static func keys(ofArticles articles: [Article]) -> [String] {
        let links = articles.map { $0.url.map(URIReference.normalizedLink) }
        var linkCounts: [String: Int] = [:]
        for link in links { if let link { linkCounts[link, default: 0] += 1 } }
        return articles.indices.map { i in
            if let link = links[i], linkCounts[link] == 1 { return link }
            return hashKey(link: links[i], title: articles[i].title, published: articles[i].published)
        }
    }

    /// The fallback key of rule 3.
    public static func hashKey(link: String?, title: String, published: Date?) -> String {
        var data: [UInt8] = []
        if let link { data += Array(link.utf8); data.append(0) }
        data += Normalizer.normalize(title).folded
        data.append(0)
        if let published { data += Array(AlertTimestamp.format(published).utf8) }
        data.append(0)
        return "sha256:" + Hex.encode(Array(SHA256.hash(data: data)))
    }

}

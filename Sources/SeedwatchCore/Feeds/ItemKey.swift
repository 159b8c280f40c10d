import Crypto
import Foundation

/// Item identity within one feed document (DESIGN §7, cases 08 and 09), first that applies:
///
/// 1. the GUID (RSS `guid`, RSS 1.0 `rdf:about`, Atom `id`, JSON Feed `id`) when present and unique
///    within the document;
/// 2. else the link, normalised (scheme and host lower-cased, fragment dropped), when no other item
///    of the document has the same normalised link;
/// 3. else `sha256:` + hex SHA-256 of the normalised link (when the item has a shared one), the
///    normalised, case-folded title and the published date (RFC 3339 UTC), each followed by NUL.
///
/// So a headline edit never makes a new item when the item has a unique GUID or link, and items
/// that share a GUID or a link (case 09) stay distinct.
public enum ItemKey {
    /// Sets ``FeedItem/itemKey`` on every item of one document.
    public static func assign(_ items: inout [FeedItem]) {
        var guidCounts: [String: Int] = [:]
        guidCounts.reserveCapacity(items.count)
        for item in items {
            if let g = item.guid { guidCounts[g, default: 0] += 1 }
        }
        // Usual case: every item has a unique GUID, so no link is needed (nor normalised).
        if items.allSatisfy({ $0.guid.map { guidCounts[$0] == 1 } ?? false }) {
            for i in items.indices { items[i].itemKey = items[i].guid! }
            return
        }
        var linkCounts: [String: Int] = [:]
        var normalizedLinks: [String?] = []
        normalizedLinks.reserveCapacity(items.count)
        for item in items {
            let link = item.link.map(URIReference.normalizedLink)
            if let link { linkCounts[link, default: 0] += 1 }
            normalizedLinks.append(link)
        }
        for i in items.indices {
            let item = items[i]
            if let g = item.guid, guidCounts[g] == 1 {
                items[i].itemKey = g
                continue
            }
            let link = normalizedLinks[i]
            if let link, linkCounts[link] == 1 {
                items[i].itemKey = link
                continue
            }
            items[i].itemKey = hashKey(link: link, title: item.title, published: item.published)
        }
    }

    /// The fallback key of rule 3.
    public static func hashKey(link: String?, title: String, published: Date?) -> String {
        var data: [UInt8] = []
        if let link { data += Array(link.utf8); data.append(0) }
        data += Normalizer.normalize(title).folded
        data.append(0)
        if let published { data += Array(rfc3339(published).utf8) }
        data.append(0)
        return "sha256:" + Hex.encode(Array(SHA256.hash(data: data)))
    }

    /// `YYYY-MM-DDThh:mm:ssZ` for whole seconds since 1970 (UTC).
    static func rfc3339(_ date: Date) -> String {
        let t = Int(date.timeIntervalSince1970.rounded(.down))
        var days = t >= 0 ? t / 86_400 : (t - 86_399) / 86_400
        let secs = t - days * 86_400
        // civil_from_days (H. Hinnant).
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let doe = days - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func pad(_ v: Int, _ w: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(secs / 3600, 2)):\(pad(secs / 60 % 60, 2)):\(pad(secs % 60, 2))Z"
    }
}

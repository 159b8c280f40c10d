import Foundation

/// Title, publication date and canonical URL of an HTML page, from its metadata.
///
/// - Title: `og:title`, else `<title>`, else the first `<h1>`. A `<title>` that shares no word of
///   four or more letters with the page's first `<h1>` (``LongWords``) is the site's name, the same
///   on every page ("Yonhap News Agency" over "N. Korea fires ballistic missile into East Sea"):
///   the `<h1>` is the title then.
/// - Published: `article:published_time` meta, else the first `<time datetime>`, else JSON-LD
///   `datePublished` (schema.org, in `<script type="application/ld+json">`, also inside `@graph`
///   or a top-level array), else other common meta names (`date`, `pubdate`, `dc.date`…).
/// - URL: `og:url`, else `<link rel="canonical">`, when absolute (http or https).
struct HTMLMetadata {
    var title: String = ""
    var published: Date?
    var url: String?

    init(tree: HTMLDocumentTree, root: HTMLDocumentTree.Node) {
        var meta: [String: String] = [:]
        var titleText: String?
        var firstH1: String?
        var firstTime: String?
        var canonical: String?
        var jsonLD: [String] = []
        // The names read here, by name index: other elements are passed over without comparing names.
        let read: Set<String> = ["meta", "title", "h1", "time", "link", "script"]
        let isRead = tree.nameInfos.map { read.contains($0.name) }
        for element in tree.elements(under: root) where isRead[tree.nameIndex(element)] {
            switch tree.name(element) {
            case "meta":
                guard let content = tree.attribute(element, "content") else { continue }
                for key in ["property", "name", "itemprop"] {
                    if let k = tree.attribute(element, key)?.lowercased(), meta[k] == nil { meta[k] = content }
                }
            case "title":
                if titleText == nil { titleText = tree.textContent(element) }
            case "h1":
                if firstH1 == nil { firstH1 = tree.textContent(element) }
            case "time":
                if firstTime == nil, let datetime = tree.attribute(element, "datetime"),
                   PublishedDateParser.parse(datetime) != nil {
                    firstTime = datetime
                }
            case "link":
                if canonical == nil, let rel = tree.attribute(element, "rel"),
                   rel.lowercased().split(separator: " ").contains("canonical") {
                    canonical = tree.attribute(element, "href")
                }
            case "script":
                if let type = tree.attribute(element, .type), Self.isJSONLD(type: type) {
                    jsonLD.append(tree.textContent(element))
                }
            default:
                continue
            }
        }

        if let page = titleText, let h1 = firstH1, !TextLines.collapse(h1).isEmpty, !LongWords.shareOne(h1, page) {
            titleText = nil
        }
        let candidates = [meta["og:title"], titleText, firstH1]
        title = candidates.lazy.compactMap { $0.map(TextLines.collapse) }.first(where: { !$0.isEmpty }) ?? ""

        let metaDate = meta["article:published_time"].flatMap(PublishedDateParser.parse)
        let fallbackMeta = ["og:published_time", "datepublished", "pubdate", "publishdate", "date", "dc.date",
                            "dc.date.issued", "dcterms.date", "sailthru.date", "parsely-pub-date"]
            .lazy.compactMap { meta[$0].flatMap(PublishedDateParser.parse) }.first
        published = metaDate
            ?? firstTime.flatMap(PublishedDateParser.parse)
            ?? jsonLD.lazy.compactMap(Self.jsonLDDatePublished).first
            ?? fallbackMeta

        let urls = [meta["og:url"], canonical]
        // A dropped page has no base URL, so a relative one ("/news/1") locates nothing: absolute http(s) only.
        url = urls.lazy.compactMap { $0?.trimmingCharacters(in: .whitespacesAndNewlines) }.first(where: Self.isAbsoluteHTTP)
    }

    /// Whether a `<script type>` is `application/ld+json`, in any case, with spaces or tabs around
    /// (Foundation's `.whitespaces` around non-ASCII text).
    static func isJSONLD(type: String) -> Bool {
        let utf8 = type.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else {
            return type.lowercased().trimmingCharacters(in: .whitespaces) == "application/ld+json"
        }
        let trimmed = utf8.drop { $0 == 0x20 || $0 == 0x09 }.reversed().drop { $0 == 0x20 || $0 == 0x09 }.reversed()
        return trimmed.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }.elementsEqual("application/ld+json".utf8)
    }

    static func isAbsoluteHTTP(_ text: String) -> Bool {
        let lower = text.lowercased()
        return (lower.hasPrefix("http://") || lower.hasPrefix("https://")) && text.count > 8
    }

    /// The first parseable `datePublished` in a JSON-LD block, searched depth-first.
    static func jsonLDDatePublished(_ source: String) -> Date? {
        guard let data = source.trimmingCharacters(in: .whitespacesAndNewlines).data(using: .utf8),
              let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return nil }
        var stack: [Any] = [value]
        while let next = stack.popLast() {
            if let object = next as? [String: Any] {
                if let s = object["datePublished"] as? String, let date = PublishedDateParser.parse(s) { return date }
                stack.append(contentsOf: object.keys.sorted().reversed().compactMap { object[$0] })
            } else if let array = next as? [Any] {
                stack.append(contentsOf: array.reversed())
            }
        }
        return nil
    }
}

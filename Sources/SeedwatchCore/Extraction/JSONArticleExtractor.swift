import Foundation

/// `.json`: article objects as news scrapers write them.
///
/// - news-please / Giveme5W1H: `title`, `maintext` or `text`, `date_publish`
///   (`2017-09-15T00:00:00` or `2017-09-15 00:00:00`, read as UTC), `url`;
/// - also accepted: `headline` for the title, `story_text`, `body`, `content` or `body-paragraphs`
///   (an array, possibly of arrays, of paragraphs) for the body, `published_at`, `datePublished`,
///   `date` (also epoch seconds or milliseconds, as KCNA archives write it) for the date, and
///   `link` for the URL. The string `"None"` (Python's null as news-please writes it) counts as absent.
///
/// A top-level array gives one article per element, in order. A JSON Feed (top-level `version`
/// starting with `https://jsonfeed.org/version/`) is told apart (``Content/jsonFeed``) for the feed parser.
enum JSONArticleExtractor {
    static let titleKeys = ["title", "headline"]
    static let bodyKeys = ["maintext", "text", "story_text", "body", "content", "body-paragraphs"]
    static let dateKeys = ["date_publish", "published_at", "datePublished", "date_published", "published", "date"]
    static let urlKeys = ["url", "link"]

    /// What a `.json` document holds, told apart once it is parsed.
    enum Content {
        /// News-scraper articles: one for an object, one per element of a top-level array.
        case articles([Article])
        /// A JSON Feed (top-level `version` starting with `https://jsonfeed.org/version/`): items
        /// for the feed parser.
        case jsonFeed
    }

    /// Parses `text` once and reads its articles, or tells that it is a JSON Feed.
    /// - Throws: `.malformed(reason:)` for text that is not JSON, or JSON that is neither an article
    ///   object, an array of them, nor a JSON Feed.
    static func read(_ text: String) throws(ExtractionError) -> Content {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        } catch {
            throw .malformed(reason: "not valid JSON")
        }
        if let object = root as? [String: Any] {
            if let version = object["version"] as? String, version.hasPrefix("https://jsonfeed.org/version/") {
                return .jsonFeed
            }
            return .articles([try article(object)])
        }
        if let array = root as? [Any] {
            var articles: [Article] = []
            for (index, element) in array.enumerated() {
                guard let object = element as? [String: Any] else {
                    throw .malformed(reason: "element \(index) of the top-level array is not an object")
                }
                articles.append(try article(object))
            }
            return .articles(articles)
        }
        throw .malformed(reason: "top-level JSON value is neither an article object nor an array of them")
    }

    static func article(_ object: [String: Any]) throws(ExtractionError) -> Article {
        let title = titleKeys.lazy.compactMap { string(object[$0]) }.first.map(TextLines.collapse) ?? ""
        var lines: [String] = []
        for key in bodyKeys {
            if let body = string(object[key]) { lines = TextLines.cleanLines(body); break }
            if let paragraphs = object[key] as? [Any] { lines = flatten(paragraphs).flatMap(TextLines.cleanLines); break }
        }
        guard !title.isEmpty || !lines.isEmpty else {
            throw .malformed(reason: "JSON object has no title or text (expected news-please keys such as title, maintext, text)")
        }
        let published = dateKeys.lazy.compactMap { date(object[$0]) }.first
        let url = urlKeys.lazy.compactMap { string(object[$0]) }.first
        return TextLines.article(title: title, lines: lines, published: published, url: url)
    }

    /// A non-empty string value that is not Python's `None`.
    static func string(_ value: Any?) -> String? {
        guard let s = value as? String else { return nil }
        let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
        return t.isEmpty || t == "None" || t == "null" ? nil : t
    }

    static func flatten(_ values: [Any]) -> [String] {
        values.flatMap { value -> [String] in
            if let s = value as? String { return [s] }
            if let a = value as? [Any] { return flatten(a) }
            return []
        }
    }

    /// An ISO 8601 string, or epoch seconds / milliseconds as a number or a string of digits.
    static func date(_ value: Any?) -> Date? {
        if let s = string(value) {
            if let d = PublishedDateParser.parse(s) { return d }
            if s.allSatisfy(\.isASCII), s.allSatisfy(\.isNumber), let n = Double(s) { return epoch(n) }
            return nil
        }
        if let n = value as? NSNumber, !(value is Bool) { return epoch(n.doubleValue) }
        return nil
    }

    /// Epoch seconds, or milliseconds when the number is too large to be seconds (after year 5138).
    static func epoch(_ n: Double) -> Date? {
        guard n > 0 else { return nil }
        return Date(timeIntervalSince1970: n >= 1e11 ? n / 1000 : n)
    }
}

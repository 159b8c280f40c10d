import Foundation

/// Reads the labelled articles of the relevance corpus (`../shared/corpus`) from their bytes: a
/// small, format-specific reader used by the relevance evaluation only (the daemon reads documents
/// with the extraction stage). Formats:
/// - `.html` (bbc-world-2026): title from `<h1>` (else `<title>`), body from `<p>` blocks, skipping
///   the source-link line, the "- Published" line and a repeat of the title;
/// - `.json` object (giveme5w1h, news-please): `title`, `text` (else `description`),
///   `date_publish` (`yyyy-MM-dd'T'HH:mm:ss`, taken as UTC), `url`;
/// - `.json` array item `#N` (KCNA): `headline`, `story_text`, `date` (milliseconds since 1970, UTC), `link`.
public enum CorpusArticleReader {
    /// Reads one article.
    /// - Parameters:
    ///   - bytes: the file's content.
    ///   - file: the file's path or name (its extension picks the format).
    ///   - item: the 0-based index into a top-level JSON array, for `#N` paths.
    /// - Throws: ``CorpusArticleError`` when the bytes are not of the expected shape.
    public static func read(_ bytes: [UInt8], file: String, item: Int?) throws(CorpusArticleError) -> Article {
        if file.hasSuffix(".json") { return try json(bytes, file: file, item: item) }
        if file.hasSuffix(".html") || file.hasSuffix(".htm") { return html(String(decoding: bytes, as: UTF8.self)) }
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        return Article(title: String(lines.first ?? "").trimmingCharacters(in: .whitespaces),
                       body: lines.count > 1 ? String(lines[1]).trimmingCharacters(in: .whitespacesAndNewlines) : "")
    }

    /// Reads every item of a top-level JSON array file (KCNA archives), in order.
    /// - Throws: ``CorpusArticleError`` when the bytes are not a JSON array of objects.
    public static func readItems(_ bytes: [UInt8], file: String) throws(CorpusArticleError) -> [Article] {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: Data(bytes)) } catch {
            throw CorpusArticleError(file: file, message: "not JSON: \(error)")
        }
        guard let array = object as? [Any] else { throw CorpusArticleError(file: file, message: "expected a JSON array") }
        var articles: [Article] = []
        for (i, element) in array.enumerated() {
            guard let entry = element as? [String: Any] else { throw CorpusArticleError(file: file, message: "item \(i) is not an object") }
            articles.append(kcnaItem(entry))
        }
        return articles
    }

    private static func kcnaItem(_ entry: [String: Any]) -> Article {
        let date = (entry["date"] as? NSNumber).map { Date(timeIntervalSince1970: $0.doubleValue / 1000) }
        return Article(title: clean(entry["headline"] as? String ?? ""), body: clean(entry["story_text"] as? String ?? ""),
                       published: date, url: entry["link"] as? String)
    }

    private static func json(_ bytes: [UInt8], file: String, item: Int?) throws(CorpusArticleError) -> Article {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: Data(bytes)) } catch {
            throw CorpusArticleError(file: file, message: "not JSON: \(error)")
        }
        if let item {
            guard let array = object as? [Any], item >= 0, item < array.count, let entry = array[item] as? [String: Any] else {
                throw CorpusArticleError(file: file, message: "no object at item \(item)")
            }
            return kcnaItem(entry)
        }
        guard let entry = object as? [String: Any] else { throw CorpusArticleError(file: file, message: "expected a JSON object") }
        var body = entry["text"] as? String ?? ""
        if body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { body = entry["description"] as? String ?? "" }
        var date: Date?
        if let s = entry["date_publish"] as? String {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "UTC")
            f.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
            date = f.date(from: s)
        }
        return Article(title: clean(entry["title"] as? String ?? ""), body: clean(body), published: date, url: entry["url"] as? String)
    }

    private static func clean(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: "\n")
    }

    private static func html(_ page: String) -> Article {
        let title = firstElement("h1", in: page) ?? firstElement("title", in: page) ?? ""
        var paragraphs: [String] = []
        var rest = page[...]
        while let open = rest.range(of: "<p"), let gt = rest[open.upperBound...].firstIndex(of: ">"),
              let close = rest[gt...].range(of: "</p>") {
            let next = rest[open.upperBound...].first
            if next == ">" || next == " " || next == "\t" || next == "\n" {
                let text = plainText(String(rest[rest.index(after: gt)..<close.lowerBound]))
                if !text.isEmpty && text != title && text != "- Published" && !text.hasPrefix("原文链接") {
                    paragraphs.append(text)
                }
            }
            rest = rest[close.upperBound...]
        }
        return Article(title: title, body: paragraphs.joined(separator: "\n"))
    }

    private static func firstElement(_ name: String, in page: String) -> String? {
        guard let open = page.range(of: "<\(name)"), let gt = page[open.upperBound...].firstIndex(of: ">"),
              let close = page[gt...].range(of: "</\(name)>") else { return nil }
        let text = plainText(String(page[page.index(after: gt)..<close.lowerBound]))
        return text.isEmpty ? nil : text
    }

    /// Drops tags, decodes the common entities and collapses white space.
    static func plainText(_ markup: String) -> String {
        var out = ""
        var inTag = false
        for c in markup {
            if c == "<" { inTag = true; continue }
            if c == ">" && inTag { inTag = false; continue }
            if !inTag { out.append(c) }
        }
        out = decodeEntities(out)
        return out.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static func decodeEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        let named: [String: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
                                       "rsquo": "\u{2019}", "lsquo": "\u{2018}", "rdquo": "\u{201D}", "ldquo": "\u{201C}",
                                       "mdash": "\u{2014}", "ndash": "\u{2013}", "hellip": "\u{2026}"]
        var out = ""
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == "&", let semi = s[i...].prefix(12).firstIndex(of: ";") {
                let name = String(s[s.index(after: i)..<semi])
                var decoded: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else if name.hasPrefix("#") {
                    decoded = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else {
                    decoded = named[name]
                }
                if let decoded {
                    out += decoded
                    i = s.index(after: semi)
                    continue
                }
            }
            out.append(s[i])
            i = s.index(after: i)
        }
        return out
    }
}

/// A labelled corpus file that does not have the expected shape.
public struct CorpusArticleError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var message: String
    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }
    public var description: String { "\(file): \(message)" }
}

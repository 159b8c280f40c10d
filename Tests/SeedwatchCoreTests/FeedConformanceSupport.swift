import Foundation
@testable import SeedwatchCore

/// Locates the shared feed suites at `<package root>/../shared/corpus/feeds` (never copied into the repo).
enum FeedCorpus {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let feeds: URL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/feeds")
    static var isAvailable: Bool { FileManager.default.fileExists(atPath: feeds.path) }

    /// Every regular file under `folder`, sorted by path.
    static func files(under folder: URL) -> [URL] {
        guard let e = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var out: [URL] = []
        for case let url as URL in e where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            out.append(url)
        }
        return out.sorted { $0.path < $1.path }
    }

    static func bytes(_ url: URL) -> [UInt8] { (try? Data(contentsOf: url)).map { Array($0) } ?? [] }
}

/// Tallies comparisons by class (a folder or a field) for the conformance reports.
struct ConformanceTally {
    var passed = 0
    var total = 0
    var failuresByClass: [String: Int] = [:]
    var totalsByClass: [String: Int] = [:]
    var examples: [String] = []
    /// Cases not compared, by reason, each named (file, and the assertion where there is one).
    var skipped: [String: [String]] = [:]

    mutating func record(_ ok: Bool, class name: String, _ detail: @autoclosure () -> String) {
        total += 1
        totalsByClass[name, default: 0] += 1
        if ok { passed += 1; return }
        failuresByClass[name, default: 0] += 1
        if examples.count < 400 { examples.append("[\(name)] " + detail()) }
    }

    /// Records a case that is not compared, and why; tests assert these counts exactly, so that no
    /// case drops out unnoticed.
    mutating func skip(_ reason: String, _ name: @autoclosure () -> String) {
        skipped[reason, default: []].append(name())
    }

    /// How many cases were skipped for each reason.
    var skippedCounts: [String: Int] { skipped.mapValues(\.count) }

    var percent: Double { total == 0 ? 0 : Double(passed) * 100 / Double(total) }

    func report(_ title: String) -> String {
        var s = "\(title): \(passed)/\(total) = \(String(format: "%.2f", percent))%\n"
        for (name, failed) in failuresByClass.sorted(by: { $0.value > $1.value }) {
            s += "  \(name): \(failed) of \(totalsByClass[name] ?? 0) failed\n"
        }
        for (reason, names) in skipped.sorted(by: { $0.key < $1.key }) {
            s += "  skipped, \(reason): \(names.count)\(names.count <= 12 ? " " + names.joined(separator: ", ") : "")\n"
        }
        if ProcessInfo.processInfo.environment["FEED_CONFORMANCE_VERBOSE"] != nil {
            for e in examples { s += "    " + e + "\n" }
        }
        return s
    }
}

func utcString(_ date: Date?) -> String? { date.map(AlertTimestamp.format) }

/// Fair comparison of a text field with a reference parser's value that may be HTML.
///
/// feedparser and gofeed return titles, summaries and content as (sanitised) HTML whenever the feed
/// declares or implies HTML (Atom `type="html"`/`"xhtml"`, markup written as child elements, RSS
/// descriptions), and as plain text otherwise; ``FeedItem`` holds text by design (product rule: alert
/// titles are text; markup written as elements or Atom `xhtml` is reduced to its text; a double-escaped title keeps
/// escaped tags of titles as written). So a value passes when it equals the reference value as
/// written (the reference value was text), or the text of the reference HTML, reduced with the
/// parser's own HTML-to-text rules (``HTMLText``; for titles also whitespace-collapsed, as titles
/// are). Our value itself is never rewritten: a title that keeps literal tags (double-escaped) still fails
/// against sanitised HTML.
enum ReferenceText {
    static func matches(_ ours: String, _ expected: String, isTitle: Bool) -> Bool {
        if ours == expected { return true }
        var text = HTMLText.text(fromHTML: expected)
        if isTitle { text = text.collapsingWhitespace() }
        return ours == text
    }
}

/// The text content of a reference parser's HTML value, reduced independently of the parser under
/// test (no ``HTMLText``, no ``HTMLEntities``): comments and tags cut out, then entities decoded once
/// (numeric references and `amp`, `lt`, `gt`, `quot`, `apos`, `nbsp`; any other `&name;` is kept as
/// written), then runs of whitespace collapsed to one space and the ends trimmed.
///
/// Used for titles that the feed declares as HTML or XHTML: the product rule reduces such a title to
/// its text, while feedparser returns it as sanitised HTML, so the fair comparison is text with text.
enum ReferenceTitleText {
    static func text(ofHTML html: String) -> String {
        var out = ""
        var rest = Substring(html)
        while let lt = rest.firstIndex(of: "<") {
            out += rest[..<lt]
            let tail = rest[lt...]
            if tail.hasPrefix("<!--") {
                // An unclosed comment runs to the end.
                guard let end = tail.range(of: "-->") else { rest = ""; break }
                rest = tail[end.upperBound...]
            } else if let next = tail.dropFirst().first, next.isLetter || next == "/" || next == "!" || next == "?",
                      let gt = tail.firstIndex(of: ">") {
                rest = tail[tail.index(after: gt)...]
            } else {
                out += "<"
                rest = tail.dropFirst()
            }
        }
        out += rest
        return collapse(decodeEntitiesOnce(out))
    }

    static func decodeEntitiesOnce(_ s: String) -> String {
        let named: [String: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}"]
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let tail = rest[rest.index(after: amp)...]
            guard let semi = tail.prefix(12).firstIndex(of: ";") else { out += "&"; rest = tail; continue }
            let name = tail[..<semi]
            var scalar: Unicode.Scalar?
            if name.hasPrefix("#x") || name.hasPrefix("#X") {
                scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
            } else if name.hasPrefix("#") {
                scalar = UInt32(name.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
            }
            if let scalar {
                out.unicodeScalars.append(scalar)
            } else if let value = named[String(name)] {
                out += value
            } else {
                out += "&"
                rest = tail
                continue
            }
            rest = tail[tail.index(after: semi)...]
        }
        out += rest
        return out
    }

    static func collapse(_ s: String) -> String {
        s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" }).joined(separator: " ")
    }
}

/// Whether a feed declares a title element as HTML or XHTML, read from the document text with a plain
/// scan (independent of the parser under test): the `type` attribute of the feed's own `<title>`
/// (the first before any `<entry>`/`<item>`), or of the first `<title>` inside entry or item `n`.
/// Declared: `html`, `xhtml`, or a MIME type naming HTML (`text/html`, `application/xhtml+xml`).
enum DeclaredTitleMarkup {
    static func declaresMarkup(_ document: String, entry: Int?) -> Bool {
        let text = withoutComments(document)
        let lower = text.lowercased()
        var searchFrom = lower.startIndex
        var limit = lower.endIndex
        let firstItem = [startTag("entry", in: lower, from: lower.startIndex), startTag("item", in: lower, from: lower.startIndex)]
            .compactMap { $0 }.min { $0.lowerBound < $1.lowerBound }
        if let entry {
            var position = lower.startIndex
            var found: Range<String.Index>?
            for _ in 0...entry {
                found = [startTag("entry", in: lower, from: position), startTag("item", in: lower, from: position)]
                    .compactMap { $0 }.min { $0.lowerBound < $1.lowerBound }
                guard let f = found else { return false }
                position = f.upperBound
            }
            searchFrom = position
        } else if let firstItem {
            limit = firstItem.lowerBound
        }
        guard let title = startTag("title", in: lower, from: searchFrom), title.upperBound <= limit,
              let type = attribute("type", inTag: lower[title]) else { return false }
        let t = type.trimmingCharacters(in: .whitespaces)
        return t == "html" || t == "xhtml" || (t.contains("/") && t.contains("html"))
    }

    /// The range of the first start tag `<name …>` (any prefix, `<atom:title`) at or after `from`.
    static func startTag(_ name: String, in s: String, from: String.Index) -> Range<String.Index>? {
        var position = from
        while let lt = s[position...].firstIndex(of: "<") {
            let after = s.index(after: lt)
            guard let gt = s[after...].firstIndex(of: ">") else { return nil }
            let tagName = s[after..<gt].prefix { !$0.isWhitespace && $0 != "/" }
            let local = tagName.split(separator: ":").last.map(String.init) ?? ""
            if local == name { return lt..<s.index(after: gt) }
            position = after
        }
        return nil
    }

    static func attribute(_ name: String, inTag tag: Substring) -> String? {
        for quote in ["\"", "'"] {
            if let r = tag.range(of: " " + name + "=" + quote) ?? tag.range(of: "\n" + name + "=" + quote),
               let end = tag[r.upperBound...].firstIndex(of: Character(quote)) {
                return String(tag[r.upperBound..<end])
            }
        }
        return nil
    }

    static func withoutComments(_ s: String) -> String {
        var out = ""
        var rest = Substring(s)
        while let r = rest.range(of: "<!--") {
            out += rest[..<r.lowerBound]
            guard let end = rest[r.upperBound...].range(of: "-->") else { return out }
            rest = rest[end.upperBound...]
        }
        return out + rest
    }
}

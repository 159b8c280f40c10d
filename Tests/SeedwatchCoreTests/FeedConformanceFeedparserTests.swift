import Foundation
import Testing
@testable import SeedwatchCore

/// The feedparser suite (kurtmckee/feedparser `tests/`): the `Expect:` assertions on `feed.title`,
/// `entries[i].title`, `.link`, `.id`, `.published_parsed`, `.updated_parsed`, `.summary` (and its
/// feedparser alias `.description`), `.content[0].value` and `encoding`. `bozo` and every other
/// field are not evaluated.
///
/// How values compare: strings exactly, except summaries and content (feedparser keeps sanitised HTML
/// while ``FeedItem`` holds text, so they pass when equal to the expected value or to the text of the
/// expected HTML, ``ReferenceText``) and titles, which are counted twice:
/// - strict: every title compared as an exact string;
/// - text content: rule: a title whose element declares HTML or XHTML (`type` `html`, `xhtml`,
///   `text/html`, `application/xhtml+xml`; found by ``DeclaredTitleMarkup``, never by file name) is
///   reduced to text by the product (``FeedItem/title``), while feedparser returns it as sanitised
///   HTML; such a title passes when it equals the expected value or the text content of the
///   expected HTML, reduced by the test's own ``ReferenceTitleText`` (tags cut out, entities decoded
///   once, whitespace collapsed). Every other title is compared exactly, as in the strict count.
/// Dates compare on the first six `struct_time` fields (UTC). Encodings compare by the WHATWG
/// reading of the label (`us-ascii` and `iso-8859-1` are Windows-1252).
@Suite struct FeedConformanceFeedparserTests {
    /// The text-content rate reached (869/899 = 96.66 %), rounded down; the strict rate is 802/899
    /// = 89.21 %. The 30 assertions still failing by the text-content count, and why:
    /// - 8 `illformed/chardet`: no statistical charset guessing for undeclared legacy encodings.
    /// - 7 `encoding` `us-ascii`: a feed sent as `text/xml` without charset keeps its prolog's charset, not RFC 3023's US-ASCII.
    /// - 5 `cdf`: Microsoft CDF is not a supported format (and format detection is not a text rule).
    /// - 2 `base` ids: GUIDs stay as written; resolving a relative Atom `id` against the document URL
    ///   would change every item key after a permanent redirect (DESIGN §7, no re-alerts).
    /// - 2 `atom/*_title_naked_markup`: an Atom 0.3 title with no declared type holding child
    ///   elements (`Example <b>Atom</b>`) is reduced to its text (`Example Atom`); feedparser keeps
    ///   the markup, and the title declares no HTML, so only the exact comparison applies.
    /// - 2 `sanitize/*_title_object`: `safe<object …> description` leaves the `object` unclosed, so
    ///   ` description` is its fallback content (libxml2 and the HTML standard agree), which the
    ///   title rule drops; feedparser drops only the tag.
    /// - 1 `sanitize/xml_malicious_comment`: `sa<!-- -- nonwhitespace >fe…` is a comment up to the
    ///   end for an HTML parser (no `-->`), giving `sa`; feedparser's SGML reading ends it at `>`.
    /// - 1 `sanitize/xml_declaration_unexpected_character`: `<!DOCTYPE ~` in an HTML title is a
    ///   (bogus) declaration for an HTML parser, not text; feedparser keeps it as text.
    /// - 1 `entities/doesnotexist`: an unknown entity is dropped, not kept as `&doesnotexist;`.
    /// - 1 `encoding/bozo_linenoise`: feedparser's expected value comes from its fallback guessing on
    ///   a byte invalid in the declared UTF-8 (it lacks the `<>` of the source and maps 0xA9 to `Š`);
    ///   we keep the valid UTF-8 and read the stray byte as Windows-1252, the legacy-charset rule.
    static let floor = 96.6
    /// The cases not compared, by reason (``Skip``): 7 files without an `Expect:` line (the
    /// UTF-32 samples), 294 files whose expression ``PyExpr`` does not read, and in the files read,
    /// 1,552 conjuncts that are no comparison (`not bozo`…) and 914 comparisons of fields not
    /// evaluated here.
    static let expectedSkips: [String: Int] = [
        Skip.noExpectation: 7, Skip.unparsedExpectation: 294, Skip.notAComparison: 1552, Skip.fieldNotEvaluated: 914,
    ]
    /// The strict rate reached (802/899 = 89.21 %), rounded down.
    static let strictFloor = 89.2

    /// Both tallies: `strict` compares every title as an exact string; `textContent` compares a title
    /// that the feed declares as HTML or XHTML with the text content of feedparser's expected HTML
    /// (``ReferenceTitleText``), by the product rule that such titles are reduced to text.
    struct Tallies {
        var strict = ConformanceTally()
        var textContent = ConformanceTally()
    }

    /// Why a file or an assertion is not compared (counted in ``Tallies/textContent``).
    enum Skip {
        /// The file has no `Expect:` line (support files of the suite).
        static let noExpectation = "no Expect: line"
        /// The `Expect:` expression is outside the small Python subset ``PyExpr`` reads.
        static let unparsedExpectation = "Expect: not read"
        /// A conjunct of the expression that is not a comparison (e.g. `not bozo`).
        static let notAComparison = "not a comparison"
        /// A comparison on a field not evaluated here (`bozo`, `feed.link`, `entries[0].tags`…).
        static let fieldNotEvaluated = "field not evaluated"
    }

    static func evaluate() -> Tallies {
        var tallies = Tallies()
        let root = FeedCorpus.feeds.appendingPathComponent("suites/feedparser")
        for url in FeedCorpus.files(under: root.appendingPathComponent("tests")) where url.pathExtension == "xml" {
            let bytes = FeedCorpus.bytes(url)
            let header = CharsetDecoder.decode(bytes).text
            let relative = url.path.replacingOccurrences(of: root.path + "/", with: "")
            guard let expect = field("Expect", in: header) else {
                tallies.textContent.skip(Skip.noExpectation, relative)
                continue
            }
            guard let expr = PyExpr.parse(expect) else {
                tallies.textContent.skip(Skip.unparsedExpectation, relative)
                continue
            }
            let folder = (relative as NSString).deletingLastPathComponent.replacingOccurrences(of: "tests/", with: "")
            let contentType = headers(in: header)["content-type"]
            let base = headers(in: header)["content-location"] ?? "http://127.0.0.1:8097/" + relative
            let feed = try? FeedParser.parse(bytes, contentType: contentType, baseURL: base)
            for conjunct in conjuncts(expr) {
                guard case .compare(let op, let lhs, let rhs) = conjunct else {
                    tallies.textContent.skip(Skip.notAComparison, relative)
                    continue
                }
                var target = lhs
                var useOrd = false
                if case .call("ord", let args) = lhs, args.count == 1 { target = args[0]; useOrd = true }
                guard let path = target.path, let fieldName = evaluatedField(path) else {
                    tallies.textContent.skip(Skip.fieldNotEvaluated, relative)
                    continue
                }
                let ours = value(of: path, in: feed)
                let detail = "\(relative): \(expect) — ours: \(String(reflecting: ours))"
                let strict = compare(ours, op: op, rhs, field: fieldName, ord: useOrd, titleAsText: false)
                tallies.strict.record(strict, class: folder + " " + fieldName, detail)
                var declared = false
                if fieldName == "title" || fieldName == "feed.title" {
                    let entry = fieldName == "title" ? Int(path.dropFirst("entries[".count).prefix { $0.isNumber }) : nil
                    declared = DeclaredTitleMarkup.declaresMarkup(header, entry: entry)
                }
                let ok = declared ? compare(ours, op: op, rhs, field: fieldName, ord: useOrd, titleAsText: true) : strict
                tallies.textContent.record(ok, class: folder + " " + fieldName, detail)
            }
        }
        return tallies
    }

    /// The fields evaluated, by normalised path (`entries[0].title` → `title`).
    static func evaluatedField(_ path: String) -> String? {
        if path == "feed.title" { return "feed.title" }
        if path == "encoding" { return "encoding" }
        guard path.hasPrefix("entries[") , let close = path.firstIndex(of: "]") else { return nil }
        let rest = String(path[path.index(after: close)...])
        switch rest {
        case ".title", ".link", ".id", ".published_parsed", ".updated_parsed", ".summary", ".description": return String(rest.dropFirst())
        case ".content[0].value": return "content"
        default: return nil
        }
    }

    enum Ours: Equatable {
        case text(String)
        case date(Date?)
        case missing
    }

    static func value(of path: String, in feed: ParsedFeed?) -> Ours {
        guard let feed else { return .missing }
        if path == "feed.title" { return .text(feed.title) }
        if path == "encoding" { return .text(feed.encoding) }
        let digits = path.dropFirst("entries[".count).prefix { $0.isNumber }
        guard let i = Int(digits), i < feed.items.count else { return .missing }
        let item = feed.items[i]
        switch evaluatedField(path) {
        case "title": return .text(item.title)
        case "link": return item.link.map(Ours.text) ?? .missing
        case "id": return item.guid.map(Ours.text) ?? .missing
        case "published_parsed": return .date(item.published)
        case "updated_parsed": return .date(item.updated)
        // feedparser's `summary` falls back to the first content when an entry has no summary.
        case "summary", "description": return .text(item.summary.isEmpty ? item.content : item.summary)
        case "content": return .text(item.content)
        default: return .missing
        }
    }

    /// `titleAsText`: a title passes when equal to the text content of the expected HTML as well.
    static func compare(_ ours: Ours, op: String, _ rhs: PyExpr, field: String, ord: Bool, titleAsText: Bool) -> Bool {
        var equal: Bool
        switch (ours, rhs) {
        case (.text(let s), .number(let n)) where ord:
            equal = s.unicodeScalars.count == 1 && Double(s.unicodeScalars.first!.value) == n
        case (.text(let s), .string(let expected)):
            switch field {
            case "summary", "description", "content":
                equal = ReferenceText.matches(s, expected, isTitle: false)
            case "title", "feed.title":
                // Rule: an Atom title declared as HTML/XHTML is reduced to text (FeedItem.title);
                // feedparser returns it as sanitised HTML. With `titleAsText` (only for such titles)
                // ours is compared with the text content of feedparser's HTML, reduced by the test's
                // own ReferenceTitleText; otherwise titles compare as exact strings.
                equal = s == expected || (titleAsText && s == ReferenceTitleText.text(ofHTML: expected))
            case "encoding":
                let a = CharsetDecoder.encoding(forLabel: s), b = CharsetDecoder.encoding(forLabel: expected)
                equal = s == expected || (a != nil && a == b)
            default:
                equal = s == expected
            }
        case (.date(let d), .tuple(let parts)):
            guard let d, parts.count >= 6 else { equal = false; break }
            let fields = AlertTimestamp.format(d).split(whereSeparator: { "-T:Z".contains($0) }).compactMap { Double($0) }
            equal = zip(fields, parts.prefix(6)).allSatisfy { f, p in p == .number(f) }
        case (.missing, _):
            return false
        default:
            return false
        }
        return op == "==" ? equal : op == "!=" ? !equal : false
    }

    static func conjuncts(_ e: PyExpr) -> [PyExpr] {
        if case .and(let parts) = e { return parts }
        return [e]
    }

    /// The text after `Name:` on its line of the leading comment.
    static func field(_ name: String, in text: String) -> String? {
        guard let r = text.range(of: name + ":") else { return nil }
        let line = text[r.upperBound...].prefix { $0 != "\n" && $0 != "\r" }
        var v = String(line)
        if let end = v.range(of: "-->") { v = String(v[..<end.lowerBound]) }
        return v.trimmingCharacters(in: .whitespaces)
    }

    static func headers(in text: String) -> [String: String] {
        var out: [String: String] = [:]
        let comment = text.components(separatedBy: "-->").first ?? ""
        for line in comment.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            guard let r = line.range(of: "Header:") else { continue }
            let h = line[r.upperBound...]
            guard let colon = h.firstIndex(of: ":") else { continue }
            out[h[..<colon].trimmingCharacters(in: .whitespaces).lowercased()] = h[h.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return out
    }

    @Test(.enabled(if: FeedCorpus.isAvailable, "../shared is absent: corpus tests skipped"))
    func feedparserSuite() {
        let tallies = Self.evaluate()
        let strict = tallies.strict, tally = tallies.textContent
        print("feedparser assertions, strict (every title compared as an exact string): "
              + "\(strict.passed)/\(strict.total) = \(String(format: "%.2f", strict.percent))%")
        print(tally.report("feedparser assertions, text content (a title declared HTML/XHTML compared with the text content of feedparser's HTML)"))
        #expect(tally.total == 899)
        #expect(strict.total == 899)
        // Every case left out, counted exactly: a change to the reader or the suite shows up here.
        #expect(tally.skippedCounts == Self.expectedSkips, "\(tally.skipped.filter { $0.value.count <= 12 })")
        #expect(tally.percent >= Self.floor)
        #expect(strict.percent >= Self.strictFloor)
    }
}

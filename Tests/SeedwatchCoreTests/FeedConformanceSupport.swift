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

    mutating func record(_ ok: Bool, class name: String, _ detail: @autoclosure () -> String) {
        total += 1
        totalsByClass[name, default: 0] += 1
        if ok { passed += 1; return }
        failuresByClass[name, default: 0] += 1
        if examples.count < 400 { examples.append("[\(name)] " + detail()) }
    }

    var percent: Double { total == 0 ? 0 : Double(passed) * 100 / Double(total) }

    func report(_ title: String) -> String {
        var s = "\(title): \(passed)/\(total) = \(String(format: "%.2f", percent))%\n"
        for (name, failed) in failuresByClass.sorted(by: { $0.value > $1.value }) {
            s += "  \(name): \(failed) of \(totalsByClass[name] ?? 0) failed\n"
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
/// titles are text; markup written as elements or Atom `xhtml` is reduced to its text; case 04 keeps
/// escaped tags of titles as written). So a value passes when it equals the reference value as
/// written (the reference value was text), or the text of the reference HTML, reduced with the
/// parser's own HTML-to-text rules (``HTMLText``; for titles also whitespace-collapsed, as titles
/// are). Our value itself is never rewritten: a title that keeps literal tags (case 04) still fails
/// against sanitised HTML.
enum ReferenceText {
    static func matches(_ ours: String, _ expected: String, isTitle: Bool) -> Bool {
        if ours == expected { return true }
        var text = HTMLText.text(fromHTML: expected)
        if isTitle { text = text.collapsingWhitespace() }
        return ours == text
    }
}

import Foundation
import SeedwatchCore

/// A real dated must-alert article of the shared corpus (issue 12's target set): its labelled path
/// (`PATH` or `PATH#N`, relative to `../shared/corpus`) and the article as the drop folder reads it.
struct LabelledOriginal {
    var path: String
    var article: Article

    /// The body's paragraphs (``Article/body`` lines that are not blank).
    var paragraphs: [String] { Self.paragraphs(of: article) }

    static func paragraphs(of article: Article) -> [String] {
        article.body.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// The articles that issue 12's copy evaluation delivers: every must-alert article (grade 2) of the
/// relevance label files that gives a published date and has at least three paragraphs (a copy
/// cuts one that is not the first), read from `../shared/corpus` as the drop folder reads it.
enum StoryCopiesCorpus {
    /// The label files: the shared `dev.tsv` and the repository's `labels/shared-extra.tsv` (both
    /// with paths relative to `../shared/corpus`).
    static var labelFiles: [URL] {
        [Paths.shared.appendingPathComponent("labels/dev.tsv"), Paths.packageRoot.appendingPathComponent("labels/shared-extra.tsv")]
    }
    static let corpus = Paths.shared.appendingPathComponent("corpus")
    static var isAvailable: Bool {
        labelFiles.allSatisfy { FileManager.default.fileExists(atPath: $0.path) } && FileManager.default.fileExists(atPath: corpus.path)
    }

    /// Must-alert articles of the label files, read, in label order (a path listed twice once).
    /// - Returns: the dated ones with three paragraphs or more, sorted by published instant then
    ///   path, and how many must-alert articles were left out (undated, or shorter).
    /// - Throws: when a label file or a labelled corpus file cannot be read.
    static func datedMustAlert() throws -> (originals: [LabelledOriginal], leftOut: Int) {
        var items: [String: [Article]] = [:]
        var seen: Set<String> = []
        var originals: [LabelledOriginal] = []
        var leftOut = 0
        for file in labelFiles {
            let labels = try RelevanceLabel.parse(try String(contentsOf: file, encoding: .utf8))
            for label in labels where label.grade == .mustAlert && seen.insert(label.path).inserted {
                if items[label.file] == nil {
                    let bytes = Array(try Data(contentsOf: corpus.appendingPathComponent(label.file)))
                    let name = label.file.split(separator: "/").last.map(String.init) ?? label.file
                    let document = Document(bytes: bytes, origin: .file(path: Array(label.file.utf8)), nameHint: name)
                    items[label.file] = try DocumentReader.items(of: document).map(\.article)
                }
                let all = items[label.file] ?? []
                let index = label.item ?? 0
                guard index < all.count else { leftOut += 1; continue }
                let original = LabelledOriginal(path: label.path, article: all[index])
                if original.article.published != nil && original.paragraphs.count >= 3 {
                    originals.append(original)
                } else {
                    leftOut += 1
                }
            }
        }
        originals.sort { ($0.article.published!, $0.path) < ($1.article.published!, $1.path) }
        return (originals, leftOut)
    }

    /// The originals in date order whose published instants are each more than `gap` seconds after
    /// the previous one kept (the first kept, then greedily): pairwise more than `gap` apart.
    static func spaced(_ originals: [LabelledOriginal], gap: TimeInterval) -> [LabelledOriginal] {
        var kept: [LabelledOriginal] = []
        for original in originals {
            if let last = kept.last?.article.published, original.article.published!.timeIntervalSince(last) <= gap { continue }
            kept.append(original)
        }
        return kept
    }
}

/// Republished copies of an article, made as wires and aggregators make them (issue 12's target):
/// a new headline, other boilerplate (a wire dateline and footer), one paragraph cut and one
/// added, a tracking parameter on the link, published some hours later.
enum StoryCopyMaker {
    /// How many copies ``copies(of:index:link:)`` makes.
    static let count = 2
    /// Hours after the original that each copy is published.
    static let hoursLater = [3.0, 7.0]

    /// The copies of `article` (the `index`-th original, which varies the headline form and the
    /// paragraph cut; at least three paragraphs). Copy 0 keeps the original's `link` with `utm_*`
    /// parameters (the same page through another feed); copy 1 is on an aggregator's host with an
    /// `fbclid` (a syndicated copy: only its text can join it to the original).
    static func copies(of article: Article, index: Int, link: String) -> [Article] {
        let paragraphs = LabelledOriginal.paragraphs(of: article)
        precondition(paragraphs.count >= 3, "a copy cuts one paragraph that is not the first")
        let published = article.published ?? Date(timeIntervalSince1970: 0)
        return (0..<count).map { c in
            var body = paragraphs
            body.remove(at: 1 + (index + c) % (body.count - 1))
            body[0] = dateline(c, published.addingTimeInterval(hoursLater[c] * 3600)) + body[0]
            body.insert(addedParagraph[c], at: body.count - 1)
            body += footer[c]
            let url = c == 0 ? tracked(link, "utm_source=rss&utm_medium=feed&utm_campaign=world")
                             : "https://aggregator.example.net/world/story-\(index)?fbclid=IwAR0c\(index)x"
            return Article(title: headline(article.title, style: (index + c) % 3, copy: c), body: body.joined(separator: "\n"),
                           published: published.addingTimeInterval(hoursLater[c] * 3600), url: url)
        }
    }

    /// The three headline forms: `UPDATE n-` before it, ` - report` after it, or its first 60 %
    /// of words (at least 3) followed by `, officials say`.
    static func headline(_ title: String, style: Int, copy: Int) -> String {
        switch style {
        case 0: return "UPDATE \(copy + 1)-" + title
        case 1: return title + " - report"
        default:
            let words = title.split(separator: " ")
            let kept = words.prefix(max(3, words.count * 3 / 5)).joined(separator: " ")
            return kept.trimmingCharacters(in: CharacterSet(charactersIn: ",:;.-–— ")) + ", officials say"
        }
    }

    /// A wire dateline before the first paragraph (cities that name no actor of the shipped watch).
    static func dateline(_ copy: Int, _ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "MMM d"
        return copy == 0 ? "LONDON (Reuters) - " : "GENEVA, \(formatter.string(from: date)) (AFP) - "
    }

    static let addedParagraph = [
        "The report could not be independently verified, and officials did not immediately respond to requests for comment outside regular business hours.",
        "This version of the story adds background from earlier reporting and has been edited for length and clarity by the desk.",
    ]

    static let footer = [
        ["(Reporting by Hannah Lang and Tom Hals; Editing by Mark Porter)", "Our Standards: The Thomson Reuters Trust Principles."],
        ["© Agence France-Presse. All rights reserved.", "Sign up for our daily briefing newsletter to get the top stories in your inbox."],
    ]

    /// `link` with `query` appended (after `&` when it has a query already).
    static func tracked(_ link: String, _ query: String) -> String {
        link + (link.contains("?") ? "&" : "?") + query
    }
}

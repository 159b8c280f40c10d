import Foundation
import SeedwatchCore

/// The inputs of issue 15's whole-path figures, written once to a work folder:
/// - `largeText`: the corpus's BBC news texts (Giveme5W1H `data_raw`), repeated 11 times (~55 MB);
/// - `patterns`: the shipped model's aliases, exclusions and topic terms, one per line (ripgrep's
///   and Hyperscan's word list);
/// - `tenMBText` / `tenMBPage`: one article of 10 MB, as plain text and as one HTML page of `<p>`s;
/// - `realPages`: trafilatura's and readability's UTF-8 test pages one after another, to 10 MB;
/// - `oneLinePage`: a 50 MB page on one line (issue 11);
/// - `idle`: a one-line `.txt`, the baseline of the peak-memory figures.
public struct TextPathInputs: Sendable {
    public var folder: URL
    public var largeText: URL
    public var largeTextBytes: Int
    public var textCount: Int
    public var patterns: URL
    public var patternCount: Int
    public var htmlSet: URL
    public var htmlSetBytes: Int
    /// The `.html` pages of ``htmlSet``, sorted by path.
    public var htmlSetPages: [URL]
    /// The memory inputs: file and its size in bytes.
    public var memoryInputs: [(file: URL, bytes: Int)]
    public var idle: URL

    /// The MB of ``largeText`` (10^6 bytes).
    public var largeTextMegabytes: Double { Double(largeTextBytes) / 1e6 }

    /// What ``memoryInputs`` hold, in order.
    public static let memoryInputNames = [
        "one 10 MB article (.txt)", "one 10 MB page of paragraphs (.html)", "10 MB of real pages (.html)", "one 50 MB page on one line (.html)",
    ]

    /// Writes every input under `folder` (created if needed). Throws when the corpus or the model
    /// cannot be read.
    public static func make(corpus: URL, modelPath: String, folder: URL) throws -> TextPathInputs {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let (large, textCount) = try bbcNews(corpus: corpus)
        let largeText = folder.appendingPathComponent("bbc-news.txt")
        try large.write(to: largeText)

        let model = try ModelLoader.load(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: modelPath))), file: modelPath,
                                         watch: "china-russia-north-korea")
        var words: [String] = []
        for actor in model.actors { words += actor.aliases.map(\.text) }
        words += model.exclusions.map(\.text)
        for topic in model.topics { words += topic.terms.map(\.text) }
        var seen = Set<String>()
        words = words.filter { seen.insert($0).inserted }
        let patterns = folder.appendingPathComponent("patterns.txt")
        try (words.joined(separator: "\n") + "\n").write(to: patterns, atomically: true, encoding: .utf8)

        let html = corpus.appendingPathComponent("articles/bbc-world-2026")
        let pagesOfSet = BenchCorpus.files(under: html, ext: "html")
        let htmlBytes = pagesOfSet.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1.path)[.size] as? Int) ?? 0) }

        let tenMB = 10_000_000
        var plain = Data(large.prefix(tenMB))
        while let last = plain.last, last & 0xC0 == 0x80 { plain.removeLast() }
        let plainFile = folder.appendingPathComponent("one-article.txt")
        try plain.write(to: plainFile)
        let head = "<!doctype html><html><head><meta charset=\"utf-8\"><title>BBC news</title></head><body><article>"
        let paragraphs = String(decoding: plain, as: UTF8.self).split(separator: "\n").filter { !$0.isEmpty }
            .map { $0.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;") }
        var page = Data((head + "\n").utf8)
        for paragraph in paragraphs where page.count < tenMB { page.append(contentsOf: Array("<p>\(paragraph)</p>\n".utf8)) }
        page.append(contentsOf: Array("</article></body></html>\n".utf8))
        let pageFile = folder.appendingPathComponent("one-article.html")
        try page.write(to: pageFile)

        var pages = Data()
        let suites = ["html/trafilatura", "html/readability"].map { corpus.appendingPathComponent($0) }
        for file in suites.flatMap({ BenchCorpus.files(under: $0, ext: "html") }) where pages.count < tenMB {
            let bytes = try Data(contentsOf: file)
            guard String(data: bytes, encoding: .utf8) != nil else { continue }
            pages.append(bytes)
            pages.append(0x0A)
        }
        let pagesFile = folder.appendingPathComponent("pages.html")
        try pages.write(to: pagesFile)

        var line = Data(head.utf8)
        var next = 0
        while line.count < 50_000_000, !paragraphs.isEmpty {
            line.append(contentsOf: Array("<p>\(paragraphs[next % paragraphs.count])</p>".utf8))
            next += 1
        }
        line.append(contentsOf: Array("</article></body></html>".utf8))
        let lineFile = folder.appendingPathComponent("one-line.html")
        try line.write(to: lineFile)

        let idle = folder.appendingPathComponent("idle.txt")
        try Data("Idle\n".utf8).write(to: idle)
        return TextPathInputs(folder: folder, largeText: largeText, largeTextBytes: large.count, textCount: textCount,
                              patterns: patterns, patternCount: words.count, htmlSet: html, htmlSetBytes: htmlBytes,
                              htmlSetPages: pagesOfSet,
                              memoryInputs: [(plainFile, plain.count), (pageFile, page.count), (pagesFile, pages.count), (lineFile, line.count)],
                              idle: idle)
    }

    /// The corpus's BBC news texts (Giveme5W1H `data_raw`), each followed by a blank line, the whole
    /// repeated 11 times (~55 MB of UTF-8), and how many texts one repetition holds.
    public static func bbcNews(corpus: URL) throws -> (text: Data, texts: Int) {
        let bbc = corpus.appendingPathComponent("articles/giveme5w1h/Giveme5W1H/examples/datasets/bbc/data_raw")
        let texts = BenchCorpus.files(under: bbc, ext: "txt")
        var once = Data()
        for file in texts {
            once.append(try Data(contentsOf: file))
            once.append(contentsOf: Array("\n\n".utf8))
        }
        var large = Data()
        for _ in 0..<11 { large.append(once) }
        return (large, texts.count)
    }
}

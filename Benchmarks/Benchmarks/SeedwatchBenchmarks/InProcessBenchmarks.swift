import Benchmark
import BenchmarkSupport
import Foundation
import SeedwatchCore

/// The stages of the text path, in this process, on one core: HTML extraction, the normaliser,
/// the matcher (automaton + verification, and the automaton alone), match + score, feed parsing.
/// Each prints its throughput as the custom metric `KB/s` (kilobytes of input per second, 10^3
/// bytes) beside package-benchmark's time, CPU and allocation percentiles.
enum InProcessBenchmarks {
    static let kilobytesPerSecond = BenchmarkMetric.custom("KB/s", polarity: .prefersLarger, useScalingFactor: false)
    static let articlesPerSecond = BenchmarkMetric.custom("articles/s", polarity: .prefersLarger, useScalingFactor: false)

    static var configuration: Benchmark.Configuration { Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident, kilobytesPerSecond],
        maxDuration: .seconds(10), maxIterations: 10) }

    static func register(corpus: URL) {
        let model: WatchModel
        do {
            model = try ModelLoader.load(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: BenchCorpus.modelPath))),
                                         file: BenchCorpus.modelPath, watch: "china-russia-north-korea")
        } catch {
            print("model \(BenchCorpus.modelPath) not loaded (\(error)): in-process benchmarks left out")
            return
        }
        let watch = CompiledWatch(model: model)

        // 1. HTML extraction of the BBC World 2026 pages (trafilatura's figure is on the same pages).
        Benchmark("HTML extraction, BBC World 2026 HTML set", configuration: configuration) { benchmark, documents in
            let bytes = documents.reduce(0) { $0 + $1.bytes.count }
            let seconds = timed { for d in documents { blackHole(try? ArticleExtractor.extract(d)) } }
            benchmark.measurement(kilobytesPerSecond, Int(Double(bytes) / 1e3 / seconds))
        } setup: {
            htmlDocuments(corpus: corpus, suites: ["articles/bbc-world-2026"])
        }

        // 2. The normaliser over the articles' extracted texts (pages above + news-please JSON).
        Benchmark("normaliser", configuration: configuration) { benchmark, texts in
            let bytes = texts.reduce(0) { $0 + $1.utf8.count }
            let seconds = timed { for t in texts { blackHole(Normalizer.normalize(t)) } }
            benchmark.measurement(kilobytesPerSecond, Int(Double(bytes) / 1e3 / seconds))
        } setup: {
            articles(corpus: corpus).map(\.extractedText)
        }

        // 3. The matcher over the normalised 55 MB `.txt` that Hyperscan and ripgrep scan in the
        //    whole-path group: automaton + case and word-boundary verification, then the automaton alone.
        Benchmark("matcher (automaton and verification), 55 MB .txt", configuration: configuration) { benchmark, text in
            let seconds = timed { blackHole(watch.matcher.table.occurrences(in: text).count) }
            benchmark.measurement(kilobytesPerSecond, Int(Double(text.bytes.count) / 1e3 / seconds))
        } setup: {
            try normalizedLargeText(corpus: corpus)
        }
        Benchmark("matcher (automaton alone), 55 MB .txt", configuration: configuration) { benchmark, text in
            let seconds = timed { blackHole(watch.matcher.table.rawOccurrenceCount(folded: text.folded)) }
            benchmark.measurement(kilobytesPerSecond, Int(Double(text.bytes.count) / 1e3 / seconds))
        } setup: {
            try normalizedLargeText(corpus: corpus)
        }

        // 4. Match + score per article.
        Benchmark("match and score", configuration: Benchmark.Configuration(
            metrics: [.wallClock, .cpuTotal, .mallocCountTotal, articlesPerSecond], maxDuration: .seconds(10), maxIterations: 10)
        ) { benchmark, articles in
            let seconds = timed { for a in articles { blackHole(watch.scorer.score(watch.matcher.match(a)).level) } }
            benchmark.measurement(articlesPerSecond, Int(Double(articles.count) / seconds))
        } setup: {
            articles(corpus: corpus)
        }

        // 5. Feed parsing over every feed file of `feeds/real` (RSS, Atom, RDF, JSON Feed).
        Benchmark("feed parsing, feeds/real", configuration: configuration) { benchmark, feeds in
            let bytes = feeds.reduce(0) { $0 + $1.count }
            let seconds = timed { for f in feeds { blackHole(try? FeedParser.parse(f)) } }
            benchmark.measurement(kilobytesPerSecond, Int(Double(bytes) / 1e3 / seconds))
        } setup: {
            realFeeds(corpus: corpus)
        }
    }

    /// Seconds of wall-clock time that `body` takes.
    static func timed(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// The `.html` pages under each of `suites` (folders of the corpus), as documents.
    static func htmlDocuments(corpus: URL, suites: [String] = ["articles/bbc-world-2026", "html/trafilatura"]) -> [Document] {
        let pages = suites.flatMap { BenchCorpus.files(under: corpus.appendingPathComponent($0), ext: "html") }
        return pages.compactMap { url in
            FileManager.default.contents(atPath: url.path).map {
                Document(bytes: Array($0), origin: .file(path: Array(url.path.utf8)), nameHint: url.lastPathComponent)
            }
        }
    }

    static func articles(corpus: URL) -> [Article] {
        var out: [Article] = []
        for d in htmlDocuments(corpus: corpus) { out += (try? ArticleExtractor.extract(d)) ?? [] }
        for url in BenchCorpus.files(under: corpus.appendingPathComponent("articles/giveme5w1h"), ext: "json") {
            guard let bytes = FileManager.default.contents(atPath: url.path) else { continue }
            let d = Document(bytes: Array(bytes), origin: .file(path: Array(url.path.utf8)), nameHint: url.lastPathComponent)
            out += (try? ArticleExtractor.extract(d)) ?? []
        }
        return out
    }

    static func normalizedLargeText(corpus: URL) throws -> NormalizedText {
        Normalizer.normalize(String(decoding: try TextPathInputs.bbcNews(corpus: corpus).text, as: UTF8.self))
    }

    static func realFeeds(corpus: URL) -> [[UInt8]] {
        let e = FileManager.default.enumerator(at: corpus.appendingPathComponent("feeds/real"), includingPropertiesForKeys: nil)
        var feeds: [[UInt8]] = []
        while let u = e?.nextObject() as? URL {
            guard ["xml", "rss", "atom", "json"].contains(u.pathExtension), u.lastPathComponent != "index.jsonl" else { continue }
            if let d = FileManager.default.contents(atPath: u.path) { feeds.append(Array(d)) }
        }
        return feeds
    }
}

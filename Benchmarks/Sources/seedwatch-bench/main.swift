import Foundation
import Logging
import SeedwatchCore
import SeedwatchRuntime
import BenchmarkSupport
#if canImport(Glibc)
import Glibc
#endif

// seedwatch's scenario runs: printed numbers, not assertions. The per-stage and whole-command
// figures of the text path (HTML extraction, normaliser, matcher, match + score, feed parsing,
// `scan` beside ripgrep, Hyperscan and trafilatura, peak memory) are package-benchmark
// benchmarks: `swift package benchmark` in this folder. These runs take minutes, drive a daemon
// or fill a state database, and are measured once each:
//
//   cd Benchmarks && swift run -c release seedwatch-bench [--corpus PATH] [--daemon PATH-TO-RELEASE-BINARY] [--articles 10000]
//
// 1. file → decision through the pipeline with SQLite and the alert log (articles/s), 2. with
// --daemon: the daemon's peak RSS after N dropped articles and its stop time with 5,000 queued,
// 3. polling 1,000 loopback feeds that answer 304 (wall and CPU time), 4. with --daemon: one feed
// document of 100,000 new items, each shape (wall, CPU, peak RSS).

let arguments = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}
let benchFolder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
let corpus = URL(fileURLWithPath: option("--corpus") ?? benchFolder.appendingPathComponent("../../shared/corpus").standardized.path)
let modelPath = option("--model") ?? benchFolder.appendingPathComponent("../seeds/china-russia-north-korea/model.yaml").standardized.path
let daemonArticles = Int(option("--articles") ?? "10000") ?? 10000

// One feed of N new items through the release daemon needs no corpus:
// `--feed-items N --daemon PATH [--shape dated|undated|same-date]` runs just that, every shape
// without --shape (issue 11's target: 100,000 items in under 60 s, under 200 MB peak RSS).
let feedItemShapes = option("--shape").map { [$0] } ?? ["dated", "same-date", "undated"]
if let items = option("--feed-items").flatMap({ Int($0) }) {
    runFeedItemsBenchmark(items: items, shapes: feedItemShapes, daemon: option("--daemon"), modelPath: modelPath)
    exit(0)
}

// `watch new` from a seed needs no corpus: `--watch-new SEED [--repeat N]` runs just that (issue 10).
if let seedPath = option("--watch-new") {
    runWatchNewBenchmark(seedPath: seedPath, repeats: Int(option("--repeat") ?? "5") ?? 5)
    exit(0)
}

// Stories at Europe Media Monitor's scale need no corpus: `--stories [--per-day N] [--days N] [--lookups N]`.
if arguments.contains("--stories") {
    runStoriesBenchmark(perDay: Int(option("--per-day") ?? "300000") ?? 300_000, days: Int(option("--days") ?? "7") ?? 7,
                        lookups: Int(option("--lookups") ?? "2000") ?? 2000)
    exit(0)
}

// Feed polling over loopback needs no corpus: `--feeds-only` runs just that.
if arguments.contains("--feeds-only") {
    runFeedPollingBenchmark(feeds: Int(option("--feeds") ?? "1000") ?? 1000, concurrency: Int(option("--concurrency") ?? "16") ?? 16)
    exit(0)
}

guard FileManager.default.fileExists(atPath: corpus.path) else {
    print("corpus not found at \(corpus.path): pass --corpus PATH (the shared corpus folder)")
    exit(2)
}

// `--dump-parsed-feeds FILE`: every parsed feed of the corpus, to compare two parser versions.
if let path = option("--dump-parsed-feeds") {
    dumpParsedFeeds(corpus: corpus, to: path)
    exit(0)
}
func files(under folder: URL, ext: String) -> [URL] { BenchCorpus.files(under: folder, ext: ext) }

let model = try ModelLoader.load(bytes: Array(FileManager.default.contents(atPath: modelPath)!), file: modelPath, watch: "china-russia-north-korea")
let watch = CompiledWatch(model: model)
print("model \(model.version): \(watch.matcher.table.patternCount) patterns, \(watch.matcher.table.stateCount) DFA states")

// The articles that the daemon runs drop: the BBC World 2026 pages, trafilatura's test pages and
// news-please JSON articles, extracted once (untimed: `swift package benchmark` times the stages).
var htmlFiles = files(under: corpus.appendingPathComponent("articles/bbc-world-2026"), ext: "html")
htmlFiles += files(under: corpus.appendingPathComponent("html/trafilatura"), ext: "html")
let htmlDocuments = htmlFiles.map { Document(bytes: Array(FileManager.default.contents(atPath: $0.path)!), origin: .file(path: Array($0.path.utf8)), nameHint: $0.lastPathComponent) }
var articles: [Article] = []
for d in htmlDocuments { articles += (try? ArticleExtractor.extract(d)) ?? [] }
for f in files(under: corpus.appendingPathComponent("articles/giveme5w1h"), ext: "json") {
    let d = Document(bytes: Array(FileManager.default.contents(atPath: f.path)!), origin: .file(path: Array(f.path.utf8)), nameHint: f.lastPathComponent)
    articles += (try? ArticleExtractor.extract(d)) ?? []
}

// 1. File → decision through the pipeline (read, hash, extract, match, score, SQLite, alert log).
let work = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("seedwatch-bench-\(getpid())")
try FileManager.default.createDirectory(at: work.appendingPathComponent("drop"), withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: work) }
// Decided one by one (a transaction per decision, an fdatasync per alert line), then, on a fresh
// state, in group commits as the daemon decides a burst (issue 15 item 5: 256 articles or 50 ms
// per transaction and per fdatasync).
for grouped in [false, true] {
    let folder = work.appendingPathComponent(grouped ? "grouped" : "one-by-one")
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("drop"), withIntermediateDirectories: true)
    let dropFolder = try DropFolderProbe(watches: [watch], folder: folder.path)
    var fileCount = 0
    for (i, d) in htmlDocuments.prefix(2000).enumerated() {
        let path = folder.appendingPathComponent("drop/\(i).html").path
        FileManager.default.createFile(atPath: path, contents: Data(d.bytes))
        try dropFolder.add(absolutePath: path, relativePath: "\(i).html")
        fileCount += 1
    }
    let pipelineStart = DispatchTime.now().uptimeNanoseconds
    let alertsWritten = await dropFolder.processAll(maxBytes: 64 << 20, grouped: grouped)
    let pipelineTime = Double(DispatchTime.now().uptimeNanoseconds - pipelineStart) / 1e9
    print(String(format: "file -> decision (%@): %d files in %.3f s = %.0f articles/s (%d alert lines)",
                 grouped ? "group commits" : "one by one", fileCount, pipelineTime, Double(fileCount) / pipelineTime, alertsWritten))
}

// 2. Daemon peak RSS after N articles.
if let daemon = option("--daemon") {
    try DaemonRSS.measure(binary: daemon, articles: articles, count: daemonArticles, work: work.appendingPathComponent("daemon"), modelFolder: (modelPath as NSString).deletingLastPathComponent)
    // The stop time with 5,000 files queued (issue 13).
    try DaemonStop.measure(binary: daemon, articles: articles, count: 5000, work: work.appendingPathComponent("daemon-stop"),
                           modelFolder: (modelPath as NSString).deletingLastPathComponent)
}
// 3. Polling 1,000 loopback feeds that answer 304, in this process.
runFeedPollingBenchmark()
// 4. One feed document of 100,000 new items through the daemon, each shape (`--feed-items 100000 --daemon …` alone).
runFeedItemsBenchmark(items: 100_000, shapes: feedItemShapes, daemon: option("--daemon"), modelPath: modelPath)

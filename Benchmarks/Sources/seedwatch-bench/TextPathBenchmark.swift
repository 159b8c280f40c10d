import Foundation
import SeedwatchCore
#if canImport(Glibc)
import Glibc
#endif

/// The whole text path (issue 15), measured on the release binary as a user runs it, beside its
/// peers on the same input and the same words:
/// - `seedwatch scan --json` of one large `.txt` of BBC news (the corpus's BBC texts, repeated to
///   about 55 MB) and of the BBC World 2026 HTML set, in MB/s;
/// - ripgrep (`rg -c -i -w -F -f PATTERNS`) and Hyperscan (the `hyperscan` Python package,
///   caseless, `\b` on both sides) over the same `.txt`, when installed;
/// - the peak RSS above an idle `scan` (of a one-line file) for one article of 10 MB, `.txt` and
///   `.html` (a page of paragraphs), for 10 MB of real pages (trafilatura's and readability's test
///   pages one after another) and for a page of 50 MB on one line (issue 11): the target is at most
///   3× the input's bytes.
///
///   seedwatch-bench --text-path --binary ../.build/release/seedwatch [--rounds 5] [--python PATH]
enum TextPathBenchmark {
    struct Run {
        var seconds: Double
        /// Peak resident set of the child, bytes (`ru_maxrss`).
        var maxRSS: Int
        var status: Int32
    }

    static func run(binary: String, corpus: URL, modelPath: String, configPath: String, rounds: Int, python: String) throws {
        let work = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("seedwatch-textpath-\(getpid())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        let bbc = corpus.appendingPathComponent("articles/giveme5w1h/Giveme5W1H/examples/datasets/bbc/data_raw")
        var once = Data()
        for file in files(under: bbc, ext: "txt") {
            once.append(try Data(contentsOf: file))
            once.append(contentsOf: Array("\n\n".utf8))
        }
        var large = Data()
        for _ in 0..<11 { large.append(once) }
        let text = work.appendingPathComponent("bbc-news.txt")
        try large.write(to: text)
        let model = try ModelLoader.load(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: modelPath))), file: modelPath,
                                         watch: "china-russia-north-korea")
        var words: [String] = []
        for actor in model.actors { words += actor.aliases.map(\.text) }
        words += model.exclusions.map(\.text)
        for topic in model.topics { words += topic.terms.map(\.text) }
        var seen = Set<String>()
        words = words.filter { seen.insert($0).inserted }
        let patterns = work.appendingPathComponent("patterns.txt")
        try (words.joined(separator: "\n") + "\n").write(to: patterns, atomically: true, encoding: .utf8)
        let megabytes = Double(large.count) / 1e6
        print(String(format: "text path: %.1f MB .txt of BBC news (%d BBC texts x 11), %d words of the model, best of %d",
                     megabytes, files(under: bbc, ext: "txt").count, words.count, rounds))

        let scan = best(rounds) { spawn(binary, ["scan", "--config", configPath, "--json", text.path]) }
        print(String(format: "  seedwatch scan --json   %7.3f s  %6.0f MB/s", scan.seconds, megabytes / scan.seconds))
        if let rg = which("rg") {
            let r = best(rounds) { spawn(rg, ["-c", "-i", "-w", "-F", "-f", patterns.path, text.path]) }
            print(String(format: "  ripgrep -c -i -w -F     %7.3f s  %6.0f MB/s  seedwatch / ripgrep %.2f",
                         r.seconds, megabytes / r.seconds, r.seconds / scan.seconds))
        } else {
            print("  ripgrep: not installed (apt-get install ripgrep)")
        }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("peers/hyperscan-scan.py").path
        if spawn(python, ["-c", "import hyperscan"], quiet: true).status == 0 {
            let output = capture(python, [script, patterns.path, text.path, String(rounds)])
            if let line = output.split(separator: "\n").first(where: { $0.hasPrefix("hyperscan:") }),
               let rate = line.split(separator: "=").last.flatMap({ Double($0.split(separator: " ").first ?? "") }) {
                print(String(format: "  %@  seedwatch / hyperscan %.2f", String(line), megabytes / scan.seconds / rate))
            } else {
                print("  hyperscan: \(output.trimmingCharacters(in: .whitespacesAndNewlines))")
            }
        } else {
            print("  hyperscan: not installed (python3 -m venv V && V/bin/pip install hyperscan; --python V/bin/python)")
        }

        let html = corpus.appendingPathComponent("articles/bbc-world-2026")
        let htmlBytes = files(under: html, ext: "html").reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1.path)[.size] as? Int) ?? 0) }
        let htmlScan = best(rounds) { spawn(binary, ["scan", "--config", configPath, "--json", html.path]) }
        print(String(format: "HTML set: %d pages of bbc-world-2026, %.1f MB: seedwatch scan --json %.3f s = %.1f MB/s",
                     files(under: html, ext: "html").count, Double(htmlBytes) / 1e6, htmlScan.seconds, Double(htmlBytes) / 1e6 / htmlScan.seconds))

        // Memory: one article of 10 MB, as plain text and as one HTML page of paragraphs.
        let tenMB = 10_000_000
        var plain = Data(large.prefix(tenMB))
        while let last = plain.last, last & 0xC0 == 0x80 { plain.removeLast() }
        let plainFile = work.appendingPathComponent("one-article.txt")
        try plain.write(to: plainFile)
        var page = Data("<!doctype html><html><head><meta charset=\"utf-8\"><title>BBC news</title></head><body><article>\n".utf8)
        for paragraph in String(decoding: plain, as: UTF8.self).split(separator: "\n") where page.count < tenMB {
            let escaped = paragraph.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            page.append(contentsOf: Array("<p>\(escaped)</p>\n".utf8))
        }
        page.append(contentsOf: Array("</article></body></html>\n".utf8))
        let pageFile = work.appendingPathComponent("one-article.html")
        try page.write(to: pageFile)
        // Real pages (trafilatura's and readability's test pages, UTF-8 ones), one after another to
        // 10 MB: markup, scripts and furniture around short articles.
        var pages = Data()
        let suites = ["html/trafilatura", "html/readability"].map { corpus.appendingPathComponent($0) }
        for file in suites.flatMap({ files(under: $0, ext: "html") }) where pages.count < tenMB {
            let bytes = try Data(contentsOf: file)
            guard String(data: bytes, encoding: .utf8) != nil else { continue }
            pages.append(bytes)
            pages.append(0x0A)
        }
        let pagesFile = work.appendingPathComponent("pages.html")
        try pages.write(to: pagesFile)
        // One line of 50 MB (issue 11): the paragraphs of the page above, without a line break.
        var line = Data("<!doctype html><html><head><meta charset=\"utf-8\"><title>BBC news</title></head><body><article>".utf8)
        let paragraphs = String(decoding: plain, as: UTF8.self).split(separator: "\n").filter { !$0.isEmpty }
        var next = 0
        while line.count < 50_000_000, !paragraphs.isEmpty {
            let escaped = paragraphs[next % paragraphs.count].replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            line.append(contentsOf: Array("<p>\(escaped)</p>".utf8))
            next += 1
        }
        line.append(contentsOf: Array("</article></body></html>".utf8))
        let lineFile = work.appendingPathComponent("one-line.html")
        try line.write(to: lineFile)
        let idleFile = work.appendingPathComponent("idle.txt")
        try Data("Idle\n".utf8).write(to: idleFile)
        let idle = spawn(binary, ["scan", "--config", configPath, "--json", idleFile.path])
        for (file, bytes) in [(plainFile, plain.count), (pageFile, page.count), (pagesFile, pages.count), (lineFile, line.count)] {
            let r = spawn(binary, ["scan", "--config", configPath, "--json", file.path])
            let above = r.maxRSS - idle.maxRSS
            print(String(format: "peak RSS, %@ (%.1f MB): %.1f MB above idle (%.1f MB) = %.2f x its bytes (target <= 3)",
                         file.lastPathComponent, Double(bytes) / 1e6, Double(above) / 1e6, Double(idle.maxRSS) / 1e6,
                         Double(above) / Double(bytes)))
        }
    }

    static func files(under folder: URL, ext: String) -> [URL] {
        let e = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        var out: [URL] = []
        while let u = e?.nextObject() as? URL {
            if u.pathExtension == ext { out.append(u) }
        }
        return out.sorted { $0.path < $1.path }
    }

    static func best(_ rounds: Int, _ body: () -> Run) -> Run {
        var result = body()
        for _ in 1..<max(1, rounds) {
            let r = body()
            if r.seconds < result.seconds { result = r }
        }
        return result
    }

    /// The absolute path of `name` on `PATH`, if any.
    static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Runs `executable` with its output to /dev/null: wall time, peak RSS and exit status.
    static func spawn(_ executable: String, _ arguments: [String], quiet: Bool = true) -> Run {
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        if quiet { posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0) }
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        guard posix_spawn(&pid, executable, &actions, nil, argv, environ) == 0 else { return Run(seconds: .infinity, maxRSS: 0, status: -1) }
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return Run(seconds: seconds, maxRSS: Int(usage.ru_maxrss) * 1024, status: status)
    }

    /// Runs `executable` and returns its standard output.
    static func capture(_ executable: String, _ arguments: [String]) -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        guard (try? p.run()) != nil else { return "could not run \(executable)" }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

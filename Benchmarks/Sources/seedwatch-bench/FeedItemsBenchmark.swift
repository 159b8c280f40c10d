import Foundation
import SeedwatchCore
import SeedwatchTesting
#if canImport(Glibc)
import Glibc
#endif

/// One feed document of N new items (issue 11) served over loopback to the real release daemon
/// (`seedwatch run` on a fresh state): prints the wall and CPU time until every item is decided
/// (seen marks in the state database), the daemon's peak RSS (VmHWM) and its idle RSS (the same
/// daemon with no feed), and the alert lines written. Shapes: `dated` (RSS, a minute apart),
/// `same-date` (RSS, one pubDate), `undated` (JSON Feed without dates); every tenth item names
/// Putin and Kim Jong Un. Issue 11's target: under 60 s and under 200 MB peak RSS for 100,000 items;
/// the peak above idle under 64 MB plus the document.
enum FeedItemsBenchmark {
    static func run(daemon: String, items count: Int, shape: String, modelFolder: String, timeout: Double = 900) throws {
        let (contentType, document) = benchmarkFeed(items: count, shape: shape)
        let server = try LoopbackHTTPServer { _ in
            LoopbackHTTPReply(status: 200, headers: [("Content-Type", contentType)], body: .bytes(document))
        }
        defer { server.stop() }
        let work = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("seedwatch-bench-items-\(getpid())")
        defer { try? FileManager.default.removeItem(at: work) }
        let idle = try idleRSS(daemon: daemon, work: work.appendingPathComponent("idle"), modelFolder: modelFolder)
        let folder = work.appendingPathComponent("feed")
        let process = try start(daemon: daemon, work: folder, modelFolder: modelFolder,
                                feeds: "feeds:\n  - {url: '\(server.baseURL)/feed', max_bytes: 512MiB, max_age: 3650d}\n")
        let database = folder.appendingPathComponent("state.sqlite").path
        let started = Date()
        var decided = 0, peak = 0.0, cpu = 0.0
        while Date().timeIntervalSince(started) < timeout && process.isRunning {
            usleep(250_000)
            peak = max(peak, status(process.processIdentifier, "VmHWM"))
            cpu = cpuSeconds(process.processIdentifier)
            decided = Self.count(database, "SELECT COUNT(*) FROM seen_article;")
            if decided >= count { break }
        }
        let wall = Date().timeIntervalSince(started)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        let lines = ((try? String(contentsOf: folder.appendingPathComponent("alerts.jsonl"), encoding: .utf8)) ?? "")
            .split(separator: "\n")
        let ids = Set(lines.compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["id"] as? String
        })
        var load = [Double](repeating: 0, count: 3)
        getloadavg(&load, 3)
        let megabytes = Double(document.count) / 1e6
        print(String(format: "feed items (%@): %d of %d new items, %.1f MB document, decided in %.1f s wall, %.1f s CPU "
                     + "(daemon start included; target 60 s); peak RSS %.0f MB (target 200 MB), idle %.0f MB, above idle %.0f MB "
                     + "(target %.0f MB = 64 MB + the document); %d alert lines, %d distinct ids; load average %.2f %.2f %.2f",
                     shape, decided, count, megabytes, wall, cpu, peak, idle, peak - idle, 64 + megabytes, lines.count, ids.count,
                     load[0], load[1], load[2]))
    }

    /// The daemon's peak RSS in MB after it has started with no feed and an empty drop folder.
    static func idleRSS(daemon: String, work: URL, modelFolder: String) throws -> Double {
        let process = try start(daemon: daemon, work: work, modelFolder: modelFolder, feeds: "")
        sleep(4)
        let rss = status(process.processIdentifier, "VmHWM")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        return rss
    }

    /// Starts `seedwatch run` in `work` with the shipped model (errors logged only).
    static func start(daemon: String, work: URL, modelFolder: String, feeds: String) throws -> Process {
        try FileManager.default.createDirectory(at: work.appendingPathComponent("drop"), withIntermediateDirectories: true)
        let config = work.appendingPathComponent("c.yaml")
        try """
        watches: [\(modelFolder)]
        drop_folder: {path: drop}
        alerts: {log: alerts.jsonl}
        state: {path: state.sqlite}

        """.appending(feeds).write(to: config, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: daemon)
        process.arguments = ["run", "--config", config.path, "--log-level", "error"]
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// A `/proc/PID/status` field in kB, as MB (0 when the process is gone).
    static func status(_ pid: Int32, _ field: String) -> Double {
        let text = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
              let kB = line.split(separator: " ").compactMap({ Double($0) }).first else { return 0 }
        return kB / 1024
    }

    /// User + system CPU seconds of a running process (`/proc/PID/stat` fields 14 and 15).
    static func cpuSeconds(_ pid: Int32) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// One number from the sqlite3 shell (0 while the database does not exist yet).
    static func count(_ database: String, _ query: String) -> Int {
        guard FileManager.default.fileExists(atPath: database) else { return 0 }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        p.arguments = ["-readonly", database, query]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return 0 }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Int(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }
}

/// The generated feed document: (Content-Type, bytes).
func benchmarkFeed(items count: Int, shape: String) -> (String, [UInt8]) {
    func title(_ i: Int) -> String {
        i % 10 == 0 ? "Putin and Kim Jong Un meet in Pyongyang, report \(i)" : "Regional weather and markets, report \(i)"
    }
    func body(_ i: Int) -> String {
        i % 10 == 0
            ? "Report \(i). Vladimir Putin and Kim Jong Un signed a mutual defence treaty in Pyongyang; Russia and North Korea pledged military help despite sanctions, while Xi Jinping watched from Beijing."
            : "Report \(i). Rain is expected along the coast tomorrow; markets closed higher on strong trading in local shares."
    }
    var text = ""
    if shape == "undated" {
        text = "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"Bench\",\"items\":["
        for i in 0..<count {
            text += (i > 0 ? "," : "") + "{\"id\":\"item-\(i)\",\"title\":\"\(title(i))\",\"content_text\":\"\(body(i))\",\"url\":\"https://news.example/\(i)\"}"
        }
        return ("application/feed+json", Array((text + "]}").utf8))
    }
    text = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Bench</title>"
    let base = Date().addingTimeInterval(-3600)
    for i in 0..<count {
        let date = shape == "same-date" ? base : base.addingTimeInterval(-60 * Double(i))
        text += "<item><guid>item-\(i)</guid><title>\(title(i))</title><link>https://news.example/\(i)</link>"
            + "<description>\(body(i))</description><pubDate>\(rfc822(date))</pubDate></item>"
    }
    return ("application/rss+xml", Array((text + "</channel></rss>").utf8))
}

private func rfc822(_ date: Date) -> String {
    var t = time_t(date.timeIntervalSince1970)
    var parts = tm()
    gmtime_r(&t, &parts)
    var buffer = [CChar](repeating: 0, count: 64)
    let n = strftime(&buffer, buffer.count, "%a, %d %b %Y %H:%M:%S GMT", &parts)
    return String(decoding: buffer.prefix(n).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// Runs ``FeedItemsBenchmark`` for each shape (`--shape` picks one) when `--daemon` names the release binary.
func runFeedItemsBenchmark(items: Int, shapes: [String], daemon: String?, modelPath: String) {
    guard let daemon else {
        print("feed items: pass --daemon PATH (the release seedwatch binary, e.g. .build/release/seedwatch)")
        return
    }
    for shape in shapes {
        do {
            try FeedItemsBenchmark.run(daemon: daemon, items: items, shape: shape, modelFolder: (modelPath as NSString).deletingLastPathComponent)
        } catch {
            print("feed items benchmark (\(shape)) failed: \(error)")
        }
    }
}

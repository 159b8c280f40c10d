import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where the package and the shared corpus are, seen from this test file.
enum Paths {
    /// The package root (two folders above this file's folder).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// `../shared` beside the package, present on developer machines and in CI.
    static let shared: URL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    static var sharedIsAvailable: Bool { FileManager.default.fileExists(atPath: shared.appendingPathComponent("labels/dev.tsv").path) }

    /// The `seedwatch` binary built beside the test bundle (`swift build --build-tests` builds it).
    static var binary: URL {
        let exe = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        var dir = exe.deletingLastPathComponent()
        // The bundle may be a folder (…/seedwatchPackageTests.xctest/…): walk up to the build folder.
        while !FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("seedwatch").path) && dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("seedwatch")
    }
}

/// A relevance label of `../shared/labels/dev.tsv`.
struct LabelledArticle {
    var path: String
    var label: Int
}

enum Labels {
    static func load() throws -> [LabelledArticle] {
        let text = try String(contentsOf: Paths.shared.appendingPathComponent("labels/dev.tsv"), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2, let label = Int(fields[1]) else { return nil }
            return LabelledArticle(path: String(fields[0]), label: label)
        }
    }
}

/// A temporary folder removed at the end of the test.
final class TemporaryFolder {
    let url: URL
    init(_ prefix: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
}

/// The daemon as a child process.
final class DaemonProcess {
    let process = Process()
    let stderrURL: URL

    /// - Parameter fileSizeLimitKiB: when set, the daemon runs under `ulimit -f` (RLIMIT_FSIZE) of that
    ///   many KiB with SIGXFSZ ignored, so that a write past the limit is short or fails with EFBIG,
    ///   as on a full disk.
    /// - Parameter environment: added to the daemon's environment (e.g. `WATCHDOG_USEC`).
    /// - Parameter binary: the `seedwatch` executable (a release build for an evaluation at scale).
    init(config: URL, notifySocket: String, stderrURL: URL, fileSizeLimitKiB: Int? = nil, environment: [String: String] = [:],
         binary: URL = Paths.binary) throws {
        self.stderrURL = stderrURL
        let arguments = ["run", "--config", config.path, "--log-level", "debug"]
        if let limit = fileSizeLimitKiB {
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", "trap '' XFSZ; ulimit -f \(limit); exec \"$0\" \"$@\"", binary.path] + arguments
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        var env = ProcessInfo.processInfo.environment
        env["NOTIFY_SOCKET"] = notifySocket
        env.merge(environment) { $1 }
        env.removeValue(forKey: "SEEDWATCH_CONFIG")
        process.environment = env
        FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let handle = try FileHandle(forWritingTo: stderrURL)
        handle.seekToEndOfFile()
        process.standardError = handle
        process.standardOutput = FileHandle.nullDevice
        try process.run()
    }

    func signal(_ sig: Int32) { kill(process.processIdentifier, sig) }

    /// Waits until the process is stopped (state `T` in `/proc/PID/stat`, after SIGSTOP).
    /// - Returns: whether it stopped within `timeout` seconds.
    func waitUntilStopped(timeout: Double) -> Bool {
        waitUntil(timeout, every: 0.005) {
            guard let stat = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            // "PID (comm) STATE …": the state follows the command name's closing parenthesis.
            return stat[stat.index(after: close)...].split(separator: " ").first == "T"
        }
    }

    /// Waits for exit; returns the status, or nil on timeout (the process is then killed).
    func waitForExit(timeout: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return process.terminationStatus
    }

    var log: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }
}

/// Alert lines of a log file, decoded loosely.
struct AlertLine {
    var id: String
    var level: String?
    var path: String?
    var actors: [String]

    static func read(_ url: URL) -> [AlertLine] {
        guard let data = FileManager.default.contents(atPath: url.path) else { return [] }
        return data.split(separator: 0x0A).compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else { return nil }
            let source = object["source"] as? [String: Any]
            let actors = (object["actors"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            return AlertLine(id: object["id"] as? String ?? "", level: object["level"] as? String,
                             path: source?["path"] as? String, actors: actors)
        }
    }
}

/// Parses "N files processed, M skipped" out of the daemon's STATUS= line.
enum StatusLine {
    static func handled(_ status: String?) -> Int {
        guard let status else { return 0 }
        var total = 0
        let words = status.replacingOccurrences(of: ",", with: " ").split(separator: " ")
        for (i, w) in words.enumerated() where i + 1 < words.count {
            if (words[i + 1] == "files" || words[i + 1] == "skipped"), let n = Int(w) { total += n }
        }
        return total
    }
}

extension StatusLine {
    /// The number written before `label` (`files processed`, `skipped`, `alerts written`) in a
    /// STATUS= line, or nil when the line has no such count.
    static func count(_ label: String, in status: String?) -> Int? {
        guard let status, let range = status.range(of: " " + label) else { return nil }
        return Int(status[..<range.lowerBound].split(whereSeparator: { $0 == " " || $0 == ";" }).last ?? "")
    }
}

/// Polls `condition` every `interval` seconds until it holds or `timeout` seconds have passed;
/// returns whether it held.
func waitUntil(_ timeout: Double, every interval: Double = 0.1, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if condition() { return true }
        usleep(useconds_t(interval * 1_000_000))
    }
    return condition()
}

/// Writes `root/seedwatch.yaml` for a daemon under test: the shipped watch, drop folder `root/drop`,
/// alert log `root/log/alerts.jsonl`, state `root/state/seedwatch.sqlite`, no feeds; `settle` is the
/// drop folder's settle duration when given (e.g. `"0.5s"`). Creates the drop folder (the daemon
/// refuses a missing one). Returns the file's URL.
func writeDaemonConfig(in root: URL, settle: String? = nil) throws -> URL {
    try FileManager.default.createDirectory(at: root.appendingPathComponent("drop"), withIntermediateDirectories: true)
    let config = root.appendingPathComponent("seedwatch.yaml")
    try """
    watches:
      - \(Paths.packageRoot.appendingPathComponent("seeds/china-russia-north-korea").path)
    drop_folder:
      path: drop
    \(settle.map { "  settle: \($0)\n" } ?? "")alerts:
      log: log/alerts.jsonl
    state:
      path: state/seedwatch.sqlite
    feeds: []
    """.write(to: config, atomically: true, encoding: .utf8)
    return config
}

/// Writes `folder/c.yaml` for a command under test: the shipped watch, drop folder `drop`, the alert
/// log at `alertLog`, state `state.sqlite`, and `feeds` (none: the key is left out). Returns its URL.
func writeCommandConfig(in folder: URL, alertLog: String = "alerts.jsonl", feeds: [String] = []) throws -> URL {
    let config = folder.appendingPathComponent("c.yaml")
    var text = """
        watches: [\(Paths.packageRoot.appendingPathComponent("seeds/china-russia-north-korea").path)]
        drop_folder: {path: drop}
        alerts: {log: \(alertLog)}
        state: {path: state.sqlite}

        """
    if !feeds.isEmpty { text += "feeds:\n" + feeds.map { "  - url: \($0)\n" }.joined() }
    try text.write(to: config, atomically: true, encoding: .utf8)
    return config
}

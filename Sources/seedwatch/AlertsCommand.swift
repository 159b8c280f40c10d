import ArgumentParser
import Foundation
import SeedwatchCore
import SeedwatchRuntime
#if canImport(Glibc)
import Glibc
#endif

struct AlertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "Read the alert log.",
        discussion: """
        Prints each alert as time, level, score, title, actors, topics and the best evidence \
        sentence; with --json, the log lines as they are. Rotated logs (alerts.jsonl.1, \
        alerts.jsonl.2.gz, …) are read first, oldest first. --follow keeps reading new alerts (and \
        follows the log across rotation). --actor and --topic take ids as in the JSON \
        (kim_jong_un, arms_transfer).

        Examples:
          seedwatch alerts --since 2h
          seedwatch alerts --actor kim_jong_un --topic arms_transfer --level alert
          seedwatch alerts --json --follow | jq .title
        """
    )

    @OptionGroup var options: ConfigOption

    @Option(help: ArgumentHelp("Only alerts decided since then: a duration back from now (90m, 2h, 3d) or an RFC 3339 time.", valueName: "when"))
    var since: String?

    @Option(help: ArgumentHelp("Only alerts naming this actor id.", valueName: "id"))
    var actor: String?

    @Option(help: ArgumentHelp("Only alerts with this topic id.", valueName: "id"))
    var topic: String?

    @Option(help: ArgumentHelp("Minimum level: notice (everything) or alert.", valueName: "level"))
    var level: AlertLevel?

    @Flag(help: "Print the JSON lines as they are.")
    var json = false

    @Flag(help: "Keep running and print new alerts as they are written.")
    var follow = false

    func run() throws {
        let configPath = ConfigurationLocator.locate(explicit: options.config)
        let logPath: String
        var actorID = actor
        var topicID = topic
        do {
            let configuration = try ConfigurationReader.load(path: configPath)
            logPath = configuration.alertLog
            // Ids as in the JSON; a display name ("Kim Jong Un") is accepted too. Unknown ones are an error.
            if let models = try? WatchLoader.load(configuration).map(\.model) {
                if let a = actor {
                    let actors = models.flatMap(\.actors)
                    guard let match = actors.first(where: { $0.id == a }) ?? actors.first(where: { $0.name.lowercased() == a.lowercased() }) else {
                        throw ValidationError("unknown actor '\(a)'; actor ids: \(Set(actors.map(\.id)).sorted().joined(separator: ", "))")
                    }
                    actorID = match.id
                }
                if let t = topic {
                    let topics = models.flatMap(\.topics)
                    guard let match = topics.first(where: { $0.id == t }) ?? topics.first(where: { $0.name.lowercased() == t.lowercased() }) else {
                        throw ValidationError("unknown topic '\(t)'; topic ids: \(Set(topics.map(\.id)).sorted().joined(separator: ", "))")
                    }
                    topicID = match.id
                }
            }
        } catch let error as ValidationError {
            throw error
        } catch {
            FileHandleOutput.standardError("error: \(error)")
            throw ExitCode(ExitStatus.configuration.rawValue)
        }
        var sinceDate: Date?
        if let since {
            if let seconds = DurationParser.seconds(since) {
                sinceDate = Date().addingTimeInterval(-seconds)
            } else if let date = AlertTimestamp.parse(since) {
                sinceDate = date
            } else {
                throw ValidationError("--since takes a duration (90m, 2h, 3d) or an RFC 3339 time, got '\(since)'")
            }
        }
        let filter = AlertFilter(since: sinceDate, actor: actorID, topic: topicID, minimumLevel: level)
        // Rotated logs first (oldest first), so that --since reaches across logrotate.
        let rotated = RotatedLogs.list(logPath)
        var unread: [String] = []
        for file in rotated.all {
            guard let data = RotatedLogs.contents(file) else { unread.append(file); continue }
            for line in data.split(separator: 0x0A) { emit(Array(line), filter: filter) }
        }
        if !unread.isEmpty {
            FileHandleOutput.standardError("not read: \(unread.joined(separator: ", "))")
        }
        var reader = LogFollower(path: logPath)
        if !follow && !FileManager.default.fileExists(atPath: logPath) {
            if rotated.all.isEmpty { FileHandleOutput.standardError("no alerts yet: \(logPath) does not exist") }
            return
        }
        repeat {
            for line in reader.readNewLines() {
                emit(line, filter: filter)
            }
            if follow { usleep(300_000) }
        } while follow
    }

    private func emit(_ line: [UInt8], filter: AlertFilter) {
        guard !line.isEmpty else { return }
        guard let entry = try? AlertLogEntry.decode(line: line) else {
            FileHandleOutput.standardError("skipping a line that is not an alert: \(String(decoding: line.prefix(80), as: UTF8.self))")
            return
        }
        guard filter.accepts(entry) else { return }
        if json {
            FileHandle.standardOutput.write(Data(line + [0x0A]))
        } else {
            let source = entry.source.type == "feed" ? (entry.source.url ?? entry.source.feed ?? "") : (entry.source.path ?? "")
            let text = AlertTextFormatter.format(
                time: entry.time, level: entry.level, score: entry.score, title: entry.title,
                actors: entry.actors.map { ($0.name, $0.mentions ?? 0) },
                topics: entry.topics.map { ($0.id, $0.score ?? 0) },
                bestEvidence: entry.evidence.first, source: source)
            // An edit of an article that alerted before (case 08): it alerts because it names an actor the earlier alert did not.
            let updates = entry.updates.map { "\n    updates:  \($0) (an edit of that alert's article, naming a new actor)" } ?? ""
            FileHandle.standardOutput.write(Data((text + updates + "\n\n").utf8))
        }
    }
}

extension AlertLevel: ExpressibleByArgument {}

/// The `alerts` command's filters.
struct AlertFilter {
    var since: Date?
    var actor: String?
    var topic: String?
    var minimumLevel: AlertLevel?

    func accepts(_ entry: AlertLogEntry) -> Bool {
        if let since, entry.time < since { return false }
        if let actor, !entry.actors.contains(where: { $0.id == actor }) { return false }
        if let topic, !entry.topics.contains(where: { $0.id == topic }) { return false }
        if let minimumLevel {
            guard let level = entry.level, level >= minimumLevel else { return false }
        }
        return true
    }
}

/// The rotated siblings of the alert log (`alerts.jsonl.1`, `alerts.jsonl-20261129`, …), oldest first
/// by modification time; compressed ones are listed apart.
enum RotatedLogs {
    static func list(_ path: String) -> (all: [String], readable: [String]) {
        let folder = (path as NSString).deletingLastPathComponent
        let base = (path as NSString).lastPathComponent
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let siblings = names.filter { $0 != base && ($0.hasPrefix(base + ".") || $0.hasPrefix(base + "-")) }
            .map { (folder as NSString).appendingPathComponent($0) }
        func mtime(_ p: String) -> Date {
            (try? FileManager.default.attributesOfItem(atPath: p)[.modificationDate] as? Date) ?? .distantPast
        }
        let sorted = siblings.sorted { mtime($0) < mtime($1) }
        return (sorted, sorted.filter { !$0.hasSuffix(".gz") })
    }

    /// A rotated log's bytes; `.gz` (logrotate's `compress`) through `gzip -dc`. `nil` when unreadable.
    static func contents(_ file: String) -> Data? {
        guard file.hasSuffix(".gz") else { return FileManager.default.contents(atPath: file) }
        let gzip = ["/usr/bin/gzip", "/bin/gzip"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let gzip else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: gzip)
        process.arguments = ["-dc", file]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? data : nil
    }
}

/// Reads complete lines appended to a file, reopening it from the start when it is replaced
/// (rotation) or truncated.
struct LogFollower {
    let path: String
    private var handle: FileHandle?
    private var inode: UInt64 = 0
    private var offset: UInt64 = 0
    private var partial: [UInt8] = []

    init(path: String) { self.path = path }

    mutating func readNewLines() -> [[UInt8]] {
        var st = stat()
        guard stat(path, &st) == 0 else { return [] }
        if handle == nil || UInt64(st.st_ino) != inode || UInt64(st.st_size) < offset {
            // Drain what is left of the old file before switching (lines written before a rename).
            var lines = handle.map { drain($0) } ?? []
            try? handle?.close()
            handle = FileHandle(forReadingAtPath: path)
            inode = UInt64(st.st_ino)
            offset = 0
            partial = []
            if let h = handle { lines += drain(h) }
            return lines
        }
        return handle.map { drain($0) } ?? []
    }

    private mutating func drain(_ h: FileHandle) -> [[UInt8]] {
        try? h.seek(toOffset: offset)
        let data = (try? h.readToEnd()) ?? Data()
        offset += UInt64(data.count)
        partial.append(contentsOf: data)
        var lines: [[UInt8]] = []
        while let newline = partial.firstIndex(of: 0x0A) {
            lines.append(Array(partial[..<newline]))
            partial.removeSubrange(...newline)
        }
        return lines
    }
}

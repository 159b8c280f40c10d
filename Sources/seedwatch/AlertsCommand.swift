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
        Prints each alert as time, level, score with its threshold, title, published date, \
        actors, topics, the best evidence sentence and the source link, wrapped to the terminal; \
        with --json, the log lines as they are. Rotated logs (alerts.jsonl.1, alerts.jsonl.2.gz, …) \
        are read first, oldest first. --follow keeps reading new alerts (and follows the log across \
        rotation). --actor and --topic take ids, names or aliases, in any case (putin, \
        "Kim Jong-un", sanctions). Colour follows --color, then NO_COLOR, then whether stdout is a \
        terminal.

        Examples:
          seedwatch alerts --since 2h
          seedwatch alerts --since 2026-12-06 --actor Putin --topic Sanctions --level alert
          seedwatch alerts --json --follow | jq .title
        """
    )

    @OptionGroup var options: ConfigOption

    @Option(help: ArgumentHelp("Only alerts decided since then: a duration back from now (90m, 2h, 3d), a date (2026-12-06, 00:00 UTC) or an RFC 3339 time.", valueName: "when"))
    var since: String?

    @Option(help: ArgumentHelp("Only alerts naming this actor: id, name or alias, any case.", valueName: "actor"))
    var actor: String?

    @Option(help: ArgumentHelp("Only alerts with this topic: id or name, any case.", valueName: "topic"))
    var topic: String?

    @Option(help: ArgumentHelp("Minimum level: notice (everything) or alert.", valueName: "level"))
    var level: AlertLevel?

    @Option(help: ArgumentHelp("Colour: auto (when stdout is a terminal and NO_COLOR is unset), always or never.", valueName: "when"))
    var color: ColourChoice = .auto

    @Flag(help: "Print the JSON lines as they are.")
    var json = false

    @Flag(help: "Keep running and print new alerts as they are written.")
    var follow = false

    /// Errors here print the `alerts` usage (ArgumentParser reports `validate()` errors with the
    /// subcommand's usage).
    func validate() throws {
        _ = try filter(models: (try? loadModels()) ?? [])
    }

    private func loadModels() throws -> [WatchModel] {
        try WatchLoader.load(try ConfigurationReader.load(path: ConfigurationLocator.locate(explicit: options.config))).map(\.model)
    }

    private func filter(models: [WatchModel]) throws -> AlertFilter {
        do {
            return AlertFilter(since: try since.map { try AlertQueryTerms.since($0, now: Date()) },
                               actor: try actor.map { models.isEmpty ? $0 : try AlertQueryTerms.actorID($0, in: models) },
                               topic: try topic.map { models.isEmpty ? $0 : try AlertQueryTerms.topicID($0, in: models) },
                               minimumLevel: level)
        } catch let refusal as AlertQueryTerms.Refusal {
            throw ValidationError(refusal.description)
        }
    }

    func run() throws {
        let configPath = ConfigurationLocator.locate(explicit: options.config)
        let logPath: String
        let models: [WatchModel]
        do {
            let configuration = try ConfigurationReader.load(path: configPath)
            logPath = configuration.alertLog
            models = (try? WatchLoader.load(configuration).map(\.model)) ?? []
        } catch {
            FileHandleOutput.standardError("error: \(error)")
            throw ExitCode(ExitStatus.configuration.rawValue)
        }
        let filter = try filter(models: models)
        let terminal = isatty(STDOUT_FILENO) == 1
        let view = AlertReadableView(rules: AlertsCommand.rules(models), width: terminal ? Self.terminalWidth() : nil,
                                     colour: color.isOn(terminal: terminal, environment: ProcessInfo.processInfo.environment))
        var shown = 0
        // Rotated logs first (oldest first), so that --since reaches across logrotate.
        let rotated = RotatedLogs.list(logPath)
        var unread: [String] = []
        for file in rotated.all {
            guard let data = RotatedLogs.contents(file) else { unread.append(file); continue }
            for line in data.split(separator: 0x0A) { shown += emit(Array(line), filter: filter, view: view) }
        }
        if !unread.isEmpty {
            FileHandleOutput.standardError("not read: \(unread.joined(separator: ", "))")
        }
        var reader = LogFollower(path: logPath)
        if !follow && !FileManager.default.fileExists(atPath: logPath) {
            if rotated.all.isEmpty { FileHandleOutput.standardError("no alerts yet: \(logPath) does not exist"); return }
        }
        repeat {
            for line in reader.readNewLines() {
                shown += emit(line, filter: filter, view: view)
            }
            if follow { usleep(300_000) }
        } while follow
        if shown == 0 { sayEmpty(logPath) }
    }

    private func sayEmpty(_ logPath: String) {
        var conditions: [String] = []
        if let since { conditions.append("since \(since)") }
        if let actor { conditions.append("naming \(actor)") }
        if let topic { conditions.append("on \(topic)") }
        if let level { conditions.append("at level \(level.rawValue) or above") }
        let text = conditions.isEmpty ? "no alerts in \(logPath)" : "no alerts " + conditions.joined(separator: ", ")
        if json { FileHandleOutput.standardError(text) } else { print(text) }
    }

    /// Prints `line` when it passes `filter`; returns 1 when printed.
    private func emit(_ line: [UInt8], filter: AlertFilter, view: AlertReadableView) -> Int {
        guard !line.isEmpty else { return 0 }
        guard let entry = try? AlertLogEntry.decode(line: line) else {
            FileHandleOutput.standardError("skipping a line that is not an alert: \(String(decoding: line.prefix(80), as: UTF8.self))")
            return 0
        }
        guard filter.accepts(entry) else { return 0 }
        if json {
            FileHandle.standardOutput.write(Data(line + [0x0A]))
        } else {
            FileHandle.standardOutput.write(Data((view.render(entry) + "\n\n").utf8))
        }
        return 1
    }

    /// Thresholds per watch, for the score's "(alert ≥ 19)".
    static func rules(_ models: [WatchModel]) -> [String: AlertReadableView.WatchRules] {
        var result: [String: AlertReadableView.WatchRules] = [:]
        for model in models {
            func names(_ ids: [String]) -> [String] { ids.map { id in model.actors.first { $0.id == id }?.name ?? id } }
            result[model.watch] = .init(alertThreshold: model.rules.alertThreshold, noticeThreshold: model.rules.noticeThreshold,
                                        keyStateNames: names(model.rules.alertKeyStates), minCoreStates: model.rules.alertMinCoreStates,
                                        coreStateNames: names(model.rules.coreStates))
        }
        return result
    }

    /// The terminal's columns (TIOCGWINSZ), else `$COLUMNS`, else `nil`.
    static func terminalWidth() -> Int? {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return ProcessInfo.processInfo.environment["COLUMNS"].flatMap { Int($0) }
    }
}

/// `--color auto|always|never`.
enum ColourChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    /// `auto`: on for a terminal unless `NO_COLOR` is set and not empty (https://no-color.org).
    func isOn(terminal: Bool, environment: [String: String]) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto: return terminal && (environment["NO_COLOR"] ?? "").isEmpty
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

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
        are read first, oldest first. --follow starts with the last 10 alerts (the whole history with \
        --all, those of --since with --since), then keeps reading new alerts (and follows the log across \
        rotation). --watch keeps one watch's alerts. --actor and --topic take ids, names or aliases, \
        in any case (putin, "Kim Jong-un", sanctions). Colour follows --color, then NO_COLOR, then whether stdout is a \
        terminal.

        Examples:
          seedwatch alerts --since 2h
          seedwatch alerts --watch ceuta-migrants --level alert
          seedwatch alerts --since 2026-12-06 --actor Putin --topic Sanctions --level alert
          seedwatch alerts --json --follow | jq .title
        """
    )

    @OptionGroup var options: ConfigOption

    /// How many alerts of the history `--follow` prints before the new ones (without `--all` or `--since`).
    static let followBacklog = 10

    @Option(help: ArgumentHelp("Only alerts decided since then: a duration back from now (90m, 2h, 3d), a date (2026-12-06, 00:00 UTC) or an RFC 3339 time.", valueName: "when"))
    var since: String?

    @Option(help: ArgumentHelp("Only alerts naming this actor: id, name or alias, any case.", valueName: "actor"))
    var actor: String?

    @Option(help: ArgumentHelp("Only alerts of this watch (its folder name, the alert's \"watch\" key).", valueName: "name"))
    var watch: String?

    @Option(help: ArgumentHelp("Only alerts with this topic: id or name, any case.", valueName: "topic"))
    var topic: String?

    @Option(help: ArgumentHelp("Minimum level: notice (everything) or alert.", valueName: "level"))
    var level: AlertLevel?

    @Option(help: ArgumentHelp("Colour: auto (when stdout is a terminal and NO_COLOR is unset), always or never.", valueName: "when"))
    var color: ColourChoice = .auto

    @Flag(help: "Print the JSON lines as they are.")
    var json = false

    @Flag(help: "List every alert line; by default the readable view shows each story once, at its first alert, with the sources that carried it after.")
    var all = false

    @Flag(help: "Keep running and print new alerts as they are written, after the last \(Self.followBacklog) (every one with --all or --since).")
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
                               minimumLevel: level, watch: watch)
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
        // The readable view groups by story (issue 12): entries are collected and printed at the end.
        var grouped: [AlertLogEntry] = []
        defer { printStories(grouped, view: view) }
        // --follow alone starts with the last lines of the history (tail -f), not all of it.
        var backlog: [[UInt8]]? = follow && since == nil && !all ? [] : nil
        // Rotated logs first (oldest first), so that --since reaches across logrotate. Following
        // from the last lines, only the current log is read.
        let rotated = backlog == nil ? RotatedAlertLogs.oldestFirst(of: logPath).map(\.path) : []
        var unread: [String] = []
        for file in rotated {
            guard let bytes = RotatedAlertLogs.contents(file) else { unread.append(file); continue }
            for line in bytes.split(separator: 0x0A) { shown += emit(Array(line), filter: filter, view: view, grouped: &grouped) }
        }
        if !unread.isEmpty {
            FileHandleOutput.standardError("not read: \(unread.joined(separator: ", "))")
        }
        var reader = LogFollower(path: logPath)
        if !follow && !FileManager.default.fileExists(atPath: logPath) {
            if rotated.isEmpty { FileHandleOutput.standardError("no alerts yet: \(logPath) does not exist"); return }
        }
        repeat {
            for line in reader.readNewLines() {
                if var kept = backlog {
                    // Still the history: only its last lines are kept, to print before following.
                    if (try? AlertLogEntry.decode(line: line)).map(filter.accepts) ?? true {
                        kept.append(line)
                        if kept.count > Self.followBacklog { kept.removeFirst() }
                    }
                    backlog = kept
                    continue
                }
                shown += emit(line, filter: filter, view: view, grouped: &grouped)
            }
            if let kept = backlog {
                backlog = nil
                for line in kept { shown += emit(line, filter: filter, view: view, grouped: &grouped) }
            }
            if follow { usleep(300_000) }
        } while follow
        if shown == 0 { sayEmpty(logPath, watches: models.map(\.watch)) }
    }

    /// - Parameter watches: the configuration's watches, to say so when `--watch` names none of them
    ///   (a removed watch's alerts stay in the log and can still be listed).
    private func sayEmpty(_ logPath: String, watches: [String]) {
        var conditions: [String] = []
        if let since { conditions.append("since \(since)") }
        if let watch { conditions.append("of watch \(watch)") }
        if let actor { conditions.append("naming \(actor)") }
        if let topic { conditions.append("on \(topic)") }
        if let level { conditions.append("at level \(level.rawValue) or above") }
        var text = conditions.isEmpty ? "no alerts in \(logPath)" : "no alerts " + conditions.joined(separator: ", ")
        if let watch, !watches.isEmpty, !watches.contains(watch) {
            text += " (no watch named \(watch) in the configuration: \(watches.joined(separator: ", ")))"
        }
        if json { FileHandleOutput.standardError(text) } else { print(text) }
    }

    /// Prints `line` when it passes `filter`; returns 1 when printed.
    private func emit(_ line: [UInt8], filter: AlertFilter, view: AlertReadableView, grouped: inout [AlertLogEntry]) -> Int {
        guard !line.isEmpty else { return 0 }
        guard let entry = try? AlertLogEntry.decode(line: line) else {
            FileHandleOutput.standardError("skipping a line that is not an alert: \(String(decoding: line.prefix(80), as: UTF8.self))")
            return 0
        }
        guard filter.accepts(entry) else { return 0 }
        if json {
            FileHandle.standardOutput.write(Data(line + [0x0A]))
        } else if !all && !follow {
            grouped.append(entry)
        } else {
            FileHandle.standardOutput.write(Data((view.render(entry) + "\n\n").utf8))
        }
        return 1
    }

    /// Prints each story once: its first alert's view, then "+N sources: …" and its updates.
    private func printStories(_ entries: [AlertLogEntry], view: AlertReadableView) {
        for group in StoryGroup.group(entries) {
            var text = view.render(group.first)
            if let summary = group.summary() {
                text += "\n" + summary.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
            }
            FileHandle.standardOutput.write(Data((text + "\n\n").utf8))
        }
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

import ArgumentParser
import Foundation
import SeedwatchCore
import SeedwatchRuntime

struct OutputsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outputs",
        abstract: "Show each output's pending, delivered and failed alerts and its last error.",
        discussion: """
        The alert log is listed first as 'log'; then every output of the configuration's \
        'outputs:'. An e-mail digest's pending alerts wait for the end of its period. Failed \
        alerts are dead letters: refused for good by the receiver, or still \
        undelivered after give_up_after. Reads the state database only.

        Examples:
          seedwatch outputs
          seedwatch outputs retry team-webhook
        """,
        subcommands: [OutputsRetryCommand.self]
    )

    @OptionGroup var options: ConfigOption

    func run() throws {
        let configuration = try options.loadConfiguration()
        let counts = try OutputsState.open(configuration)?.outputDeliveryCounts() ?? [:]
        var rows: [[String]] = [["NAME", "TYPE", "PENDING", "DELIVERED", "FAILED", "LAST ERROR"]]
        func row(_ name: String, _ type: String) -> [String] {
            let c = counts[name] ?? OutputDeliveryCounts()
            let error = c.lastError.map { error in c.lastErrorAt.map { "\(AlertTimestamp.format($0)) \(error)" } ?? error } ?? "-"
            return [name, type, "\(c.pending)", "\(c.delivered)", "\(c.failed)", error]
        }
        rows.append(row(OutputConfiguration.alertLogName, "alert log"))
        // A digest output's pending alerts wait for the end of the period.
        for output in configuration.outputs {
            rows.append(row(output.name, output.kind.typeName + (output.digest.map { " (\($0.name) digest)" } ?? "")))
        }
        print(OutputsState.table(rows), terminator: "")
    }
}

struct OutputsRetryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Send an output's dead letters again.",
        discussion: """
        Makes every failed alert of output NAME pending again, with a fresh give_up_after; the \
        running daemon sends them within a second. The alert log has no dead letters: its \
        pending alerts are retried by the daemon on its own.

        Example:
          seedwatch outputs retry team-webhook
        """
    )

    @OptionGroup var options: ConfigOption

    @Argument(help: ArgumentHelp("The output's name, as in 'seedwatch outputs'.", valueName: "name"))
    var name: String

    /// An unknown name is refused here, so the error prints this command's usage.
    func validate() throws {
        guard let configuration = try? ConfigurationReader.load(path: ConfigurationLocator.locate(explicit: options.config)),
              !configuration.outputs.contains(where: { $0.name == name }) else { return }
        let known = configuration.outputs.map(\.name)
        let hint = name == OutputConfiguration.alertLogName
            ? "the alert log has no dead letters (the daemon retries its pending alerts itself)"
            : known.isEmpty ? "no outputs are configured" : "known outputs: \(known.joined(separator: ", "))"
        throw ValidationError("unknown output '\(name)': \(hint)")
    }

    func run() throws {
        let configuration = try options.loadConfiguration()
        guard let store = try OutputsState.open(configuration) else {
            print("0 dead letters of '\(name)' (no state database yet)")
            return
        }
        let count = try store.retryDeadLetters(output: name)
        print("\(count) dead letter\(count == 1 ? "" : "s") of '\(name)' queued again")
    }
}

/// The state database as the `outputs` commands open it, and their table layout.
enum OutputsState {
    /// The store, or `nil` when no database exists yet; an unreadable one exits 1 with a hint.
    static func open(_ configuration: SeedwatchConfiguration) throws -> StateStore? {
        guard FileManager.default.fileExists(atPath: configuration.statePath) else { return nil }
        do {
            return try StateStore(path: configuration.statePath)
        } catch {
            FileHandleOutput.standardError("\(error); run as the daemon's user or a member of its group with write access "
                + "(e.g. sudo -u seedwatch seedwatch outputs)")
            throw ExitCode(1)
        }
    }

    /// Rows as left-aligned columns two spaces apart (the last column unpadded), one line each.
    static func table(_ rows: [[String]]) -> String {
        let widths = (0..<(rows.first?.count ?? 0)).map { i in rows.map { $0[i].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ") + "\n"
        }.joined()
    }
}

import ArgumentParser
import Foundation
import SeedwatchCore
import SeedwatchRuntime

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show whether the daemon is healthy: daemon, backlog, last decision, alerts, feeds.",
        discussion: """
        Reads the state database and the daemon's lock (it works with the daemon running or not). \
        Exit status: 0 healthy, 1 degraded (a feed that failed its last 3 polls, failing for over an \
        hour or stopped by 410; more than half of the feeds failing; a deferred file; an alert not \
        yet in the alert log; an output with dead letters), 2 down (no daemon holds the lock); 66 \
        when the state database cannot be read.

        Examples:
          seedwatch status
          seedwatch status --json | jq .backlog
        """
    )

    @OptionGroup var options: ConfigOption

    @Flag(help: "One JSON object: health, reasons, daemon, backlog, last_decision, alerts, feeds, outputs.")
    var json = false

    func run() throws {
        let configuration = try options.loadConfiguration()
        let report: StatusReport
        do {
            let store = FileManager.default.fileExists(atPath: configuration.statePath)
                ? try StateStore(path: configuration.statePath, readOnly: true) : nil
            report = try StatusReport.build(configuration: configuration, store: store)
        } catch {
            FileHandleOutput.standardError("\(error); run as the daemon's user or a member of its group")
            throw ExitCode(ExitStatus.noInput.rawValue)
        }
        print(json ? report.json() : report.text())
        if report.health != .healthy { throw ExitCode(report.health.exitStatus) }
    }
}

import ArgumentParser
import Foundation
import Logging
import SeedwatchCore
import SeedwatchRuntime

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the daemon in the foreground (systemd Type=notify).",
        discussion: """
        Watches the drop folder and the configured feeds and appends alerts to the alert log. \
        SIGHUP reloads the configuration and models and reopens the alert log (a SIGHUP during \
        start-up is applied once the daemon is ready); SIGTERM finishes or abandons the article in \
        hand within 1.5 s, leaves the backlog for the next start, and exits 0. One daemon per state \
        database: a second one exits 75. Exit statuses: 78 configuration or model error (also a \
        missing drop folder), 75 lock held, 74 state or alert log unusable. Logs go to stderr, one \
        event per line.

        Example:
          seedwatch run --config config/seedwatch.yaml
        """
    )

    @OptionGroup var options: ConfigOption

    @Option(help: ArgumentHelp("The lowest level logged.", valueName: "level"))
    var logLevel: Logger.Level = .info

    func run() async throws {
        LargeBlockRelease.configure()
        // First of all: from now on SIGHUP, SIGTERM and SIGINT are queued for the daemon, never lost or fatal.
        if let signals = try? DaemonSignals.install() { try? signals.installStopSignals() }
        let level = logLevel
        LoggingSystem.bootstrap { label in
            var handler = JournalLogHandler(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "seedwatch")
        let path = ConfigurationLocator.locate(explicit: options.config)
        do {
            try await SeedwatchDaemon(configurationPath: path, logger: logger).run()
        } catch {
            let status = SeedwatchDaemon.exitStatus(for: error)
            logger.critical("cannot start: \(error)", metadata: ["exit_status": "\(status.rawValue)"])
            throw ExitCode(status.rawValue)
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

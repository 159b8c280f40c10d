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
        SIGHUP reloads the configuration and models and reopens the alert log; SIGTERM finishes \
        the article in hand and exits 0. Logs go to stderr, one event per line.

        Example:
          seedwatch run --config config/seedwatch.yaml
        """
    )

    @OptionGroup var options: ConfigOption

    @Option(help: ArgumentHelp("The lowest level logged.", valueName: "level"))
    var logLevel: Logger.Level = .info

    func run() async throws {
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
            logger.critical("cannot start: \(error)")
            throw ExitCode(1)
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

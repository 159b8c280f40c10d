import ArgumentParser
import SeedwatchCore
import SeedwatchRuntime

/// Entry point: parses the command line and hands over to the runtime; nothing else.
@main
struct SeedwatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seedwatch",
        abstract: "Watch a drop folder and news feeds for articles that match a seed story, and write explained alerts.",
        discussion: """
        Configuration: --config PATH, else $SEEDWATCH_CONFIG, else /etc/seedwatch/seedwatch.yaml, \
        else ./config/seedwatch.yaml.
        """,
        version: SeedwatchVersion.string,
        subcommands: [RunCommand.self, ScanCommand.self, ExtractCommand.self, FeedsCommand.self, AlertsCommand.self, DigestCommand.self, OutputsCommand.self,
                      CheckConfigCommand.self, StatusCommand.self, WhyCommand.self, EvalCommand.self, WatchCommand.self]
    )
}

/// The `--config` option shared by every subcommand.
struct ConfigOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The configuration file.", valueName: "path"))
    var config: String?

    /// The configuration (found as DESIGN §9 says) and its compiled watches; a problem is printed
    /// (file, line, key) and exits 78 (`EX_CONFIG`).
    func loadConfigurationAndWatches() throws -> (SeedwatchConfiguration, [CompiledWatch]) {
        let configuration = try loadConfiguration()
        return (configuration, try loadWatches(configuration))
    }

    /// The compiled watches of `configuration`; a problem is printed (file, line, key) and exits 78 (`EX_CONFIG`).
    func loadWatches(_ configuration: SeedwatchConfiguration) throws -> [CompiledWatch] {
        do {
            return try WatchLoader.load(configuration)
        } catch {
            FileHandleOutput.standardError("error: \(error)")
            throw ExitCode(ExitStatus.configuration.rawValue)
        }
    }

    /// The configuration alone; a problem is printed (file, line, key) and exits 78 (`EX_CONFIG`).
    func loadConfiguration() throws -> SeedwatchConfiguration {
        do {
            return try ConfigurationReader.load(path: ConfigurationLocator.locate(explicit: config))
        } catch {
            FileHandleOutput.standardError("error: \(error)")
            throw ExitCode(ExitStatus.configuration.rawValue)
        }
    }
}

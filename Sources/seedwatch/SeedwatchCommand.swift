import ArgumentParser
import SeedwatchCore

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
        subcommands: [RunCommand.self, ScanCommand.self, FeedsCommand.self, AlertsCommand.self, CheckConfigCommand.self]
    )
}

/// The `--config` option shared by every subcommand.
struct ConfigOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The configuration file.", valueName: "path"))
    var config: String?
}

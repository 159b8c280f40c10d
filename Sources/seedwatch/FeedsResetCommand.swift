import ArgumentParser
import Foundation
import SeedwatchCore
import SeedwatchRuntime

struct FeedsResetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Re-enable a feed stopped by HTTP 410 and clear its back-off.",
        discussion: """
        Clears the feed's disabled mark, consecutive failures, last error, stored redirect and \
        validators, so that the daemon polls it after its next reload or start (systemctl reload \
        seedwatch). Items already seen stay seen: nothing alerts twice.

        Example:
          seedwatch feeds reset https://example.org/world/rss.xml
        """
    )

    @OptionGroup var options: ConfigOption

    @Argument(help: ArgumentHelp("The feed's URL as configured.", valueName: "url"))
    var url: String

    func run() throws {
        let configPath = ConfigurationLocator.locate(explicit: options.config)
        let configuration = try options.loadConfiguration()
        guard configuration.feeds.contains(where: { $0.url == url }) else {
            // Said here, not as a ValidationError from run(): that would print the root command's
            // usage ("seedwatch <subcommand>"), which tells the user nothing about this mistake.
            let known = configuration.feeds.isEmpty ? "it has no feeds" : "seedwatch feeds lists its \(configuration.feeds.count)"
            FileHandleOutput.standardError("error: '\(url)' is not a feed of \(configPath) (\(known)); give the URL as configured")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        let store = try StateStore(path: configuration.statePath)
        guard let state = try store.feedState(url: url) else {
            print("\(url): no state yet; nothing to reset")
            return
        }
        var fresh = FeedHTTPState(url: url)
        fresh.lastFetch = state.lastFetch
        fresh.lastStatus = state.lastStatus
        fresh.lastSuccess = state.lastSuccess
        try store.saveFeedState(fresh)
        print("\(url): reset; polled after the daemon's next reload or start")
    }
}

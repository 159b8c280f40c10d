import ArgumentParser
import Foundation
import SeedwatchCore
import SeedwatchRuntime

struct FeedsExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print the configured feeds as OPML 2.0, or as URLs.",
        discussion: """
        An OPML 2.0 subscription list (opml.org) that feed readers import, on standard output. \
        With --urls: one feed URL a line, nothing else (for xargs and `while read url`).

        Examples:
          seedwatch feeds export > seedwatch-feeds.opml
          seedwatch feeds export --urls
        """
    )

    @OptionGroup var options: ConfigOption

    @Flag(help: "Print one feed URL a line, nothing else, instead of OPML 2.0.")
    var urls = false

    func run() throws {
        let configuration = try options.loadConfiguration()
        if !urls {
            let feeds = configuration.feeds.map { OPMLFeed(url: $0.url, title: $0.title) }
            print(OPMLWriter.document(feeds: feeds, title: "seedwatch feeds", created: Date()), terminator: "")
        } else {
            for feed in configuration.feeds { print(feed.url) }
        }
    }
}

import ArgumentParser
import Foundation
import SeedwatchCore
import SeedwatchRuntime

struct FeedsExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print the configured feeds, as URLs or as OPML 2.0.",
        discussion: """
        Without --opml: one feed a line, its URL, then a tab and its title when it has one. With \
        --opml: an OPML 2.0 subscription list (opml.org) that feed readers import, on standard \
        output.

        Examples:
          seedwatch feeds export
          seedwatch feeds export --opml > seedwatch-feeds.opml
        """
    )

    @OptionGroup var options: ConfigOption

    @Flag(help: "Write an OPML 2.0 document.")
    var opml = false

    func run() throws {
        let configuration = try options.loadConfiguration()
        if opml {
            let feeds = configuration.feeds.map { OPMLFeed(url: $0.url, title: $0.title) }
            print(OPMLWriter.document(feeds: feeds, title: "seedwatch feeds", created: Date()), terminator: "")
        } else {
            for feed in configuration.feeds { print(feed.url + (feed.title.map { "\t" + $0 } ?? "")) }
        }
    }
}

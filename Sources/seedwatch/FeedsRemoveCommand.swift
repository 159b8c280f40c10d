import ArgumentParser
import Foundation
import SeedwatchCore
import SeedwatchRuntime

struct FeedsRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove a feed from the configuration's feeds: list.",
        discussion: """
        Removes the feed's item (its url: line and its settings) from feeds:, keeping the rest of \
        the file as written, checks the result as check-config does, and replaces the file \
        atomically. The feed is named by its URL (as in feeds add, scheme and host case, default \
        port and tracking parameters do not matter) or by its title. A feed not listed is an error \
        (exit 65). Then tells the running daemon to \
        reload (--no-reload skips it). Its seen items stay in the state database until \
        state.retention passes, so adding it back alerts nothing twice.

        Example:
          seedwatch feeds remove https://www.nknews.org/feed/
          seedwatch feeds remove "NK News"
        """
    )

    @OptionGroup var options: ConfigOption

    @Flag(help: "Edit the file only; do not tell the running daemon to reload.")
    var noReload = false

    @Argument(help: ArgumentHelp("The feed's URL or title.", valueName: "url-or-title"))
    var feed: String

    func run() throws {
        var removed: SeedwatchConfiguration.Feed?
        let path = try FeedListUpdate.edit(options: options) { path, text, configuration in
            let key = FeedURLIdentity.key(feed)
            let byURL = configuration.feeds.first { FeedURLIdentity.key($0.url) == key }
            let byTitle = configuration.feeds.filter { $0.title == feed }
            if byURL == nil, byTitle.count > 1 {
                FileHandleOutput.standardError("error: \(path): \(byTitle.count) feeds have the title '\(feed)'; name one by its URL: "
                    + byTitle.map(\.url).joined(separator: ", "))
                throw ExitCode(ExitStatus.dataError.rawValue)
            }
            guard let target = byURL ?? byTitle.first else {
                throw FeedListUpdate.fail(path, .unknownFeed(feed))
            }
            removed = target
            do throws(FeedListEditor.EditError) {
                return try FeedListEditor.removing(url: target.url, from: text)
            } catch {
                throw FeedListUpdate.fail(path, error)
            }
        }
        if let target = removed {
            print("removed \(target.url)\(target.title.map { " (\($0))" } ?? "") from 'feeds:' in \(path)")
            FeedListUpdate.tellDaemon(path: path, reload: !noReload)
        }
    }
}

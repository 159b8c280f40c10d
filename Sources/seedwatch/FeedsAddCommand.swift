import ArgumentParser
import Foundation
import SeedwatchCore
import SeedwatchRuntime

struct FeedsAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a feed to the configuration's feeds: list.",
        discussion: """
        Appends `- url: URL` (with title: and interval: when given) to feeds:, keeping the file's \
        comments and layout, checks the result as check-config does, and replaces the file \
        atomically. A feed already listed (the same URL up to scheme and host case, a default \
        port, a fragment or tracking parameters such as utm_source) is refused (exit 65); a URL \
        that is not an absolute http:// or https:// URL, or an interval under 60s, is refused as \
        a usage error (exit 64) before the file is read. Then \
        tells the running daemon to reload (SIGHUP to the process holding the state's lock; \
        --no-reload skips it): the new feed is polled at once.

        Example:
          seedwatch feeds add https://www.nknews.org/feed/ --title "NK News" --interval 30m
        """
    )

    @OptionGroup var options: ConfigOption

    @Flag(help: "Edit the file only; do not tell the running daemon to reload.")
    var noReload = false

    @Argument(help: ArgumentHelp("The feed's URL (http:// or https://).", valueName: "url"))
    var url: String

    @Option(help: ArgumentHelp("A name for the feed (feeds export, feeds remove TITLE).", valueName: "title"))
    var title: String?

    @Option(help: ArgumentHelp("Poll interval (at least 60s; default 15m).", valueName: "duration"))
    var interval: String?

    /// Refuses a URL the configuration would not accept, or a bad interval, before the
    /// configuration is touched: a usage error (exit 64) naming the argument and what is wrong.
    func validate() throws {
        if let problem = FeedURLCheck.problem(url) {
            throw ValidationError("'\(url)' is not a feed URL: \(problem)")
        }
        if let interval {
            guard let seconds = DurationParser.seconds(interval) else {
                throw ValidationError("--interval '\(interval)' is not a duration: write seconds or a number with s, m, h or d (90s, 15m, 1h)")
            }
            guard seconds >= SeedwatchConfiguration.minimumFeedInterval else {
                throw ValidationError("--interval '\(interval)' is too short: a feed is polled at most once a minute (60s)")
            }
        }
        if let title, title.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--title is empty: give the feed a name, or leave --title out")
        }
    }

    func run() throws {
        let path = try FeedListUpdate.edit(options: options) { path, text, _ in
            do throws(FeedListEditor.EditError) {
                return try FeedListEditor.adding(FeedListEditor.Entry(url: url, title: title, interval: interval), to: text)
            } catch {
                throw FeedListUpdate.fail(path, error)
            }
        }
        print("added \(url)\(title.map { " (\($0))" } ?? "") to 'feeds:' in \(path)")
        FeedListUpdate.tellDaemon(path: path, reload: !noReload)
    }
}

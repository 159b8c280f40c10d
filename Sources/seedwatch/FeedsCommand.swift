import ArgumentParser
import Foundation
import SeedwatchCore
import SeedwatchRuntime

struct FeedsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feeds",
        abstract: "List each configured feed's polling state.",
        discussion: """
        Shows, per configured feed: last fetch, HTTP status, next poll, consecutive failures, \
        last error, the current URL after a permanent redirect, how many items are remembered \
        as seen, and when its newest item arrived: QUIET when that is longer ago than three of the \
        feed's usual gaps between new items (at least 12 h). Reads the state database only.

        Examples:
          seedwatch feeds
          seedwatch feeds check https://example.org/world/rss.xml
          seedwatch feeds check --json saved-feed.xml
          seedwatch feeds reset https://example.org/world/rss.xml
          seedwatch feeds add https://example.org/world/rss.xml --title "Example World"
          seedwatch feeds remove "Example World"
          seedwatch feeds import subscriptions.opml
          seedwatch feeds export > subscriptions.opml
        """,
        subcommands: [FeedsCheckCommand.self, FeedsResetCommand.self, FeedsAddCommand.self, FeedsRemoveCommand.self,
                      FeedsImportCommand.self, FeedsExportCommand.self]
    )

    @OptionGroup var options: ConfigOption

    func run() throws {
        let configPath = ConfigurationLocator.locate(explicit: options.config)
        let configuration = try options.loadConfiguration()
        if configuration.feeds.isEmpty {
            print("no feeds configured in \(configPath)")
            return
        }
        // A state database that exists but cannot be read is an error, never an empty listing.
        let store: StateStore?
        if FileManager.default.fileExists(atPath: configuration.statePath) {
            do {
                store = try StateStore(path: configuration.statePath)
            } catch {
                FileHandleOutput.standardError("\(error); run as the daemon's user or a member of its group with write access "
                    + "(e.g. sudo -u seedwatch seedwatch feeds)")
                throw ExitCode(ExitStatus.noInput.rawValue)
            }
        } else {
            store = nil
        }
        for feed in configuration.feeds {
            let state = try store?.feedState(url: feed.url)
            let seen = try store?.seenArticleCount(articleKeyPrefix: ArticleIdentity.feedKey(feedURL: feed.url, itemKey: "")) ?? 0
            print(feed.url)
            if let title = feed.title { print("  title:         \(title)") }
            if let current = state?.currentURL { print("  moved to:      \(current)") }
            print("  last fetch:    \(state?.lastFetch.map(AlertTimestamp.format) ?? "never")")
            print("  HTTP status:   \(state?.lastStatus.map(String.init) ?? "-")")
            print("  next poll:     \(state?.disabled == true ? "disabled (410 Gone; seedwatch feeds reset URL resumes it)" : state?.nextPoll.map(AlertTimestamp.format) ?? "at the daemon's next start or reload")")
            print("  failures:      \(state?.consecutiveFailures ?? 0) in a row")
            print("  last error:    \(state?.lastError ?? "-")")
            if let warning = state?.parseWarning { print("  document:      \(warning)") }
            if let since = state?.guidUnreliableSince {
                print("  GUIDs:         unreliable since \(AlertTimestamp.format(since)) (one named another article): items known by their link")
            }
            print("  items seen:    \(seen)")
            if let line = try store.flatMap({ try Self.quietLine(store: $0, feed: feed.url, now: Date()) }) { print(line) }
        }
    }
}

extension FeedsCommand {
    /// The "new items" line of one feed: when its newest item arrived and, when that is long ago
    /// for this feed (``FeedQuietness``, which needs a few arrivals of history), a flag; `nil`
    /// when no item of the feed was seen.
    static func quietLine(store: StateStore, feed: String, now: Date) throws -> String? {
        let instants = try store.firstSeenInstants(articleKeyPrefix: ArticleIdentity.feedKey(feedURL: feed, itemKey: ""))
        guard let quiet = FeedQuietness(firstSeen: instants, now: now) else {
            return instants.max().map { "  newest item:   \(AlertTimestamp.format($0))" }
        }
        let line = "  newest item:   \(AlertTimestamp.format(quiet.lastArrival))"
        guard quiet.isQuiet else { return line }
        return line + "  QUIET: no new item for \(Self.duration(now.timeIntervalSince(quiet.lastArrival))), "
            + "usually one every \(Self.duration(quiet.usualGap)) or sooner (check the feed: seedwatch feeds check URL)"
    }

    /// `90m` → "1h 30m", `3d` → "3d 0h": days and hours, or hours and minutes.
    static func duration(_ seconds: TimeInterval) -> String {
        let total = Int(seconds.rounded())
        if total >= 86_400 { return "\(total / 86_400)d \(total % 86_400 / 3600)h" }
        if total >= 3600 { return "\(total / 3600)h \(total % 3600 / 60)m" }
        return "\(total / 60)m"
    }
}

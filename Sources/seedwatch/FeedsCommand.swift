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
        """,
        subcommands: [FeedsCheckCommand.self, FeedsResetCommand.self]
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
            if let current = state?.currentURL { print("  moved to:      \(current)") }
            print("  last fetch:    \(state?.lastFetch.map(AlertTimestamp.format) ?? "never")")
            print("  HTTP status:   \(state?.lastStatus.map(String.init) ?? "-")")
            print("  next poll:     \(state?.disabled == true ? "disabled (410 Gone; seedwatch feeds reset URL resumes it)" : state?.nextPoll.map(AlertTimestamp.format) ?? "at the daemon's next start or reload")")
            print("  failures:      \(state?.consecutiveFailures ?? 0) in a row")
            print("  last error:    \(state?.lastError ?? "-")")
            print("  items seen:    \(seen)")
            if let line = try store.flatMap({ try Self.quietLine(store: $0, feed: feed.url, now: Date()) }) { print(line) }
        }
    }
}

extension FeedsCommand {
    /// The "new items" line of one feed: when its newest item arrived and, when that is long ago
    /// for this feed (``FeedQuietness``), a flag; `nil` without enough history.
    static func quietLine(store: StateStore, feed: String, now: Date) throws -> String? {
        let instants = try store.firstSeenInstants(articleKeyPrefix: ArticleIdentity.feedKey(feedURL: feed, itemKey: ""))
        guard let quiet = FeedQuietness(firstSeen: instants, now: now) else { return nil }
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

struct FeedsCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Fetch or read one feed and print each item with its match, touching no state.",
        discussion: """
        URL (http or https) is fetched once with the daemon's fetcher; anything else is read as a \
        file. A body or file that is itself gzip (a feed.xml.gz) is inflated first. With --json, one line per item and watch, as scan --json: the alert keys plus \
        "alerted", with the item's link and GUID in source.url and source.guid.

        Examples:
          seedwatch feeds check https://example.org/world/rss.xml
          seedwatch feeds check --json saved-feed.xml | jq 'select(.alerted) | .title'
        """
    )

    @OptionGroup var options: ConfigOption

    @Flag(help: "One JSON object per line instead of the readable view.")
    var json = false

    @Argument(help: ArgumentHelp("A feed URL or a feed file.", valueName: "url-or-file"))
    var input: String

    func run() async throws {
        let (configuration, watches) = try options.loadConfigurationAndWatches()
        let maxBytes = configuration.feeds.first { $0.url == input }?.maxBytes ?? 32 * 1024 * 1024
        let bytes: [UInt8], contentType: String?, baseURL: String?
        let isURL = input.lowercased().hasPrefix("http://") || input.lowercased().hasPrefix("https://")
        if isURL {
            let fetcher = CurlFetcher(concurrency: 1)
            let response = await fetcher.fetch(FeedRequest(url: input, maxBytes: maxBytes))
            fetcher.shutdown()
            if let error = response.error {
                FileHandleOutput.standardError("\(input): \(error)")
                throw ExitCode(ExitStatus.noInput.rawValue)
            }
            guard response.status == 200 else {
                FileHandleOutput.standardError("\(input): HTTP \(response.status)")
                throw ExitCode(ExitStatus.noInput.rawValue)
            }
            bytes = response.body
            contentType = response.contentType
            baseURL = response.finalURL
        } else {
            switch FileReader.read(path: Array(input.utf8), maxBytes: maxBytes) {
            case .success(let b): bytes = b
            case .failure(let error):
                FileHandleOutput.standardError("\(input): \(error)")
                throw ExitCode(ExitStatus.noInput.rawValue)
            }
            contentType = nil
            baseURL = nil
        }
        let feed: ParsedFeed
        do {
            let body = try FeedBody.unpacked(bytes, from: input, maxBytes: maxBytes)
            feed = try FeedParser.parse(body, contentType: contentType, baseURL: baseURL)
        } catch {
            FileHandleOutput.standardError("\(input): \(error)")
            throw ExitCode(ExitStatus.dataError.rawValue)
        }
        let feedURL = isURL ? input : nil
        let maxAge = configuration.feeds.first { $0.url == input }?.maxAgeSeconds ?? SeedwatchConfiguration.Feed(url: input).maxAgeSeconds
        let now = Date()
        for item in feed.items {
            if let published = item.published ?? item.updated, FutureItemDate.isInFuture(published, fetchedAt: now) {
                // With --json, stdout stays one JSON object per line.
                let note = "note: \(item.title.isEmpty ? item.link ?? item.guid ?? "an item" : item.title): published "
                    + "\(AlertTimestamp.format(published)), more than a day in the future; max_age counts from the fetch time"
                if json { FileHandleOutput.standardError(note) } else { print(note) }
            }
            let source: AlertSource = feedURL.map { .feed($0, url: item.link, guid: item.guid) }
                ?? .file(path: Array(input.utf8), url: item.link, guid: item.guid)
            let articleKey = ArticleIdentity.feedKey(feedURL: feedURL ?? input, itemKey: item.itemKey)
            for watch in watches {
                let evaluation = watch.evaluate(item.article, articleKey: articleKey, source: source, time: Date())
                if json {
                    FileHandle.standardOutput.write(Data(AlertEncoding.scanLine(evaluation.record, level: evaluation.level,
                                                                                 alerted: evaluation.level != nil)))
                } else {
                    print(AlertTextFormatter.format(
                        evaluation, source: (item.link ?? item.guid ?? input) + (watches.count > 1 ? "  [\(watch.name)]" : "")))
                    // The daemon's first fetch of a feed records such an item as seen without alerting.
                    if isURL, evaluation.level != nil, let published = item.published ?? item.updated,
                       now.timeIntervalSince(published) > maxAge {
                        print("    note:     published \(AlertTimestamp.format(published)), older than max_age: "
                              + "a first fetch records it as seen without alerting")
                    }
                }
            }
        }
    }
}

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
            throw ValidationError("'\(url)' is not a feed of \(configPath)")
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

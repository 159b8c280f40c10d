import ArgumentParser
import Foundation
import SeedwatchCore
import SeedwatchRuntime

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
        // The feeds' own intake, without state: the same items, article keys and sources as the daemon.
        let items: [FeedItem]
        do {
            items = try FeedIntake.items(body: bytes, from: input, contentType: contentType, baseURL: baseURL,
                                         origin: isURL ? .feed(feedURL: input) : .file(path: Array(input.utf8)), maxBytes: maxBytes)
        } catch {
            FileHandleOutput.standardError("\(input): \(error)")
            throw ExitCode(ExitStatus.dataError.rawValue)
        }
        let feedURL = isURL ? input : nil
        let maxAge = configuration.feeds.first { $0.url == input }?.maxAgeSeconds ?? SeedwatchConfiguration.Feed(url: input).maxAgeSeconds
        let now = Date()
        let articles = FeedIntake.articles(items, feedURL: feedURL ?? input) { item in
            feedURL.map { .feed($0, url: item.link, guid: item.guid) } ?? .file(path: Array(input.utf8), url: item.link, guid: item.guid)
        }
        for (item, incoming) in zip(items, articles) {
            if let published = item.published ?? item.updated, FutureItemDate.isInFuture(published, fetchedAt: now) {
                // With --json, stdout stays one JSON object per line.
                let note = "note: \(item.title.isEmpty ? item.link ?? item.guid ?? "an item" : item.title): published "
                    + "\(AlertTimestamp.format(published)), more than a day in the future; max_age counts from the fetch time"
                if json { FileHandleOutput.standardError(note) } else { print(note) }
            }
            for (watch, evaluation) in incoming.evaluations(by: watches, at: Date()) {
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

import ArgumentParser
import Foundation
import SeedwatchCore
import SeedwatchRuntime

struct FeedsImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add the feeds of an OPML file to the configuration's feeds: list.",
        discussion: """
        Reads every <outline xmlUrl=…> of an OPML 1.0 or 2.0 file (the subscription list every \
        feed reader exports), at any depth of categories, and appends the new ones to feeds: with \
        their titles, keeping the file's comments and layout; the result is checked as \
        check-config does and written atomically. Outlines without xmlUrl are counted and \
        skipped; feeds already configured (or listed twice) are reported and skipped. Ill-formed \
        XML is an error naming the file and line (exit 65), and nothing is changed. Then reload \
        the daemon.

        Example:
          seedwatch feeds import subscriptions.opml
        """
    )

    @OptionGroup var options: ConfigOption

    @Argument(help: ArgumentHelp("The OPML file.", valueName: "file"))
    var file: String

    func run() throws {
        let (path, text, configuration) = try FeedListUpdate.read(options: options)
        let bytes: [UInt8]
        switch FileReader.read(path: Array(file.utf8), maxBytes: 64 * 1024 * 1024) {
        case .success(let b): bytes = b
        case .failure(let error):
            FileHandleOutput.standardError("error: \(file): \(error)")
            throw ExitCode(ExitStatus.noInput.rawValue)
        }
        let opml: OPMLReader.Result
        do {
            opml = try OPMLReader.read(bytes)
        } catch {
            FileHandleOutput.standardError("error: \(file): \(error)")
            throw ExitCode(ExitStatus.dataError.rawValue)
        }
        let plan = FeedImportPlan(imported: opml.feeds, configured: configuration.feeds.map(\.url))
        var edited = text
        do {
            for feed in plan.added {
                edited = try FeedListEditor.adding(FeedListEditor.Entry(url: feed.url, title: feed.title), to: edited)
            }
        } catch {
            throw FeedListUpdate.fail(path, error)
        }
        if !plan.added.isEmpty { try FeedListUpdate.write(edited, to: path) }
        for feed in plan.added { print("added \(feed.url)\(feed.title.map { " (\($0))" } ?? "")") }
        for d in plan.duplicates { print("duplicate \(d.url): \(d.reason)") }
        for i in plan.invalid { print("skipped \(i.url): \(i.reason)") }
        print("\(file): \(opml.feeds.count) feeds; added \(plan.added.count) to 'feeds:' in \(path), "
            + "\(plan.duplicates.count) duplicates, \(plan.invalid.count) invalid URLs, "
            + "\(opml.skippedOutlines) outlines without xmlUrl skipped")
        if !plan.added.isEmpty { print(FeedListUpdate.reloadHint) }
    }
}

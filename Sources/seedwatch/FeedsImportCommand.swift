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
        XML is an error naming the file and line (exit 65), and nothing is changed. Then tells \
        the running daemon to reload (--no-reload skips it). With --dry-run, prints what would be added and skipped and changes nothing.

        Examples:
          seedwatch feeds import --dry-run subscriptions.opml
          seedwatch feeds import subscriptions.opml
        """
    )

    @OptionGroup var options: ConfigOption

    @Flag(help: "Edit the file only; do not tell the running daemon to reload.")
    var noReload = false

    @Argument(help: ArgumentHelp("The OPML file.", valueName: "file"))
    var file: String

    @Flag(help: "Print what would be added and skipped; change nothing.")
    var dryRun = false

    func run() throws {
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
        // The plan is made under the configuration's lock, against the feeds configured then.
        var plan = FeedImportPlan(imported: [], configured: [])
        let path = try FeedListUpdate.edit(options: options, write: !dryRun) { path, text, configuration in
            plan = FeedImportPlan(imported: opml.feeds, configured: configuration.feeds.map(\.url))
            guard !plan.added.isEmpty else { return nil }
            var edited = text
            do throws(FeedListEditor.EditError) {
                for feed in plan.added {
                    edited = try FeedListEditor.adding(FeedListEditor.Entry(url: feed.url, title: feed.title), to: edited)
                }
            } catch {
                throw FeedListUpdate.fail(path, error)
            }
            return edited
        }
        let verb = dryRun ? "would add" : "added"
        for feed in plan.added { print("\(verb) \(feed.url)\(feed.title.map { " (\($0))" } ?? "")") }
        for d in plan.duplicates { print("duplicate \(d.url): \(d.reason)") }
        for i in plan.invalid { print("skipped \(i.url): \(i.reason)") }
        print("\(file): \(opml.feeds.count) feeds; \(verb) \(plan.added.count) to 'feeds:' in \(path), "
            + "\(plan.duplicates.count) duplicates, \(plan.invalid.count) invalid URLs, "
            + "\(opml.skippedOutlines) outlines without xmlUrl skipped")
        if dryRun {
            print("dry run: \(path) is unchanged")
        } else if !plan.added.isEmpty {
            FeedListUpdate.tellDaemon(path: path, reload: !noReload)
        }
    }
}

import ArgumentParser
import Foundation
import SeedwatchCore
import SeedwatchRuntime

struct DigestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Summarise the alerts of a period: top stories, alerts by topic, a timeline.",
        discussion: """
        Reads the alert log (rotated logs too) and writes the alerts decided since --since (default \
        24h), grouped by their strongest topic, with the top stories and the alerts per day and per \
        core state. --html FILE writes one self-contained HTML page (the timeline as inline SVG, no \
        JavaScript); otherwise plain text goes to standard output.

        Examples:
          seedwatch digest
          seedwatch digest --since 7d --html digest.html
        """
    )

    @OptionGroup var options: ConfigOption

    @Option(help: ArgumentHelp("The period's start: a duration back from now (24h, 7d), a date (2026-12-06) or an RFC 3339 time.", valueName: "when"))
    var since: String = "24h"

    @Option(help: ArgumentHelp("Write the HTML page to this file.", valueName: "file"))
    var html: String?

    @Flag(help: "Plain text on standard output (the default).")
    var text = false

    func validate() throws {
        if html != nil && text { throw ValidationError("give --html FILE or --text, not both") }
        do {
            _ = try AlertQueryTerms.since(since, now: Date())
        } catch let refusal as AlertQueryTerms.Refusal {
            throw ValidationError(refusal.description)
        }
    }

    func run() throws {
        let (configuration, watches) = try options.loadConfigurationAndWatches()
        let now = Date()
        let start = try AlertQueryTerms.since(since, now: now)
        var entries: [AlertLogEntry] = []
        for file in RotatedAlertLogs.oldestFirst(of: configuration.alertLog).map(\.path) + [configuration.alertLog] {
            let contents = file == configuration.alertLog ? FileManager.default.contents(atPath: file).map([UInt8].init)
                : RotatedAlertLogs.contents(file)
            guard let bytes = contents else { continue }
            for line in bytes.split(separator: 0x0A) {
                if let entry = try? AlertLogEntry.decode(line: line) { entries.append(entry) }
            }
        }
        let core = Digest.coreActors(of: watches.map(\.model)).map { ($0.id, $0.name) }
        let digest = Digest.build(entries, since: start, until: now, coreActors: core)
        if let html {
            do {
                try Data(DigestRenderer.html(digest).utf8).write(to: URL(fileURLWithPath: html))
            } catch {
                FileHandleOutput.standardError("error: cannot write \(html): \(error.localizedDescription)")
                throw ExitCode(73)
            }
            print("digest of \(DigestRenderer.counts(digest)) written to \(html)")
        } else {
            FileHandle.standardOutput.write(Data(DigestRenderer.text(digest).utf8))
        }
    }
}

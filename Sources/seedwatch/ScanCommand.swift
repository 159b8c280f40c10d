import ArgumentParser
import Foundation
import SeedwatchCore
import SeedwatchRuntime

struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Match files against the watches without touching state or the alert log.",
        discussion: """
        Reads every format the drop folder accepts (.txt, .md, .html, .htm, .json, and feed files); \
        a folder is read recursively; - reads standard input. Prints one result per article and \
        watch: the readable view, or with --json one line per article per watch holding the alert \
        keys plus "alerted" (true when a line would be written; "level" is null below notice). \
        Articles that reach a level are grouped into stories as the daemon groups them, in the order \
        read and within this run only: their --json lines carry "story", "story_size" and "repeat". \
        A folder's files of other types (index.jsonl, notes.pdf) are passed over with one line each \
        on standard error, as the drop folder passes them over. Exits 0 unless an input could not be \
        read (a file named on the command line, of any type, is an input).

        Examples:
          seedwatch scan ~/Downloads/putin-visit.html
          seedwatch scan --explain ~/Downloads/putin-visit.html
          seedwatch scan --json --watch china-russia-north-korea var/drop
          seedwatch scan --summary --watch china-russia-north-korea ~/archive/2026
          curl -s https://example.org/article | seedwatch scan -
        """
    )

    @OptionGroup var options: ConfigOption

    @Option(help: ArgumentHelp("Only this watch (its folder name).", valueName: "name"))
    var watch: String?

    @Flag(help: "One JSON object per line instead of the readable view.")
    var json = false

    @Flag(help: "List every score component and the match it traces to, and for an article below alert what it lacked (with --json: \"explanation\" and \"missing\" keys).")
    var explain = false

    @Flag(help: "Print only the counts per level and the top 20 matches (title, score): a backtest of a watch on a folder of articles.")
    var summary = false

    @Argument(help: ArgumentHelp("Files or folders to scan, or - for standard input.", valueName: "path"))
    var paths: [String]

    func run() throws {
        LargeBlockRelease.configure()
        let configPath = ConfigurationLocator.locate(explicit: options.config)
        let configuration = try options.loadConfiguration()
        // The inputs are read and extracted on another thread while the watches compile. The paths
        // after the first were taken off the command line before it was parsed (RepeatedPaths).
        let expansion = InputFiles.expandAll(paths + RepeatedPaths.taken)
        let readAhead = ScanReadAhead(inputs: expansion.files, maxBytes: configuration.dropFolder.maxBytes)
        var watches = try options.loadWatches(configuration)
        if let watch {
            watches = watches.filter { $0.name == watch }
            guard !watches.isEmpty else {
                FileHandleOutput.standardError("error: no watch named '\(watch)' in \(configPath)")
                throw ExitCode(ExitStatus.configuration.rawValue)
            }
        }
        if explain { watches = watches.map { $0.explainingShortfalls() } }
        var failed = false
        var tally = ScanSummary(watches: watches.map(\.name))
        // Stories of this run, in memory (no state is read or written).
        var stories = StoryBook()
        let inputs = expansion.files
        var output = ScanOutput()
        for folder in expansion.emptyFolders {
            FileHandleOutput.standardError(InputFiles.emptyFolderLine(folder))
            failed = true
        }
        for path in expansion.skipped { FileHandleOutput.standardError(InputFiles.skippedLine(path)) }
        for input in inputs {
            let articles: [IncomingArticle]
            switch readAhead.next(maxBytes: configuration.dropFolder.maxBytes) ?? .unreadable("not read") {
            case .read(let read): articles = read
            case .unreadable(let reason), .noArticle(let reason):
                output.flush()
                FileHandleOutput.standardError("\(input): \(reason)")
                failed = true
                continue
            }
            for incoming in articles {
                // Normalised once for every watch's matcher and the story signature (not kept for a long article).
                let normalized = Normalizer.sharedNormalization(of: incoming.article)
                // A long article's (none kept) is made on another thread meanwhile, and waited for
                // before the next article, so that this one's text is not held longer.
                let signatureAhead = normalized == nil ? SignatureAhead(of: incoming.article) : nil
                defer { _ = signatureAhead?.signature }
                for (w, var evaluation) in incoming.evaluations(by: watches, normalized: normalized, at: Date()) {
                    if evaluation.level != nil {
                        let record = evaluation.record
                        let fingerprint = StoryFingerprint(alert: record, article: incoming.article, normalized: normalized,
                                                           signature: signatureAhead?.signature, leadWords: w.storyLeadWords)
                        evaluation.record.story = stories.join(alertID: record.id, watch: record.watch, level: record.level,
                                                               fingerprint: fingerprint)
                    }
                    if summary {
                        tally.add(evaluation, watch: w.name, path: input)
                    } else if json {
                        var line = AlertEncoding.scanLine(evaluation.record, level: evaluation.level, alerted: evaluation.level != nil)
                        if explain, line.count >= 2, let components = try? JSONEncoder().encode(evaluation.decision.explanation),
                           let shortfalls = try? JSONEncoder().encode(evaluation.decision.shortfalls) {
                            // Two more keys: "explanation", the score components ({rule, points, detail, sentence}),
                            // and "missing", what the article lacked for an alert ({rule, detail}; empty for an alert).
                            line.removeLast(2)  // "}\n"
                            line += Array(#","explanation":"#.utf8) + Array(components)
                                + Array(#","missing":"#.utf8) + Array(shortfalls) + Array("}\n".utf8)
                        }
                        output.write(line)
                    } else {
                        print(AlertTextFormatter.format(evaluation, source: input + (watches.count > 1 ? "  [\(w.name)]" : "")))
                        if explain {
                            for c in evaluation.decision.explanation {
                                print("    " + c.description)
                            }
                            if !evaluation.decision.shortfalls.isEmpty {
                                print("    missing for an alert:")
                                for s in evaluation.decision.shortfalls { print("    - " + s.detail) }
                            }
                        }
                    }
                }
            }
        }
        output.flush()
        if summary { print(tally.report(top: 20)) }
        if failed { throw ExitCode(ExitStatus.noInput.rawValue) }
    }
}

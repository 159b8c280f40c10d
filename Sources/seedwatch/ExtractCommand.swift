import ArgumentParser
import Foundation
import SeedwatchCore
import SeedwatchRuntime

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Print the text the matcher reads from files: title, body, date, link, language.",
        discussion: """
        Reads every format the drop folder accepts (.txt, .md, .html, .htm, .json, feed files, and \
        any of them as NAME.gz) the way the daemon does; a folder is read recursively; - reads \
        standard input. Without --json, each article is its title on the first line (empty when \
        it has none), then its body, one paragraph a line; with several articles, each starts with \
        a line "==> PATH <==" (PATH#N for item N of a feed, from 0). With --json, one object per \
        line per article: path (PATH#N for item N of a feed or JSON array), title, text (the body), \
        published (RFC 3339 UTC or null), url (a feed item's link), \
        language (ISO 639-1 or null). A file the drop folder would not read is reported on \
        standard error with its path and the reason, and the others are still printed; a folder's \
        files of other types are passed over with one line each. Files \
        larger than drop_folder.max_bytes of the configuration (64 MiB without one) are refused. \
        Exit status: 0, or 66 when an input cannot be read, else 65 when an input holds no \
        readable article.

        Examples:
          seedwatch extract ~/Downloads/putin-visit.html
          seedwatch extract --json var/drop | jq -r .language
          curl -s https://example.org/article | seedwatch extract -
        """
    )

    @OptionGroup var options: ConfigOption

    @Flag(help: "One JSON object per line and article: path, title, text, published, url, language.")
    var json = false

    @Argument(help: ArgumentHelp("Files or folders to read, or - for standard input.", valueName: "path"))
    var paths: [String]

    func run() throws {
        LargeBlockRelease.configure()
        let maxBytes = try maxBytes()
        let expansion = InputFiles.expandAll(paths + RepeatedPaths.taken)
        let inputs = expansion.files
        var unreadable = !expansion.emptyFolders.isEmpty
        for folder in expansion.emptyFolders { FileHandleOutput.standardError(InputFiles.emptyFolderLine(folder)) }
        for path in expansion.skipped { FileHandleOutput.standardError(InputFiles.skippedLine(path)) }
        var noArticle = false
        var printed = 0
        let output = FileHandle.standardOutput
        for input in inputs {
            let path = Array(input.utf8)
            let articles: [IncomingArticle]
            switch InputFiles.articles(input, maxBytes: maxBytes) {
            case .read(let read): articles = read
            case .unreadable(let reason):
                FileHandleOutput.standardError("\(input): \(reason)")
                unreadable = true
                continue
            case .noArticle(let reason):
                FileHandleOutput.standardError("\(input): \(reason)")
                noArticle = true
                continue
            }
            // A feed file or a JSON array: several articles, each named PATH#N (the labels' item notation).
            let isFeed = articles.count > 1 || articles.contains { $0.articleKey.hasPrefix("feed:") }
            for (index, incoming) in articles.enumerated() {
                if json {
                    let itemPath = isFeed ? path + Array("#\(index)".utf8) : path
                    var article = incoming.article
                    if article.url == nil { article.url = incoming.source.url }
                    output.write(Data(ExtractionOutput.jsonLine(path: itemPath, article: article)))
                    continue
                }
                var text = ""
                if inputs.count > 1 || isFeed {
                    if printed > 0 { text += "\n" }
                    text += "==> " + input + (isFeed ? "#\(index)" : "") + " <==\n"
                }
                text += ExtractionOutput.text(incoming.article)
                output.write(Data(text.utf8))
                printed += 1
            }
        }
        if unreadable { throw ExitCode(ExitStatus.noInput.rawValue) }
        if noArticle { throw ExitCode(ExitStatus.dataError.rawValue) }
    }

    /// `drop_folder.max_bytes` of the configuration given or found (DESIGN §9), or its default when
    /// no configuration is given and none is found; a configuration that does not load exits 78.
    private func maxBytes() throws -> Int {
        let path = ConfigurationLocator.locate(explicit: options.config)
        let named = options.config != nil || ProcessInfo.processInfo.environment["SEEDWATCH_CONFIG"].map { !$0.isEmpty } == true
        if !named && !FileManager.default.fileExists(atPath: path) {
            return SeedwatchConfiguration.DropFolder(path: "").maxBytes
        }
        return try options.loadConfiguration().dropFolder.maxBytes
    }
}

import Foundation
import SeedwatchCore
import SeedwatchRuntime

/// The inputs of `scan` and `extract`: paths given on the command line, folders read recursively,
/// `-` for standard input.
enum InputFiles {
    /// What the command-line paths of `scan` or `extract` name.
    struct Expansion: Equatable {
        /// The inputs to read, in order: each named path as given (`-`, a file, or a missing path that
        /// is then reported as unreadable), and the files of each named folder, sorted.
        var files: [String] = []
        /// Files found inside a named folder whose type the drop folder does not read (`index.jsonl`,
        /// `notes.pdf`): passed over with one line each, as the drop folder passes them over, without
        /// failing the command. A file of such a type named on the command line is an input (and an error).
        var skipped: [String] = []
        /// Each named folder that yields no file to read.
        var emptyFolders: [String] = []
    }

    /// Every input that `paths` name: a folder is walked recursively (sorted, dotfiles and
    /// dot-folders skipped) and keeps the files whose name the drop folder reads
    /// (``isReadableType(_:)``); any other path is kept as given. A named folder that yields
    /// nothing is reported, not passed over in silence.
    static func expandAll(_ paths: [String]) -> Expansion {
        var expansion = Expansion()
        for path in paths {
            var isFolder: ObjCBool = false
            guard path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
                expansion.files.append(path)
                continue
            }
            let found = filesUnder(path)
            let readable = found.filter(isReadableType)
            expansion.files += readable
            expansion.skipped += found.filter { !isReadableType($0) }
            if readable.isEmpty { expansion.emptyFolders.append(path) }
        }
        return expansion
    }

    /// The files under a folder, sorted, dotfiles and dot-folders skipped.
    private static func filesUnder(_ folder: String) -> [String] {
        (FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? [])
            .filter { !$0.split(separator: "/").contains { $0.hasPrefix(".") } }
            .map { (folder as NSString).appendingPathComponent($0) }
            .filter { var d: ObjCBool = false; return FileManager.default.fileExists(atPath: $0, isDirectory: &d) && !d.boolValue }
            .sorted()
    }

    /// Whether the drop folder reads a file of this name: its extension is a ``DocumentFormat``,
    /// after a trailing `.gz` (a gzip file is read as the name without it).
    static func isReadableType(_ path: String) -> Bool {
        let file = (path as NSString).lastPathComponent
        let name = CompressedFile.innerName(of: file) ?? file
        return DocumentFormat(fileExtension: DocumentFormat.fileExtension(of: name)) != nil
    }

    /// The stderr line for a file passed over inside a folder.
    static func skippedLine(_ path: String) -> String {
        let ext = DocumentFormat.fileExtension(of: (path as NSString).lastPathComponent).lowercased()
        return "\(path): skipped: \(ExtractionError.unsupportedType(extension: ext))"
    }

    /// The stderr line for a named folder with nothing to read.
    static func emptyFolderLine(_ folder: String) -> String { "\(folder): no file to read in this folder" }

    /// Reads one input of `scan` or `extract`: standard input for `-` (named by
    /// ``nameForStandardInput(_:)``), else the file, at most `maxBytes` bytes, named by its last path
    /// component (the name picks the format, as in the drop folder).
    static func read(_ input: String, maxBytes: Int) -> Result<(bytes: [UInt8], name: String), FileReader.Failure> {
        if input == "-" {
            let bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
            return .success((bytes, nameForStandardInput(bytes)))
        }
        return FileReader.read(path: Array(input.utf8), maxBytes: maxBytes).map { ($0, (input as NSString).lastPathComponent) }
    }

    /// What one input of `scan` or `extract` holds.
    enum Articles {
        /// The articles the drop folder reads from it (``DroppedFile/articles(bytes:contentHash:path:name:maxBytes:)``).
        case read([IncomingArticle])
        /// The input could not be read (missing, a folder, too large): the reason.
        case unreadable(String)
        /// Its bytes hold no article: the reason.
        case noArticle(String)
    }

    /// The articles of one input, read as the drop folder reads a dropped file. The input's bytes are
    /// released when this returns, before the caller matches the articles: a 10 MB file is not held
    /// beside its article's text while the article is matched.
    static func articles(_ input: String, maxBytes: Int) -> Articles {
        switch read(input, maxBytes: maxBytes) {
        case .failure(let error): return .unreadable("\(error)")
        case .success(let (bytes, name)):
            do {
                return .read(try DroppedFile.articles(bytes: bytes, contentHash: DroppedFile.contentHash(bytes), path: Array(input.utf8),
                                                      name: name, maxBytes: maxBytes))
            } catch {
                return .noArticle("\(error)")
            }
        }
    }

    /// Standard input has no name: a name whose extension picks the format from the first bytes
    /// (`{` JSON, `<?xml`/`<rss`/`<feed`/`<rdf` a feed, other `<` HTML, else plain text).
    static func nameForStandardInput(_ bytes: [UInt8]) -> String {
        let head = String(decoding: bytes.prefix(512), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if head.hasPrefix("{") || head.hasPrefix("[") { return "stdin.json" }
        if head.hasPrefix("<?xml") || head.hasPrefix("<rss") || head.hasPrefix("<feed") || head.hasPrefix("<rdf") { return "stdin.xml" }
        if head.hasPrefix("<") { return "stdin.html" }
        return "stdin.txt"
    }
}

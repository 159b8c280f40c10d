import Foundation
import SeedwatchRuntime

/// The inputs of `scan` and `extract`: paths given on the command line, folders read recursively,
/// `-` for standard input.
enum InputFiles {
    /// Files under a folder (sorted, dotfiles and dot-folders skipped), or the path itself.
    static func expand(_ path: String) -> [String] {
        var isFolder: ObjCBool = false
        guard path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
            return [path]
        }
        let files = (FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? [])
            .filter { !$0.split(separator: "/").contains { $0.hasPrefix(".") } }
            .map { (path as NSString).appendingPathComponent($0) }
            .filter { var d: ObjCBool = false; return FileManager.default.fileExists(atPath: $0, isDirectory: &d) && !d.boolValue }
        return files.sorted()
    }

    /// Every file that `paths` name (folders expanded as ``expand(_:)`` does, in order), and each named
    /// folder that holds no file: a folder given on the command line that yields nothing is reported,
    /// not passed over in silence.
    static func expandAll(_ paths: [String]) -> (files: [String], emptyFolders: [String]) {
        var files: [String] = []
        var emptyFolders: [String] = []
        for path in paths {
            let expanded = expand(path)
            var isFolder: ObjCBool = false
            if expanded.isEmpty, FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                emptyFolders.append(path)
            }
            files += expanded
        }
        return (files, emptyFolders)
    }

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

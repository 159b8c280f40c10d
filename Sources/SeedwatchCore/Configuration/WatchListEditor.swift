/// Adds a watch folder to the `watches:` list of a configuration file's text, keeping everything
/// else — comments, blank lines, key order, quoting — as written (`seedwatch watch new --add-to-config`).
public enum WatchListEditor {
    /// Why the list could not be edited.
    public enum EditError: Error, Equatable, CustomStringConvertible {
        /// The file has no top-level `watches:` key.
        case noWatchesKey
        /// `watches:` is written in flow style (`[a, b]`) or otherwise not as a block list.
        case notABlockList(line: Int)

        public var description: String {
            switch self {
            case .noWatchesKey: "no top-level 'watches:' key"
            case .notABlockList(let line): "line \(line): 'watches:' is not a block list of '- path' lines; add the watch by hand"
            }
        }
    }

    /// The text with `- folder` appended as the last item of `watches:`, indented like the items
    /// before it (two spaces when the list is empty). Unchanged when the list already holds `folder`.
    /// - Throws: ``EditError``.
    public static func adding(_ folder: String, to text: String) throws(EditError) -> String {
        var lines = text.components(separatedBy: "\n")
        guard let keyLine = lines.firstIndex(where: { $0.hasPrefix("watches:") }) else { throw .noWatchesKey }
        let rest = lines[keyLine].dropFirst("watches:".count)
        let inline = rest.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first?.trimmingCharacters(in: .whitespaces) ?? ""
        var indent = "  "
        var insertAt = keyLine + 1
        if inline == "[]" {
            let empty = rest.range(of: " []") ?? rest.range(of: "[]")!
            lines[keyLine] = "watches:" + rest.replacingCharacters(in: empty, with: "")
        } else if !inline.isEmpty {
            throw .notABlockList(line: keyLine + 1)
        }
        var i = keyLine + 1
        while i < lines.count {
            let line = lines[i]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { i += 1; continue }
            guard line.first == " " || line.first == "-" else { break }   // the next top-level key
            if trimmed.hasPrefix("- ") || trimmed == "-" {
                indent = String(line.prefix { $0 == " " })
                let item = trimmed.dropFirst(2).split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first?
                    .trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'")) ?? ""
                if item == folder { return text }
            }
            insertAt = i + 1
            i += 1
        }
        lines.insert(indent + "- " + folder, at: insertAt)
        return lines.joined(separator: "\n")
    }
}

import Foundation

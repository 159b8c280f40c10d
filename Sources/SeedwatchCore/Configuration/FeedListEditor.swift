import Foundation

/// Adds and removes feeds in the `feeds:` list of a configuration file's text, keeping everything
/// else — comments, blank lines, key order, quoting, the other feeds' lines — as written
/// (`seedwatch feeds add|remove|import`). The same line-based approach as ``WatchListEditor``: the
/// list must be a block list (`- url: …` items), or `feeds: []`, or absent.
public enum FeedListEditor {
    /// One feed to add: written as `- url: …`, then `title:` and `interval:` when given.
    public struct Entry: Sendable, Equatable {
        public var url: String
        public var title: String?
        /// A duration as the configuration writes it (`30m`); validated by loading the result.
        public var interval: String?

        public init(url: String, title: String? = nil, interval: String? = nil) {
            self.url = url
            self.title = title
            self.interval = interval
        }
    }

    /// Why the list could not be edited.
    public enum EditError: Error, Equatable, CustomStringConvertible {
        /// `feeds:` is written in flow style (`[{url: a}]`) or its items are not `- url:` mappings.
        case notABlockList(line: Int)
        /// The list already holds the feed (same ``FeedURLIdentity`` key), written as `existing`.
        case duplicate(existing: String, line: Int)
        /// No feed of the list has this URL.
        case unknownFeed(String)

        public var description: String {
            switch self {
            case .notABlockList(let line): "line \(line): 'feeds:' is not a block list of '- url: …' items; edit it by hand"
            case .duplicate(let existing, let line): "line \(line): the feed \(existing) is already listed"
            case .unknownFeed(let url): "no feed \(url) in 'feeds:'"
            }
        }
    }

    /// The text with `entry` appended as the last item of `feeds:`, indented like the items before
    /// it (two spaces when the list is empty); `feeds: []` becomes a block list, and a file without
    /// `feeds:` gets one at its end.
    /// - Throws: ``EditError/duplicate(existing:line:)`` when the list holds the same feed;
    ///   ``EditError/notABlockList(line:)``.
    public static func adding(_ entry: Entry, to text: String) throws(EditError) -> String {
        var lines = text.components(separatedBy: "\n")
        guard let list = try FeedListLines(lines) else {
            if lines.last == "" { lines.removeLast() }
            lines += ["feeds:"] + entryLines(entry, indent: "  ") + [""]
            return lines.joined(separator: "\n")
        }
        let key = FeedURLIdentity.key(entry.url)
        if let same = list.items.first(where: { $0.url.map(FeedURLIdentity.key) == key }) {
            throw .duplicate(existing: same.url ?? entry.url, line: same.start + 1)
        }
        if list.isEmptyFlow { lines[list.keyLine] = list.keyLineWithoutEmptyFlow }
        lines.insert(contentsOf: entryLines(entry, indent: list.indent), at: list.end)
        return lines.joined(separator: "\n")
    }

    /// The text without the item of `feeds:` whose URL has the same ``FeedURLIdentity`` key as
    /// `url`: its `- url:` line and its more-indented lines (settings, comments) go; comments and
    /// blank lines around it stay. The last feed removed leaves `feeds: []`.
    /// - Throws: ``EditError/unknownFeed(_:)``; ``EditError/notABlockList(line:)``.
    public static func removing(url: String, from text: String) throws(EditError) -> String {
        var lines = text.components(separatedBy: "\n")
        guard let list = try FeedListLines(lines) else { throw .unknownFeed(url) }
        let key = FeedURLIdentity.key(url)
        guard let item = list.items.first(where: { $0.url.map(FeedURLIdentity.key) == key }) else { throw .unknownFeed(url) }
        lines.removeSubrange(item.start..<item.end)
        if list.items.count == 1 { lines[list.keyLine] = list.keyLineAsEmptyFlow }
        return lines.joined(separator: "\n")
    }

    private static func entryLines(_ entry: Entry, indent: String) -> [String] {
        var out = [indent + "- url: " + YAMLScalarText.plainOrQuoted(entry.url)]
        if let title = entry.title { out.append(indent + "  title: " + YAMLScalarText.doubleQuoted(title)) }
        if let interval = entry.interval { out.append(indent + "  interval: " + YAMLScalarText.plainOrQuoted(interval)) }
        return out
    }
}

import Foundation

/// Where the top-level `feeds:` list lies in a configuration file's lines, for ``FeedListEditor``:
/// the key's line, each item's lines and URL, the items' indent, and where a new item goes.
struct FeedListLines {
    struct Item {
        /// 0-based index of the item's `- ` line.
        var start: Int
        /// 0-based index after the item's last line (its more-indented lines, comments included).
        var end: Int
        /// The item's `url:` value, unquoted; `nil` when it has none.
        var url: String?
    }

    var keyLine: Int
    /// `feeds: []`: an empty flow list, which an added item turns into a block list.
    var isEmptyFlow: Bool
    var keyLineWithoutEmptyFlow: String
    var keyLineAsEmptyFlow: String
    var items: [Item] = []
    /// The indent of the items' `-` (two spaces when there is none).
    var indent = "  "
    /// 0-based index after the list's last item line: where a new item goes.
    var end: Int

    /// `nil` when the text has no top-level `feeds:` key.
    /// - Throws: `notABlockList` when the value is a flow list other than `[]`, a scalar, or its
    ///   items are not mappings.
    init?(_ lines: [String]) throws(FeedListEditor.EditError) {
        guard let keyLine = lines.firstIndex(where: { $0.hasPrefix("feeds:") }) else { return nil }
        self.keyLine = keyLine
        let rest = String(lines[keyLine].dropFirst("feeds:".count))
        let comment = rest.range(of: " #").map { String(rest[$0.lowerBound...]) } ?? (rest.hasPrefix("#") ? rest : "")
        let inline = String(rest.dropLast(comment.count)).trimmingWhitespace()
        guard inline.isEmpty || inline == "[]" else { throw .notABlockList(line: keyLine + 1) }
        isEmptyFlow = inline == "[]"
        if isEmptyFlow {
            let flow = rest.range(of: " []") ?? rest.range(of: "[]")!
            keyLineWithoutEmptyFlow = "feeds:" + rest.replacingCharacters(in: flow, with: "")
            keyLineAsEmptyFlow = lines[keyLine]
        } else {
            keyLineWithoutEmptyFlow = lines[keyLine]
            keyLineAsEmptyFlow = "feeds: []" + rest
        }
        end = keyLine + 1
        var i = keyLine + 1
        while i < lines.count {
            let line = lines[i]
            let trimmed = line.trimmingWhitespace()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { i += 1; continue }
            guard line.first == " " || line.first == "-" else { break }   // the next top-level key
            guard !isEmptyFlow else { throw .notABlockList(line: i + 1) }
            let dashIndent = line.prefix { $0 == " " }.count
            guard trimmed.hasPrefix("- ") else { throw .notABlockList(line: i + 1) }
            indent = String(repeating: " ", count: dashIndent)
            var item = Item(start: i, end: i + 1, url: Self.urlValue(String(trimmed.dropFirst(2))))
            var k = i + 1
            while k < lines.count {
                let next = lines[k]
                guard !next.trimmingWhitespace().isEmpty, next.prefix(while: { $0 == " " }).count > dashIndent else { break }
                if item.url == nil { item.url = Self.urlValue(next.trimmingWhitespace()) }
                k += 1
            }
            item.end = k
            if !(String(trimmed.dropFirst(2)).hasPrefix("url:") || trimmed.contains(": ")) {
                throw .notABlockList(line: i + 1)
            }
            items.append(item)
            end = k
            i = k
        }
    }

    /// The value of a `url: …` line, comment and quotes removed; `nil` for another key.
    private static func urlValue(_ text: String) -> String? {
        guard text.hasPrefix("url:") else { return nil }
        var value = String(text.dropFirst(4))
        if let comment = value.range(of: " #") { value = String(value[..<comment.lowerBound]) }
        value = value.trimmingWhitespace()
        if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q { value = String(value.dropFirst().dropLast()) }
        return value
    }
}

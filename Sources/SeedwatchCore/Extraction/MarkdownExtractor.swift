import Foundation

/// `.md` / `.markdown`: optional YAML-style front matter, then Markdown stripped lightly to text.
///
/// Front matter is a block between a first line `---` and the next `---` (or `...`) line, read as
/// `key: value` lines; `title`, `published_at` (else `date`) and `url` are used. Without a front
/// matter title, the first `# heading` is the title, else the first non-empty line.
/// Stripping: heading markers, emphasis markers, inline code ticks, blockquote and list markers,
/// `[text](url)` and `![alt](url)` → text, reference definitions and rules and fences dropped.
enum MarkdownExtractor {
    static func extract(_ text: String) -> Article {
        // LF, CRLF (one Character) or CR: a CRLF file must not look like blank lines between every line.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map(String.init)
        var front: [String: String] = [:]
        if let first = lines.first, first.trimmingCharacters(in: .whitespaces) == "---",
           let end = lines.dropFirst().firstIndex(where: { ["---", "..."].contains($0.trimmingCharacters(in: .whitespaces)) }) {
            front = frontMatter(lines[1..<end])
            lines.removeSubrange(0...end)
        }

        var title = front["title"].map(TextLines.collapse) ?? ""
        var body: [String] = []
        var usedHeadingAsTitle = !title.isEmpty
        if !usedHeadingAsTitle, let h1 = lines.firstIndex(where: { isLevelOneHeading($0) }) {
            title = TextLines.collapse(stripInline(stripHeading(lines[h1])))
            lines.remove(at: h1)
            usedHeadingAsTitle = true
        }
        var inFence = false
        // The block the previous body line belongs to, when a next line may continue it (a
        // paragraph's soft line break, CommonMark §4.8 and §6.7: one space, not a sentence end).
        var open: ParagraphKind?
        for (index, raw) in lines.enumerated() {
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { inFence.toggle(); open = nil; continue }
            if inFence { body.append(TextLines.collapse(raw)); continue }
            if isRule(trimmed) || isReferenceDefinition(trimmed) { open = nil; continue }
            // A setext underline (=== or --- under a line) is a heading marker, not text.
            if index > 0, !trimmed.isEmpty, trimmed.allSatisfy({ $0 == "=" }) { open = nil; continue }
            let line = TextLines.collapse(stripInline(stripBlockMarkers(trimmed)))
            guard !line.isEmpty else { open = nil; continue }
            let kind = ParagraphKind(trimmed)
            if let open, kind?.continues(open) == true, let last = body.popLast() {
                body.append(HardWrap.joinParagraph([last, line]))
            } else {
                body.append(line)
            }
            // A hard line break (two trailing spaces or a backslash) ends the line for good; so does
            // the first line when it is the title (no front matter title, no `# heading`), as in `.txt`.
            let isTitleLine = !usedHeadingAsTitle && body.count == 1
            open = isTitleLine || raw.hasSuffix("  ") || raw.hasSuffix("\\") ? nil : (kind == .quote ? .quote : kind.map { _ in .text })
        }
        body.removeAll(where: \.isEmpty)
        if !usedHeadingAsTitle, !body.isEmpty { title = body.removeFirst() }

        let published = (front["published_at"] ?? front["date"]).flatMap(PublishedDateParser.parse)
        let url = front["url"].flatMap { $0.isEmpty ? nil : $0 }
        return TextLines.article(title: title, lines: body, published: published, url: url)
    }

    /// What a non-blank line is, as far as joining soft line breaks goes; `nil` for a heading,
    /// which never continues nor is continued.
    enum ParagraphKind: Equatable {
        /// Paragraph text (or a list item's text, which a plain line continues lazily).
        case text
        /// A blockquote line (`>`), continued by the next blockquote line.
        case quote
        /// A list item or a table row: starts a block of its own.
        case item

        init?(_ trimmed: String) {
            if trimmed.hasPrefix("#") && MarkdownExtractor.stripHeading(trimmed) != trimmed {
                return nil
            }
            if trimmed.hasPrefix(">") { self = .quote; return }
            if trimmed.hasPrefix("|") || MarkdownExtractor.stripBlockMarkers(trimmed) != trimmed { self = .item; return }
            self = .text
        }

        /// Whether a line of this kind continues a paragraph whose last line was `previous`.
        func continues(_ previous: ParagraphKind) -> Bool {
            switch (self, previous) {
            case (.text, .text), (.quote, .quote): return true
            default: return false
            }
        }
    }

    /// `key: value` lines; values lose surrounding quotes. Keys are lower-cased.
    static func frontMatter(_ lines: ArraySlice<String>) -> [String: String] {
        var result: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":"), !line.hasPrefix(" "), !line.hasPrefix("\t") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q {
                value = String(value.dropFirst().dropLast())
                if q == "\"" { value = value.replacingOccurrences(of: "\\\"", with: "\"") }
                else { value = value.replacingOccurrences(of: "''", with: "'") }
            }
            if result[key] == nil { result[key] = value }
        }
        return result
    }

    static func isLevelOneHeading(_ line: String) -> Bool {
        let t = line.drop(while: { $0 == " " })
        return t == "#" || t.hasPrefix("# ") || t.hasPrefix("#\t")
    }

    static func stripHeading(_ line: String) -> String {
        var t = Substring(line.trimmingCharacters(in: .whitespaces))
        let hashes = t.prefix(while: { $0 == "#" }).count
        guard (1...6).contains(hashes) else { return String(t) }
        t = t.dropFirst(hashes)
        guard t.isEmpty || t.first == " " || t.first == "\t" else { return line }
        var s = t.trimmingCharacters(in: .whitespaces)
        // Closing sequence: " ###" at the end.
        if let lastNonHash = s.lastIndex(where: { $0 != "#" }), s[lastNonHash] == " ", lastNonHash < s.index(before: s.endIndex) {
            s = String(s[..<lastNonHash]).trimmingCharacters(in: .whitespaces)
        } else if s.allSatisfy({ $0 == "#" }) {
            s = ""
        }
        return s
    }

    /// Heading, blockquote and list markers at the start of a (trimmed) line.
    static func stripBlockMarkers(_ line: String) -> String {
        var s = line
        while s.hasPrefix(">") { s = String(s.dropFirst()).trimmingCharacters(in: .whitespaces) }
        if s.hasPrefix("#") { s = stripHeading(s) }
        for marker in ["- ", "* ", "+ "] where s.hasPrefix(marker) {
            s = String(s.dropFirst(2))
            if s.hasPrefix("[ ] ") || s.hasPrefix("[x] ") || s.hasPrefix("[X] ") { s = String(s.dropFirst(4)) }
            break
        }
        let digits = s.prefix(while: \.isASCIIDigit)
        if !digits.isEmpty, digits.count <= 9 {
            let rest = s.dropFirst(digits.count)
            if rest.hasPrefix(". ") || rest.hasPrefix(") ") { s = String(rest.dropFirst(2)) }
        }
        return s
    }

    static func isRule(_ line: String) -> Bool {
        let compact = line.filter { $0 != " " }
        guard compact.count >= 3, let c = compact.first, c == "-" || c == "*" || c == "_" else { return false }
        return compact.allSatisfy { $0 == c }
    }

    static func isReferenceDefinition(_ line: String) -> Bool {
        guard line.hasPrefix("["), let close = line.firstIndex(of: "]") else { return false }
        return line[line.index(after: close)...].hasPrefix(":")
    }

    /// Links and images to their text, inline code ticks and emphasis markers removed.
    static func stripInline(_ line: String) -> String {
        let chars = Array(line)
        var out: [Character] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, "\\`*_{}[]()#+-.!".contains(chars[i + 1]) {
                out.append(chars[i + 1]); i += 2; continue
            }
            // [text](url), ![alt](url), [text][ref]
            if c == "[" || (c == "!" && i + 1 < chars.count && chars[i + 1] == "[") {
                let open = c == "[" ? i : i + 1
                if let close = matching(chars, from: open, open: "[", close: "]") {
                    let next = close + 1
                    if next < chars.count, chars[next] == "(", let end = matching(chars, from: next, open: "(", close: ")") {
                        out.append(contentsOf: stripInline(String(chars[(open + 1)..<close])))
                        i = end + 1; continue
                    }
                    if next < chars.count, chars[next] == "[", let end = matching(chars, from: next, open: "[", close: "]") {
                        out.append(contentsOf: stripInline(String(chars[(open + 1)..<close])))
                        i = end + 1; continue
                    }
                }
            }
            if c == "`" { i += 1; continue }
            if c == "*" || c == "_" {
                var run = 1
                while i + run < chars.count, chars[i + run] == c { run += 1 }
                let before: Character? = i > 0 ? chars[i - 1] : nil
                let after: Character? = i + run < chars.count ? chars[i + run] : nil
                let wordBefore = before.map { $0.isLetter || $0.isNumber } ?? false
                let wordAfter = after.map { $0.isLetter || $0.isNumber } ?? false
                let spaceBefore = before.map(\.isWhitespace) ?? true
                let spaceAfter = after.map(\.isWhitespace) ?? true
                // `_` inside a word (snake_case) and a lone `*` between spaces (2 * 3) are text.
                let isMarker = c == "*" ? !(spaceBefore && spaceAfter) : !(wordBefore && wordAfter) && !(spaceBefore && spaceAfter)
                if isMarker { i += run; continue }
                out.append(contentsOf: chars[i..<(i + run)]); i += run; continue
            }
            out.append(c)
            i += 1
        }
        return String(out)
    }

    private static func matching(_ chars: [Character], from start: Int, open: Character, close: Character) -> Int? {
        var depth = 0
        var i = start
        while i < chars.count {
            if chars[i] == open { depth += 1 }
            else if chars[i] == close { depth -= 1; if depth == 0 { return i } }
            i += 1
        }
        return nil
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

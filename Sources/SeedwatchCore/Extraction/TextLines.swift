import Foundation

/// Line clean-up shared by the extractors: whitespace collapsed inside a line, empty lines dropped.
enum TextLines {
    /// Whether a scalar counts as collapsible whitespace: ASCII space, tab, CR, LF, form feed,
    /// and the Unicode spaces that HTML and editors produce (NBSP stays content only inside words,
    /// so it too collapses into one space).
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// Scalars removed outright: U+FEFF (BOM / zero-width no-break space) and U+00AD (soft hyphen),
    /// which are invisible and would split words.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0xFEFF || scalar.value == 0xAD
    }

    /// One line: runs of whitespace become one space; leading and trailing whitespace removed;
    /// invisible scalars dropped.
    static func collapse<S: StringProtocol>(_ line: S) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in line.unicodeScalars {
            if isInvisible(scalar) { continue }
            if isSpace(scalar) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(scalar)
        }
        return String(out)
    }

    /// Splits `text` at line breaks (LF, CRLF, CR), collapses each line and drops empty ones.
    static func cleanLines(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map(collapse)
            .filter { !$0.isEmpty }
    }

    /// Builds title and body, dropping leading body lines that repeat the title (pages often hold
    /// the headline as `<h1>` and again as a first paragraph).
    static func article(title: String, lines: [String], published: Date? = nil, url: String? = nil) -> Article {
        var body = lines[...]
        while let first = body.first, !title.isEmpty, first == title { body.removeFirst() }
        return Article(title: title, body: body.joined(separator: "\n"), published: published, url: url)
    }
}

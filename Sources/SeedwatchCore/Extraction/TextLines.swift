import Foundation

/// Line clean-up shared by the extractors: whitespace collapsed inside a line, empty lines dropped.
enum TextLines {
    /// One line: runs of whitespace (``Whitespace/isSpace(_:)``) become one space; leading and
    /// trailing whitespace removed; invisible scalars (``Whitespace/isInvisible(_:)``) dropped.
    static func collapse<S: StringProtocol>(_ line: S) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in line.unicodeScalars {
            if Whitespace.isInvisible(scalar) { continue }
            if Whitespace.isSpace(scalar) {
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

/// Paragraphs of plain text and Markdown that were wrapped by hand or by a tool (text pasted from a
/// PDF or an e-mail, wrapped at 60–80 columns): a single line break inside a paragraph is not the
/// end of a sentence, a blank line is (CommonMark §4.8 reads a paragraph the same way: its lines
/// are joined, "soft line breaks").
///
/// Joining is model-free (no dictionary):
/// - a line that ends with a hyphen after a letter, followed by a line that starts with a lower-case
///   letter, is a word split at the line end: the hyphen goes ("Chi-" + "na" → "China"; the matcher
///   also finds aliases and terms written with a hyphen in that joined form, see ``AliasTable``);
/// - a hyphen followed by any other start (upper case, a digit) is kept without a space
///   ("North-" + "Korean" → "North-Korean");
/// - any other line break becomes one space.
enum HardWrap {
    /// The lines of one paragraph (each already collapsed, none empty) as one line.
    static func joinParagraph<S: Sequence>(_ lines: S) -> String where S.Element == String {
        var out = ""
        for line in lines {
            guard !out.isEmpty else { out = line; continue }
            guard endsWithWordHyphen(out), let next = line.unicodeScalars.first else {
                out += " " + line
                continue
            }
            if next.properties.isLowercase {
                out.unicodeScalars.removeLast()
            }
            out += line
        }
        return out
    }

    /// Whether `line` ends with a hyphen (`-` or U+2010) that follows a letter.
    static func endsWithWordHyphen(_ line: String) -> Bool {
        let scalars = line.unicodeScalars
        guard let last = scalars.last, last == "-" || last.value == 0x2010 else { return false }
        let beforeLast = scalars.index(before: scalars.endIndex)
        guard beforeLast > scalars.startIndex else { return false }
        return scalars[scalars.index(before: beforeLast)].properties.isAlphabetic
    }

    /// The paragraphs of `text`: runs of non-blank lines separated by blank lines (LF, CRLF or CR
    /// line ends), each line collapsed (``TextLines/collapse(_:)``) and each run joined.
    static func paragraphs(_ text: String) -> [String] {
        var result: [String] = []
        var current: [String] = []
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            let line = TextLines.collapse(raw)
            if line.isEmpty {
                if !current.isEmpty { result.append(joinParagraph(current)); current.removeAll() }
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { result.append(joinParagraph(current)) }
        return result
    }
}

import Foundation

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
        line.withUTF8Bytes { p in
            guard let base = p.baseAddress else { return false }
            return hyphenLength(endingAt: p.count, in: base, from: 0) > 0
        }
    }

    /// The length in bytes (1 or 3) of the hyphen (`-` or U+2010) that ends `p[from..<end]` and
    /// follows a letter (Unicode `Alphabetic`), or 0 when the text does not end so.
    @inline(__always)
    static func hyphenLength(endingAt end: Int, in p: UnsafePointer<UInt8>, from start: Int) -> Int {
        guard end > start else { return 0 }
        let length: Int
        if p[end - 1] == 0x2D {
            length = 1
        } else if end - start >= 3, p[end - 3] == 0xE2, p[end - 2] == 0x80, p[end - 1] == 0x90 {
            length = 3
        } else {
            return 0
        }
        let hyphenStart = end - length
        guard hyphenStart > start else { return 0 }
        let b = p[hyphenStart - 1]
        if b < 0x80 { return (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) ? length : 0 }
        let before = UTF8Lines.scalarStart(before: hyphenStart, in: p, from: start)
        return UTF8Lines.scalar(at: before, in: p).properties.isAlphabetic ? length : 0
    }

    /// Whether the scalar at `p + i` is lower case (Unicode `Lowercase`).
    @inline(__always)
    static func startsLowercase(_ p: UnsafePointer<UInt8>, at i: Int) -> Bool {
        let b = p[i]
        if b < 0x80 { return b >= 0x61 && b <= 0x7A }
        return UTF8Lines.scalar(at: i, in: p).properties.isLowercase
    }

    /// The paragraphs of `text`: runs of non-blank lines separated by blank lines (LF, CRLF or CR
    /// line ends), each line collapsed (``TextLines/collapse(_:)``) and each run joined.
    static func paragraphs(_ text: String) -> [String] {
        let body = text.withUTF8Bytes { bytes in
            var cursor = UTF8Lines.LineCursor(bytes)
            return joinedParagraphs(&cursor, capacity: bytes.count)
        }
        return body.isEmpty ? [] : body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The paragraphs of the lines left in `cursor`, as ``paragraphs(_:)`` makes them, joined by
    /// `"\n"` into one string, written byte by byte (no per-line string).
    /// - Parameter capacity: the byte count of the text the cursor reads (the result is never longer).
    static func joinedParagraphs(_ cursor: inout UTF8Lines.LineCursor, capacity: Int) -> String {
        guard capacity > 0 else { return "" }
        return String(unsafeUninitializedCapacity: capacity + 1) { buffer in
            let out = buffer.baseAddress!
            // A long text's body is written into fresh pages: huge ones take 512 times fewer faults.
            HugePages.advise(out, count: buffer.count)
            var w = 0
            // Start of the open paragraph in `out`, or -1 when none is open.
            var paragraphStart = -1
            while let line = cursor.next() {
                // The line goes one byte past `w`, leaving room for the separator before it: a space
                // inside a paragraph, "\n" between paragraphs.
                let gap = w == 0 && paragraphStart < 0 ? 0 : 1
                let lineStart = w + gap
                let lineEnd = UTF8Lines.appendCollapsed(line, to: out, at: lineStart)
                if lineEnd == lineStart {
                    paragraphStart = -1
                    continue
                }
                if paragraphStart < 0 {
                    if gap == 1 { out[w] = 0x0A }
                    paragraphStart = lineStart
                    w = lineEnd
                    continue
                }
                let hyphen = hyphenLength(endingAt: w, in: out, from: paragraphStart)
                if hyphen == 0 {
                    out[w] = 0x20
                    w = lineEnd
                    continue
                }
                // A word split at the line end: the hyphen goes before a lower-case letter.
                let target = startsLowercase(out, at: lineStart) ? w - hyphen : w
                let length = lineEnd - lineStart
                _ = memmove(out + target, out + lineStart, length)
                w = target + length
            }
            return w
        }
    }
}

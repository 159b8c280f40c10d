/// `.txt`: the first non-empty line is the title; the rest is paragraphs separated by blank lines,
/// each one body line: a single line break inside a paragraph is a hard wrap (``HardWrap``), not
/// the end of a sentence.
///
/// Reads the UTF-8 bytes once, line by line, and writes the body straight into its string.
enum PlainTextExtractor {
    static func extract(_ text: String) -> Article {
        text.withUTF8Bytes { extract(utf8: $0) }
    }

    /// ``extract(_:)`` of valid UTF-8 bytes.
    static func extract(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Article {
        var cursor = UTF8Lines.LineCursor(bytes)
        var title = ""
        while title.isEmpty, let line = cursor.next() {
            title = TextLines.collapse(bytes: line)
        }
        guard !title.isEmpty else { return Article(title: "", body: "") }
        return Article(title: title, body: HardWrap.joinedParagraphs(&cursor, capacity: bytes.count))
    }
}

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
        extract(utf8: bytes, repairing: false)
    }

    /// ``extract(_:)`` of UTF-8 bytes; with `repairing`, of the bytes ``UTF8Repair`` makes of
    /// them, repaired one line at a time as they are read (``UTF8Lines/LineCursor/init(_:repairing:)``)
    /// instead of into a whole repaired copy first: the lines are the same, as no repaired byte
    /// is a line break and no valid sequence spans one.
    static func extract(utf8 bytes: UnsafeBufferPointer<UInt8>, repairing: Bool) -> Article {
        var cursor = UTF8Lines.LineCursor(bytes, repairing: repairing)
        var title = ""
        while title.isEmpty, let line = cursor.next() {
            title = TextLines.collapse(bytes: line)
        }
        guard !title.isEmpty else { return Article(title: "", body: "") }
        let capacity = repairing ? UTF8Repair.measure(bytes).length : bytes.count
        return Article(title: title, body: HardWrap.joinedParagraphs(&cursor, capacity: capacity))
    }
}

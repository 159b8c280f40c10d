/// `.txt`: the first non-empty line is the title; the rest is paragraphs separated by blank lines,
/// each one body line: a single line break inside a paragraph is a hard wrap (``HardWrap``), not
/// the end of a sentence.
enum PlainTextExtractor {
    static func extract(_ text: String) -> Article {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })[...]
        var title = ""
        while let first = lines.first {
            lines.removeFirst()
            title = TextLines.collapse(first)
            if !title.isEmpty { break }
        }
        guard !title.isEmpty else { return Article(title: "", body: "") }
        return Article(title: title, body: HardWrap.paragraphs(lines.joined(separator: "\n")).joined(separator: "\n"))
    }
}

/// `.txt`: the first non-empty line is the title; every further non-empty line is one body line.
enum PlainTextExtractor {
    static func extract(_ text: String) -> Article {
        var lines = TextLines.cleanLines(text)
        guard !lines.isEmpty else { return Article(title: "", body: "") }
        let title = lines.removeFirst()
        return Article(title: title, body: lines.joined(separator: "\n"))
    }
}

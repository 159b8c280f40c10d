/// Flattens HTML nested deeper than libxml2 reads (issue 11: deeply nested HTML).
///
/// libxml2 stops a document at a nesting limit and drops the rest of it: 256 elements without
/// `XML_PARSE_HUGE`, 2,048 with it from libxml2 2.12 on (2.9 has none with it). A page that
/// reaches the limit is read again after this rewrite: start and end tags nested deeper than
/// `limit` open elements are dropped (a block element's tag becomes a space, an inline element's
/// nothing), except text blocks (`p`, `h1`–`h6`, `li`, `dd`, `dt`, `blockquote`, `pre`, `td`,
/// `th`), kept up to `limit + 40`; so the text of 100,000 nested `div` or 300 unclosed `font`
/// tags is kept with its paragraphs.
///
/// Tags are read as HTML's tokenizer reads them (HTML §13.2.5) as far as nesting needs: names
/// ASCII case-insensitive, attribute values quoted with `"` or `'` may hold `>`, comments,
/// doctypes and processing instructions copied, the content of `script`, `style`, `textarea`,
/// `title` and `xmp` copied up to their end tag, void elements (``HTMLElements/voids``, `wbr`,
/// `source`, `track`, `embed`) and self-closing tags opening nothing. An end tag closes the
/// innermost open element of its name and every element opened after it; an end tag with no
/// open element of its name is copied.
enum HTMLNestingFlattener {
    /// Text blocks kept past `limit` (up to `limit + 40`): their line breaks are the article's paragraphs.
    static let textBlocks: Set<String> = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dd", "dt", "blockquote", "pre", "td", "th"]
    private static let rawText: Set<String> = ["script", "style", "textarea", "title", "xmp"]
    private static let voids = HTMLElements.voids.union(["wbr", "source", "track", "embed", "keygen"])

    /// `html` (UTF-8) with no more than about `limit` elements open at once.
    static func flattened(_ html: [UInt8], limit: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(html.count)
        var open: [(name: String, kept: Bool)] = []
        var openCount: [String: Int] = [:]
        var keptDepth = 0
        let n = html.count
        var i = 0
        while i < n {
            guard html[i] == UInt8(ascii: "<") else {
                let run = XMLPreparation.find(html, i, "<") ?? n
                out.append(contentsOf: html[i..<run]); i = run
                continue
            }
            guard i + 1 < n else { out.append(html[i]); i += 1; continue }
            let next = html[i + 1]
            if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
                let isComment = XMLPreparation.startsWith(html, i, "<!--")
                let end = isComment ? XMLPreparation.find(html, i + 4, "-->").map { $0 + 3 } ?? n
                    : XMLPreparation.find(html, i + 2, ">").map { $0 + 1 } ?? n
                out.append(contentsOf: html[i..<end]); i = end
                continue
            }
            let isEnd = next == UInt8(ascii: "/")
            let nameStart = isEnd ? i + 2 : i + 1
            guard nameStart < n, UTF8Bytes.isASCIILetter(html[nameStart]) else { out.append(html[i]); i += 1; continue }
            var nameEnd = nameStart
            while nameEnd < n, !UTF8Bytes.isCollapsible(html[nameEnd]), html[nameEnd] != UInt8(ascii: ">"), html[nameEnd] != UInt8(ascii: "/") { nameEnd += 1 }
            let name = String(decoding: html[nameStart..<nameEnd].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
            let tagEnd = endOfTag(html, from: nameEnd)
            let separator: [UInt8] = HTMLElements.blocks.contains(name) || HTMLElements.cells.contains(name) ? [0x20] : []
            if isEnd {
                guard openCount[name, default: 0] > 0 else { out.append(contentsOf: html[i..<tagEnd]); i = tagEnd; continue }
                var matchedKept = false
                while let top = open.popLast() {
                    openCount[top.name, default: 0] -= 1
                    if top.kept { keptDepth -= 1 }
                    if top.name == name { matchedKept = top.kept; break }
                }
                if matchedKept { out.append(contentsOf: html[i..<tagEnd]) } else { out.append(contentsOf: separator) }
                i = tagEnd
                continue
            }
            let selfClosing = tagEnd >= 2 && html[tagEnd - 2] == UInt8(ascii: "/")
            if voids.contains(name) || selfClosing {
                out.append(contentsOf: html[i..<tagEnd]); i = tagEnd
                continue
            }
            let kept = keptDepth < limit || (textBlocks.contains(name) && keptDepth < limit + 40)
            if kept {
                keptDepth += 1
                out.append(contentsOf: html[i..<tagEnd])
            } else {
                out.append(contentsOf: separator)
            }
            open.append((name, kept))
            openCount[name, default: 0] += 1
            i = tagEnd
            if rawText.contains(name) {
                // The content up to `</name` is text, whatever it looks like.
                var k = i
                while k < n {
                    guard let lt = XMLPreparation.find(html, k, "</") else { k = n; break }
                    if lt + 2 + name.utf8.count <= n,
                       zip(html[(lt + 2)...], name.utf8).allSatisfy({ ($0.0 >= 0x41 && $0.0 <= 0x5A ? $0.0 | 0x20 : $0.0) == $0.1 }) {
                        k = lt
                        break
                    }
                    k = lt + 2
                }
                out.append(contentsOf: html[i..<k]); i = k
            }
        }
        return out
    }

    /// The index after the `>` that ends a tag whose name ends at `from`, skipping quoted attribute values.
    private static func endOfTag(_ html: [UInt8], from: Int) -> Int {
        var quote: UInt8 = 0
        var afterEquals = false
        var k = from
        while k < html.count {
            let c = html[k]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if afterEquals && (c == UInt8(ascii: "\"") || c == UInt8(ascii: "'")) {
                quote = c
            } else if c == UInt8(ascii: ">") {
                return k + 1
            }
            if !UTF8Bytes.isCollapsible(c) { afterEquals = quote == 0 && c == UInt8(ascii: "=") }
            k += 1
        }
        return html.count
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A single-pass reading of the HTML that feeds carry in descriptions and `content:encoded`
/// (paragraphs, links, emphasis, images, lists, tables, comments, scripts), giving exactly the
/// text events the libxml2 walk in ``HTMLText`` gives for it: text runs with entities decoded once,
/// a line break at each block element's start and end tag and at `<br>`, a space after a table
/// cell, nothing for other tags, `script` and `style` content dropped.
///
/// It declines (returns `nil`) whenever libxml2's recovery could matter and the general path must
/// decide: a `<` that opens no tag or comment (`<!DOCTYPE`, `<?`, `< `), an unterminated tag, quote
/// or comment, a non-ASCII tag name, a `script`/`style` without its end tag or self-closed, the
/// elements whose content the walk drops by structure (`noscript`, `template`, `head`, `title`, and
/// the embedded elements of titles), a character reference libxml2 reads otherwise, and an end tag
/// or a nesting whose meaning depends on which element libxml2's tree closes (``OpenBlocks``).
///
/// One difference is deliberate: libxml2 drops a whitespace-only text run between some tags (after
/// an `<img>`, for instance), so `a<img> <b>b</b>` read `ab`; here it reads `a b` (no words squeezed
/// together by HTML-to-text).
extension HTMLText {
    static func scanText(fromHTML html: String, dropsEmbedded: Bool) -> String? {
        html.withUTF8Bytes { scanText(fromHTMLBytes: $0, dropsEmbedded: dropsEmbedded) }
    }

    /// ``scanText(fromHTML:dropsEmbedded:)`` of UTF-8 bytes.
    static func scanText(fromHTMLBytes b: UnsafeBufferPointer<UInt8>, dropsEmbedded: Bool) -> String? {
        do {
            var a = TextAssembler(capacity: b.count)
            var scratch: [UInt8] = []
            var open = OpenBlocks()
            let n = b.count
            var i = 0
            func appendText(_ start: Int, _ end: Int) -> Bool {
                guard end > start else { return true }
                let run = UnsafeBufferPointer(rebasing: b[start..<end])
                if run.contains(UInt8(ascii: "&")) {
                    guard !hasCharacterReferenceReadOtherwise(run) else { return false }
                    scratch.removeAll(keepingCapacity: true)
                    HTMLEntities.decodeOnce(run, into: &scratch)
                    scratch.withUnsafeBufferPointer { a.append(bytes: $0) }
                } else {
                    a.append(bytes: run)
                }
                return true
            }
            while i < n {
                var lt = n
                if let hit = memchr(b.baseAddress! + i, Int32(UInt8(ascii: "<")), n - i) {
                    lt = UnsafeRawPointer(hit) - UnsafeRawPointer(b.baseAddress!)
                }
                guard appendText(i, lt) else { return nil }
                if lt == n { break }
                guard lt + 1 < n else { return nil }
                let next = b[lt + 1]
                if next == UInt8(ascii: "!") {
                    // A comment `<!-- … -->`; anything else starting `<!` goes the general way.
                    guard lt + 4 <= n, b[lt + 2] == UInt8(ascii: "-"), b[lt + 3] == UInt8(ascii: "-"),
                          let end = find(b, from: lt + 4, "-->"), end > lt + 4 else { return nil }
                    i = end + 3
                    continue
                }
                let isEnd = next == UInt8(ascii: "/")
                let nameStart = isEnd ? lt + 2 : lt + 1
                guard nameStart < n, UTF8Bytes.isASCIILetter(b[nameStart]) else { return nil }
                var nameEnd = nameStart + 1
                while nameEnd < n && isNameByte(b[nameEnd]) { nameEnd += 1 }
                guard nameEnd < n, isTagNameEnd(b[nameEnd]) else { return nil }
                guard let close = endOfTag(b, from: nameEnd) else { return nil }
                // libxml2's SAX2 splits a prefixed name at its first colon and names the element by
                // the local part: Word's `<o:p>` is a `p` for the walk.
                var localStart = nameStart
                while localStart < nameEnd && b[localStart] != UInt8(ascii: ":") { localStart += 1 }
                if localStart < nameEnd {
                    localStart += 1
                    guard localStart < nameEnd else { return nil }
                } else {
                    localStart = nameStart
                }
                guard let kind = kind(ofASCIIName: UnsafeBufferPointer(rebasing: b[localStart..<nameEnd])) else { return nil }
                i = close + 1
                switch kind {
                case .skipped:
                    // Only `script` and `style` are raw text for libxml2 2.9; the content of the
                    // other skipped elements is parsed, and a misplaced `head` or a `title` closed by
                    // a block keeps text that the walk reads.
                    guard nameEnd - nameStart == 6 || nameEnd - nameStart == 5,
                          isRawTextName(UnsafeBufferPointer(rebasing: b[nameStart..<nameEnd])) else { return nil }
                    if isEnd { continue }
                    // `<script/>`: libxml2 ends the element at once and reads what follows as text.
                    if b[close - 1] == UInt8(ascii: "/") { return nil }
                    // Raw text elements (HTML §13.1.2): the content runs to the matching end tag.
                    let rawName = UnsafeBufferPointer(rebasing: b[nameStart..<nameEnd])
                    guard let rawEnd = endOfRawText(b, name: rawName, from: i) else { return nil }
                    // libxml2 2.9 reads an end tag right after the start tag as markup (`<script></p>`
                    // closes an open `p`, and `</p` without `>` ends its reading there).
                    if i + 1 < n, b[i] == UInt8(ascii: "<"), b[i + 1] == UInt8(ascii: "/"),
                       endOfRawText(b, name: rawName, from: i) != endOfTagAt(b, i) { return nil }
                    i = rawEnd
                case .embedded:
                    if dropsEmbedded { return nil }
                    guard open.inlineTag(name: UnsafeBufferPointer(rebasing: b[localStart..<nameEnd]),
                                         fullName: UnsafeBufferPointer(rebasing: b[nameStart..<nameEnd]), isEnd: isEnd,
                                         selfClosed: b[close - 1] == UInt8(ascii: "/")) else { return nil }
                case .lineBreak:
                    // libxml2 ignores `</br>`: `br` is void, never open.
                    if !isEnd { a.lineBreak() }
                case .block, .cell:
                    // The break or space libxml2's tree gives depends on which element an end tag
                    // closes: only the nestings read the same without its recovery are followed.
                    let name = UnsafeBufferPointer(rebasing: b[localStart..<nameEnd])
                    let selfClosed = b[close - 1] == UInt8(ascii: "/")
                    guard let event = open.event(name: name, fullName: UnsafeBufferPointer(rebasing: b[nameStart..<nameEnd]), kind: kind, isEnd: isEnd, selfClosed: selfClosed) else { return nil }
                    switch event {
                    case .none: break
                    case .lineBreak: a.lineBreak()
                    case .space: a.append(" ")
                    }
                case .void:
                    // Never open, no text: `<img>`, `<input>`, … (``HTMLElements/voids``).
                    break
                case .other:
                    guard open.inlineTag(name: UnsafeBufferPointer(rebasing: b[localStart..<nameEnd]),
                                         fullName: UnsafeBufferPointer(rebasing: b[nameStart..<nameEnd]), isEnd: isEnd,
                                         selfClosed: b[close - 1] == UInt8(ascii: "/")) else { return nil }
                }
            }
            return a.finish()
        }
    }

    /// Whether `run` holds a character reference (`&#…`) that ``HTMLEntities/decodeOnce(_:into:)``
    /// and libxml2 read differently: one without its `;` (libxml2 reads `&#38 ` as `&`), one
    /// ``HTMLEntities/decodeOnce(_:into:)`` keeps as written (`&#;`, too many digits), or one for a
    /// character XML 1.0 §2.2 forbids (`&#1;`, `&#xFFFE;`), which libxml2 drops.
    private static func hasCharacterReferenceReadOtherwise(_ run: UnsafeBufferPointer<UInt8>) -> Bool {
        var k = 0
        while k + 1 < run.count {
            defer { k += 1 }
            guard run[k] == UInt8(ascii: "&"), run[k + 1] == UInt8(ascii: "#") else { continue }
            var j = k + 2
            while j < run.count && j < k + 40 && run[j] != UInt8(ascii: ";") && run[j] != UInt8(ascii: "&") && run[j] < 0x80
                && (UTF8Bytes.isASCIILetter(run[j]) || (run[j] >= 0x30 && run[j] <= 0x39)) { j += 1 }
            guard j < run.count, run[j] == UInt8(ascii: ";"),
                  let v = HTMLEntities.characterReferenceValue(run[(k + 2)..<j].withContiguousStorageIfAvailable { Array($0)[...] } ?? []),
                  HTMLEntities.characterReferenceScalar(v) != nil else { return true }
            let isXMLChar = v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD)
                || (v >= 0x10000 && v <= 0x10FFFF)
            if !isXMLChar { return true }
        }
        return false
    }

    /// Whether an ASCII element name is `script` or `style` (any case).
    private static func isRawTextName(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        func equals(_ s: StaticString) -> Bool {
            guard name.count == s.utf8CodeUnitCount else { return false }
            for k in 0..<name.count where name[k] | 0x20 != s.utf8Start[k] { return false }
            return true
        }
        return equals("script") || equals("style")
    }

    @inline(__always)
    private static func isNameByte(_ c: UInt8) -> Bool {
        UTF8Bytes.isASCIILetter(c) || (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "-") || c == UInt8(ascii: ":") || c == UInt8(ascii: "_")
    }

    @inline(__always)
    private static func isTagNameEnd(_ c: UInt8) -> Bool {
        c == UInt8(ascii: ">") || c == UInt8(ascii: "/") || UTF8Bytes.isCollapsible(c)
    }

    /// The index of the `>` that closes a tag whose name ends at `from`, skipping quoted attribute
    /// values; `nil` when the tag or a quote is never closed, or a `<` appears outside quotes.
    private static func endOfTag(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        var k = from
        var quote: UInt8 = 0
        // After an `=` (spaces allowed) a value starts; one that does not start with a quote runs
        // to the next whitespace or `>` (libxml2's `htmlParseHTMLAttribute`), quotes in it included.
        var afterEquals = false
        var unquoted = false
        while k < b.count {
            let c = b[k]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == UInt8(ascii: ">") {
                return k
            } else if c == UInt8(ascii: "<") {
                return nil
            } else if unquoted {
                if UTF8Bytes.isCollapsible(c) {
                    unquoted = false
                } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                    return nil  // `href=x="y z>…"`: libxml2 ends the value at the space
                }
            } else if c == UInt8(ascii: "=") {
                afterEquals = true
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                // Only a quote that opens an attribute value is a quote.
                guard afterEquals else { return nil }
                quote = c
                afterEquals = false
            } else if !UTF8Bytes.isCollapsible(c) && afterEquals {
                unquoted = true
                afterEquals = false
            }
            k += 1
        }
        return nil
    }

    /// The index just past the `>` of the tag starting at `lt`, `nil` when it does not close.
    private static func endOfTagAt(_ b: UnsafeBufferPointer<UInt8>, _ lt: Int) -> Int? {
        var k = lt + 2
        while k < b.count && isNameByte(b[k]) { k += 1 }
        return endOfTag(b, from: k).map { $0 + 1 }
    }

    /// The index just past the `>` of `</name>` (any case) at or after `from`; `nil` when absent.
    private static func endOfRawText(_ b: UnsafeBufferPointer<UInt8>, name: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        var k = from
        while let lt = find(b, from: k, "</") {
            var m = 0
            while m < name.count && lt + 2 + m < b.count && (b[lt + 2 + m] | 0x20) == (name[m] | 0x20) { m += 1 }
            if m == name.count, lt + 2 + m < b.count, isTagNameEnd(b[lt + 2 + m]), let close = endOfTag(b, from: lt + 2 + m) {
                return close + 1
            }
            k = lt + 2
        }
        return nil
    }

    /// The index of the first occurrence of ASCII `pattern` at or after `from`.
    private static func find(_ b: UnsafeBufferPointer<UInt8>, from: Int, _ pattern: StaticString) -> Int? {
        let p = UnsafeBufferPointer(start: pattern.utf8Start, count: pattern.utf8CodeUnitCount)
        var k = from
        while k + p.count <= b.count {
            if b[k] == p[0] {
                var m = 1
                while m < p.count && b[k + m] == p[m] { m += 1 }
                if m == p.count { return k }
            }
            k += 1
        }
        return nil
    }
}

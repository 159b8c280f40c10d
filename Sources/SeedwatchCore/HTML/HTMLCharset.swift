/// Finds the encoding an HTML document declares in itself, on its bytes, without decoding the
/// document: the HTML standard's "prescan a byte stream to determine its encoding" (WHATWG HTML
/// §13.2.3.2), with its "get an attribute", "get an XML encoding" and "extracting a character
/// encoding from a meta element" (§2.5.5), and labels read through the Encoding Standard's table
/// (``EncodingLabels``). Encodings are returned by their WHATWG name, lower-cased (`windows-1251`).
enum HTMLCharset {
    /// How many leading bytes the prescan reads: the standard's 1,024.
    static let prescanLimit = 1024
    /// How far a declaration is still honoured when the first 1,024 bytes hold none. A browser
    /// meets a later `<meta charset>` while parsing and starts again in that encoding ("change the
    /// encoding", WHATWG HTML §13.2.6.4.4 and §13.2.3.4); reading on to 16 KB does the same for
    /// pages with long heads (in `../shared/corpus/html`, 35 of 1,268 pages declare after 1 KB,
    /// two of them a charset other than UTF-8: GB2312 and ISO-8859-2).
    static let laterDeclarationLimit = 16_384

    /// The encoding the page declares: the ``prescan(_:)`` of its first ``prescanLimit`` bytes,
    /// else the first `<meta>` declaration among its first ``laterDeclarationLimit`` bytes that
    /// names an encoding (UTF-16 read as UTF-8, `x-user-defined` as Windows-1252, as "change the
    /// encoding" does). `nil` when there is none.
    static func metaCharset(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { buffer in
            if let encoding = prescan(UnsafeBufferPointer(rebasing: buffer.prefix(prescanLimit))) { return encoding }
            guard buffer.count > prescanLimit else { return nil }
            var later = Prescan(bytes: UnsafeBufferPointer(rebasing: buffer.prefix(laterDeclarationLimit)))
            return later.run()
        }
    }

    /// "Prescan a byte stream to determine its encoding" over all of `bytes` (the caller gives the
    /// window): a UTF-16 XML declaration's byte pattern, then the first `<meta>` that declares an
    /// encoding (comments, other tags and their attributes skipped), else, when the scan runs out of
    /// bytes, "get an XML encoding". The encoding's WHATWG name, or `nil` when the prescan fails.
    static func prescan(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if bytes.starts(with: [0x3C, 0, 0x3F, 0, 0x78, 0]) { return "utf-16le" }
        if bytes.starts(with: [0, 0x3C, 0, 0x3F, 0, 0x78]) { return "utf-16be" }
        var scanner = Prescan(bytes: bytes)
        return scanner.run() ?? xmlEncoding(bytes)
    }

    /// "Get an XML encoding" (WHATWG HTML §13.2.3.2): the `encoding` of an XML declaration at the
    /// very first byte, quoted, with no byte at or below 0x20 in it; UTF-16 read as UTF-8.
    static func xmlEncoding(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.starts(with: Array("<?xml".utf8)), let end = bytes.firstIndex(of: 0x3E) else { return nil }
        let keyword = Array("encoding".utf8)
        guard end >= keyword.count,
              var i = (0...(end - keyword.count)).first(where: { k in bytes[k..<k + keyword.count].elementsEqual(keyword) })
        else { return nil }
        i += keyword.count
        while i < end && bytes[i] <= 0x20 { i += 1 }
        guard i < end, bytes[i] == 0x3D else { return nil }
        i += 1
        while i < end && bytes[i] <= 0x20 { i += 1 }
        guard i < end, bytes[i] == 0x22 || bytes[i] == 0x27 else { return nil }
        let quote = bytes[i]
        guard let close = bytes[(i + 1)..<end].firstIndex(of: quote) else { return nil }
        let label = bytes[(i + 1)..<close]
        guard !label.contains(where: { $0 <= 0x20 }), let name = EncodingLabels.name(forLabel: label) else { return nil }
        return name == "utf-16le" || name == "utf-16be" ? "utf-8" : name
    }

    /// The prescan's state: a position in the bytes it may read. Attribute names and values are
    /// ranges of those bytes, compared without case, so no attribute is copied.
    struct Prescan {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        /// Set when the bytes ran out inside a tag: the standard then aborts the prescan.
        var exhausted = false

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        @inline(__always)
        static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

        /// Whether the bytes at `position` start with `literal` (ASCII, compared case-insensitively).
        func hasPrefix(_ literal: StaticString, at position: Int) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard position + count <= bytes.count else { return false }
            let p = literal.utf8Start
            for k in 0..<count where Self.lower(bytes[position + k]) != p[k] { return false }
            return true
        }

        /// Whether `range` of the bytes is `literal`, compared case-insensitively.
        func equals(_ range: Range<Int>, _ literal: StaticString) -> Bool {
            range.count == literal.utf8CodeUnitCount && hasPrefix(literal, at: range.lowerBound)
        }

        /// The steps from "loop" to "next byte": the first declared encoding's name, or `nil`.
        mutating func run() -> String? {
            let n = bytes.count
            while position < n && !exhausted {
                if hasPrefix("<!--", at: position) {
                    // To the first ">" preceded by "--", the dashes of "<!--" included.
                    var k = position + 2
                    while k + 2 < n && !(bytes[k] == 0x2D && bytes[k + 1] == 0x2D && bytes[k + 2] == 0x3E) { k += 1 }
                    guard k + 2 < n else { return nil }
                    position = k + 3
                } else if hasPrefix("<meta", at: position), position + 5 < n,
                          UTF8Bytes.isCollapsible(bytes[position + 5]) || bytes[position + 5] == 0x2F {
                    position += 5
                    if let encoding = meta() { return encoding }
                } else if position + 1 < n, bytes[position] == 0x3C,
                          UTF8Bytes.isASCIILetter(bytes[position + 1])
                            || (bytes[position + 1] == 0x2F && position + 2 < n && UTF8Bytes.isASCIILetter(bytes[position + 2])) {
                    // Another tag: skip its name, then its attributes.
                    while position < n && !UTF8Bytes.isCollapsible(bytes[position]) && bytes[position] != 0x3E { position += 1 }
                    while attribute() != nil {}
                } else if position + 1 < n, bytes[position] == 0x3C,
                          bytes[position + 1] == 0x21 || bytes[position + 1] == 0x2F || bytes[position + 1] == 0x3F {
                    while position < n && bytes[position] != 0x3E { position += 1 }
                    position += 1
                } else {
                    position += 1
                }
            }
            return nil
        }

        /// The attributes of one `<meta>` tag, and the encoding it declares, if any (the standard's
        /// "attributes" to "processing" steps).
        mutating func meta() -> String? {
            var seenHTTPEquiv = false, seenContent = false, seenCharset = false
            var gotPragma = false
            var needPragma: Bool?
            var charsetSet = false
            var charset: String?  // with `charsetSet`: nil is the standard's "failure"
            while let (name, value) = attribute() {
                if equals(name, "http-equiv") {
                    guard !seenHTTPEquiv else { continue }
                    seenHTTPEquiv = true
                    if equals(value, "content-type") { gotPragma = true }
                } else if equals(name, "content") {
                    guard !seenContent else { continue }
                    seenContent = true
                    if !charsetSet, let declared = Self.charsetInContent(bytes[value]) {
                        charset = declared
                        charsetSet = true
                        needPragma = true
                    }
                } else if equals(name, "charset") {
                    guard !seenCharset else { continue }
                    seenCharset = true
                    charset = EncodingLabels.name(forLabel: bytes[value])
                    charsetSet = true
                    needPragma = false
                }
            }
            guard !exhausted, let needPragma, !(needPragma && !gotPragma), let charset else { return nil }
            switch charset {
            case "utf-16le", "utf-16be": return "utf-8"
            case "x-user-defined": return "windows-1252"
            default: return charset
            }
        }

        /// "Get an attribute": the next attribute's name and value as ranges of the bytes (a quoted
        /// value without its quotes), or `nil` at the tag's end, or at the bytes' end (``exhausted``).
        mutating func attribute() -> (name: Range<Int>, value: Range<Int>)? {
            let n = bytes.count
            while position < n && (UTF8Bytes.isCollapsible(bytes[position]) || bytes[position] == 0x2F) { position += 1 }
            guard position < n else { exhausted = true; return nil }
            guard bytes[position] != 0x3E else { return nil }
            let nameStart = position
            var nameEnd = position
            // The name: up to "=" (not as its first byte), white space, "/" or ">".
            while true {
                guard position < n else { exhausted = true; return nil }
                let b = bytes[position]
                if b == 0x3D && position > nameStart { nameEnd = position; position += 1; break }
                if UTF8Bytes.isCollapsible(b) {
                    nameEnd = position
                    while position < n && UTF8Bytes.isCollapsible(bytes[position]) { position += 1 }
                    guard position < n else { exhausted = true; return nil }
                    guard bytes[position] == 0x3D else { return (nameStart..<nameEnd, position..<position) }
                    position += 1
                    break
                }
                if b == 0x2F || b == 0x3E { return (nameStart..<position, position..<position) }
                position += 1
            }
            // The value.
            while position < n && UTF8Bytes.isCollapsible(bytes[position]) { position += 1 }
            guard position < n else { exhausted = true; return nil }
            let first = bytes[position]
            if first == 0x22 || first == 0x27 {
                let valueStart = position + 1
                guard let close = bytes[valueStart...].firstIndex(of: first) else { exhausted = true; return nil }
                position = close + 1
                return (nameStart..<nameEnd, valueStart..<close)
            }
            if first == 0x3E { return (nameStart..<nameEnd, position..<position) }
            let valueStart = position
            while true {
                guard position < n else { exhausted = true; return nil }
                let b = bytes[position]
                if UTF8Bytes.isCollapsible(b) || b == 0x3E { return (nameStart..<nameEnd, valueStart..<position) }
                position += 1
            }
        }

        /// "Extracting a character encoding from a meta element" (WHATWG HTML §2.5.5): the encoding
        /// named after `charset` (any case) and `=` in a `content` attribute, quoted or up to white
        /// space or `;`; `nil` when there is none or it names no encoding.
        static func charsetInContent(_ s: Slice<UnsafeBufferPointer<UInt8>>) -> String? {
            let end = s.endIndex
            var i = s.startIndex
            while true {
                // Find "charset".
                var found = -1
                var k = i
                while k + 7 <= end {
                    if lower(s[k]) == 0x63, zip(s[k..<k + 7], "charset".utf8).allSatisfy({ lower($0) == $1 }) { found = k; break }
                    k += 1
                }
                guard found >= 0 else { return nil }
                i = found + 7
                while i < end && UTF8Bytes.isCollapsible(s[i]) { i += 1 }
                guard i < end, s[i] == 0x3D else { continue }
                i += 1
                while i < end && UTF8Bytes.isCollapsible(s[i]) { i += 1 }
                guard i < end else { return nil }
                let quote = s[i]
                if quote == 0x22 || quote == 0x27 {
                    guard let close = s[(i + 1)...].firstIndex(of: quote) else { return nil }
                    return EncodingLabels.name(forLabel: s[(i + 1)..<close])
                }
                var stop = i
                while stop < end && !UTF8Bytes.isCollapsible(s[stop]) && s[stop] != 0x3B { stop += 1 }
                return EncodingLabels.name(forLabel: s[i..<stop])
            }
        }
    }
}

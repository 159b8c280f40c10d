/// Finds the charset an HTML document declares in a `<meta>` element, on its bytes, without
/// decoding the document: the HTML standard's prescan ("prescan a byte stream to determine its
/// encoding", WHATWG HTML §13.2.3.2), which skips comments and the attributes of other tags and
/// reads `<meta charset>` and `<meta http-equiv="Content-Type" content="…; charset=…">`.
enum HTMLCharset {
    /// How many leading bytes the prescan reads: the standard's 1,024.
    static let prescanLimit = 1024
    /// How far a declaration is still honoured when the first 1,024 bytes hold none. A browser
    /// meets a later `<meta charset>` while parsing and starts again in that encoding ("change the
    /// encoding", WHATWG HTML §13.2.6.4.4 and §13.2.3.4); reading on to 16 KB does the same for
    /// pages with long heads (in `../shared/corpus/html`, 35 of 1,268 pages declare after 1 KB,
    /// two of them a charset other than UTF-8: GB2312 and ISO-8859-2).
    static let laterDeclarationLimit = 16_384

    /// The charset label declared by the first `<meta>` that declares one the decoder knows
    /// (``CharsetDecoder/encoding(forLabel:)``), among the first ``prescanLimit`` bytes, else
    /// among the first ``laterDeclarationLimit``, as written (quotes removed, lower-cased); a
    /// UTF-16 label is read as `utf-8` and `x-user-defined` as `windows-1252`, as the standard
    /// says. `nil` when none does.
    static func metaCharset(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = Prescan(bytes: UnsafeBufferPointer(rebasing: buffer.prefix(prescanLimit)))
            if let charset = scanner.run() { return charset }
            guard buffer.count > prescanLimit else { return nil }
            var later = Prescan(bytes: UnsafeBufferPointer(rebasing: buffer.prefix(laterDeclarationLimit)))
            return later.run()
        }
    }

    /// The prescan's state: a position in the bytes it may read.
    struct Prescan {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

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

        mutating func run() -> String? {
            let n = bytes.count
            while position < n {
                if hasPrefix("<!--", at: position) {
                    // To the first ">" preceded by "--", the dashes of "<!--" included.
                    var k = position + 2
                    while k + 2 < n && !(bytes[k] == 0x2D && bytes[k + 1] == 0x2D && bytes[k + 2] == 0x3E) { k += 1 }
                    guard k + 2 < n else { return nil }
                    position = k + 3
                } else if hasPrefix("<meta", at: position), position + 5 < n,
                          UTF8Bytes.isCollapsible(bytes[position + 5]) || bytes[position + 5] == 0x2F {
                    position += 6
                    if let charset = meta() { return charset }
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

        /// The attributes of one `<meta>` tag: its charset when it declares a known one.
        mutating func meta() -> String? {
            var seen: Set<[UInt8]> = []
            var gotPragma = false
            var needPragma: Bool?
            var charset: String?
            while let (name, value) = attribute() {
                guard seen.insert(name).inserted else { continue }
                switch String(decoding: name, as: UTF8.self) {
                case "http-equiv":
                    if value == Array("content-type".utf8) { gotPragma = true }
                case "content":
                    if charset == nil, let declared = Self.charsetInContent(value) {
                        charset = declared
                        needPragma = true
                    }
                case "charset":
                    charset = String(decoding: value, as: UTF8.self)
                    needPragma = false
                default:
                    break
                }
            }
            guard let needPragma, !(needPragma && !gotPragma), var label = charset,
                  let encoding = CharsetDecoder.encoding(forLabel: label) else { return nil }
            switch encoding {
            case .utf16LE, .utf16BE: label = "utf-8"
            default: if label.trimmingASCIISpaces() == "x-user-defined" { label = "windows-1252" }
            }
            return label
        }

        /// The next attribute (name and value lower-cased), or `nil` at the tag's end or the bytes' end.
        mutating func attribute() -> (name: [UInt8], value: [UInt8])? {
            let n = bytes.count
            while position < n && (UTF8Bytes.isCollapsible(bytes[position]) || bytes[position] == 0x2F) { position += 1 }
            guard position < n, bytes[position] != 0x3E else { return nil }
            var name: [UInt8] = []
            var value: [UInt8] = []
            // The name.
            while true {
                guard position < n else { return nil }
                let b = bytes[position]
                if b == 0x3D && !name.isEmpty { position += 1; break }
                if UTF8Bytes.isCollapsible(b) {
                    while position < n && UTF8Bytes.isCollapsible(bytes[position]) { position += 1 }
                    guard position < n else { return nil }
                    guard bytes[position] == 0x3D else { return (name, []) }
                    position += 1
                    break
                }
                if b == 0x2F || b == 0x3E { return (name, []) }
                name.append(Self.lower(b))
                position += 1
            }
            // The value.
            while position < n && UTF8Bytes.isCollapsible(bytes[position]) { position += 1 }
            guard position < n else { return nil }
            let first = bytes[position]
            if first == 0x22 || first == 0x27 {
                position += 1
                while true {
                    guard position < n else { return nil }
                    if bytes[position] == first { position += 1; return (name, value) }
                    value.append(Self.lower(bytes[position]))
                    position += 1
                }
            }
            if first == 0x3E { return (name, []) }
            while true {
                guard position < n else { return nil }
                let b = bytes[position]
                if UTF8Bytes.isCollapsible(b) || b == 0x3E { return (name, value) }
                value.append(Self.lower(b))
                position += 1
            }
        }

        /// "Extracting a character encoding from a meta element" (WHATWG HTML §2.5.5): the value
        /// after `charset` and `=` in a `content` attribute, quoted or up to white space or `;`.
        static func charsetInContent(_ s: [UInt8]) -> String? {
            let n = s.count
            var i = 0
            while true {
                // Find "charset".
                let keyword = Array("charset".utf8)
                var found = -1
                var k = i
                while k + keyword.count <= n {
                    if Array(s[k..<k + keyword.count]) == keyword { found = k; break }
                    k += 1
                }
                guard found >= 0 else { return nil }
                i = found + keyword.count
                while i < n && UTF8Bytes.isCollapsible(s[i]) { i += 1 }
                guard i < n, s[i] == 0x3D else { continue }
                i += 1
                while i < n && UTF8Bytes.isCollapsible(s[i]) { i += 1 }
                guard i < n else { return nil }
                let quote = s[i]
                if quote == 0x22 || quote == 0x27 {
                    guard let close = s[(i + 1)...].firstIndex(of: quote) else { return nil }
                    return String(decoding: s[(i + 1)..<close], as: UTF8.self)
                }
                var end = i
                while end < n && !UTF8Bytes.isCollapsible(s[end]) && s[end] != 0x3B { end += 1 }
                return String(decoding: s[i..<end], as: UTF8.self)
            }
        }
    }
}

extension String {
    /// The string without leading and trailing ASCII white space (tab, LF, FF, CR, space).
    func trimmingASCIISpaces() -> String {
        var s = Substring(self)
        while let f = s.utf8.first, UTF8Bytes.isCollapsible(f) { s = s.dropFirst() }
        while let l = s.utf8.last, UTF8Bytes.isCollapsible(l) { s = s.dropLast() }
        return String(s)
    }
}

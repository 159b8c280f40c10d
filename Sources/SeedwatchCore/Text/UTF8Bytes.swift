/// Byte-level helpers for the feed parser's hot paths: they work on a string's UTF-8 code units
/// directly instead of on `Character`s, which is only equivalent where the rule concerns ASCII bytes
/// (an ASCII byte is never part of a multi-byte UTF-8 sequence).
enum UTF8Bytes {
    /// Space, tab, LF, CR and form feed: the whitespace ``Swift/String/collapsingWhitespace()`` folds,
    /// HTML's ASCII whitespace. Feed text keeps to it; see ``Whitespace`` for why NBSP is kept there.
    @inline(__always)
    static func isCollapsible(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C
    }

    /// `A`–`Z` and `a`–`z`: the letters that start an HTML tag name or an RFC 822 day or month name.
    @inline(__always)
    static func isASCIILetter(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }

    /// The ASCII bytes with the Unicode `White_Space` property (tab, LF, VT, FF, CR, space).
    @inline(__always)
    static func isASCIIWhitespace(_ c: UInt8) -> Bool {
        c == 0x20 || (c >= 0x09 && c <= 0x0D)
    }

    /// True when every byte of `s` is ASCII.
    static func isASCII(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { buf in
            for b in buf where b >= 0x80 { return false }
            return true
        }
    }
}

extension String {
    /// Calls `body` with the UTF-8 code units of this string (no copy for native strings).
    @inline(__always)
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        var copy = self
        return try copy.withUTF8(body)
    }

    /// The UTF-8 code units as an array (one copy).
    var utf8Array: [UInt8] {
        withUTF8Bytes { Array($0) }
    }

    /// True when the UTF-8 code units contain `byte`.
    func containsUTF8Byte(_ byte: UInt8) -> Bool {
        withUTF8Bytes { buf in
            for b in buf where b == byte { return true }
            return false
        }
    }
}

extension UTF8Bytes {
    /// True when `bytes` is well-formed UTF-8 (Unicode §3.9, Table 3-7: no overlong forms, no
    /// surrogates, nothing above U+10FFFF): exactly the bytes `String(validating:as:)` accepts.
    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { isValidUTF8($0) }
    }

    /// ``isValidUTF8(_:)-([UInt8])`` of bytes in memory.
    static func isValidUTF8(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        do {
            let n = p.count
            var i = 0
            while i < n {
                // ASCII runs eight bytes at a time.
                while i + 8 <= n,
                      UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                }
                guard i < n else { break }
                let b0 = p[i]
                if b0 < 0x80 { i += 1; continue }
                @inline(__always) func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
                    k < n && p[k] >= lo && p[k] <= hi
                }
                switch b0 {
                case 0xC2...0xDF:
                    guard cont(i + 1) else { return false }
                    i += 2
                case 0xE0:
                    guard cont(i + 1, 0xA0), cont(i + 2) else { return false }
                    i += 3
                case 0xE1...0xEC, 0xEE...0xEF:
                    guard cont(i + 1), cont(i + 2) else { return false }
                    i += 3
                case 0xED:
                    guard cont(i + 1, 0x80, 0x9F), cont(i + 2) else { return false }
                    i += 3
                case 0xF0:
                    guard cont(i + 1, 0x90), cont(i + 2), cont(i + 3) else { return false }
                    i += 4
                case 0xF1...0xF3:
                    guard cont(i + 1), cont(i + 2), cont(i + 3) else { return false }
                    i += 4
                case 0xF4:
                    guard cont(i + 1, 0x80, 0x8F), cont(i + 2), cont(i + 3) else { return false }
                    i += 4
                default:
                    return false
                }
            }
            return true
        }
    }
}

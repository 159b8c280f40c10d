/// Byte-level helpers for the feed parser's hot paths: they work on a string's UTF-8 code units
/// directly instead of on `Character`s, which is only equivalent where the rule concerns ASCII bytes
/// (an ASCII byte is never part of a multi-byte UTF-8 sequence).
enum UTF8Bytes {
    /// Space, tab, LF, CR and form feed: the whitespace ``Swift/String/collapsingWhitespace()`` folds.
    @inline(__always)
    static func isCollapsible(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C
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

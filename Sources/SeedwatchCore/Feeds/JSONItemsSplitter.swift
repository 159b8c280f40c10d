/// Finds the `items` array of a JSON Feed's top-level object and the byte ranges of its elements,
/// so that each item can be parsed on its own (issue 11: parsing a 100,000-item document at once
/// built every item's objects together, hundreds of MB). Only the JSON grammar's strings,
/// escapes and brackets are read (RFC 8259); the elements themselves are validated by the parser
/// that reads them.
enum JSONItemsSplitter {
    /// Where the top-level `items` array is.
    struct Split: Equatable {
        /// The array, from `[` to `]` inclusive (byte offsets into the UTF-8 text).
        var array: Range<Int>
        /// Each element, without surrounding white space.
        var elements: [Range<Int>]
    }

    /// The `items` array of the top-level object of `bytes` (UTF-8), or `nil` when the top level is
    /// not an object, has no `items` key written plainly, its value is not an array, or the
    /// brackets do not balance (the caller then parses the whole document as before).
    static func split(_ bytes: UnsafeBufferPointer<UInt8>) -> Split? {
        guard let array = itemsArray(bytes) else { return nil }
        var elements: [Range<Int>] = []
        var depth = 0
        var inString = false, escaped = false
        var start: Int?
        var i = array.lowerBound + 1
        while i < array.upperBound - 1 {
            let b = bytes[i]
            if inString {
                if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
            } else {
                switch b {
                case 0x22: inString = true
                case 0x7B, 0x5B: depth += 1
                case 0x7D, 0x5D: depth -= 1
                case 0x2C where depth == 0:
                    if let s = start { elements.append(s..<trimmedEnd(bytes, s, i)) }
                    start = nil
                    i += 1
                    continue
                default: break
                }
            }
            if start == nil && !isSpace(b) { start = i }
            i += 1
        }
        if let s = start { elements.append(s..<trimmedEnd(bytes, s, array.upperBound - 1)) }
        guard depth == 0, !inString else { return nil }
        return Split(array: array, elements: elements)
    }

    /// The range of the `items` array (`[` … `]`) among the top-level object's members.
    private static func itemsArray(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var i = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { i = 3 }
        while i < bytes.count && isSpace(bytes[i]) { i += 1 }
        guard i < bytes.count, bytes[i] == 0x7B else { return nil }
        var depth = 0
        var inString = false, escaped = false
        var keyStart = 0, lastKey: Range<Int>?
        var expectingKey = false, afterColon = false
        let itemsKey = Array("items".utf8)
        while i < bytes.count {
            let b = bytes[i]
            if inString {
                if escaped {
                    escaped = false
                } else if b == 0x5C {
                    escaped = true
                } else if b == 0x22 {
                    inString = false
                    if depth == 1 && expectingKey { lastKey = keyStart..<i; expectingKey = false }
                }
                i += 1
                continue
            }
            if depth == 1 && afterColon && !isSpace(b) {
                afterColon = false
                if b == 0x5B, let key = lastKey, key.count == itemsKey.count,
                   zip(key, itemsKey).allSatisfy({ bytes[$0] == $1 }) {
                    guard let end = matchingBracket(bytes, from: i) else { return nil }
                    return i..<(end + 1)
                }
            }
            switch b {
            case 0x22:
                inString = true
                keyStart = i + 1
            case 0x7B, 0x5B:
                depth += 1
                if depth == 1 { expectingKey = true }
            case 0x7D, 0x5D:
                depth -= 1
                if depth == 0 { return nil }
            case 0x2C where depth == 1:
                expectingKey = true
            case 0x3A where depth == 1:
                afterColon = true
            default:
                break
            }
            i += 1
        }
        return nil
    }

    /// The offset of the `]` closing the `[` at `open`, or `nil`.
    private static func matchingBracket(_ bytes: UnsafeBufferPointer<UInt8>, from open: Int) -> Int? {
        var depth = 0
        var inString = false, escaped = false
        var i = open
        while i < bytes.count {
            let b = bytes[i]
            if inString {
                if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
            } else if b == 0x22 {
                inString = true
            } else if b == 0x7B || b == 0x5B {
                depth += 1
            } else if b == 0x7D || b == 0x5D {
                depth -= 1
                if depth == 0 { return b == 0x5D ? i : nil }
            }
            i += 1
        }
        return nil
    }

    private static func trimmedEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var e = end
        while e > start && isSpace(bytes[e - 1]) { e -= 1 }
        return e
    }

    /// JSON white space (RFC 8259 §2): space, tab, line feed, carriage return.
    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
}

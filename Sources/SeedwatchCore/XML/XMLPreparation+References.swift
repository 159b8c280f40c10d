/// Entity and character references made well-formed for libxml2 (``XMLPreparation``'s reference
/// rule): the five XML entities and valid character references stay, HTML named entities become
/// character references, references 128–159 are read as Windows-1252, references to undeclared
/// entities are dropped, and a bare `&` becomes `&amp;`.
extension XMLPreparation {
    /// The length of `&amp;`, `&lt;`, `&gt;`, `&quot;` or `&apos;` at `start`; `nil` for anything else.
    @inline(__always)
    static func predefinedEntityLength(_ b: [UInt8], _ start: Int) -> Int? {
        let n = b.count
        guard start + 3 < n else { return nil }
        let c1 = b[start + 1], c2 = b[start + 2], c3 = b[start + 3]
        if (c1 == UInt8(ascii: "l") || c1 == UInt8(ascii: "g")) && c2 == UInt8(ascii: "t") && c3 == UInt8(ascii: ";") { return 4 }
        guard start + 4 < n else { return nil }
        let c4 = b[start + 4]
        if c1 == UInt8(ascii: "a") && c2 == UInt8(ascii: "m") && c3 == UInt8(ascii: "p") && c4 == UInt8(ascii: ";") { return 5 }
        guard start + 5 < n, b[start + 5] == UInt8(ascii: ";") else { return nil }
        if c1 == UInt8(ascii: "q") && c2 == UInt8(ascii: "u") && c3 == UInt8(ascii: "o") && c4 == UInt8(ascii: "t") { return 6 }
        if c1 == UInt8(ascii: "a") && c2 == UInt8(ascii: "p") && c3 == UInt8(ascii: "o") && c4 == UInt8(ascii: "s") { return 6 }
        return nil
    }

    /// Appends `&#N;` (decimal) for scalar value `value`.
    static func appendCharacterReference(_ value: UInt32, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "&"))
        out.append(UInt8(ascii: "#"))
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var v = value
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[count] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                count += 1
            } while v > 0
            for k in stride(from: count - 1, through: 0, by: -1) { out.append(d[k]) }
        }
        out.append(UInt8(ascii: ";"))
    }

    /// Appends the UTF-8 of the Windows-1252 character for byte `byte` (0x80–0x9F).
    static func appendWindows1252(_ byte: UInt8, to out: inout [UInt8]) {
        out.append(contentsOf: Array(String(Character(CharsetDecoder.windows1252Scalar(byte))).utf8))
    }

    /// Handles the `&` at `start`; returns the index after what was consumed.
    static func rewriteReference(_ b: [UInt8], _ start: Int, into out: inout [UInt8]) -> Int {
        let n = b.count
        // The five XML entities (the bulk of escaped HTML in descriptions) stay as written.
        if let length = predefinedEntityLength(b, start) {
            out.append(contentsOf: b[start..<(start + length)])
            return start + length
        }
        var j = start + 1
        let limit = min(n, start + 40)
        while j < limit && b[j] != UInt8(ascii: ";") && isReferenceByte(b[j]) { j += 1 }
        guard j < n, j > start + 1, b[j] == UInt8(ascii: ";") else {
            out.append(contentsOf: Array("&amp;".utf8))
            return start + 1
        }
        let body = Array(b[(start + 1)..<j])
        let next = j + 1
        if body[0] == UInt8(ascii: "#") {
            guard let value = HTMLEntities.characterReferenceValue(body.dropFirst()) else {
                out.append(contentsOf: Array("&amp;".utf8))
                return start + 1
            }
            if let scalar = HTMLEntities.characterReferenceScalar(value), isXMLChar(scalar.value) {
                appendCharacterReference(scalar.value, to: &out)
            }
            return next
        }
        let name = String(decoding: body, as: UTF8.self)
        switch name {
        case "amp", "lt", "gt", "quot", "apos":
            out.append(contentsOf: b[start..<next])
        default:
            if let scalars = HTMLEntities.named(name) {
                for s in scalars.unicodeScalars { appendCharacterReference(s.value, to: &out) }
            } else if !(body.first.map(isNameStart) ?? false) {
                out.append(contentsOf: Array("&amp;".utf8))
                return start + 1
            }
            // An undeclared, unknown entity: dropped.
        }
        return next
    }

    static func isXMLChar(_ v: UInt32) -> Bool {
        v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD) || (v >= 0x10000 && v <= 0x10FFFF)
    }

    static func isReferenceByte(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == UInt8(ascii: "#")
            || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") || c == UInt8(ascii: ":") || c >= 0x80
    }

    static func isNameStart(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == UInt8(ascii: "_") || c == UInt8(ascii: ":") || c >= 0x80
    }
}

import CLibXML2

/// HTML named and numeric character references, from libxml2's built-in HTML 4 table (the
/// 253 entities feeds use without declaring them) plus `&apos;`.
enum HTMLEntities {
    /// The characters an HTML named entity stands for (`eacute` → "é"); names are case-sensitive.
    static func named(_ name: String) -> String? {
        if name == "apos" { return "'" }
        guard let desc = name.withCString({ ptr in
            ptr.withMemoryRebound(to: xmlChar.self, capacity: name.utf8.count + 1) { htmlEntityLookup($0) }
        }) else { return nil }
        guard let scalar = Unicode.Scalar(desc.pointee.value) else { return nil }
        return String(Character(scalar))
    }

    /// The number in a character reference body after `#`: `233` or `x00E9`/`X00e9`; `nil` when malformed.
    static func characterReferenceValue(_ digits: ArraySlice<UInt8>) -> UInt32? {
        guard let first = digits.first else { return nil }
        var value: UInt32 = 0
        if first == UInt8(ascii: "x") || first == UInt8(ascii: "X") {
            let hex = digits.dropFirst()
            guard !hex.isEmpty, hex.count <= 8 else { return nil }
            for c in hex {
                let v: UInt8
                switch c {
                case 0x30...0x39: v = c - 0x30
                case 0x41...0x46: v = c - 0x41 + 10
                case 0x61...0x66: v = c - 0x61 + 10
                default: return nil
                }
                value = value << 4 | UInt32(v)
            }
        } else {
            guard digits.count <= 9 else { return nil }
            for c in digits {
                guard c >= 0x30 && c <= 0x39 else { return nil }
                value = value * 10 + UInt32(c - 0x30)
            }
        }
        return value
    }

    /// The character a numeric reference stands for: 128–159 read as Windows-1252 (as browsers do),
    /// `nil` for 0, surrogates and values past U+10FFFF.
    static func characterReferenceScalar(_ value: UInt32) -> Unicode.Scalar? {
        if value >= 0x80 && value <= 0x9F { return CharsetDecoder.windows1252Scalar(UInt8(value)) }
        if value == 0 { return nil }
        return Unicode.Scalar(value)
    }

    /// Decodes character and named references in `text` exactly once (`&amp;lt;` → `&lt;`, never `<`).
    /// Unknown references and bare `&` are kept as they are.
    static func decodeOnce(_ text: String) -> String {
        guard text.containsUTF8Byte(UInt8(ascii: "&")) else { return text }
        var out: [UInt8] = []
        text.withUTF8Bytes { decodeOnce($0, into: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends UTF-8 `b` to `out` with character and named references decoded exactly once (the
    /// rules of ``decodeOnce(_:)``).
    static func decodeOnce(_ b: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        out.reserveCapacity(out.count + b.count)
        var i = 0
        while i < b.count {
            guard b[i] == UInt8(ascii: "&") else {
                var j = i + 1
                while j < b.count && b[j] != UInt8(ascii: "&") { j += 1 }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<j]))
                i = j
                continue
            }
            var j = i + 1
            while j < b.count && j < i + 40 && b[j] != UInt8(ascii: ";") && isAlnumOrHash(b[j]) { j += 1 }
            if j < b.count && b[j] == UInt8(ascii: ";") && j > i + 1 {
                let body = Array(b[(i + 1)..<j])[...]
                var replacement: String?
                if body.first == UInt8(ascii: "#") {
                    if let v = characterReferenceValue(body.dropFirst()), let s = characterReferenceScalar(v) {
                        replacement = String(Character(s))
                    }
                } else {
                    replacement = named(String(decoding: body, as: UTF8.self))
                }
                if let replacement {
                    out.append(contentsOf: replacement.utf8)
                    i = j + 1
                    continue
                }
            }
            out.append(b[i]); i += 1
        }
    }

    private static func isAlnumOrHash(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == UInt8(ascii: "#")
    }
}

/// How a file path (raw bytes, as the kernel gives it) is written as JSON text (DESIGN §6).
///
/// A path that is valid UTF-8 is written as it is. A path that is not valid UTF-8 is written with
/// each byte that is not part of a well-formed UTF-8 sequence (Unicode §3.9, Table 3-7: no overlong
/// forms, no surrogates, nothing above U+10FFFF) as `%XX` (upper-case hex), and each `%` as `%25`,
/// so the original bytes can be recovered from the text with ``decode(_:)``.
public enum PathText {
    /// The JSON-ready text of `path` (no JSON escaping yet; that is the encoder's job).
    public static func encode(_ path: [UInt8]) -> String {
        if isValidUTF8(path) { return String(decoding: path, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(path.count + 16)
        var i = 0
        while i < path.count {
            let length = wellFormedSequenceLength(path, at: i)
            if length == 0 {
                appendPercent(path[i], to: &out)
                i += 1
            } else if length == 1 && path[i] == UInt8(ascii: "%") {
                appendPercent(path[i], to: &out)
                i += 1
            } else {
                out.append(contentsOf: path[i..<(i + length)])
                i += length
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Recovers the bytes of a path written by ``encode(_:)``. A text with no `%XX` escapes, or
    /// one whose escapes would not have been written (an escaped byte that is valid UTF-8 other
    /// than `%`), is taken literally, as a valid UTF-8 path.
    public static func decode(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        var sawEscape = false
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count,
               let hi = hexValue(bytes[i + 1]), let lo = hexValue(bytes[i + 2]) {
                out.append(hi << 4 | lo)
                i += 3
                sawEscape = true
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        guard sawEscape, !isValidUTF8(out) else { return bytes }
        return encode(out) == text ? out : bytes
    }

    /// Whether `bytes` is entirely well-formed UTF-8.
    public static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        var i = 0
        while i < bytes.count {
            let length = wellFormedSequenceLength(bytes, at: i)
            if length == 0 { return false }
            i += length
        }
        return true
    }

    /// The length (1–4) of the well-formed UTF-8 sequence starting at `i`, or 0 when the byte at
    /// `i` does not start one.
    static func wellFormedSequenceLength(_ b: [UInt8], at i: Int) -> Int {
        let b0 = b[i]
        func continuation(_ k: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            i + k < b.count && range.contains(b[i + k])
        }
        switch b0 {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: return continuation(1) ? 2 : 0
        case 0xE0: return continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : 0
        case 0xED: return continuation(1, 0x80...0x9F) && continuation(2) ? 3 : 0
        case 0xF0: return continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4: return continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default: return 0
        }
    }

    private static let upperHex: [UInt8] = Array("0123456789ABCDEF".utf8)

    private static func appendPercent(_ byte: UInt8, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "%"))
        out.append(upperHex[Int(byte >> 4)])
        out.append(upperHex[Int(byte & 0x0F)])
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }
}

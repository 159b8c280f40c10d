#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Repairs text that is UTF-8 decoded once too often as Windows-1252 or ISO-8859-1 ("mojibake":
/// `Kim Jong Unâ€™s` for `Kim Jong Un’s`), as publishing tools produce when they escape UTF-8 bytes
/// as Latin-1 character references (`&#226;&#128;&#153;`).
///
/// The rule is all-or-nothing per string: every non-ASCII character must be one byte of
/// Windows-1252 (U+0080–U+00FF, or one of the 27 characters Windows-1252 puts at 0x80–0x9F), and
/// those bytes taken together must be valid UTF-8 with at least one multi-byte sequence. Genuine
/// Latin-1 text almost never passes (`café` is `63 61 66 E9`, not UTF-8); text with any character
/// outside Windows-1252 is never touched.
enum DoubleEncodedUTF8 {
    /// Repairs `text` in place (written only when the rule above holds).
    static func repair(_ text: inout String) {
        guard text.withUTF8Bytes(hasLeadByteCharacter) else { return }
        text = repair(text)
    }

    /// `text` re-read as UTF-8 when the rule above holds, else `text` unchanged.
    static func repair(_ text: String) -> String {
        // A repair needs a UTF-8 lead byte 0xC2–0xF4 among the re-encoded bytes, that is one of the
        // characters U+00C2–U+00F4, whose own UTF-8 is C3 82 … C3 B4. Text without such a pair (ASCII
        // text, text whose only non-ASCII characters are quotes and dashes) has nothing to repair.
        if !text.withUTF8Bytes(hasLeadByteCharacter) { return text }
        var bytes: [UInt8] = []
        var sawHigh = false
        for s in text.unicodeScalars {
            let v = s.value
            if v < 0x80 {
                bytes.append(UInt8(v))
            } else if v <= 0xFF {
                bytes.append(UInt8(v)); sawHigh = true
            } else if let b = windows1252Byte[v] {
                bytes.append(b); sawHigh = true
            } else {
                return text
            }
        }
        guard sawHigh, let repaired = String(validating: bytes, as: UTF8.self) else { return text }
        return repaired
    }

    /// True when `buf` holds C3 followed by 82…B4 (the UTF-8 of U+00C2–U+00F4).
    private static func hasLeadByteCharacter(_ buf: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buf.baseAddress else { return false }
        var k = 0
        while k < buf.count, let hit = memchr(base + k, 0xC3, buf.count - k) {
            let at = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
            if at + 1 < buf.count && buf[at + 1] >= 0x82 && buf[at + 1] <= 0xB4 { return true }
            k = at + 1
        }
        return false
    }

    /// The Windows-1252 byte (0x80–0x9F) of each character that encoding maps there (`€` → 0x80).
    private static let windows1252Byte: [UInt32: UInt8] = {
        var map: [UInt32: UInt8] = [:]
        for b in UInt8(0x80)...UInt8(0x9F) {
            let s = CharsetDecoder.windows1252Scalar(b).value
            if s > 0xFF { map[s] = b }
        }
        return map
    }()
}

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
    /// `text` re-read as UTF-8 when the rule above holds, else `text` unchanged.
    static func repair(_ text: String) -> String {
        // ASCII text has nothing to repair.
        if text.withUTF8Bytes({ buf in !buf.contains(where: { $0 >= 0x80 }) }) { return text }
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

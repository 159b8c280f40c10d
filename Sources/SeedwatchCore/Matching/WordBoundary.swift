/// Word-boundary rules of DESIGN §5 (word boundaries in non-Latin scripts): word characters are Unicode letters, marks and
/// digits (general categories L*, M*, N*); a change of script between a spaceless script (Han,
/// Kana) or Hangul and any other script also counts as a boundary.
public enum WordBoundary {
    /// Script classes that matter for boundaries.
    public enum ScriptClass: Sendable, Hashable {
        /// Han ideographs, Hiragana and Katakana: written without spaces; aliases need no boundary.
        case spaceless
        /// Hangul: particles attach on the right, so an alias needs a boundary on its left only.
        case hangul
        case other
    }

    /// The script class of a scalar.
    public static func scriptClass(_ s: Unicode.Scalar) -> ScriptClass {
        switch s.value {
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF,
             0xFF66...0xFF9D, 0x20000...0x3FFFF:
            return .spaceless
        case 0x1100...0x11FF, 0x3130...0x318F, 0xA960...0xA97F, 0xAC00...0xD7AF, 0xD7B0...0xD7FF:
            return .hangul
        default:
            return .other
        }
    }

    /// True for letters, marks and digits (Unicode general categories L*, M*, N*).
    @inline(__always)
    public static func isWordCharacter(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 {
            let b = UInt8(s.value)
            return (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A)
        }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// Whether `neighbour`, standing next to an alias whose edge scalar is `edge`, leaves a boundary.
    @inline(__always)
    public static func separates(_ neighbour: Unicode.Scalar?, from edge: Unicode.Scalar) -> Bool {
        guard let neighbour else { return true }
        if neighbour.value < 0x80 && edge.value < 0x80 { return !isWordCharacter(neighbour) }
        if !isWordCharacter(neighbour) { return true }
        return scriptClass(neighbour) != scriptClass(edge)
    }

    /// The scalar that ends just before byte `offset` of valid UTF-8 `bytes`, if any.
    @inline(__always)
    static func scalar(before offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        guard offset > 0 else { return nil }
        if bytes[offset - 1] < 0x80 { return Unicode.Scalar(bytes[offset - 1]) }
        var start = offset - 1
        while start > 0 && bytes[start] & 0xC0 == 0x80 && offset - start < 4 { start -= 1 }
        return decode(at: start, in: bytes)
    }

    /// The scalar that starts at byte `offset` of valid UTF-8 `bytes`, if any.
    @inline(__always)
    static func decode(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        guard offset < bytes.count else { return nil }
        let b0 = bytes[offset]
        if b0 < 0x80 { return Unicode.Scalar(b0) }
        var length = 0
        var v: UInt32 = 0
        if b0 & 0xE0 == 0xC0 { length = 2; v = UInt32(b0 & 0x1F) }
        else if b0 & 0xF0 == 0xE0 { length = 3; v = UInt32(b0 & 0x0F) }
        else if b0 & 0xF8 == 0xF0 { length = 4; v = UInt32(b0 & 0x07) }
        else { return nil }
        guard offset + length <= bytes.count else { return nil }
        for k in 1..<length { v = v << 6 | UInt32(bytes[offset + k] & 0x3F) }
        return Unicode.Scalar(v)
    }
}

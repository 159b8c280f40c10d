/// Whether two short texts (a title and a description, a `<title>` and an `<h1>`) speak of the
/// same thing, by the words of four or more letters they share after the normaliser (DESIGN §5:
/// case folded, `-` as a space). Short words ("the", "of", "news") say nothing either way.
public enum LongWords {
    /// The words of four or more bytes (runs of ASCII letters and digits and non-ASCII bytes, with
    /// at least one letter: "2026" is no word) of folded UTF-8 `bytes`; `nil` when the text has a code point from U+3000 (lead byte 0xE3 or
    /// above: CJK, kana, Hangul, written without spaces, where words are not runs).
    public static func of(_ bytes: [UInt8]) -> Set<ArraySlice<UInt8>>? {
        var words: Set<ArraySlice<UInt8>> = []
        var start: Int?
        var hasLetter = false
        for i in 0...bytes.count {
            let b: UInt8 = i < bytes.count ? bytes[i] : 0x20
            if b >= 0xE3 && b < 0xF8 { return nil }
            let isDigit = b >= 0x30 && b <= 0x39
            let isLetter = b >= 0x80 || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A)
            if isDigit || isLetter {
                if start == nil { start = i; hasLetter = false }
                hasLetter = hasLetter || isLetter
            } else if let s = start {
                if i - s >= 4 && hasLetter { words.insert(bytes[s..<i]) }
                start = nil
            }
        }
        return words
    }

    /// `false` when `a` has words of four or more letters and `b` has none of them; `true` when
    /// they share one, and when `a` has no such word or either is in a script without spaces (no
    /// evidence against).
    public static func shareOne(_ a: String, _ b: String) -> Bool {
        shareOne(a, folded: Normalizer.normalize(b).folded)
    }

    /// ``shareOne(_:_:)`` with `b` already folded by the normaliser.
    public static func shareOne(_ a: String, folded b: [UInt8]) -> Bool {
        guard let words = of(Normalizer.normalize(a).folded), !words.isEmpty, let others = of(b) else { return true }
        return !words.isDisjoint(with: others)
    }
}

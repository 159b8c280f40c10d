/// The companion test of an ambiguous topic term (`requires` / `within` in `model.yaml`): the term
/// counts only when one of its companion words or phrases stands within `within` words before or
/// after it ("pipeline" counts for energy trade near "oil", "gas" or "energy", not in "a pipeline of
/// robotaxi models"). Comparison is case-insensitive on whole words; a companion phrase of several
/// words must appear as that sequence of words.
public enum CompanionWords {
    /// Whether `term` at `range` (UTF-8 byte offsets into `text`) has a companion in reach. A term
    /// without `requires` always has.
    public static func present(for term: TopicTerm, at range: Range<Int>, in text: String) -> Bool {
        guard !term.requires.isEmpty else { return true }
        return present(for: term, at: range, utf8: ExtractedTextBytes(text: text))
    }

    /// The same on the text's UTF-8 bytes (what the scorer passes: the article's text in place, ``ExtractedTextBytes``).
    static func present(for term: TopicTerm, at range: Range<Int>, utf8: ExtractedTextBytes) -> Bool {
        guard !term.requires.isEmpty else { return true }
        guard range.upperBound <= utf8.count else { return false }
        // Bytes enough for `within` words either side (words rarely pass 24 bytes).
        let reach = term.within * 24 + 24
        let before = Array(lowercasedWords(utf8[max(0, range.lowerBound - reach)..<range.lowerBound]).suffix(term.within))
        let after = Array(lowercasedWords(utf8[range.upperBound..<min(utf8.count, range.upperBound + reach)]).prefix(term.within))
        for phrase in term.requiredPhrases where !phrase.isEmpty {
            if contains(before, phrase) || contains(after, phrase) { return true }
        }
        return false
    }

    /// Whether one of the term's `not_after` words or phrases stands right before `range` (UTF-8
    /// byte offsets into the text's bytes): "Korean" before "war" makes it another war's name.
    static func preceded(for term: TopicTerm, at range: Range<Int>, utf8: ExtractedTextBytes) -> String? {
        guard !term.notAfterPhrases.isEmpty, range.lowerBound <= utf8.count else { return nil }
        let longest = term.notAfterPhrases.map(\.count).max() ?? 0
        let before = Array(lowercasedWords(utf8[max(0, range.lowerBound - longest * 24 - 24)..<range.lowerBound]).suffix(longest))
        for (phrase, text) in zip(term.notAfterPhrases, term.notAfter) where !phrase.isEmpty && before.count >= phrase.count {
            if Array(before.suffix(phrase.count)) == phrase { return text }
        }
        return nil
    }

    static func contains(_ words: [String], _ phrase: [String]) -> Bool {
        guard !phrase.isEmpty, words.count >= phrase.count else { return false }
        for i in 0...(words.count - phrase.count) where words[i] == phrase[0] {
            var j = 1
            while j < phrase.count && words[i + j] == phrase[j] { j += 1 }
            if j == phrase.count { return true }
        }
        return false
    }

    /// Runs of letters and digits, lowercased; everything else separates ("oil's" → "oil", "s").
    static func lowercasedWords(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// ``lowercasedWords(_:)`` of the UTF-8 bytes `bytes` (decoded with repair, as
    /// `String(decoding:as:)`). Bytes that are all ASCII are split in place: an ASCII character is
    /// a letter or number exactly when it is A–Z, a–z or 0–9, and lower-casing maps A–Z to a–z
    /// alone ("\r\n", one `Character`, separates as its two bytes do). Any other byte takes the
    /// `String` path.
    static func lowercasedWords<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [String] {
        var words: [String] = []
        var word: [UInt8] = []
        for b in bytes {
            if b >= 0x80 { return lowercasedWords(String(decoding: bytes, as: UTF8.self)) }
            let lower = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
            if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) {
                word.append(lower)
            } else if !word.isEmpty {
                words.append(String(decoding: word, as: UTF8.self))
                word.removeAll(keepingCapacity: true)
            }
        }
        if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
        return words
    }
}

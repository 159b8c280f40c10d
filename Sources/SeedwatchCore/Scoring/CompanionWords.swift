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
        let before = Array(lowercasedWords(String(decoding: utf8[max(0, range.lowerBound - reach)..<range.lowerBound], as: UTF8.self)).suffix(term.within))
        let after = Array(lowercasedWords(String(decoding: utf8[range.upperBound..<min(utf8.count, range.upperBound + reach)], as: UTF8.self)).prefix(term.within))
        for phrase in term.requiredPhrases where !phrase.isEmpty {
            if contains(before, phrase) || contains(after, phrase) { return true }
        }
        return false
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
}

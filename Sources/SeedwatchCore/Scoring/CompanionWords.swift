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
        let before = WindowWords(utf8[max(0, range.lowerBound - reach)..<range.lowerBound], .last, term.within)
        let after = WindowWords(utf8[range.upperBound..<min(utf8.count, range.upperBound + reach)], .first, term.within)
        for phrase in term.requiredPhrases where !phrase.isEmpty {
            if before.contains(phrase) || after.contains(phrase) { return true }
        }
        return false
    }

    /// Whether one of the term's `not_after` words or phrases stands right before `range` (UTF-8
    /// byte offsets into the text's bytes): "Korean" before "war" makes it another war's name.
    static func preceded(for term: TopicTerm, at range: Range<Int>, utf8: ExtractedTextBytes) -> String? {
        guard !term.notAfterPhrases.isEmpty, range.lowerBound <= utf8.count else { return nil }
        let longest = term.notAfterPhrases.map(\.count).max() ?? 0
        let before = WindowWords(utf8[max(0, range.lowerBound - longest * 24 - 24)..<range.lowerBound], .last, longest)
        for (phrase, text) in zip(term.notAfterPhrases, term.notAfter) where !phrase.isEmpty && before.count >= phrase.count {
            if before.endsWith(phrase) { return text }
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

/// The lower-cased words of a window of text near a match (``CompanionWords/lowercasedWords(_:)``),
/// only the first or last few kept. Those words of a window of ASCII bytes (nearly every one) are read in place
/// into the byte ranges of its words and compared byte for byte, with no `String` per word (issue
/// 15: the companion test made an array of strings per occurrence of an ambiguous term); any
/// other window takes the `String` path. The two agree: an ASCII word byte is a letter or digit and
/// `| 0x20` lower-cases it, and a phrase word (lower-cased by ``CompanionWords/lowercasedWords(_:)``)
/// equals an ASCII word only when it has the same bytes (no non-ASCII word of letters and numbers
/// is canonically equivalent to an ASCII one once lower-cased).
struct WindowWords {
    private let bytes: [UInt8]
    /// The kept words' byte ranges in `bytes`, in order (ASCII window), or `nil`.
    private let spans: ArraySlice<Range<Int>>?
    /// The kept words (any other window), or `nil`.
    private let strings: [String]?

    /// Which words of the window are kept.
    enum End { case first, last }

    /// The first or last `count` words of `bytes`.
    init(_ bytes: [UInt8], _ end: End, _ count: Int) {
        self.bytes = bytes
        if let spans = Self.asciiWords(bytes, end, count) {
            self.spans = spans[...]
            strings = nil
        } else {
            let words = CompanionWords.lowercasedWords(bytes)
            spans = nil
            strings = Array(end == .first ? words.prefix(count) : words.suffix(count))
        }
    }

    /// How many words are kept.
    var count: Int { spans?.count ?? strings?.count ?? 0 }

    /// Whether `phrase` (lower-cased words) stands in the kept words (``CompanionWords/contains(_:_:)``).
    func contains(_ phrase: [String]) -> Bool {
        guard let spans else { return CompanionWords.contains(strings ?? [], phrase) }
        guard !phrase.isEmpty, spans.count >= phrase.count else { return false }
        var i = spans.startIndex
        while i <= spans.endIndex - phrase.count {
            if matches(phrase, at: i, in: spans) { return true }
            i += 1
        }
        return false
    }

    /// Whether the kept words end with `phrase` (lower-cased words).
    func endsWith(_ phrase: [String]) -> Bool {
        guard let spans else { return Array((strings ?? []).suffix(phrase.count)) == phrase }
        guard spans.count >= phrase.count else { return false }
        return matches(phrase, at: spans.endIndex - phrase.count, in: spans)
    }

    private func matches(_ phrase: [String], at i: Int, in spans: ArraySlice<Range<Int>>) -> Bool {
        for (k, word) in phrase.enumerated() where !Self.equal(bytes, spans[i + k], word) { return false }
        return true
    }

    /// Whether the ASCII letters and digits of `bytes` at `span`, lower-cased, are `word`'s bytes.
    private static func equal(_ bytes: [UInt8], _ span: Range<Int>, _ word: String) -> Bool {
        guard word.utf8.count == span.count else { return false }
        var k = span.lowerBound
        for u in word.utf8 {
            guard bytes[k] | 0x20 == u else { return false }
            k += 1
        }
        return true
    }

    /// The byte ranges of the first or last `count` runs of ASCII letters and digits of `bytes`, in
    /// order, or `nil` when a byte read is not ASCII. The first are read forwards, the last
    /// backwards, each only up to the ASCII byte that ends the `count`th run: the `String` path
    /// splits the bytes read into the same words whatever lies beyond (no grapheme cluster joins
    /// an ASCII letter or digit to anything but non-ASCII scalars beside it).
    static func asciiWords(_ bytes: [UInt8], _ end: End, _ count: Int) -> [Range<Int>]? {
        guard count > 0 else { return [] }
        let forward = end == .first
        var spans: [Range<Int>] = []
        spans.reserveCapacity(count)
        // The first byte read of the open run, or -1.
        var open = -1
        var i = forward ? 0 : bytes.count - 1
        while forward ? i < bytes.count : i >= 0 {
            let b = bytes[i]
            if b >= 0x80 { return nil }
            if isWordByte(b) {
                if open < 0 { open = i }
            } else if open >= 0 {
                spans.append(forward ? open..<i : i + 1..<open + 1)
                open = -1
                if spans.count == count { break }
            }
            i += forward ? 1 : -1
        }
        if open >= 0 { spans.append(forward ? open..<bytes.count : 0..<open + 1) }
        return forward ? spans : spans.reversed()
    }

    /// Whether ASCII byte `b` is a letter or digit.
    @inline(__always)
    private static func isWordByte(_ b: UInt8) -> Bool {
        (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10
    }
}

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
/// only the first or last few kept. Those words of a window of ASCII bytes and separator scalars
/// (``asciiWords(_:_:_:)``: nearly every window) are read in place into the byte ranges of its words
/// and compared byte for byte, with no `String` per word (issue 15: the companion test made an array
/// of strings per occurrence of an ambiguous term); any other window takes the `String` path. The two agree: an ASCII word byte is a letter or digit and
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
    /// order, or `nil` when a byte read is neither ASCII nor part of a ``separatorScalar(_:)``. The
    /// first are read forwards, the last backwards, each only up to the byte that ends the `count`th
    /// run: the `String` path splits the bytes read into the same words whatever lies beyond (no
    /// grapheme cluster joins an ASCII letter or digit to anything but non-ASCII scalars beside it,
    /// and a separator scalar is a cluster of its own beside ASCII bytes and other separators).
    ///
    /// A separator scalar (UTF-8, 2 or 3 bytes) ends a run as an ASCII separator does: the windows
    /// of business news hold "£" beside the terms ("oil", "gas"), and took the `String` path, 4 % of
    /// the cycles of a `scan` of 55 MB of BBC news (issue 15).
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
            // Where the separator (one byte, or a separator scalar's bytes) starts and ends.
            var separator = i..<i + 1
            if b >= 0x80 {
                guard let scalar = forward ? Self.separator(startingAt: i, in: bytes) : Self.separator(endingAt: i, in: bytes) else {
                    return nil
                }
                separator = scalar
            } else if isWordByte(b) {
                if open < 0 { open = i }
                i += forward ? 1 : -1
                continue
            }
            if open >= 0 {
                spans.append(forward ? open..<i : i + 1..<open + 1)
                open = -1
                if spans.count == count { break }
            }
            i = forward ? separator.upperBound : separator.lowerBound - 1
        }
        if open >= 0 { spans.append(forward ? open..<bytes.count : 0..<open + 1) }
        return forward ? spans : spans.reversed()
    }

    /// The bytes of the ``separatorScalar(_:)`` whose UTF-8 starts at `i` in `bytes`, or `nil`.
    private static func separator(startingAt i: Int, in bytes: [UInt8]) -> Range<Int>? {
        let b = bytes[i]
        let length = b & 0xE0 == 0xC0 ? 2 : b & 0xF0 == 0xE0 ? 3 : 0
        guard length > 0, i + length <= bytes.count, let scalar = decode(bytes, i, length), separatorScalar(scalar) else { return nil }
        return i..<i + length
    }

    /// The bytes of the ``separatorScalar(_:)`` whose UTF-8 ends at `i` (inclusive) in `bytes`, or `nil`.
    private static func separator(endingAt i: Int, in bytes: [UInt8]) -> Range<Int>? {
        for length in 2...3 where i + 1 >= length {
            let start = i + 1 - length
            if bytes[start] & 0xC0 == 0x80 { continue }
            guard let scalar = decode(bytes, start, length), separatorScalar(scalar) else { return nil }
            return start..<i + 1
        }
        return nil
    }

    /// The scalar of the `length` (2 or 3) bytes at `start`, when they are its shortest UTF-8 form
    /// (no surrogate); else `nil`.
    private static func decode(_ bytes: [UInt8], _ start: Int, _ length: Int) -> UInt32? {
        let lead = UInt32(bytes[start])
        guard length == 2 ? lead & 0xE0 == 0xC0 : lead & 0xF0 == 0xE0 else { return nil }
        var value = lead & (length == 2 ? 0x1F : 0x0F)
        for k in 1..<length {
            let c = bytes[start + k]
            guard c & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(c & 0x3F)
        }
        guard value >= (length == 2 ? 0x80 : 0x800), !(0xD800...0xDFFF).contains(value) else { return nil }
        return value
    }

    /// Whether the scalar `value` is one that the `String` path reads as a separator whatever ASCII
    /// stands beside it: neither alphabetic nor numeric, its own lower case, and of Grapheme_Cluster_Break
    /// Other (UAX #29: never joined to an ASCII neighbour). The punctuation, currency and space signs
    /// of news text: NBSP, ¢ £ ¥ © « ® ° », – — ‘ ’ “ ” • …, €, U+FFFD.
    static func separatorScalar(_ value: UInt32) -> Bool {
        switch value {
        case 0xA0, 0xA2, 0xA3, 0xA5, 0xA9, 0xAB, 0xAE, 0xB0, 0xBB,
             0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026, 0x20AC, 0xFFFD:
            return true
        default:
            return false
        }
    }

    /// Whether ASCII byte `b` is a letter or digit.
    @inline(__always)
    private static func isWordByte(_ b: UInt8) -> Bool {
        (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10
    }
}

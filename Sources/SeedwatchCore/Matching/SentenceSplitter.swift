/// Splits extracted text into sentences, the unit of evidence (DESIGN §5).
///
/// Lines (`"\n"`) always end a sentence. Inside a line, `.`, `!` or `?` (optionally followed by
/// closing quotes or brackets) ends a sentence when white space and then an upper-case letter,
/// digit, opening quote or non-ASCII letter follow, unless the word before is a known abbreviation
/// ("Mr.", "U.S.", "Gen.") or a single capital letter. `。`, `！` and `？` always end a sentence.
public enum SentenceSplitter {
    /// Sentence ranges as UTF-8 byte offsets into `text`, trimmed of surrounding white space;
    /// empty sentences are dropped.
    public static func split(_ text: String) -> [Range<Int>] {
        var result: [Range<Int>] = []
        text.withUTF8Bytes { split(bytes: $0, base: 0, into: &result) }
        return result
    }

    /// ``split(_:)`` of an article's extracted text read in place: the title and the body are split
    /// each on its own, which gives the ranges of the joined text (the line feed between them ends
    /// a sentence, and no rule looks across a line feed).
    public static func split(_ text: ExtractedTextBytes) -> [Range<Int>] {
        var result: [Range<Int>] = []
        if let head = text.head { head.withUTF8Bytes { split(bytes: $0, base: 0, into: &result) } }
        text.tail.withUTF8Bytes { split(bytes: $0, base: text.tailStart, into: &result) }
        return result
    }

    /// ``split(_:)`` over UTF-8 bytes in memory.
    static func split(bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        split(bytes: bytes, base: 0, into: &result)
        return result
    }

    /// Appends the sentences of `bytes` to `result`, each range moved by `base` bytes.
    static func split(bytes: UnsafeBufferPointer<UInt8>, base: Int, into result: inout [Range<Int>]) {
        var start = 0
        let n = bytes.count

        func push(_ lo: Int, _ hi: Int) {
            var a = lo, b = hi
            while a < b && isSpace(bytes[a]) { a += 1 }
            while b > a && isSpace(bytes[b - 1]) { b -= 1 }
            if a < b { result.append((a + base)..<(b + base)) }
        }

        var i = 0
        let base = bytes.baseAddress
        while i < n {
            if i + 8 <= n, let base {
                // Skip eight bytes at a time to the first that may end a sentence: a line feed, `.`,
                // `!`, `?`, or the lead byte of `。`, `！`, `？` (E3, EF).
                let word = ASCIIWord(base + i)
                let stops = word.equal(0x0A) | word.equal(0x2E) | word.equal(0x21) | word.equal(0x3F)
                    | word.equal(0xE3) | word.equal(0xEF)
                if stops == 0 {
                    i += 8
                    continue
                }
                i += ASCIIWord.firstByte(stops)
            }
            let b = bytes[i]
            if b == 0x0A {
                push(start, i)
                start = i + 1
                i += 1
                continue
            }
            // 。！？ (E3 80 82, EF BC 81, EF BC 9F)
            if b == 0xE3 && i + 2 < n && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x82
                || b == 0xEF && i + 2 < n && bytes[i + 1] == 0xBC && (bytes[i + 2] == 0x81 || bytes[i + 2] == 0x9F) {
                push(start, i + 3)
                start = i + 3
                i += 3
                continue
            }
            if b == 0x2E || b == 0x21 || b == 0x3F {
                var j = i + 1
                // closing quotes and brackets: " ' ) ] and ” ’ (E2 80 9D / E2 80 99)
                while j < n {
                    if bytes[j] == 0x22 || bytes[j] == 0x27 || bytes[j] == 0x29 || bytes[j] == 0x5D { j += 1; continue }
                    if bytes[j] == 0xE2 && j + 2 < n && bytes[j + 1] == 0x80 && (bytes[j + 2] == 0x9D || bytes[j + 2] == 0x99) { j += 3; continue }
                    break
                }
                var k = j
                var sawSpace = false
                while k < n && (bytes[k] == 0x20 || bytes[k] == 0x09) { k += 1; sawSpace = true }
                if sawSpace && k < n && startsSentence(bytes, k) && !(b == 0x2E && isAbbreviation(bytes, before: i)) {
                    push(start, j)
                    start = j
                    i = k
                    continue
                }
                i = j
                continue
            }
            i += 1
        }
        push(start, n)
    }

    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    static func startsSentence(_ bytes: UnsafeBufferPointer<UInt8>, _ k: Int) -> Bool {
        let c = bytes[k]
        if c >= 0x41 && c <= 0x5A { return true }       // A–Z
        if c >= 0x30 && c <= 0x39 { return true }       // 0–9
        if c == 0x22 || c == 0x27 || c == 0x28 || c == 0x5B { return true }
        if c >= 0xC0 { return true }                    // non-ASCII: curly quotes, other scripts
        return false
    }

    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sgt", "capt", "cpt", "maj", "adm", "cmdr", "sen", "rep",
        "gov", "prof", "jr", "sr", "rev", "hon", "pres", "vs", "etc", "inc", "corp", "co", "ltd", "dept", "univ",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "fig", "approx", "est",
        "u.s", "u.n", "u.k", "e.g", "i.e", "a.m", "p.m", "d.c", "s", "mt", "ft",
    ]

    /// ``abbreviations`` as ``isAbbreviation(_:before:)`` looks them up: the lower-case bytes of each
    /// packed big-endian into a `UInt64` (each is at most 8 bytes and holds no NUL, so keys are
    /// distinct), so that no `String` is made per full stop.
    static let abbreviationKeys: Set<UInt64> = Set(abbreviations.map { word in
        word.utf8.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    })

    /// Whether the word ending at the `.` at `dot` is an abbreviation or an initial.
    static func isAbbreviation(_ bytes: UnsafeBufferPointer<UInt8>, before dot: Int) -> Bool {
        var a = dot
        while a > 0 {
            let c = bytes[a - 1]
            let isWordByte = (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == 0x2E
            if !isWordByte { break }
            a -= 1
        }
        guard a < dot else { return false }
        // An initial: "J. Smith".
        if dot - a == 1 && bytes[a] >= 0x41 && bytes[a] <= 0x5A { return true }
        guard dot - a <= 8 else { return false }
        // The word is ASCII letters and dots: `| 0x20` lower-cases a letter and keeps a dot.
        var key: UInt64 = 0
        for k in a..<dot { key = key << 8 | UInt64(bytes[k] | 0x20) }
        return abbreviationKeys.contains(key)
    }
}

import Foundation

/// The content words of a text, as the story rules compare them: the words that say what an
/// article is about, without the words that every news article uses.
///
/// A word is a run of Unicode scalars that are alphabetic (property Alphabetic) or numeric (any
/// numeric type) in the folded form of the normaliser of DESIGN §5 (``Normalizer``: NFKC, case
/// folded, `-` as a space), lower-cased; an apostrophe splits ("Russia's" gives "russia", "s").
/// Dropped: one-scalar words, and the ``commonWords``.
///
/// Each word is kept as a 64-bit FNV-1a hash of its UTF-8 bytes (Fowler–Noll–Vo, offset basis
/// 14695981039346656037, prime 1099511628211), so a signature is the same in every process and on
/// every machine (Swift's `Hasher` is seeded per process).
public enum ContentWords {
    /// Words that at least ``commonShare`` of the documents of the shipped background table hold
    /// (``BackgroundFrequency``, 10,376 English news articles): "the", "said", "government",
    /// "monday"… Empty when that table cannot be read. English only: in other languages the
    /// function words stay in, which raises the overlap of unrelated articles a little.
    public static let commonWords: Set<String> = {
        guard let text = try? BundledData.text("background-df", "tsv") else { return [] }
        return commonWords(inBackgroundTable: text, share: commonShare)
    }()

    /// The single words (no two-word phrases) of a background table (`#documents<TAB>N`, then
    /// `term<TAB>df` lines, as ``BackgroundFrequency/parse(_:name:)`` reads it) held by at least
    /// `share` (0…1) of its documents. Malformed lines are skipped.
    public static func commonWords(inBackgroundTable text: String, share: Double) -> Set<String> {
        // Read on UTF-8 bytes (the shipped table has 60,000 lines; splitting it by `Character` took
        // a tenth of a `scan` of 889 pages). Lines end at LF; a term ends at its first tab.
        var documents = 0
        var rows: [(term: Range<Int>, count: Int)] = []
        var text = text
        return text.withUTF8 { utf8 -> Set<String> in
            let n = utf8.count
            var lineStart = 0
            while lineStart < n {
                var lineEnd = lineStart
                while lineEnd < n && utf8[lineEnd] != 0x0A { lineEnd += 1 }
                defer { lineStart = lineEnd + 1 }
                var tab = lineStart
                while tab < lineEnd && utf8[tab] != 0x09 { tab += 1 }
                guard tab < lineEnd, let count = Self.decimal(utf8, tab + 1..<lineEnd) else { continue }
                let term = lineStart..<tab
                if utf8[term].elementsEqual("#documents".utf8) {
                    documents = count
                } else if !utf8[term].contains(0x20) {
                    rows.append((term, count))
                }
            }
            guard documents > 0 else { return [] }
            let least = share * Double(documents)
            return Set(rows.filter { Double($0.count) >= least }
                .map { String(decoding: UnsafeBufferPointer(rebasing: utf8[$0.term]), as: UTF8.self) })
        }
    }

    /// The value of ASCII digits with an optional sign (what `Int(_:)` of a `Substring` accepts),
    /// or `nil`.
    private static func decimal(_ utf8: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var digits = range
        var negative = false
        if let first = digits.first, utf8[first] == UInt8(ascii: "-") || utf8[first] == UInt8(ascii: "+") {
            negative = utf8[first] == UInt8(ascii: "-")
            digits = first + 1..<digits.upperBound
        }
        guard !digits.isEmpty else { return nil }
        var value = 0
        for i in digits {
            let d = utf8[i] &- UInt8(ascii: "0")
            guard d < 10 else { return nil }
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = negative ? times.subtractingReportingOverflow(Int(d)) : times.addingReportingOverflow(Int(d))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        return value
    }

    /// The share of background documents (0…1) at or above which a word is common: 0.05.
    public static let commonShare = 0.05

    /// The distinct content words of `text`, as FNV-1a hashes, without the ``commonWords``.
    /// - Parameter text: any text (title and body, as the matcher sees it).
    public static func hashes(of text: String) -> Set<UInt64> {
        hashes(of: text, dropping: commonTable)
    }

    /// The distinct content words of `text` but `common`, as FNV-1a hashes.
    public static func hashes(of text: String, dropping common: Set<String>) -> Set<UInt64> {
        hashes(of: text, dropping: WordHashTable(common))
    }

    static func hashes(of text: String, dropping common: WordHashTable) -> Set<UInt64> {
        hashes(of: Normalizer.normalize(text), dropping: common)
    }

    /// ``hashes(of:)`` of the concatenation of `pieces`, without building it: a story fingerprint
    /// reads an article's title, `"\n"` and body so, and a 50 MB body is not copied once more
    /// (issue 15: peak memory of one large article).
    /// The text is read from its own bytes and only its non-ASCII stretches are normalised
    /// (``forEachWord(inConcatenationOf:_:)``).
    public static func hashes(ofConcatenationOf pieces: [String]) -> Set<UInt64> {
        hashes(ofConcatenationOf: pieces, dropping: commonTable)
    }

    /// ``hashes(of:)`` of text already normalised (``Normalizer/normalize(_:)``): the same set, read
    /// from its ``NormalizedText/folded`` bytes without normalising the text again. The matcher's
    /// normalised title and body (``Normalizer/normalize(article:)``) give the set of the title, a
    /// line break and the body.
    public static func hashes(of normalized: NormalizedText) -> Set<UInt64> {
        hashes(of: normalized, dropping: commonTable)
    }

    static func hashes(of normalized: NormalizedText, dropping common: WordHashTable) -> Set<UInt64> {
        var distinct = HashAccumulator()
        // A word seen shortly before is skipped unhashed (``RecentWords``): a set needs each word once.
        let recent = RecentWords()
        var words = WordBuilder()
        defer {
            words.deallocate()
            recent.deallocate()
        }
        func gather(_ word: UnsafeBufferPointer<UInt8>, _ hash: UInt64) -> Bool {
            // A hash already gathered gathers nothing more: most words of a long text repeat, and
            // they skip the common-word lookup.
            if !distinct.contains(hash) && !common.contains(word, hash: hash) { distinct.insert(hash) }
            return true
        }
        _ = normalized.folded.withUnsafeBufferPointer {
            words.append(folded: $0, skip: { recent.seenBefore($0, count: $1, readable: $2) }, gather)
        }
        _ = words.finish(gather)
        return distinct.set
    }

    /// The distinct content words of a title and the lead of a body — the first `leadWords` words
    /// of `body` (counted before common words are dropped) — as FNV-1a hashes, without the
    /// ``commonWords``: what an outlet says first about an event, where two reports of it agree most.
    public static func leadHashes(title: String, body: String, leadWords: Int) -> Set<UInt64> {
        leadHashes(title: title, body: body, leadWords: leadWords, dropping: commonTable)
    }

    /// ``leadHashes(title:body:leadWords:)`` without the words of `common`.
    public static func leadHashes(title: String, body: String, leadWords: Int, dropping common: Set<String>) -> Set<UInt64> {
        leadHashes(title: title, body: body, leadWords: leadWords, dropping: WordHashTable(common))
    }

    static func leadHashes(title: String, body: String, leadWords: Int, dropping common: WordHashTable) -> Set<UInt64> {
        var distinct = HashAccumulator()
        forEachWord(in: title) { word, hash in
            if !common.contains(word, hash: hash) { distinct.insert(hash) }
            return true
        }
        var taken = 0
        forEachWord(in: leadPrefix(of: body, words: leadWords)) { word, hash in
            guard taken < leadWords else { return false }
            taken += 1
            if !common.contains(word, hash: hash) { distinct.insert(hash) }
            return true
        }
        return distinct.set
    }

    /// A prefix of `body` that holds at least its first `words` words as the whole body does, or
    /// the body itself: the lead's words are read without normalising a long body to its end.
    ///
    /// The prefix ends just after an ASCII space or line feed that an ASCII byte follows. No grapheme
    /// cluster spans that point (UAX #29: no ASCII character is Extend, SpacingMark or ZWJ, and a
    /// line feed ends its cluster), and no word either, so the normaliser and the word split read
    /// the prefix as they read the same bytes of the body. It grows fourfold until it holds more
    /// than `words` words (a word may end at its end).
    static func leadPrefix(of body: String, words: Int) -> String {
        var body = body
        var length = max(256, words * 16)
        while length < body.utf8.count {
            let cut: Int? = body.withUTF8 { p in
                var c = length
                while c < p.count && !((p[c - 1] == 0x20 || p[c - 1] == 0x0A) && p[c] < 0x80) { c += 1 }
                return c < p.count ? c : nil
            }
            guard let cut else { return body }
            let prefix = String(decoding: body.utf8.prefix(cut), as: UTF8.self)
            var count = 0
            forEachWord(in: prefix) { _, _ in
                count += 1
                return count <= words
            }
            if count > words { return prefix }
            length = cut * 4
        }
        return body
    }

    /// The words of `text` in order (see the type's description), before common words are dropped.
    public static func words(of text: String) -> [String] {
        var words: [String] = []
        forEachWord(in: text) { word, _ in
            words.append(String(decoding: word, as: UTF8.self))
            return true
        }
        return words
    }

    /// Calls `body` with each word of `text` in order (see the type's description): its UTF-8 bytes
    /// (valid only during the call) and its ``fnv1a(_:)`` hash; stops when `body` returns false.
    ///
    /// Reads the normaliser's folded bytes once: an ASCII byte is a word byte when it is a letter
    /// or digit; any other scalar is lower-cased (its full lower-case mapping, as
    /// `String.lowercased()` maps each scalar) and each scalar of that mapping is a word scalar when
    /// it is alphabetic or numeric. No `String` is made per word or per character.
    static func forEachWord(in text: String, _ body: (UnsafeBufferPointer<UInt8>, UInt64) -> Bool) {
        forEachWord(inFolded: Normalizer.normalize(text).folded, body)
    }

    /// ``forEachWord(in:_:)`` over the folded bytes of a normalised text (``NormalizedText/folded``).
    static func forEachWord(inFolded folded: [UInt8], _ body: (UnsafeBufferPointer<UInt8>, UInt64) -> Bool) {
        var words = WordBuilder()
        defer { words.deallocate() }
        let going = folded.withUnsafeBufferPointer { words.append(folded: $0, body) }
        if going { _ = words.finish(body) }
    }

    static let fnvOffset: UInt64 = 14_695_981_039_346_656_037
    static let fnvPrime: UInt64 = 1_099_511_628_211

    /// ``commonWords`` as a ``WordHashTable``.
    static let commonTable = WordHashTable(commonWords)

    /// 64-bit FNV-1a of the UTF-8 bytes of `word`.
    public static func fnv1a(_ word: String) -> UInt64 {
        var hash: UInt64 = 14_695_981_039_346_656_037
        for byte in word.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 1_099_511_628_211
        }
        return hash
    }
}

/// The content words of a text read from its original UTF-8 bytes, without normalising the whole
/// text (issue 15: a long article's story signature normalised it a second time, after the matcher).
///
/// An ASCII letter or digit is a word byte as it is (lower-cased), and every other ASCII byte ends a
/// word, as in the normaliser's folded bytes, which differ from ASCII text only in letter case,
/// white space, `-` and `` ` `` (none of them a word byte). From a non-ASCII byte the text is
/// normalised (``Normalizer/foldedSegment(of:_:_:cache:)``) from the start of the word it stands in
/// up to the next ASCII white space byte that an ASCII byte or the end follows (no grapheme cluster
/// and no word spans that point), with one ``NormalizerCache`` for the whole text, as
/// ``Normalizer/normalize(concatenationOf:)`` reads it; the folded bytes of that stretch are split
/// as ``ContentWords/forEachWord(inFolded:_:)`` splits them.
extension ContentWords {
    /// ``hashes(ofConcatenationOf:)`` without the words of `common`.
    ///
    /// A set needs each distinct word once: an ASCII word that ends at an ASCII byte and that
    /// ``RecentWords`` saw shortly before is skipped before it is hashed (issue 15: the word walk
    /// of a 55 MB text spent most of its time hashing and looking up words it had already seen).
    static func hashes(ofConcatenationOf pieces: [String], dropping common: WordHashTable) -> Set<UInt64> {
        var distinct = HashAccumulator()
        let recent = RecentWords()
        defer { recent.deallocate() }
        walkWords(inConcatenationOf: pieces, skipping: recent) { word, hash in
            if !distinct.contains(hash) && !common.contains(word, hash: hash) { distinct.insert(hash) }
            return true
        }
        return distinct.set
    }

    /// Calls `body` with each word of the concatenation of `pieces` in order, as
    /// ``forEachWord(in:_:)`` of the joined text does (see the extension's description); stops when
    /// `body` returns false. As with ``Normalizer/normalize(concatenationOf:)``, no grapheme cluster
    /// may span two pieces.
    static func forEachWord(inConcatenationOf pieces: [String], _ body: (UnsafeBufferPointer<UInt8>, UInt64) -> Bool) {
        walkWords(inConcatenationOf: pieces, skipping: nil, body)
    }

    /// ``forEachWord(inConcatenationOf:_:)``, but a word of ASCII letters and digits that starts in
    /// a piece and ends at an ASCII byte of it is not passed to `body` when `recent` saw it before
    /// (``RecentWords/seenBefore(_:count:readable:)``). `recent` is tested in the loop itself, not
    /// through a closure: a call per word of a 55 MB text cost more than the test (issue 15).
    @inline(__always)
    private static func walkWords(inConcatenationOf pieces: [String], skipping recent: RecentWords?,
                                  _ body: (UnsafeBufferPointer<UInt8>, UInt64) -> Bool) {
        var words = WordBuilder()
        defer { words.deallocate() }
        var cache = NormalizerCache()
        for piece in pieces {
            var utf8 = piece
            let going = utf8.withUTF8 { p -> Bool in
                let n = p.count
                // Where the open word started in this piece, and whether it did (else it began in an
                // earlier piece, whose part stood in the builder at this piece's start).
                var wordStart = 0
                var startedHere = false
                let atPieceStart = words.state
                var i = 0
                while i < n {
                    let b = p[i]
                    if b < 0x80 {
                        if WordBuilder.isWordByte(b) {
                            // The ASCII letters and digits from here, at once, eight bytes at a time.
                            let j = WordBuilder.endOfASCIIWord(p, from: i + 1)
                            // A whole word that an ASCII byte ends (a non-ASCII one may extend it).
                            if words.scalars == 0 && j < n && p[j] < 0x80, let recent,
                               recent.seenBefore(p.baseAddress! + i, count: j - i, readable: n - i) {
                                i = j
                                continue
                            }
                            if words.scalars == 0 {
                                wordStart = i
                                startedHere = true
                            }
                            words.appendASCII(p.baseAddress! + i, count: j - i)
                            i = j
                            continue
                        }
                        if words.scalars > 0 {
                            guard words.end(body) else { return false }
                        }
                        i += 1
                        continue
                    }
                    // The open word is read again from its start, normalised with the rest of the stretch.
                    let start = words.scalars > 0 ? wordStart : i
                    if words.scalars > 0 { words.state = startedHere ? WordBuilder.State() : atPieceStart }
                    var end = i + 1
                    while end < n && !(Normalizer.isASCIISpace(p[end]) && (end + 1 == n || p[end + 1] < 0x80)) { end += 1 }
                    let folded = Normalizer.foldedSegment(of: piece, p, start..<end, cache: &cache)
                    guard folded.withUnsafeBufferPointer({ words.append(folded: $0, body) }) else { return false }
                    // A word still open here ends at the piece's end: the segment ends at white space otherwise.
                    i = end
                }
                return true
            }
            guard going else { return }
        }
        _ = words.finish(body)
    }
}

/// The word under construction while a text is split into words (``ContentWords/forEachWord(inFolded:_:)``):
/// its bytes, lower-cased, in a buffer that grows as needed, its scalar count and its FNV-1a hash.
struct WordBuilder {
    struct State {
        var length = 0
        var scalars = 0
        var hash = ContentWords.fnvOffset
    }

    private var word = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
    private var capacity = 256
    var state = State()

    var scalars: Int { state.scalars }

    mutating func deallocate() { word.deallocate() }

    @inline(__always)
    private mutating func reserve(_ more: Int) {
        guard state.length + more > capacity else { return }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: (state.length + more) * 2)
        grown.update(from: word, count: state.length)
        word.deallocate()
        word = grown
        capacity = (state.length + more) * 2
    }

    /// The offset of the first byte at or after `i` in `p` that is not an ASCII letter or digit, or
    /// `p.count`.
    @inline(__always)
    static func endOfASCIIWord(_ p: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
        let n = p.count
        var j = i
        while j + 8 <= n {
            let stop = ASCIIWord(p.baseAddress! + j).notLetterOrDigit
            if stop != 0 { return j + ASCIIWord.firstByte(stop) }
            j += 8
        }
        while j < n && isWordByte(p[j]) { j += 1 }
        return j
    }

    /// Whether ASCII byte `b` is a letter or digit.
    @inline(__always)
    static func isWordByte(_ b: UInt8) -> Bool {
        (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10
    }

    /// Adds `count` ASCII letters and digits at `p`, lower-cased (`| 0x20` lower-cases a letter and
    /// keeps a digit), each a scalar.
    @inline(__always)
    mutating func appendASCII(_ p: UnsafePointer<UInt8>, count: Int) {
        reserve(count)
        let out = word + state.length
        var hash = state.hash
        for k in 0..<count {
            let c = p[k] | 0x20
            out[k] = c
            hash = (hash ^ UInt64(c)) &* ContentWords.fnvPrime
        }
        state.hash = hash
        state.length += count
        state.scalars += count
    }

    /// Adds one byte of a word scalar (`scalar`: whether it starts a scalar).
    @inline(__always)
    mutating func append(_ byte: UInt8, startsScalar: Bool = true) {
        reserve(1)
        word[state.length] = byte
        state.length += 1
        if startsScalar { state.scalars += 1 }
        state.hash = (state.hash ^ UInt64(byte)) &* ContentWords.fnvPrime
    }

    /// Ends the open word: calls `body` with it when it has two scalars or more; returns what
    /// `body` returned (true when not called).
    @inline(__always)
    mutating func end(_ body: (UnsafeBufferPointer<UInt8>, UInt64) -> Bool) -> Bool {
        let keep = state.scalars > 1 ? body(UnsafeBufferPointer(start: word, count: state.length), state.hash) : true
        state = State()
        return keep
    }

    /// Ends the text: the open word, if any (see ``end(_:)``).
    mutating func finish(_ body: (UnsafeBufferPointer<UInt8>, UInt64) -> Bool) -> Bool {
        state.scalars > 0 ? end(body) : true
    }

    /// Splits folded bytes of a normalised text (``NormalizedText/folded``) into words, carrying
    /// the open word in and out: an ASCII byte is a word byte when it is a letter or digit; any
    /// other scalar is lower-cased (its full lower-case mapping, as `String.lowercased()` maps each
    /// scalar) and each scalar of that mapping is a word scalar when it is alphabetic or numeric.
    /// Returns false when `body` did.
    mutating func append(folded p: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, UInt64) -> Bool) -> Bool {
        append(folded: p, skip: { _, _, _ in false }, body)
    }

    /// ``append(folded:_:)``, but a word of ASCII letters and digits that starts and ends in `p`,
    /// at an ASCII byte, is not passed to `body` when `skip` (its bytes, their count, and the count
    /// of bytes readable from its start) returns true.
    @inline(__always)
    mutating func append(folded p: UnsafeBufferPointer<UInt8>, skip: (UnsafePointer<UInt8>, Int, Int) -> Bool,
                         _ body: (UnsafeBufferPointer<UInt8>, UInt64) -> Bool) -> Bool {
        let n = p.count
        var i = 0
        while i < n {
            let b = p[i]
            if b < 0x80 {
                if state.scalars == 0 && Self.isWordByte(b) {
                    // A word's ASCII letters and digits at once, eight bytes at a time.
                    let j = Self.endOfASCIIWord(p, from: i + 1)
                    if !(j < n && p[j] < 0x80 && skip(p.baseAddress! + i, j - i, n - i)) {
                        appendASCII(p.baseAddress! + i, count: j - i)
                    }
                    i = j
                    continue
                }
                let lower = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) {
                    append(lower)
                } else if state.scalars > 0 {
                    guard end(body) else { return false }
                }
                i += 1
                continue
            }
            let scalar = UTF8Lines.scalar(at: i, in: p.baseAddress!)
            i += b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
            for s in scalar.properties.lowercaseMapping.unicodeScalars {
                if s.properties.isAlphabetic || s.properties.numericType != nil {
                    var first = true
                    for u in s.utf8 {
                        append(u, startsScalar: first)
                        first = false
                    }
                } else if state.scalars > 0 {
                    guard end(body) else { return false }
                }
            }
        }
        return true
    }
}

/// The ASCII words of up to 16 bytes seen last, for ``ContentWords/hashes(ofConcatenationOf:dropping:)``:
/// a direct-mapped table of 8,192 words (128 KiB) keyed by the lower-cased bytes themselves, so a
/// word seen before is recognised without its FNV-1a hash or a lookup in the (much larger) set of
/// distinct words. Most words of a long text repeat a word of the last few thousand distinct ones.
struct RecentWords {
    private static let bits = 13
    /// Two `UInt64` per slot: the word's first eight bytes and its next up to eight, lower-cased,
    /// little-endian, zero past its end (a word byte is never zero); 0, 0 for an empty slot.
    private let table = UnsafeMutablePointer<UInt64>.allocate(capacity: 2 << bits)

    init() { table.initialize(repeating: 0, count: 2 << Self.bits) }

    func deallocate() { table.deallocate() }

    /// Whether the word of `count` ASCII letters and digits at `p` (`readable` bytes from `p` may
    /// be read, `readable > count`) was seen since it last left the table, or needs no walk (one
    /// letter: not a content word). A word not seen is added: the caller passes it on.
    @inline(__always)
    func seenBefore(_ p: UnsafePointer<UInt8>, count: Int, readable: Int) -> Bool {
        if count < 2 { return true }
        if count > 16 { return false }
        // `| 0x20` lower-cases a letter and keeps a digit; only the word's bytes are kept.
        let lower = ASCIIWord.ones &* 0x20
        var first: UInt64 = 0, second: UInt64 = 0
        if readable >= 16 {
            let raw = UnsafeRawPointer(p)
            let firstMask: UInt64 = count >= 8 ? ~0 : (1 << (UInt64(count) << 3)) &- 1
            first = (UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)) | lower) & firstMask
            if count > 8 {
                let secondMask: UInt64 = count == 16 ? ~0 : (1 << (UInt64(count - 8) << 3)) &- 1
                second = (UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) | lower) & secondMask
            }
        } else {
            for k in 0..<min(count, 8) { first |= UInt64(p[k] | 0x20) << (UInt64(k) << 3) }
            for k in 8..<max(count, 8) { second |= UInt64(p[k] | 0x20) << (UInt64(k - 8) << 3) }
        }
        let slot = Int(truncatingIfNeeded: ((first ^ second &* 0xC2B2_AE3D_27D4_EB4F) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - Self.bits)) << 1
        if table[slot] == first && table[slot + 1] == second { return true }
        table[slot] = first
        table[slot + 1] = second
        return false
    }
}

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
    static func hashes(ofConcatenationOf pieces: [String], dropping common: WordHashTable) -> Set<UInt64> {
        var distinct = HashAccumulator()
        forEachWord(inConcatenationOf: pieces) { word, hash in
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
                            // The ASCII letters and digits from here, at once.
                            var j = i + 1
                            while j < n && WordBuilder.isWordByte(p[j]) { j += 1 }
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
        let n = p.count
        var i = 0
        while i < n {
            let b = p[i]
            if b < 0x80 {
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

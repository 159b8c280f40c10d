import Foundation

/// The one normaliser that both text and aliases pass through (DESIGN §5), in this order:
/// apostrophes (U+2019, U+2018, U+02BC, U+02BB, U+FF07, U+00B4, U+0060) → `'`; Unicode NFKC;
/// soft hyphen (U+00AD), U+2060, U+FEFF and U+200B–U+200D removed; NBSP, U+202F and every other
/// white space → one space (runs collapse, leading and trailing space dropped); hyphens and dashes
/// (U+2010–U+2015, U+2212) → `-`. Case folding is applied only to ``NormalizedText/folded``.
///
/// Reads the UTF-8 bytes once. An ASCII byte that no combining mark follows is a whole character
/// and is written as it is (white space collapsed, `` ` `` as `'`); any other character is
/// normalised once per distinct grapheme cluster and then copied from a cache
/// (``NormalizerCache``).
public enum Normalizer {
    /// Normalises `text`.
    /// - Parameter text: any string; its UTF-8 offsets are what ``NormalizedText/originalOffset(_:)`` refers to.
    /// - Returns: the normalised bytes, their folded twin and the offset map.
    public static func normalize(_ text: String) -> NormalizedText {
        normalize(concatenationOf: [text])
    }

    /// Normalises the concatenation of `pieces` without building it: the same result as
    /// `normalize(pieces.joined())`, whose UTF-8 offsets ``NormalizedText/originalOffset(_:)``
    /// refers to. The matcher reads an article's title, `"\n"` and body so (no joined copy).
    public static func normalize(concatenationOf pieces: [String]) -> NormalizedText {
        let total = pieces.reduce(0) { $0 + $1.utf8.count }
        // NFKC may lengthen a character (U+FDFA: 3 bytes → 33); the rare text that outgrows
        // its own length is written again with room for the worst case.
        if let result = normalize(pieces, total: total, capacity: total + 16) { return result }
        return normalize(pieces, total: total, capacity: total * 11 + 16)!
    }

    /// Normalises an alias, exclusion or topic term: the same rules as text (DESIGN §5).
    public static func normalizeAlias(_ alias: String) -> NormalizedText {
        normalize(alias)
    }

    /// One pass over the UTF-8 of `pieces` (`total` bytes in all), writing at most `capacity`
    /// bytes; `nil` when the output would be longer.
    private static func normalize(_ pieces: [String], total: Int, capacity: Int) -> NormalizedText? {
        var writer = Writer()
        // One cache for every piece: canonically equivalent clusters share the entry of the first one
        // met (its `String` keys), so a cache per piece could write a later one differently.
        var cache = NormalizerCache()
        var fits = true
        let folded = [UInt8](unsafeUninitializedCapacity: capacity) { foldedBuffer, foldedCount in
            writer.foldedOut = foldedBuffer.baseAddress!
            HugePages.advise(foldedBuffer.baseAddress!, count: foldedBuffer.count)
            writer.capacity = capacity
            var base = 0
            for piece in pieces where fits {
                var utf8 = piece
                fits = utf8.withUTF8 { run(piece, $0, base: base, &writer, &cache) }
                base += piece.utf8.count
            }
            // A space is written only before a later non-space: none at the end.
            writer.pendingSpace = false
            foldedCount = fits ? writer.count : 0
        }
        guard fits else { return nil }
        return NormalizedText(folded: folded, exceptionOffsets: writer.exceptionOffsets, exceptionBytes: writer.exceptionBytes,
                              mapNormalized: writer.mapNormalized, mapOriginal: writer.mapOriginal, originalLength: total)
    }

    /// The pass over one piece, `source` (the UTF-8 of `text`), whose first byte is at original
    /// offset `base`; false when the output outgrew the writer's capacity. A grapheme cluster never
    /// spans two pieces here: the matcher's pieces meet at a line break (UAX #29 GB4, GB5).
    ///
    /// `source` may also be a part of `text`'s UTF-8 that starts at byte `sourceStart` of it (a
    /// grapheme cluster is then read from `text` at `sourceStart` plus its offset in `source`).
    private static func run(_ text: String, _ source: UnsafeBufferPointer<UInt8>, base: Int, _ w: inout Writer,
                            _ cache: inout NormalizerCache, sourceStart: Int = 0) -> Bool {
        guard let p = source.baseAddress else { return true }
        let n = source.count
        var i = 0
        while i < n {
            let b = p[i]
            if b < 0x80 && !isASCIISpace(b) {
                // A run of ASCII bytes: each is a character of its own, and a lone white space byte
                // between two others is written as one space, so the run is written with one capacity
                // check and one offset-map check. It stops before white space that another white
                // space byte, a non-ASCII byte or the end follows (runs collapse there). The run's last
                // byte is left to the byte path below when a non-ASCII byte follows it (it may take a
                // combining mark).
                var end = i + 1
                while end < n {
                    // Eight ASCII bytes at a time while no white space byte follows another and the
                    // eighth is not white space (the byte before `end` never is).
                    if end + 8 <= n {
                        let word = ASCIIWord(p + end)
                        let space = word.asciiSpace
                        if word.nonASCII == 0 && space & (space >> 8 | 1 << 63) == 0 {
                            end += 8
                            continue
                        }
                    }
                    let c = p[end]
                    if c >= 0x80 { break }
                    if isASCIISpace(c) {
                        guard end + 1 < n, p[end + 1] < 0x80, !isASCIISpace(p[end + 1]) else { break }
                        end += 2
                        continue
                    }
                    end += 1
                }
                if end < n && p[end] >= 0x80 {
                    end -= 1
                    if end > i && isASCIISpace(p[end - 1]) { end -= 1 }
                }
                if end > i {
                    guard w.asciiRun(p + i, count: end - i, at: base + i) else { return false }
                    i = end
                    continue
                }
            }
            if b < 0x80 {
                if i + 1 < n && p[i + 1] >= 0x80 && extendsPrevious(p, n, at: i + 1) {
                    // An ASCII letter with a combining mark: a cluster of its own.
                    let (entry, length) = cache.cluster(text, at: sourceStart + i)
                    guard w.character(entry, at: base + i) else { return false }
                    i += max(1, length)
                    continue
                }
                guard w.ascii(b, at: base + i) else { return false }
                i += 1
                continue
            }
            let scalarLength = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
            let value = UTF8Lines.scalar(at: i, in: p).value
            let next = i + scalarLength
            if SimpleScalars.contains(value) && (next >= n || p[next] < 0x80 || SimpleScalars.contains(UTF8Lines.scalar(at: next, in: p).value)) {
                // A cluster of this one scalar (no grapheme rule joins it to the next).
                guard w.character(cache.scalar(value), at: base + i) else { return false }
                i = next
                continue
            }
            let (entry, length) = cache.cluster(text, at: sourceStart + i)
            guard w.character(entry, at: base + i) else { return false }
            i += max(1, length)
        }
        return true
    }

    /// The folded bytes (``NormalizedText/folded``) of the UTF-8 bytes `range` of `text` (`utf8`),
    /// normalised with `cache`: the bytes that ``normalize(_:)`` of the whole text writes for that
    /// stretch when it starts and ends where no grapheme cluster spans (at ASCII white space that an
    /// ASCII byte follows, or after an ASCII letter or digit that one follows), but for white space
    /// at its ends. A story signature reads a long text's rare non-ASCII stretches so
    /// (``ContentWords/forEachWord(inConcatenationOf:_:)``), with one cache for the whole text.
    static func foldedSegment(of text: String, _ utf8: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                              cache: inout NormalizerCache) -> [UInt8] {
        let source = UnsafeBufferPointer(rebasing: utf8[range])
        // NFKC lengthens a character at most elevenfold (U+FDFA: 3 bytes → 33).
        let capacity = range.count * 11 + 16
        var writer = Writer()
        return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            writer.foldedOut = buffer.baseAddress!
            writer.capacity = capacity
            let fits = run(text, source, base: range.lowerBound, &writer, &cache, sourceStart: range.lowerBound)
            count = fits ? writer.count : 0
        }
    }

    /// Whether the scalar starting at byte `i` extends the character before it (a combining mark,
    /// a variation selector or a zero-width joiner), so that the two must be read as one cluster.
    static func extendsPrevious(_ bytes: UnsafePointer<UInt8>, _ count: Int, at i: Int) -> Bool {
        let b0 = bytes[i]
        var v: UInt32
        if b0 & 0xE0 == 0xC0, i + 1 < count {
            v = UInt32(b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
        } else if b0 & 0xF0 == 0xE0, i + 2 < count {
            v = UInt32(b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
        } else if b0 & 0xF8 == 0xF0, i + 3 < count {
            v = UInt32(b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F)
        } else {
            return false
        }
        guard let scalar = Unicode.Scalar(v) else { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return v == 0x200D || (0xFE00...0xFE0F).contains(v) || (0xE0100...0xE01EF).contains(v)
        }
    }

    /// The ASCII white space bytes (tab, LF, VT, FF, CR, space): runs of them become one space.
    @inline(__always)
    static func isASCIISpace(_ b: UInt8) -> Bool {
        b == 0x20 || (b >= 0x09 && b <= 0x0D)
    }

    @inline(__always)
    static func foldASCII(_ b: UInt8) -> UInt8 {
        if b >= 0x41 && b <= 0x5A { return b | 0x20 }
        if b == 0x2D { return 0x20 }  // '-' and ' ' are interchangeable inside aliases
        return b
    }

    /// The normalised scalars of one grapheme cluster (without the ASCII fast path's cases).
    static func normalizeCharacter(_ character: Character) -> [Unicode.Scalar] {
        // 1. apostrophes
        var step1 = String.UnicodeScalarView()
        for s in character.unicodeScalars {
            step1.append(isApostrophe(s) ? "'" : s)
        }
        // 2. NFKC
        let nfkc = String(step1).precomposedStringWithCompatibilityMapping
        // 3–5. invisible characters, white space, dashes
        var result: [Unicode.Scalar] = []
        for s in nfkc.unicodeScalars {
            switch s.value {
            case 0x00AD, 0x2060, 0xFEFF, 0x200B, 0x200C, 0x200D:
                continue
            case 0x2010...0x2015, 0x2212:
                result.append("-")
            default:
                if isApostrophe(s) {
                    result.append("'")
                } else if s.properties.isWhitespace || s.value == 0x0085 {
                    result.append(" ")
                } else {
                    result.append(s)
                }
            }
        }
        return result
    }

    @inline(__always)
    static func isApostrophe(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x2019, 0x2018, 0x02BC, 0x02BB, 0xFF07, 0x00B4, 0x0060: return true
        default: return false
        }
    }
}

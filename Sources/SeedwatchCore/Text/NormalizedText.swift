/// Text after the normaliser of DESIGN §5 (``Normalizer``), with a map back to the original UTF-8
/// byte offsets.
///
/// Held as ``folded``, the bytes the matcher's automaton scans, and the few offsets where the
/// normalised text (``bytes``) differs from it: capitals and `-`. An article of 10 MB costs 10 MB
/// and its capitals, not two copies of its text. `bytes` and `folded` have the same length and the
/// same UTF-8 structure (lead and continuation bytes at the same offsets): `folded` differs only
/// in letter case and in `-` being a space, so a match found in `folded` can be checked against
/// `bytes` for case-sensitive aliases at the same offsets (``exactByte(at:from:)``).
public struct NormalizedText: Sendable {
    /// The normalised text with letters lower-cased (only where the lower-case form has the same
    /// UTF-8 length) and `-` replaced by a space, so that "Kim Jong-un" and "kim jong un" compare equal.
    public var folded: [UInt8]
    /// Where ``bytes`` differs from ``folded``, in increasing order: the normalised byte offsets,
    /// and the byte of ``bytes`` at each.
    var exceptionOffsets: [Int32]
    var exceptionBytes: [UInt8]
    /// The offset map, kept only where it changes: entry `k` says that the scalar starting at
    /// normalised byte `mapNormalized[k]` came from the character at original byte
    /// `mapOriginal[k]`, and each later scalar up to the next entry lies as far after it in the
    /// original as in the normalised text. Every byte of a scalar maps to the scalar's start.
    var mapNormalized: [Int32]
    var mapOriginal: [Int32]
    /// The original text's length in UTF-8 bytes.
    public var originalLength: Int

    /// The normalised text, UTF-8: apostrophes unified, NFKC, invisible characters removed, runs of
    /// spaces collapsed to one space, dashes as `-`. Built from ``folded`` at each call (O(n)): for
    /// aliases, tools and tests; the matcher reads ``exactByte(at:from:)``.
    public var bytes: [UInt8] {
        var result = folded
        for (k, offset) in exceptionOffsets.enumerated() { result[Int(offset)] = exceptionBytes[k] }
        return result
    }

    /// The index into ``exceptionOffsets`` of the first exception at or after normalised byte `offset`.
    func firstException(atOrAfter offset: Int) -> Int {
        var lo = 0, hi = exceptionOffsets.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(exceptionOffsets[mid]) < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The byte of ``bytes`` at normalised offset `offset`, reading the exceptions from index
    /// `exception` (``firstException(atOrAfter:)`` of an offset at or before `offset`), which it
    /// moves past `offset`: a run of offsets in increasing order costs one search.
    @inline(__always)
    func exactByte(at offset: Int, from exception: inout Int) -> UInt8 {
        while exception < exceptionOffsets.count && Int(exceptionOffsets[exception]) < offset { exception += 1 }
        if exception < exceptionOffsets.count && Int(exceptionOffsets[exception]) == offset {
            exception += 1
            return exceptionBytes[exception - 1]
        }
        return folded[offset]
    }

    /// The UTF-8 byte offset, in the original text, of the character that produced normalised byte
    /// `index` (`0 ≤ index ≤ folded.count`; `folded.count` gives ``originalLength``).
    public func originalOffset(_ index: Int) -> Int {
        guard index < folded.count else { return originalLength }
        var s = index
        while s > 0 && folded[s] & 0xC0 == 0x80 { s -= 1 }
        // The last entry at or before s (the first entry is at 0 whenever the text is not empty).
        var lo = 0, hi = mapNormalized.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(mapNormalized[mid]) <= s { lo = mid + 1 } else { hi = mid }
        }
        let k = lo - 1
        return Int(mapOriginal[k]) + (s - Int(mapNormalized[k]))
    }

    /// For each normalised byte, ``originalOffset(_:)``, and one extra final entry holding the
    /// original text's length in bytes: the whole map spelt out (O(n); for tests and tools).
    public var originalOffsets: [Int32] {
        (0...folded.count).map { Int32(originalOffset($0)) }
    }

    /// The original UTF-8 byte range covered by the normalised byte range `start..<end`.
    public func originalRange(_ start: Int, _ end: Int) -> Range<Int> {
        let lo = originalOffset(start)
        let last = originalOffset(end - 1)
        var k = end
        while k < folded.count && originalOffset(k) == last { k += 1 }
        return lo..<originalOffset(k)
    }
}

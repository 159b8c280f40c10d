import Synchronization

/// The normalised form of each distinct non-ASCII character of one text, computed once
/// (``Normalizer/normalizeCharacter(_:)``) and copied for every later occurrence.
///
/// A one-scalar character's entry depends on its scalar alone, so it is also kept for the whole
/// process (``sharedScalarEntry(_:)``): a watch's 2,400 aliases, and every article after the
/// first, reuse what an earlier text computed instead of running NFKC again.
struct NormalizerCache {
    /// One character's normalised scalars, with the UTF-8 of those that are not ASCII, plain
    /// (`encoded`) and folded (`folded`: lower-cased where the lower-case form has the same UTF-8
    /// length), scalar after scalar.
    struct Entry: Sendable {
        var scalars: [Unicode.Scalar]
        var encoded: [UInt8]
        var folded: [UInt8]

        init(_ scalars: [Unicode.Scalar]) {
            self.scalars = scalars
            encoded = []
            folded = []
            for scalar in scalars where scalar.value >= 0x80 {
                let bytes = Array(String(scalar).utf8)
                var foldedBytes = bytes
                if scalar.properties.changesWhenLowercased {
                    let lower = Array(scalar.properties.lowercaseMapping.utf8)
                    if lower.count == bytes.count { foldedBytes = lower }
                }
                encoded += bytes
                folded += foldedBytes
            }
        }
    }

    /// Characters of one scalar (``SimpleScalars``), by scalar value.
    private var byScalar: [UInt32: Entry] = [:]
    /// Any other grapheme cluster, keyed by the cluster as a `String` (canonically equivalent
    /// clusters share an entry, as they always have).
    private var byCluster: [String: Entry] = [:]

    /// The entry of the one-scalar character `value`.
    mutating func scalar(_ value: UInt32) -> Entry {
        if let hit = byScalar[value] { return hit }
        let entry = Self.sharedScalarEntry(value)
        byScalar[value] = entry
        return entry
    }

    /// Every one-scalar entry made in this process, by scalar value (at most one per scalar).
    private static let sharedScalars = Mutex<[UInt32: Entry]>([:])

    /// The entry of the one-scalar character `value`, from ``sharedScalars`` or made and kept there.
    static func sharedScalarEntry(_ value: UInt32) -> Entry {
        if let hit = sharedScalars.withLock({ $0[value] }) { return hit }
        let entry = Entry(Normalizer.normalizeCharacter(Character(Unicode.Scalar(value)!)))
        sharedScalars.withLock { $0[value] = entry }
        return entry
    }

    /// The entry of the grapheme cluster (`Character`) that starts at UTF-8 byte `offset` of
    /// `text`, and the cluster's length in bytes.
    mutating func cluster(_ text: String, at offset: Int) -> (Entry, Int) {
        let character = text[text.utf8.index(text.utf8.startIndex, offsetBy: offset)]
        let key = String(character)
        if let hit = byCluster[key] { return (hit, character.utf8.count) }
        let entry = Entry(Normalizer.normalizeCharacter(character))
        byCluster[key] = entry
        return (entry, character.utf8.count)
    }
}

/// Scalars that form a grapheme cluster of their own when the next scalar is ASCII or also one
/// of them (UAX #29: none is Prepend, Extend, SpacingMark, ZWJ, a regional indicator or a Hangul
/// jamo, so no rule GB3–GB13 joins two of them): Latin, Greek, Cyrillic and Armenian letters,
/// general punctuation, currency signs, CJK punctuation, kana, CJK ideographs, Hangul syllables
/// and fullwidth forms. U+00B4 is left out: it is canonically equivalent to U+1FFD, and the two
/// normalise differently, so both go through the cluster cache, whose `String` keys join them.
enum SimpleScalars {
    @inline(__always)
    static func contains(_ v: UInt32) -> Bool {
        if v < 0x530 { return v < 0x300 ? v != 0xB4 : (v >= 0x370 && (v < 0x483 || v >= 0x48A)) }
        if v < 0x2010 { return false }
        if v < 0x20C1 { return v < 0x2028 || (v >= 0x2030 && v < 0x205F) || v >= 0x20A0 }
        if v < 0x3000 { return false }
        if v < 0xA000 {
            return v < 0x302A || (v >= 0x3041 && v < 0x3097) || (v >= 0x30A0 && v < 0x3100) || v >= 0x3400 && (v < 0x4DC0 || v >= 0x4E00)
        }
        return (v >= 0xAC00 && v < 0xD7A4) || (v >= 0xFF01 && v < 0xFF9E)
    }
}

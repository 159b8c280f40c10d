/// A MinHash signature of a set of content words (``ContentWords``): for each of ``count`` hash
/// functions, the least hash value over the set (Broder, "On the resemblance and containment of
/// documents", 1997). The share of positions where two signatures agree estimates the Jaccard
/// index |A ∩ B| / |A ∪ B| of the two sets, with a standard error of √(J(1−J)/128) (0.024 at J = 0.08).
/// Only the low 12 bits of each minimum are kept (b-bit minwise hashing, Li & König, "b-Bit Minwise
/// Hashing", WWW 2010): two different minima then agree by chance with probability 2⁻¹², which
/// ``jaccard(_:)`` takes out of the estimate ((share − 2⁻¹²) / (1 − 2⁻¹²)). Two signatures then
/// need as many equal positions for each threshold of ``StoryRule`` as with 16 bits, and meet 0.03
/// chance agreements on average (0.5 with 8 bits, which joined more pairs of the dev story pairs
/// at lower precision: 0.972 → 0.968); two values are packed in 3 bytes, a signature is 192 bytes.
///
/// The hash family is fixed, so signatures are comparable across processes and releases: function
/// `i` maps a 64-bit word hash `x` to the high 32 bits of `a_i · x + b_i` (mod 2⁶⁴), a
/// multiply-shift family (Dietzfelbinger et al. 1997) with `a_i` (odd) and `b_i` drawn from
/// SplitMix64 seeded with ``seed``. **Changing ``count`` or ``seed`` makes stored signatures
/// incomparable** and needs a state migration that drops them. (Signatures stored with 16 bits per
/// minimum, before migration `v11-story-compact`, keep their low 12 bits: ``init(sixteenBitBytes:wordCount:)``.)
///
/// Size: ``count`` × 12 bits = 192 bytes (``bytes``).
public struct MinHashSignature: Sendable, Hashable {
    /// Number of hash functions (positions).
    public static let count = 128
    /// The SplitMix64 seed of the hash family.
    public static let seed: UInt64 = 0x5EED_5707_1E50_0001
    /// Bits kept of each minimum.
    public static let bits = 12
    /// The probability that two different minima agree in their low ``bits`` bits.
    static let chanceAgreement = 1.0 / Double(1 << bits)
    static let mask: UInt16 = (1 << bits) - 1

    /// The low ``bits`` bits of the least value of each hash function over the set; `0x0FFF`
    /// everywhere for an empty set.
    public private(set) var values: [UInt16]

    /// Number of distinct content words the signature was made from (saturating at 65,535).
    public private(set) var wordCount: Int

    /// The signature of a set of 64-bit word hashes.
    public init(hashes: Set<UInt64>) {
        var values = [UInt32](repeating: .max, count: Self.count)
        let (a, b) = (Self.multipliers, Self.offsets)
        for x in hashes {
            for i in 0..<Self.count {
                let h = UInt32(truncatingIfNeeded: (a[i] &* x &+ b[i]) >> 32)
                if h < values[i] { values[i] = h }
            }
        }
        self.values = values.map { UInt16(truncatingIfNeeded: $0) & Self.mask }
        self.wordCount = min(hashes.count, Int(UInt16.max))
    }

    /// The signature of the empty set (``isEmpty``): resembles nothing.
    public static let empty = MinHashSignature(hashes: [])

    /// The signature of the content words of `text` (``ContentWords/hashes(of:dropping:)``).
    public init(text: String) {
        self.init(hashes: ContentWords.hashes(of: text))
    }

    /// The signature of the content words of the concatenation of `pieces`, without building it
    /// (``ContentWords/hashes(ofConcatenationOf:)``): the same as ``init(text:)`` of the joined text.
    public init(concatenationOf pieces: [String]) {
        self.init(hashes: ContentWords.hashes(ofConcatenationOf: pieces))
    }

    /// The signature of the content words of a normalised text (``ContentWords/hashes(of:)-normalized``):
    /// the same as ``init(text:)`` of the text it was normalised from.
    public init(normalized: NormalizedText) {
        self.init(hashes: ContentWords.hashes(of: normalized))
    }

    /// A signature from stored values (``bytes``); `nil` unless `bytes` holds exactly ``count`` × 3 / 2 bytes.
    /// - Parameter wordCount: the stored ``wordCount`` (0 for an empty set).
    public init?(bytes: [UInt8], wordCount: Int) {
        guard bytes.count == Self.count * 3 / 2 else { return nil }
        var values: [UInt16] = []
        values.reserveCapacity(Self.count)
        for i in stride(from: 0, to: bytes.count, by: 3) {
            let (b0, b1, b2) = (UInt16(bytes[i]), UInt16(bytes[i + 1]), UInt16(bytes[i + 2]))
            values.append(b0 | (b1 & 0x0F) << 8)
            values.append(b1 >> 4 | b2 << 4)
        }
        self.values = values
        self.wordCount = wordCount
    }

    /// A signature stored before migration `v11-story-compact`: ``count`` × 2 bytes, the low 16 bits of
    /// each minimum little-endian. Their low ``bits`` bits are what ``init(hashes:)`` keeps now.
    /// `nil` unless `bytes` holds exactly ``count`` × 2 bytes.
    public init?(sixteenBitBytes bytes: [UInt8], wordCount: Int) {
        guard bytes.count == Self.count * 2 else { return nil }
        values = (0..<Self.count).map { (UInt16(bytes[2 * $0]) | UInt16(bytes[2 * $0 + 1]) << 8) & Self.mask }
        self.wordCount = wordCount
    }

    /// A signature of given values (synthetic signatures for benchmarks); `nil` unless there are
    /// ``count``, each below 2^``bits``.
    public init?(values: [UInt16], wordCount: Int) {
        guard values.count == Self.count, values.allSatisfy({ $0 <= Self.mask }) else { return nil }
        self.values = values
        self.wordCount = wordCount
    }

    /// The values packed two in 3 bytes (the first value's low 8 bits, its high 4 bits under the
    /// second's low 4, the second's high 8 bits): what the state database stores.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(Self.count * 3 / 2)
        for i in stride(from: 0, to: Self.count, by: 2) {
            let (v0, v1) = (values[i], values[i + 1])
            out.append(UInt8(truncatingIfNeeded: v0))
            out.append(UInt8(truncatingIfNeeded: v0 >> 8 | (v1 & 0x0F) << 4))
            out.append(UInt8(truncatingIfNeeded: v1 >> 4))
        }
        return out
    }

    /// Whether the signature was made from an empty set (no content words).
    public var isEmpty: Bool { wordCount == 0 }

    /// The estimated Jaccard index of the two word sets, in `0...1`: the share of positions whose
    /// values are equal, less the share expected by chance (2⁻¹² of the others), over 1 − 2⁻¹²
    /// (Li & König 2010, b = 12). 0 when either set was empty.
    public func jaccard(_ other: MinHashSignature) -> Double {
        guard !isEmpty, !other.isEmpty else { return 0 }
        var equal = 0
        for i in 0..<Self.count where values[i] == other.values[i] { equal += 1 }
        let share = Double(equal) / Double(Self.count)
        return max(0, (share - Self.chanceAgreement) / (1 - Self.chanceAgreement))
    }

    static let (multipliers, offsets): ([UInt64], [UInt64]) = {
        var state = seed
        func next() -> UInt64 {
            // SplitMix64 (Steele, Lea, Flood 2014).
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var a: [UInt64] = [], b: [UInt64] = []
        for _ in 0..<count {
            a.append(next() | 1)
            b.append(next())
        }
        return (a, b)
    }()
}

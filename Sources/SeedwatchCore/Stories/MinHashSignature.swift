/// A MinHash signature of a set of content words (``ContentWords``): for each of ``count`` hash
/// functions, the least hash value over the set (Broder, "On the resemblance and containment of
/// documents", 1997). The share of positions where two signatures agree estimates the Jaccard
/// index |A ∩ B| / |A ∪ B| of the two sets, with a standard error of √(J(1−J)/128) (0.021 at J = 0.06).
/// Only the low 16 bits of each minimum are kept (b-bit minwise hashing, Li & König 2010): two
/// different minima then agree by chance with probability 2⁻¹⁶, which raises the estimate by at
/// most 0.00002 and halves the size.
///
/// The hash family is fixed, so signatures are comparable across processes and releases: function
/// `i` maps a 64-bit word hash `x` to the high 32 bits of `a_i · x + b_i` (mod 2⁶⁴), a
/// multiply-shift family (Dietzfelbinger et al. 1997) with `a_i` (odd) and `b_i` drawn from
/// SplitMix64 seeded with ``seed``. **Changing ``count`` or ``seed`` makes stored signatures
/// incomparable** and needs a state migration that drops them.
///
/// Size: ``count`` × 2 bytes = 256 bytes (``bytes``).
public struct MinHashSignature: Sendable, Hashable {
    /// Number of hash functions (positions).
    public static let count = 128
    /// The SplitMix64 seed of the hash family.
    public static let seed: UInt64 = 0x5EED_5707_1E50_0001

    /// The low 16 bits of the least value of each hash function over the set; `UInt16.max`
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
        self.values = values.map { UInt16(truncatingIfNeeded: $0) }
        self.wordCount = min(hashes.count, Int(UInt16.max))
    }

    /// The signature of the empty set (``isEmpty``): resembles nothing.
    public static let empty = MinHashSignature(hashes: [])

    /// The signature of the content words of `text` (``ContentWords/hashes(of:dropping:)``).
    public init(text: String) {
        self.init(hashes: ContentWords.hashes(of: text))
    }

    /// A signature from stored values (``bytes``); `nil` unless `bytes` holds exactly ``count`` × 2 bytes.
    /// - Parameter wordCount: the stored ``wordCount`` (0 for an empty set).
    public init?(bytes: [UInt8], wordCount: Int) {
        guard bytes.count == Self.count * 2 else { return nil }
        values = (0..<Self.count).map { i in UInt16(bytes[2 * i]) | UInt16(bytes[2 * i + 1]) << 8 }
        self.wordCount = wordCount
    }

    /// A signature of given values (synthetic signatures for benchmarks); `nil` unless there are ``count``.
    public init?(values: [UInt16], wordCount: Int) {
        guard values.count == Self.count else { return nil }
        self.values = values
        self.wordCount = wordCount
    }

    /// The values as ``count`` × 2 bytes, each little-endian: what the state database stores.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(Self.count * 2)
        for v in values {
            out.append(UInt8(truncatingIfNeeded: v))
            out.append(UInt8(truncatingIfNeeded: v >> 8))
        }
        return out
    }

    /// Whether the signature was made from an empty set (no content words).
    public var isEmpty: Bool { wordCount == 0 }

    /// The estimated Jaccard index of the two word sets, in `0...1`: the share of positions whose
    /// values are equal. 0 when either set was empty.
    public func jaccard(_ other: MinHashSignature) -> Double {
        guard !isEmpty, !other.isEmpty else { return 0 }
        var equal = 0
        for i in 0..<Self.count where values[i] == other.values[i] { equal += 1 }
        return Double(equal) / Double(Self.count)
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

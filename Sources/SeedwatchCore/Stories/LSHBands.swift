/// Locality-sensitive hashing of MinHash signatures (Indyk & Motwani 1998; Leskovec, Rajaraman,
/// Ullman, *Mining of Massive Datasets*, §3.4): the first ``bands`` × ``rows`` positions of a
/// ``MinHashSignature`` are cut into ``bands`` bands of ``rows`` values, and each band is hashed to
/// one 64-bit key. Two signatures that share any band key are candidates; the probability of that
/// for sets with Jaccard index J is 1 − (1 − Jʳ)ᵇ: with 16 bands of 4 rows, 0.89 at J = 0.6,
/// 0.996 at J = 0.7, and 1.6 · 10⁻⁷ at J = 0.02 (two unrelated articles).
///
/// The key of band `k` hashes `k` and its values with FNV-1a 64 (as ``ContentWords``), so equal
/// values in different bands never collide by construction. Keys are stored as SQLite `INTEGER`
/// (the bit pattern as `Int64`).
public enum LSHBands {
    /// Number of bands.
    public static let bands = 16
    /// Values per band.
    public static let rows = 4

    /// The ``bands`` band keys of `signature`; empty for a signature of an empty word set (it
    /// would collide with every other empty one).
    public static func keys(_ signature: MinHashSignature) -> [Int64] {
        guard !signature.isEmpty else { return [] }
        var keys: [Int64] = []
        keys.reserveCapacity(bands)
        for band in 0..<bands {
            var hash: UInt64 = 14_695_981_039_346_656_037
            func mix(_ value: UInt16) {
                for byte in [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8)] {
                    hash ^= UInt64(byte)
                    hash = hash &* 1_099_511_628_211
                }
            }
            mix(UInt16(band))
            for row in 0..<rows { mix(signature.values[band * rows + row]) }
            keys.append(Int64(bitPattern: hash))
        }
        return keys
    }
}

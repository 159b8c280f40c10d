/// Locality-sensitive hashing of MinHash signatures (Indyk & Motwani 1998; Leskovec, Rajaraman,
/// Ullman, *Mining of Massive Datasets*, §3.4): the first ``bands`` × ``rows`` positions of a
/// ``MinHashSignature`` are cut into ``bands`` bands of ``rows`` values, and each band is hashed to
/// one key. Two signatures that share any band key are candidates; the probability of that for sets
/// with Jaccard index J is 1 − (1 − Jʳ)ᵇ (a value agrees by chance in its 12 bits with probability
/// 2⁻¹², ``MinHashSignature``, which adds little): with 16 bands of 4 rows, 0.89 at J = 0.6, 0.988
/// at J = 0.7, and 2.6 · 10⁻⁶ at J = 0.02 (two unrelated articles).
///
/// The key of band `k` hashes `k` and its values with FNV-1a 64 (as ``ContentWords``) and keeps the
/// low 32 bits, as a signed 32-bit integer (4 bytes in SQLite's record format). Two different bands
/// then share a key with probability 2⁻³²: among 2.1 million members (300,000 a day for 7 days, 16
/// keys each) a lookup meets 0.13 such members on average, which the rule then compares and drops.
public enum LSHBands {
    /// Number of bands.
    public static let bands = 16
    /// Values per band.
    public static let rows = 4
    /// The members a lookup reads per band key: the newest 64 holding it (the latest recorded),
    /// in the state database as in memory (``StoryBook``). A band key held by thousands of members
    /// is a template (a wire's boilerplate alert, a feed's auto-generated items), not thousands of
    /// reports of one event; a new article that shares it joins the story of its newest holders
    /// (near-duplicates of one template form one story). Reading every holder would make each
    /// lookup cost the template's size and one feed document of n copies O(n²) (issue 11: 100,000
    /// items took 7 minutes); with the cap a lookup costs O(log n + 64) per key.
    public static let newestMembersPerKey = 64

    /// The ``bands`` band keys of `signature`, each in the range of `Int32`; empty for a signature
    /// of an empty word set (it would collide with every other empty one).
    public static func keys(_ signature: MinHashSignature) -> [Int64] {
        guard !signature.isEmpty else { return [] }
        var keys: [Int64] = []
        keys.reserveCapacity(bands)
        for band in 0..<bands {
            var hash: UInt64 = 14_695_981_039_346_656_037
            func mix(_ byte: UInt8) {
                hash ^= UInt64(byte)
                hash = hash &* 1_099_511_628_211
            }
            mix(UInt8(band))
            for row in 0..<rows {
                let value = signature.values[band * rows + row]
                mix(UInt8(truncatingIfNeeded: value))
                mix(UInt8(truncatingIfNeeded: value >> 8))
            }
            keys.append(Int64(Int32(truncatingIfNeeded: hash)))
        }
        return keys
    }
}

/// The occurrences that overlap resolution kept (``StreamingOverlaps``), held in 8 bytes each
/// until the normalised text is released, then made into mentions and term hits
/// (``Matcher/hits(from:)``): an article that alerts in every sentence keeps 550,000 of them, which
/// as 20-byte mentions beside the normalised text and its upper-case exceptions took the peak
/// above 3× the article (issue 15, peak memory of one article).
///
/// Each is its normalised start (high 32 bits) and its pattern index into
/// ``AliasTable/targets`` (low 32 bits); its end is the start plus the pattern's length. Its
/// original range is read from the offset map alone (``OffsetMap``), which equals
/// ``NormalizedText/originalRange(_:_:)`` whenever the occurrence's end is not inside an original
/// character that NFKC expanded; the rare other ones are worked out while the normalised text is
/// there and kept aside (``exactRanges``), so the ranges are those of the normalised text exactly.
struct KeptOccurrences {
    /// Kept aliases (exclusions are not kept) and topic terms, each in the order
    /// ``StreamingOverlaps`` hands them on: first those before the second stream's cut, then those
    /// after it, so that reading `first` then `afterCut` is text order.
    var actorsFirst = Chunks(), actorsAfterCut = Chunks()
    var termsFirst = Chunks(), termsAfterCut = Chunks()
    /// Original ranges that ``OffsetMap/range(_:_:)`` does not give, by occurrence.
    var exactRanges: [UInt64: Range<Int>] = [:]
    /// Actors with a kept strong (not weak) alias.
    var strong: Set<Int> = []
    /// The offset map of the normalised text, which outlives its bytes.
    var map: OffsetMap

    init(map: OffsetMap) {
        self.map = map
    }

    @inline(__always)
    static func pack(start: Int, pattern: Int) -> UInt64 {
        UInt64(UInt32(truncatingIfNeeded: start)) << 32 | UInt64(UInt32(truncatingIfNeeded: pattern))
    }

    /// Records held in chunks of at most ``chunkCount`` (1 MiB), so that no buffer larger than a
    /// chunk is copied while they grow, and each chunk is freed once read (``drain(_:)``).
    struct Chunks {
        static let chunkCount = 1 << 17
        private var chunks: [[UInt64]] = []
        private(set) var count = 0

        mutating func append(_ record: UInt64) {
            if chunks.isEmpty || chunks[chunks.count - 1].count == Self.chunkCount { chunks.append([]) }
            chunks[chunks.count - 1].append(record)
            count += 1
        }

        /// Calls `body` with every record in order, freeing each chunk once it is read; empties the list.
        mutating func drain(_ body: (UInt64) -> Void) {
            for k in chunks.indices {
                let chunk = chunks[k]
                chunks[k] = []
                for r in chunk { body(r) }
            }
            chunks = []
            count = 0
        }
    }

    /// ``NormalizedText``'s map from normalised to original UTF-8 offsets, without the text.
    struct OffsetMap {
        let mapNormalized: [Int32]
        let mapOriginal: [Int32]
        /// The normalised text's length in bytes.
        let count: Int
        let originalLength: Int

        init(_ text: NormalizedText) {
            mapNormalized = text.mapNormalized
            mapOriginal = text.mapOriginal
            count = text.folded.count
            originalLength = text.originalLength
        }

        /// ``NormalizedText/originalOffset(_:)`` of an offset at the start of a scalar.
        @inline(__always)
        func offset(_ index: Int) -> Int {
            guard index < count else { return originalLength }
            var lo = 0, hi = mapNormalized.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if Int(mapNormalized[mid]) <= index { lo = mid + 1 } else { hi = mid }
            }
            return Int(mapOriginal[lo - 1]) + (index - Int(mapNormalized[lo - 1]))
        }

        /// The original range of an occurrence from `start` to `end`, both at the start of a scalar
        /// (a match of whole UTF-8 patterns), read from the map alone.
        func range(_ start: Int, _ end: Int) -> Range<Int> {
            offset(start)..<offset(end)
        }
    }
}

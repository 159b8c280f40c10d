/// The normaliser's output buffer (``Normalizer``): folded bytes, the offset map and the exceptions
/// (where the normalised byte differs from the folded one), written as the pass reads the text.
extension Normalizer {
    /// The output under construction: runs of spaces are held back and written as one space
    /// before the next non-space (never at the start or the end); a map entry is added wherever a
    /// scalar's original offset does not follow from the previous entry.
    struct Writer {
        var foldedOut: UnsafeMutablePointer<UInt8> = UnsafeMutablePointer(bitPattern: 1)!
        var capacity = 0
        var count = 0
        var pendingSpace = false
        var pendingSpaceOffset = 0
        /// `original offset − normalised offset` that the last map entry implies.
        var shift = Int.min
        var mapNormalized: [Int32] = []
        var mapOriginal: [Int32] = []
        /// Where the normalised byte differs from the folded one: offsets and normalised bytes.
        var exceptionOffsets: [Int32] = []
        var exceptionBytes: [UInt8] = []

        /// Writes normalised byte `b` as its folded twin `f` at ``count`` + `k`.
        @inline(__always)
        mutating func put(_ b: UInt8, folded f: UInt8, at k: Int) {
            foldedOut[k] = f
            if b != f {
                exceptionOffsets.append(Int32(truncatingIfNeeded: k))
                exceptionBytes.append(b)
            }
        }

        @inline(__always)
        mutating func mark(_ offset: Int) {
            if offset - count != shift {
                shift = offset - count
                mapNormalized.append(Int32(truncatingIfNeeded: count))
                mapOriginal.append(Int32(truncatingIfNeeded: offset))
            }
        }

        @inline(__always)
        mutating func flushSpace() {
            guard pendingSpace else { return }
            pendingSpace = false
            guard count > 0 else { return }
            mark(pendingSpaceOffset)
            foldedOut[count] = 0x20
            count += 1
        }

        /// One ASCII character at original `offset`: white space becomes a (pending) space, the
        /// backtick an apostrophe. Returns false when the output is full.
        @inline(__always)
        mutating func ascii(_ b: UInt8, at offset: Int) -> Bool {
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                if !pendingSpace { pendingSpaceOffset = offset; pendingSpace = true }
                return true
            }
            guard count + 2 <= capacity else { return false }
            flushSpace()
            mark(offset)
            let c: UInt8 = b == 0x60 ? 0x27 : b
            put(c, folded: Normalizer.foldASCII(c), at: count)
            count += 1
            return true
        }

        /// `m` ASCII bytes at `p`, the first at original `offset`, where no white space byte is the
        /// first or the last or follows another: what ``ascii(_:at:)`` writes for each in turn (a
        /// lone white space byte as a space, the backtick as an apostrophe), with one capacity check
        /// and one map entry at most (input and output advance together, since a lone white space
        /// byte between two others is written as one space). Returns false when the output is full.
        @inline(__always)
        mutating func asciiRun(_ p: UnsafePointer<UInt8>, count m: Int, at offset: Int) -> Bool {
            guard count + m + 1 <= capacity else { return false }
            flushSpace()
            mark(offset)
            let out = foldedOut + count
            var k = 0
            while k + 8 <= m {
                // Eight at a time: capitals + 0x20; `-` and white space as a space; `` ` `` as `'`.
                let word = ASCIIWord(p + k)
                let capitals = word.inRange(0x41, 0x5A)
                let hyphens = word.equal(0x2D)
                let spaces = (word.asciiSpace | hyphens) >> 7 &* 0xFF
                let ticks = word.equal(0x60) >> 7 &* 0xFF
                var folded = word.bits &+ capitals >> 2
                folded = folded & ~spaces | spaces & (ASCIIWord.ones &* 0x20)
                folded = folded & ~ticks | ticks & (ASCIIWord.ones &* 0x27)
                UnsafeMutableRawPointer(out + k).storeBytes(of: folded.littleEndian, as: UInt64.self)
                var exceptions = capitals | hyphens
                while exceptions != 0 {
                    let j = k + ASCIIWord.firstByte(exceptions)
                    exceptionOffsets.append(Int32(truncatingIfNeeded: count + j))
                    exceptionBytes.append(p[j])
                    exceptions &= exceptions &- 1
                }
                k += 8
            }
            for k in k..<m {
                let b = p[k]
                // Folded: capitals lower-cased, `-` and white space as a space, `` ` `` as `'`.
                // Only capitals and `-` differ between the normalised byte and the folded one.
                if b &- 0x41 < 26 || b == 0x2D {
                    out[k] = b == 0x2D ? 0x20 : b | 0x20
                    exceptionOffsets.append(Int32(truncatingIfNeeded: count + k))
                    exceptionBytes.append(b)
                } else {
                    out[k] = b == 0x60 ? 0x27 : (b == 0x20 || b &- 0x09 < 5) ? 0x20 : b
                }
            }
            count += m
            return true
        }

        /// One cached character (its normalised scalars) at original `offset`.
        mutating func character(_ mapped: NormalizerCache.Entry, at offset: Int) -> Bool {
            var k = 0
            for scalar in mapped.scalars {
                if scalar.value < 0x80 {
                    guard ascii(UInt8(scalar.value), at: offset) else { return false }
                    continue
                }
                let length = scalar.utf8.count
                guard count + length + 1 <= capacity else { return false }
                flushSpace()
                mark(offset)
                for j in 0..<length {
                    put(mapped.encoded[k + j], folded: mapped.folded[k + j], at: count + j)
                }
                count += length
                k += length
            }
            return true
        }
    }
}

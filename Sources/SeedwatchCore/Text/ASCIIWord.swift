/// Eight bytes of text read as one little-endian `UInt64`, tested all at once (SWAR: SIMD within a
/// register): the hot loops of plain text (``UTF8Lines``, ``Normalizer``, ``SentenceSplitter``) skip
/// or copy eight ASCII bytes with one test instead of eight.
///
/// Byte `k` of the text is bits `8k..<8k+8` of ``bits``. Every mask has bit 7 of byte `k` set where
/// byte `k` passes the test and nothing else set; ``firstByte(_:)`` turns a mask into the offset (0–7)
/// of the first byte that passes. The range tests (``inRange(_:_:)``) are exact only where
/// ``nonASCII`` is 0; the equality test (``equal(_:)``) is exact for every byte.
struct ASCIIWord {
    /// The eight bytes, the first in the low bits.
    let bits: UInt64

    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let high: UInt64 = 0x8080_8080_8080_8080
    static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// The eight bytes at `p` (no alignment needed).
    @inline(__always)
    init(_ p: UnsafePointer<UInt8>) {
        bits = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
    }

    @inline(__always)
    init(bits: UInt64) { self.bits = bits }

    /// Bytes at or above 0x80 (lead and continuation bytes of multi-byte UTF-8).
    @inline(__always)
    var nonASCII: UInt64 { bits & Self.high }

    /// Bytes equal to `byte`.
    @inline(__always)
    func equal(_ byte: UInt8) -> UInt64 {
        let t = bits ^ (Self.ones &* UInt64(byte))
        // A byte of `t` is non-zero when its low seven bits carry into bit 7 or bit 7 is set.
        return ~(((t & Self.low7) &+ Self.low7) | t) & Self.high
    }

    /// ASCII bytes in `lo...hi` (`1 ≤ lo ≤ hi < 0x80`); exact only for bytes below 0x80.
    @inline(__always)
    func inRange(_ lo: UInt8, _ hi: UInt8) -> UInt64 {
        let atLeastLo = bits &+ Self.ones &* UInt64(0x80 - lo)
        let aboveHi = bits &+ Self.ones &* UInt64(0x7F - hi)
        return atLeastLo & ~aboveHi & Self.high
    }

    /// Bytes that are not an ASCII letter or digit. Exact up to and including the first byte it
    /// marks: a byte at or above 0x80 is marked, and the carries of the range tests only reach the
    /// bytes after it.
    @inline(__always)
    var notLetterOrDigit: UInt64 {
        let letters = ASCIIWord(bits: bits | Self.ones &* 0x20).inRange(0x61, 0x7A)
        return ~(letters | inRange(0x30, 0x39)) & Self.high | nonASCII
    }

    /// ASCII white space (tab, LF, VT, FF, CR, space); exact only for bytes below 0x80.
    @inline(__always)
    var asciiSpace: UInt64 { equal(0x20) | inRange(0x09, 0x0D) }

    /// The offset (0–7) of the first byte whose bit 7 is set in `mask` (`mask` ≠ 0).
    @inline(__always)
    static func firstByte(_ mask: UInt64) -> Int { mask.trailingZeroBitCount >> 3 }
}

/// UTF-8 made valid byte by byte, the way ``CharsetDecoder`` reads text declared or sniffed as UTF-8:
/// every valid sequence (Unicode §3.9, Table 3-7) is kept as it is, and each byte of an invalid one
/// is read as Windows-1252 (``CharsetDecoder/windows1252Scalar(_:)``) and written as that scalar's
/// UTF-8 (a lone 0xA3 → C2 A3, "£"; 0x92 → E2 80 99, "’").
///
/// Works on bytes only: no `String` or `Unicode.Scalar` is made per character, so a large text
/// with a few stray bytes costs two passes at memory speed.
enum UTF8Repair {
    /// The repaired UTF-8 of `bytes`, and how many input bytes were invalid.
    ///
    /// Counts the output first and writes it into an array of exactly that length: a text of
    /// 55 MB with eleven stray bytes takes 55 MB more, not three times its size.
    static func repaired(_ bytes: UnsafeBufferPointer<UInt8>) -> (bytes: [UInt8], invalidBytes: Int) {
        guard bytes.baseAddress != nil else { return ([], 0) }
        let (length, invalid) = measure(bytes)
        let output = [UInt8](unsafeUninitializedCapacity: length) { out, written in
            if let base = out.baseAddress { HugePages.advise(base, count: out.count) }
            written = write(bytes, into: out.baseAddress!)
        }
        return (output, invalid)
    }

    /// The length of the repaired UTF-8 of `bytes` (``repaired(_:)``), in bytes, and how many
    /// input bytes are invalid.
    static func measure(_ bytes: UnsafeBufferPointer<UInt8>) -> (length: Int, invalidBytes: Int) {
        guard let p = bytes.baseAddress else { return (0, 0) }
        let n = bytes.count
        var length = 0
        var invalid = 0
        var i = 0
        while i < n {
            let next = skipASCII(p, from: i, count: n)
            length += next - i
            i = next
            guard i < n else { break }
            let valid = sequenceLength(p, at: i, count: n)
            if valid > 0 {
                length += valid
                i += valid
            } else {
                length += Int(windows1252Length[Int(p[i] - 0x80)])
                invalid += 1
                i += 1
            }
        }
        return (length, invalid)
    }

    /// Writes the repaired UTF-8 of `bytes` at `out`, which holds ``measure(_:)``'s length at
    /// least; returns the number of bytes written (that length).
    static func write(_ bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) -> Int {
        guard let p = bytes.baseAddress else { return 0 }
        let n = bytes.count
        var w = 0
        var i = 0
        while i < n {
            let run = skipASCII(p, from: i, count: n) - i
            if run > 0 {
                (out + w).update(from: p + i, count: run)
                w += run
                i += run
                continue
            }
            let valid = sequenceLength(p, at: i, count: n)
            if valid > 0 {
                for k in 0..<valid { out[w + k] = p[i + k] }
                w += valid
                i += valid
            } else {
                for b in CharsetDecoder.windows1252Scalar(p[i]).utf8 { out[w] = b; w += 1 }
                i += 1
            }
        }
        return w
    }

    /// The offset of the first non-ASCII byte at or after `i` (or `count`), eight bytes at a time.
    @inline(__always)
    static func skipASCII(_ p: UnsafePointer<UInt8>, from i: Int, count n: Int) -> Int {
        var i = i
        while i + 8 <= n, UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
        while i < n && p[i] < 0x80 { i += 1 }
        return i
    }

    /// The length (2–4) of the valid UTF-8 sequence of a non-ASCII scalar that starts at byte `i`,
    /// or 0 when the bytes there are not one: a lead byte C2–F4, continuation bytes 80–BF, no
    /// overlong form, no surrogate, nothing above U+10FFFF.
    @inline(__always)
    static func sequenceLength(_ p: UnsafePointer<UInt8>, at i: Int, count n: Int) -> Int {
        let b0 = p[i]
        let length: Int
        var value: UInt32
        let minimum: UInt32
        if b0 & 0xE0 == 0xC0 { length = 2; value = UInt32(b0 & 0x1F); minimum = 0x80 }
        else if b0 & 0xF0 == 0xE0 { length = 3; value = UInt32(b0 & 0x0F); minimum = 0x800 }
        else if b0 & 0xF8 == 0xF0 { length = 4; value = UInt32(b0 & 0x07); minimum = 0x10000 }
        else { return 0 }
        guard i + length <= n else { return 0 }
        for k in 1..<length {
            let c = p[i + k]
            guard c & 0xC0 == 0x80 else { return 0 }
            value = value << 6 | UInt32(c & 0x3F)
        }
        guard value >= minimum, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { return 0 }
        return length
    }

    /// For each byte 0x80–0xFF, the UTF-8 length of its Windows-1252 scalar.
    static let windows1252Length: [UInt8] = (0x80...0xFF).map { UInt8(CharsetDecoder.windows1252Scalar(UInt8($0)).utf8.count) }
}

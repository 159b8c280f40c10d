#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Rewrites decoded feed text before libxml2 sees it, so that the encoding, DTD and entity rules are
/// ours and not the parser's (legacy charsets, BOMs and UTF-16, external entities and entity
/// bombs):
///
/// - the XML declaration is dropped (the text is already UTF-8; its `encoding=` was honoured by the caller);
/// - the DOCTYPE, with any internal subset, is dropped: no DTD is loaded and no declared entity is
///   ever expanded, so entity bombs and external entities have nothing to work with;
/// - outside CDATA sections and comments, each entity reference is made well-formed: the five XML
///   entities and valid character references stay, HTML named entities (`&eacute;`, a built-in
///   table) become character references, character references 128–159 are read as Windows-1252,
///   other references to undeclared entities are dropped, and a bare `&` becomes `&amp;`;
/// - characters that XML 1.0 forbids (C0 controls other than tab, CR, LF) are dropped;
/// - C1 controls U+0080–U+009F, which no feed means literally (they come from Windows-1252 text
///   labelled ISO-8859-1 upstream), are read as the Windows-1252 characters of the same byte
///   (U+0092 → U+2019), exactly like the character references 128–159 (no invisible control
///   character in a title from a mislabelled legacy charset). This holds inside CDATA sections too.
enum XMLPreparation {
    /// Returns UTF-8 bytes ready for libxml2 (`bytes` is UTF-8 text).
    static func prepare(_ b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(b.count + 64)
        var i = contentStart(b)
        rewrite(b, from: &i, into: &out, until: Int.max)
        return out
    }

    /// Where the rewriting of `b` starts: after leading white space and the XML declaration.
    static func contentStart(_ b: [UInt8]) -> Int {
        let n = b.count
        var i = 0
        while i < n && isSpace(b[i]) { i += 1 }
        if startsWith(b, i, "<?xml") && i + 5 < n && (isSpace(b[i + 5]) || b[i + 5] == UInt8(ascii: "?")) {
            if let end = find(b, i, "?>") { i = end + 2 }
        }
        return i
    }

    /// Rewrites `b` from byte `i` on, appending to `out`, until `b` ends or `out` holds at least
    /// `limit` bytes; `i` is left where the next call continues. Each step handles one whole
    /// construct (a comment, a CDATA section, a DOCTYPE, a reference, a run of plain bytes), so
    /// pieces written by successive calls are, concatenated, exactly ``prepare(_:)``'s output
    /// (``XMLPreparation/Pieces``).
    static func rewrite(_ b: [UInt8], from i: inout Int, into out: inout [UInt8], until limit: Int) {
        let n = b.count
        while i < n && out.count < limit {
            let c = b[i]
            if c == UInt8(ascii: "<") {
                if startsWith(b, i, "<!--") {
                    let end = find(b, i + 4, "-->").map { $0 + 3 } ?? n
                    out.append(contentsOf: b[i..<end]); i = end
                    continue
                }
                if startsWith(b, i, "<![CDATA[") {
                    let end = find(b, i + 9, "]]>").map { $0 + 3 } ?? n
                    var k = i
                    while k < end {
                        if b[k] == 0xC2 && k + 1 < end && b[k + 1] >= 0x80 && b[k + 1] <= 0x9F {
                            appendWindows1252(b[k + 1], to: &out); k += 2
                        } else {
                            let runEnd: Int = b.withUnsafeBufferPointer { p in
                                guard k + 1 < end, let hit = memchr(p.baseAddress! + k + 1, 0xC2, end - k - 1) else { return end }
                                return UnsafeRawPointer(hit) - UnsafeRawPointer(p.baseAddress!)
                            }
                            out.append(contentsOf: b[k..<runEnd]); k = runEnd
                        }
                    }
                    i = end
                    continue
                }
                if startsWithIgnoringCase(b, i, "<!DOCTYPE") {
                    i = endOfDoctype(b, i + 9)
                    continue
                }
                if startsWith(b, i, "<?") {
                    let end = find(b, i + 2, "?>").map { $0 + 2 } ?? n
                    out.append(contentsOf: b[i..<end]); i = end
                    continue
                }
                out.append(c); i += 1
                continue
            }
            if c == UInt8(ascii: "&") {
                i = rewriteReference(b, i, into: &out)
                continue
            }
            if c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D { i += 1; continue }
            if c == 0xC2 && i + 1 < n && b[i + 1] >= 0x80 && b[i + 1] <= 0x9F {
                appendWindows1252(b[i + 1], to: &out); i += 2
                continue
            }
            // A run of bytes that need nothing is copied at once. A `<` that starts a tag (a letter
            // or `/` follows) needs nothing either: only `<!`, `<?` and the like are looked at above.
            // The run ends where `out` reaches `limit`, at a character boundary: a feed without
            // references, comments or CDATA sections is one run, and a piece must not be the
            // whole document (issue 11: the push parser then held every item at once).
            let scanEnd = limit == Int.max ? n : min(n, i + max(limit - out.count, 4))
            var runEnd: Int = b.withUnsafeBufferPointer { p in
                Self.stops.withUnsafeBufferPointer { stops in
                    var j = i + 1
                    while j < scanEnd {
                        // Eight bytes at a time while none of them can be a stop (see ``mayStop(_:_:)``).
                        if j + 9 <= n {
                            let w = UnsafeRawPointer(p.baseAddress! + j).loadUnaligned(as: UInt64.self)
                            let following = UnsafeRawPointer(p.baseAddress! + j + 1).loadUnaligned(as: UInt64.self)
                            if !Self.mayStop(w, following) {
                                j += 8
                                continue
                            }
                            // Some byte of these eight may stop the run: each is looked at below.
                            let chunkEnd = j + 8
                            var stop = false
                            while j < chunkEnd {
                                let d = p[j]
                                if stops[Int(d)] && !(d == UInt8(ascii: "<") && Self.startsTag(p[j + 1])) { stop = true; break }
                                j += 1
                            }
                            if stop { break }
                            continue
                        }
                        let d = p[j]
                        if stops[Int(d)] {
                            guard d == UInt8(ascii: "<"), j + 1 < n, Self.startsTag(p[j + 1]) else { break }
                        }
                        j += 1
                    }
                    return j
                }
            }
            if runEnd >= scanEnd && scanEnd < n {
                // Every byte up to `runEnd` needs nothing; cut before a UTF-8 continuation byte.
                runEnd = scanEnd
                while runEnd > i + 1 && runEnd < n && b[runEnd] & 0xC0 == 0x80 { runEnd -= 1 }
            }
            out.append(contentsOf: b[i..<runEnd]); i = runEnd
        }
    }

    /// ``prepare(_:)``'s output a piece at a time, so that a large document is never held twice
    /// (issue 11: a feed document streamed to the parser).
    struct Pieces {
        let bytes: [UInt8]
        private var next: Int

        /// `bytes`: UTF-8 text, as for ``prepare(_:)``.
        init(_ bytes: [UInt8]) {
            self.bytes = bytes
            next = XMLPreparation.contentStart(bytes)
        }

        var isFinished: Bool { next >= bytes.count }

        /// Replaces `piece` with the next prepared bytes: at least `size` bytes unless the document
        /// ends first (one construct may make it longer); empty at the end.
        mutating func fill(_ piece: inout [UInt8], size: Int) {
            piece.removeAll(keepingCapacity: true)
            XMLPreparation.rewrite(bytes, from: &next, into: &piece, until: size)
        }
    }

    /// The bytes the copying loop stops at: `<`, `&`, 0xC2 (a possible C1 control) and the C0
    /// controls XML forbids.
    private static let stops: [Bool] = (0..<256).map { d in
        d == 0x3C || d == 0x26 || d == 0xC2 || (d < 0x20 && d != 0x09 && d != 0x0A && d != 0x0D)
    }

    /// Whether one of the eight bytes in `w` (little-endian) may stop a run: `&`, 0xC2, a byte below
    /// 0x20, or a `<` followed by `!` or `?` (`following` holds the next eight bytes, each one
    /// position later). A `<` before any other byte changes nothing in the output, so a run does not
    /// need to stop there. Conservative: `true` may be wrong, `false` never is.
    @inline(__always)
    private static func mayStop(_ w: UInt64, _ following: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
        @inline(__always) func has(_ v: UInt64, _ byte: UInt8) -> Bool { hasZeroByte(v ^ (ones &* UInt64(byte))) }
        // Any byte below 0x20 (exact for a bound up to 0x80).
        let hasControl = (w &- ones &* 0x20) & ~w & highs != 0
        return hasControl || has(w, 0x26) || has(w, 0xC2) || has(following, 0x21) || has(following, 0x3F)
    }

    /// An ASCII letter or `/`: after `<`, a start or end tag.
    @inline(__always)
    private static func startsTag(_ c: UInt8) -> Bool {
        (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == UInt8(ascii: "/")
    }

    /// Index after the `>` closing a DOCTYPE whose keyword ends before `from`, skipping an internal
    /// subset in brackets, quoted strings and comments.
    private static func endOfDoctype(_ b: [UInt8], _ from: Int) -> Int {
        var i = from
        var depth = 0
        var quote: UInt8 = 0
        while i < b.count {
            let c = b[i]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if startsWith(b, i, "<!--") {
                i = find(b, i + 4, "-->").map { $0 + 3 } ?? b.count
                continue
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                quote = c
            } else if c == UInt8(ascii: "[") {
                depth += 1
            } else if c == UInt8(ascii: "]") {
                depth = max(0, depth - 1)
            } else if c == UInt8(ascii: ">") && depth == 0 {
                return i + 1
            }
            i += 1
        }
        return b.count
    }

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

    static func startsWith(_ b: [UInt8], _ i: Int, _ s: StaticString) -> Bool {
        let p = s.utf8Start
        let len = s.utf8CodeUnitCount
        guard i + len <= b.count else { return false }
        for k in 0..<len where b[i + k] != p[k] { return false }
        return true
    }

    static func startsWithIgnoringCase(_ b: [UInt8], _ i: Int, _ s: StaticString) -> Bool {
        let p = s.utf8Start
        let len = s.utf8CodeUnitCount
        guard i + len <= b.count else { return false }
        for k in 0..<len where b[i + k] | 0x20 != p[k] | 0x20 { return false }
        return true
    }

    static func find(_ b: [UInt8], _ from: Int, _ s: StaticString) -> Int? {
        let p = s.utf8Start
        let len = s.utf8CodeUnitCount
        return b.withUnsafeBufferPointer { q in
            var i = max(from, 0)
            let first = Int32(p[0])
            // The first byte found with memchr, then the rest compared.
            while i + len <= q.count {
                guard let hit = memchr(q.baseAddress! + i, first, q.count - len + 1 - i) else { return nil }
                i = UnsafeRawPointer(hit) - UnsafeRawPointer(q.baseAddress!)
                var ok = true
                for k in 1..<len where q[i + k] != p[k] { ok = false; break }
                if ok { return i }
                i += 1
            }
            return nil
        }
    }
}

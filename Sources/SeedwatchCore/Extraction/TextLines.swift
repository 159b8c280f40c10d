import Foundation

/// Line clean-up shared by the extractors: whitespace collapsed inside a line, empty lines dropped.
///
/// Works on UTF-8 bytes: lines end at LF, CR or CR LF (each of which is a whole grapheme cluster of
/// its own, UAX #29 GB3–GB5, so splitting bytes splits `Character`s alike), and the whitespace and
/// invisible scalars of ``Whitespace`` are recognised by their UTF-8 sequences (``UTF8Lines``).
enum TextLines {
    /// One line: runs of whitespace (``Whitespace/isSpace(_:)``) become one space; leading and
    /// trailing whitespace removed; invisible scalars (``Whitespace/isInvisible(_:)``) dropped.
    static func collapse<S: StringProtocol>(_ line: S) -> String {
        if let collapsed = line.utf8.withContiguousStorageIfAvailable({ collapse(bytes: $0) }) {
            return collapsed
        }
        return Array(line.utf8).withUnsafeBufferPointer { collapse(bytes: $0) }
    }

    /// ``collapse(_:)`` of one line given as valid UTF-8 bytes (no line break inside).
    static func collapse(bytes line: UnsafeBufferPointer<UInt8>) -> String {
        guard !line.isEmpty else { return "" }
        return String(unsafeUninitializedCapacity: line.count) { out in
            UTF8Lines.appendCollapsed(line, to: out.baseAddress!, at: 0)
        }
    }

    /// Splits `text` at line breaks (LF, CRLF, CR), collapses each line and drops empty ones.
    static func cleanLines(_ text: String) -> [String] {
        text.withUTF8Bytes { bytes in
            var lines: [String] = []
            UTF8Lines.forEachLine(bytes) { line in
                let collapsed = collapse(bytes: line)
                if !collapsed.isEmpty { lines.append(collapsed) }
            }
            return lines
        }
    }

    /// Builds title and body, dropping leading body lines that repeat the title (pages often hold
    /// the headline as `<h1>` and again as a first paragraph).
    static func article(title: String, lines: [String], published: Date? = nil, url: String? = nil) -> Article {
        var body = lines[...]
        while let first = body.first, !title.isEmpty, first == title { body.removeFirst() }
        return Article(title: title, body: body.joined(separator: "\n"), published: published, url: url)
    }
}

/// The byte-level primitives of ``TextLines`` and ``HardWrap``, over valid UTF-8.
enum UTF8Lines {
    /// Calls `body` with each line of `bytes`, without its line break (LF, CR or CR LF); a text
    /// ending in a line break has an empty last line, as `split(omittingEmptySubsequences: false)`.
    @inline(__always)
    static func forEachLine(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var cursor = LineCursor(bytes)
        while let line = cursor.next() { body(line) }
    }

    /// Reads the lines of valid UTF-8 bytes one at a time (see ``forEachLine(_:_:)``).
    struct LineCursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        var finished = false
        /// Where a line that is not valid UTF-8 is repaired, when the cursor repairs.
        private let repairs: RepairBuffer?

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            repairs = nil
        }

        /// A cursor over `bytes` that, with `repairing`, returns each line that is not valid UTF-8
        /// as ``UTF8Repair`` repairs it (valid only until the next call).
        init(_ bytes: UnsafeBufferPointer<UInt8>, repairing: Bool) {
            self.bytes = bytes
            repairs = repairing ? RepairBuffer() : nil
        }

        /// The next line (see ``rawLine()``), repaired when the cursor repairs and it is not valid UTF-8.
        @inline(__always)
        mutating func next() -> UnsafeBufferPointer<UInt8>? {
            guard let line = rawLine() else { return nil }
            guard let repairs, !UTF8Bytes.isValidUTF8(line) else { return line }
            return repairs.repaired(line)
        }

        /// The next line of `bytes` as it stands, without its line break; nil past the last one.
        @inline(__always)
        mutating func rawLine() -> UnsafeBufferPointer<UInt8>? {
            guard !finished, let base = bytes.baseAddress else {
                if !finished { finished = true; return UnsafeBufferPointer(start: nil, count: 0) }
                return nil
            }
            let n = bytes.count
            var i = position
            // Eight bytes at a time up to the block that holds a line break.
            while i + 8 <= n {
                let word = ASCIIWord(base + i)
                if word.equal(0x0A) | word.equal(0x0D) != 0 { break }
                i += 8
            }
            while i < n {
                let b = base[i]
                if b == 0x0A || b == 0x0D { break }
                i += 1
            }
            let line = UnsafeBufferPointer(start: base + position, count: i - position)
            if i == n {
                finished = true
            } else {
                i += (base[i] == 0x0D && i + 1 < n && base[i + 1] == 0x0A) ? 2 : 1
                position = i
            }
            return line
        }
    }

    /// The buffer that a repairing ``LineCursor`` writes its repaired lines to, grown as needed.
    final class RepairBuffer {
        private var storage = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        private var capacity = 256

        deinit { storage.deallocate() }

        /// `line` as ``UTF8Repair`` repairs it, valid until the next call.
        func repaired(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
            let length = UTF8Repair.measure(line).length
            if length > capacity {
                storage.deallocate()
                capacity = length
                storage = UnsafeMutablePointer<UInt8>.allocate(capacity: length)
            }
            return UnsafeBufferPointer(start: storage, count: UTF8Repair.write(line, into: storage))
        }
    }

    /// Writes the collapsed form of one line (no line break inside) at `out + at`: runs of
    /// ``Whitespace`` spaces as one space, none at either end, invisible scalars dropped.
    /// `out` must hold `at + line.count` bytes (the result is never longer than the line).
    /// - Returns: the offset just past the written bytes (`at` when the line is blank).
    @inline(__always)
    static func appendCollapsed(_ line: UnsafeBufferPointer<UInt8>, to out: UnsafeMutablePointer<UInt8>, at: Int) -> Int {
        guard let p = line.baseAddress else { return at }
        let n = line.count
        var w = at
        var pendingSpace = false
        var i = 0
        while i < n {
            if i + 8 <= n {
                // Eight ASCII bytes copied as they are when none is a control byte, no space follows
                // another, and neither the first nor the last is a space (no run to collapse, no end).
                let word = ASCIIWord(p + i)
                let spaces = word.equal(0x20)
                if word.nonASCII == 0 && word.inRange(0x09, 0x0D) == 0 && spaces & (spaces >> 8 | 0x80 | 1 << 63) == 0 {
                    if pendingSpace { out[w] = 0x20; w += 1; pendingSpace = false }
                    UnsafeMutableRawPointer(out + w).storeBytes(of: word.bits.littleEndian, as: UInt64.self)
                    w += 8
                    i += 8
                    continue
                }
            }
            let b = p[i]
            if b < 0x80 {
                if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                    pendingSpace = w != at
                } else {
                    if pendingSpace { out[w] = 0x20; w += 1; pendingSpace = false }
                    out[w] = b
                    w += 1
                }
                i += 1
                continue
            }
            let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
            switch kind(p, i, length) {
            case .space:
                pendingSpace = w != at
            case .invisible:
                break
            case .other:
                if pendingSpace { out[w] = 0x20; w += 1; pendingSpace = false }
                for k in 0..<length { out[w + k] = p[i + k] }
                w += length
            }
            i += length
        }
        return w
    }

    enum ScalarKind { case space, invisible, other }

    /// The ``Whitespace`` kind of the multi-byte scalar of `length` bytes at `p + i`: U+00A0,
    /// U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000 are spaces; U+00AD and
    /// U+FEFF invisible.
    @inline(__always)
    static func kind(_ p: UnsafePointer<UInt8>, _ i: Int, _ length: Int) -> ScalarKind {
        let b0 = p[i]
        switch length {
        case 2:
            guard b0 == 0xC2 else { return .other }
            let b1 = p[i + 1]
            return b1 == 0xA0 ? .space : b1 == 0xAD ? .invisible : .other
        case 3:
            let b1 = p[i + 1], b2 = p[i + 2]
            switch b0 {
            case 0xE1: return b1 == 0x9A && b2 == 0x80 ? .space : .other
            case 0xE2:
                if b1 == 0x80 { return b2 <= 0x8A || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF ? .space : .other }
                return b1 == 0x81 && b2 == 0x9F ? .space : .other
            case 0xE3: return b1 == 0x80 && b2 == 0x80 ? .space : .other
            case 0xEF: return b1 == 0xBB && b2 == 0xBF ? .invisible : .other
            default: return .other
            }
        default:
            return .other
        }
    }

    /// The scalar that starts at byte `i` of valid UTF-8 `p` (ending at `end`).
    @inline(__always)
    static func scalar(at i: Int, in p: UnsafePointer<UInt8>) -> Unicode.Scalar {
        let b0 = p[i]
        if b0 < 0x80 { return Unicode.Scalar(b0) }
        var v: UInt32
        if b0 < 0xE0 {
            v = UInt32(b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F)
        } else if b0 < 0xF0 {
            v = UInt32(b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F)
        } else {
            v = UInt32(b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6 | UInt32(p[i + 3] & 0x3F)
        }
        return Unicode.Scalar(v) ?? "\u{FFFD}"
    }

    /// The offset where the scalar that ends at byte `end` (exclusive) of valid UTF-8 starts.
    @inline(__always)
    static func scalarStart(before end: Int, in p: UnsafePointer<UInt8>, from start: Int) -> Int {
        var s = end - 1
        while s > start && p[s] & 0xC0 == 0x80 { s -= 1 }
        return s
    }
}

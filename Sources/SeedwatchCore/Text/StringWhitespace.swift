import Foundation

extension String {
    func trimmingWhitespace() -> String {
        // Fast path: a first and last byte that are ASCII and not whitespace mean nothing to trim
        // (an ASCII scalar other than LF never continues a grapheme cluster, and no whitespace
        // scalar starts one that it continues).
        let untouched: Bool = withUTF8Bytes { buf in
            guard let first = buf.first, let last = buf.last else { return true }
            return first < 0x80 && last < 0x80 && !UTF8Bytes.isASCIIWhitespace(first) && !UTF8Bytes.isASCIIWhitespace(last)
        }
        if untouched { return self }
        // ASCII whitespace around ASCII ends: every cluster there is one scalar (or CR LF), so
        // trimming bytes is trimming characters.
        let trimmed: String?? = withUTF8Bytes { buf in
            let n = buf.count
            var start = 0
            while start < n && UTF8Bytes.isASCIIWhitespace(buf[start]) { start += 1 }
            if start == n { return .some("") }
            var end = n
            while end > start && UTF8Bytes.isASCIIWhitespace(buf[end - 1]) { end -= 1 }
            guard buf[start] < 0x80 && buf[end - 1] < 0x80 else { return .none }
            return .some(String(decoding: UnsafeBufferPointer(rebasing: buf[start..<end]), as: UTF8.self))
        }
        if let trimmed { return trimmed! }
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }

    /// Runs of ASCII whitespace (space, tab, CR, LF, form feed) as one space, trimmed at both ends. NBSP is kept.
    func collapsingWhitespace() -> String {
        withUTF8Bytes { buf -> String in
            // Already collapsed: no leading or trailing whitespace, only single spaces between words.
            var clean = true
            var previousSpace = true
            for c in buf {
                if UTF8Bytes.isCollapsible(c) {
                    if c != 0x20 || previousSpace { clean = false; break }
                    previousSpace = true
                } else {
                    previousSpace = false
                }
            }
            if clean && (buf.isEmpty || !previousSpace) { return self }
            var out: [UInt8] = []
            out.reserveCapacity(buf.count)
            var pendingSpace = false
            for c in buf {
                if UTF8Bytes.isCollapsible(c) {
                    pendingSpace = !out.isEmpty
                } else {
                    if pendingSpace { out.append(0x20); pendingSpace = false }
                    out.append(c)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}

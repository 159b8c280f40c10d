/// Datelines under a headline: the line that says when a story was published or updated
/// ("22.04.2024 | 15:54", "Published on 30/04/2024 - 16:38", "Friday 22 November 2024 08:49 GMT",
/// "公開日：2025/01/31 11:30"). A page prints it between the headline and the lede; it is page
/// furniture, not the article's text (the reference texts of fundus, newspaper4k and scrapinghub
/// leave it out, and so does trafilatura). The date itself is read from the page's metadata
/// (``HTMLMetadata``), not from this line.
///
/// A dateline (``isDateline(_:)``) is one of the first ``leadingLines`` lines of the body, has at
/// most ``maximumWords`` words, does not end like a sentence (`.`, `!`, `?`, `"`, `”`) and holds a
/// date: a numeric date (`22.04.2024`, `4/30/24`, `2024-04-30`), or a year (`19xx`, `20xx`) with a
/// time of day (`08:49`; `16.03` after the year).
enum HTMLDatelines {
    /// Only this many of the body's first lines are read as datelines.
    static let leadingLines = 6
    /// A dateline has at most this many words (runs between spaces).
    static let maximumWords = 8

    /// Whether a collapsed line (valid UTF-8, single spaces between words, none at either end) is
    /// a dateline by the type's rule (its position aside).
    static func isDateline(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let last = line.last else { return false }
        var words = 1
        for b in line where b == 0x20 { words += 1 }
        guard words <= maximumWords else { return false }
        if last == 0x2E || last == 0x21 || last == 0x3F || last == 0x22 { return false }
        if line.count >= 3, line[line.count - 3] == 0xE2, line[line.count - 2] == 0x80, last == 0x9D { return false }
        let runs = digitRuns(line)
        return hasNumericDate(runs, in: line) || hasYearAndTime(runs, in: line)
    }

    /// A maximal run of ASCII digits at `start..<end` that starts and ends at a word boundary (no
    /// ASCII letter, digit or `_` beside it).
    typealias Run = (start: Int, end: Int)

    static func digitRuns(_ line: UnsafeBufferPointer<UInt8>) -> [Run] {
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        func isWordByte(_ b: UInt8) -> Bool { isDigit(b) || b == 0x5F || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) }
        var runs: [Run] = []
        var i = 0
        while i < line.count {
            guard isDigit(line[i]) else { i += 1; continue }
            let start = i
            while i < line.count, isDigit(line[i]) { i += 1 }
            let bounded = (start == 0 || !isWordByte(line[start - 1])) && (i == line.count || !isWordByte(line[i]))
            if bounded { runs.append((start, i)) }
        }
        return runs
    }

    /// `d.m.yyyy`, `m/d/yy`, `d-m-yyyy` (1–2, 1–2 and 2–4 digits, each separator `.`, `/` or `-`)
    /// or `yyyy-mm-dd`.
    private static func hasNumericDate(_ runs: [Run], in line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard runs.count >= 3 else { return false }
        func isSeparator(_ b: UInt8) -> Bool { b == 0x2E || b == 0x2F || b == 0x2D }
        for k in 0..<(runs.count - 2) {
            let a = runs[k], b = runs[k + 1], c = runs[k + 2]
            guard b.start == a.end + 1, c.start == b.end + 1,
                  isSeparator(line[a.end]), isSeparator(line[b.end]) else { continue }
            let la = a.end - a.start, lb = b.end - b.start, lc = c.end - c.start
            if (1...2).contains(la) && (1...2).contains(lb) && (2...4).contains(lc) { return true }
            if la == 4 && lb == 2 && lc == 2 && line[a.end] == 0x2D && line[b.end] == 0x2D { return true }
        }
        return false
    }

    /// A year (`19xx` or `20xx`) and a time of day: `hh:mm` anywhere, or `hh.mm` after the year.
    private static func hasYearAndTime(_ runs: [Run], in line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let year = runs.first(where: { run in
            run.end - run.start == 4 && (line[run.start] == 0x31 && line[run.start + 1] == 0x39
                || line[run.start] == 0x32 && line[run.start + 1] == 0x30)
        }) else { return false }
        guard runs.count >= 2 else { return false }
        for k in 0..<(runs.count - 1) {
            let h = runs[k], m = runs[k + 1]
            guard (1...2).contains(h.end - h.start), m.end - m.start == 2, m.start == h.end + 1 else { continue }
            if line[h.end] == 0x3A { return true }
            if line[h.end] == 0x2E && h.start > year.start { return true }
        }
        return false
    }
}

/// A shell-style glob pattern matched against raw bytes (file names on Linux need not be UTF-8).
///
/// Syntax (a subset of POSIX `fnmatch(3)` with `FNM_PATHNAME`):
/// - `*` matches any run of bytes except `/`;
/// - `?` matches exactly one byte except `/` (one byte, not one character: a multi-byte UTF-8
///   character needs one `?` per byte);
/// - `[...]` matches one byte from a set; ranges `a-z` compare byte values; a leading `!` or `^`
///   negates the set; `]` first in the set is literal; a `[` without a closing `]` is literal;
/// - `\` makes the next byte literal; every other byte matches itself.
public struct GlobPattern: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as given.
    public let source: [UInt8]

    /// Whether the pattern contains `/`, in which case it is matched against a whole relative path.
    public var containsSlash: Bool { source.contains(UInt8(ascii: "/")) }

    /// Creates a pattern from its raw bytes.
    public init(_ source: [UInt8]) { self.source = source }

    /// Creates a pattern from a string (its UTF-8 bytes).
    public init(_ source: String) { self.source = Array(source.utf8) }

    public var description: String { String(decoding: source, as: UTF8.self) }

    /// - Returns: true when the whole of `subject` matches the whole pattern.
    public func matches(_ subject: some Collection<UInt8>) -> Bool {
        let s = Array(subject)
        return Self.match(source, 0, s, 0)
    }

    private static let slash = UInt8(ascii: "/")
    private static let star = UInt8(ascii: "*")
    private static let question = UInt8(ascii: "?")
    private static let open = UInt8(ascii: "[")
    private static let backslash = UInt8(ascii: "\\")

    /// Iterative matcher with single-star backtracking (linear in practice, no recursion on `*`).
    private static func match(_ p: [UInt8], _ pStart: Int, _ s: [UInt8], _ sStart: Int) -> Bool {
        var pi = pStart
        var si = sStart
        var starP = -1  // pattern index just after the last `*`
        var starS = -1  // subject index that `*` is currently extended to
        while si < s.count {
            if pi < p.count {
                let c = p[pi]
                if c == star {
                    starP = pi + 1
                    starS = si
                    pi += 1
                    continue
                }
                if let next = matchOne(p, pi, s[si]) {
                    pi = next
                    si += 1
                    continue
                }
            }
            // Mismatch: extend the last star by one byte, unless that byte is `/`.
            if starP >= 0, s[starS] != slash {
                starS += 1
                si = starS
                pi = starP
                continue
            }
            return false
        }
        while pi < p.count, p[pi] == star { pi += 1 }
        return pi == p.count
    }

    /// Matches one pattern element at `pi` against `byte`.
    /// - Returns: the index after the element when it matches, nil otherwise.
    private static func matchOne(_ p: [UInt8], _ pi: Int, _ byte: UInt8) -> Int? {
        let c = p[pi]
        switch c {
        case question:
            return byte == slash ? nil : pi + 1
        case backslash where pi + 1 < p.count:
            return p[pi + 1] == byte ? pi + 2 : nil
        case open:
            guard let (matched, end) = matchSet(p, pi, byte) else {
                return byte == open ? pi + 1 : nil  // no closing `]`: a literal `[`
            }
            return matched && byte != slash ? end : nil
        default:
            return c == byte ? pi + 1 : nil
        }
    }

    /// Parses the bracket expression starting at `p[start] == "["`.
    /// - Returns: whether `byte` is in the set and the index after `]`, or nil when unterminated.
    private static func matchSet(_ p: [UInt8], _ start: Int, _ byte: UInt8) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < p.count, p[i] == UInt8(ascii: "!") || p[i] == UInt8(ascii: "^") {
            negate = true
            i += 1
        }
        var found = false
        var first = true
        while i < p.count {
            var lo = p[i]
            if lo == UInt8(ascii: "]"), !first {
                return (found != negate, i + 1)
            }
            first = false
            if lo == backslash, i + 1 < p.count {
                i += 1
                lo = p[i]
            }
            if i + 2 < p.count, p[i + 1] == UInt8(ascii: "-"), p[i + 2] != UInt8(ascii: "]") {
                var hi = p[i + 2]
                var advance = 3
                if hi == backslash, i + 3 < p.count {
                    hi = p[i + 3]
                    advance = 4
                }
                if lo <= byte, byte <= hi { found = true }
                i += advance
            } else {
                if lo == byte { found = true }
                i += 1
            }
        }
        return nil
    }
}

/// URI references as RFC 3986 defines them: splitting (§3, Appendix B), resolution against a base
/// (§5.2, with `remove_dot_segments` of §5.2.4), and the normalisation used for item keys.
public struct URIReference: Sendable, Hashable {
    public var scheme: String?
    public var authority: String?
    public var path: String
    public var query: String?
    public var fragment: String?

    /// Splits `text` per RFC 3986 Appendix B (every string is a URI reference; nothing is validated).
    public init(_ text: String) {
        if let ascii = URIReference(ascii: text) {
            self = ascii
            return
        }
        var rest = Substring(text)
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let q = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: q)...])
            rest = rest[..<q]
        }
        if let colon = rest.firstIndex(of: ":"), colon != rest.startIndex,
           !rest[..<colon].contains(where: { $0 == "/" }),
           rest[..<colon].first!.isASCII && rest[..<colon].first!.isLetter,
           rest[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }) {
            scheme = String(rest[..<colon])
            rest = rest[rest.index(after: colon)...]
        }
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            let end = rest.firstIndex(of: "/") ?? rest.endIndex
            authority = String(rest[..<end])
            rest = rest[end...]
        }
        path = String(rest)
    }

    /// The same split on UTF-8 bytes, for text that is all ASCII (where each `Character` the general
    /// path compares is one byte, CR LF aside, which contains none of `#?:/`); `nil` otherwise.
    private init?(ascii text: String) {
        let parts: (scheme: Range<Int>?, authority: Range<Int>?, path: Range<Int>, query: Range<Int>?, fragment: Range<Int>?)? = text.withUTF8Bytes { b in
            let n = b.count
            var end = n
            var fragment: Range<Int>?
            var query: Range<Int>?
            for i in 0..<n {
                let c = b[i]
                if c >= 0x80 { return nil }
                if c == UInt8(ascii: "#") && fragment == nil { fragment = (i + 1)..<n; end = i }
            }
            for i in 0..<end where b[i] == UInt8(ascii: "?") {
                query = (i + 1)..<end
                end = i
                break
            }
            var start = 0
            var scheme: Range<Int>?
            if let colon = (0..<end).first(where: { b[$0] == UInt8(ascii: ":") }), colon > 0, Self.isAlpha(b[0]) {
                var ok = true
                for k in 0..<colon {
                    let c = b[k]
                    if !(Self.isAlpha(c) || (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")) {
                        ok = false
                        break
                    }
                }
                if ok { scheme = 0..<colon; start = colon + 1 }
            }
            var authority: Range<Int>?
            if start + 2 <= end && b[start] == UInt8(ascii: "/") && b[start + 1] == UInt8(ascii: "/") {
                start += 2
                var slash = start
                while slash < end && b[slash] != UInt8(ascii: "/") { slash += 1 }
                authority = start..<slash
                start = slash
            }
            return (scheme, authority, start..<end, query, fragment)
        }
        guard let parts else { return nil }
        func piece(_ r: Range<Int>) -> String {
            text.withUTF8Bytes { String(decoding: UnsafeBufferPointer(rebasing: $0[r]), as: UTF8.self) }
        }
        scheme = parts.scheme.map(piece)
        authority = parts.authority.map(piece)
        path = piece(parts.path)
        query = parts.query.map(piece)
        fragment = parts.fragment.map(piece)
    }

    private static func isAlpha(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }

    /// The reference written back as text (RFC 3986 §5.3).
    public var text: String {
        var s = ""
        if let scheme { s += scheme + ":" }
        if let authority { s += "//" + authority }
        s += path
        if let query { s += "?" + query }
        if let fragment { s += "#" + fragment }
        return s
    }

    /// Resolves `reference` against `base` (RFC 3986 §5.2.2). Without a base, or with a base that
    /// has no scheme, the reference is returned trimmed but otherwise unchanged.
    public static func resolve(_ reference: String, against base: String?) -> String {
        let trimmed = reference.trimmingWhitespace()
        guard let base, !base.isEmpty else { return trimmed }
        let b = URIReference(base.trimmingWhitespace())
        guard b.scheme != nil else { return trimmed }
        let r = URIReference(trimmed)
        var t = URIReference("")
        if let scheme = r.scheme {
            t.scheme = scheme; t.authority = r.authority; t.path = removeDotSegments(r.path); t.query = r.query
        } else {
            if r.authority != nil {
                t.authority = r.authority; t.path = removeDotSegments(r.path); t.query = r.query
            } else {
                if r.path.isEmpty {
                    t.path = b.path
                    t.query = r.query ?? b.query
                } else {
                    if r.path.hasPrefix("/") {
                        t.path = removeDotSegments(r.path)
                    } else {
                        t.path = removeDotSegments(merge(base: b, path: r.path))
                    }
                    t.query = r.query
                }
                t.authority = b.authority
            }
            t.scheme = b.scheme
        }
        t.fragment = r.fragment
        return t.text
    }

    /// RFC 3986 §5.2.3.
    private static func merge(base: URIReference, path: String) -> String {
        if base.authority != nil && base.path.isEmpty { return "/" + path }
        guard let slash = base.path.lastIndex(of: "/") else { return path }
        return String(base.path[...slash]) + path
    }

    /// RFC 3986 §5.2.4.
    static func removeDotSegments(_ path: String) -> String {
        var input = Substring(path)
        var result = ""
        while !input.isEmpty {
            if input.hasPrefix("../") { input = input.dropFirst(3) }
            else if input.hasPrefix("./") { input = input.dropFirst(2) }
            else if input.hasPrefix("/./") { input = input.dropFirst(2) }
            else if input == "/." { input = "/" }
            else if input.hasPrefix("/../") {
                input = input.dropFirst(3)
                if let last = result.lastIndex(of: "/") { result = String(result[..<last]) } else { result = "" }
            } else if input == "/.." {
                input = "/"
                if let last = result.lastIndex(of: "/") { result = String(result[..<last]) } else { result = "" }
            } else if input == "." || input == ".." {
                input = ""
            } else {
                var end = input.index(after: input.startIndex)
                if input.first != "/" { end = input.startIndex }
                let next = input[end...].firstIndex(of: "/") ?? input.endIndex
                result += input[..<next]
                input = input[next...]
            }
        }
        return result
    }

    /// The link as an item key (DESIGN §7): scheme and host lower-cased, fragment dropped, and — for
    /// http(s) links — the query's tracking parameters (``TrackingParameters``) dropped, so a feed
    /// that tags its links with a new `utm_*` value on every poll keeps one key per item.
    public static func normalizedLink(_ link: String) -> String {
        var r = URIReference(link.trimmingWhitespace())
        r.fragment = nil
        if let query = r.query, let scheme = r.scheme?.lowercased(), scheme == "http" || scheme == "https" {
            r.query = TrackingParameters.strip(query: query)
        }
        r.scheme = r.scheme?.lowercased()
        if let authority = r.authority {
            // Lower-case the host, not the userinfo.
            if let at = authority.lastIndex(of: "@") {
                r.authority = String(authority[...at]) + authority[authority.index(after: at)...].lowercased()
            } else {
                r.authority = authority.lowercased()
            }
        }
        return r.text
    }
}

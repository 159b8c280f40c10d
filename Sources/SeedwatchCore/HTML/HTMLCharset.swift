import Foundation

/// Finds the charset an HTML document or an HTTP header declares, without decoding the document.
enum HTMLCharset {
    /// How many leading bytes are searched for `<meta>` declarations. The HTML standard's prescan
    /// reads 1024 bytes; real pages often declare later, so more is read.
    static let prescanLimit = 16_384

    /// The charset declared by the first `<meta charset=…>` or
    /// `<meta http-equiv="Content-Type" content="…; charset=…">` among the first `prescanLimit` bytes.
    static func metaCharset(_ bytes: [UInt8]) -> String? {
        // Bytes as Latin-1 scalars: ASCII markup stays ASCII whatever the real encoding is.
        let head = String(String.UnicodeScalarView(bytes.prefix(prescanLimit).map { Unicode.Scalar($0) })).lowercased()
        var search = head[...]
        while let start = search.range(of: "<meta") {
            let rest = search[start.upperBound...]
            let end = rest.firstIndex(of: ">") ?? rest.endIndex
            let attributes = parseAttributes(rest[..<end])
            if let charset = attributes["charset"], !charset.isEmpty { return charset }
            if attributes["http-equiv"] == "content-type", let content = attributes["content"],
               let charset = ContentType.charset(content) {
                return charset
            }
            search = rest[end...]
        }
        return nil
    }

    /// `name=value`, `name="value"`, `name='value'` pairs of one tag's inside.
    static func parseAttributes(_ tag: Substring) -> [String: String] {
        var result: [String: String] = [:]
        let chars = Array(tag)
        var i = 0
        func isSpace(_ c: Character) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" || c == "/" }
        while i < chars.count {
            while i < chars.count, isSpace(chars[i]) { i += 1 }
            let nameStart = i
            while i < chars.count, !isSpace(chars[i]), chars[i] != "=" { i += 1 }
            let name = String(chars[nameStart..<i])
            while i < chars.count, chars[i] == " " { i += 1 }
            var value = ""
            if i < chars.count, chars[i] == "=" {
                i += 1
                while i < chars.count, chars[i] == " " { i += 1 }
                if i < chars.count, chars[i] == "\"" || chars[i] == "'" {
                    let quote = chars[i]
                    i += 1
                    let valueStart = i
                    while i < chars.count, chars[i] != quote { i += 1 }
                    value = String(chars[valueStart..<min(i, chars.count)])
                    i += 1
                } else {
                    let valueStart = i
                    while i < chars.count, !isSpace(chars[i]) { i += 1 }
                    value = String(chars[valueStart..<i])
                }
            }
            if !name.isEmpty, result[name] == nil { result[name] = value.trimmingCharacters(in: .whitespaces) }
            if i == nameStart { i += 1 }
        }
        return result
    }
}

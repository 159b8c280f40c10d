/// How a string is written as a YAML 1.2 scalar in a line seedwatch writes (``FeedListEditor``,
/// ``ModelYAMLWriter``).
enum YAMLScalarText {
    /// A double-quoted scalar (YAML 1.2 §7.3.1): `\` and `"` escaped, control characters as
    /// `\n`, `\t`, `\r` or `\uXXXX`. Safe for any text: a title with `: `, ` #` or quotes.
    static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// `text` as a plain scalar when it is one unambiguously (ASCII letters, digits and URL
    /// punctuation, starting with a letter or digit, no whitespace, no `: ` or ` #`); otherwise
    /// double-quoted.
    static func plainOrQuoted(_ text: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@!$&'()*+,;=%")
        guard let first = text.first, first.isASCII, first.isLetter || first.isNumber,
              text.allSatisfy(allowed.contains), !text.hasSuffix(":") else { return doubleQuoted(text) }
        return text
    }
}

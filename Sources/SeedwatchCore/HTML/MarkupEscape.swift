/// Escaping text for HTML and XML output: the one place `&`, `<`, `>` and `"` become character
/// references, for the e-mail's HTML part (``AlertEmail``) and the OPML export (``OPMLWriter``).
public enum MarkupEscape {
    /// `text` with `&`, `<`, `>` and `"` as references (HTML 5 §13.1.2.6, XML 1.0 §2.4).
    /// - Parameters:
    ///   - apostrophe: also `'` as `&#39;` (for HTML attribute values in either quote).
    ///   - attributeWhitespace: also tab, line feed and carriage return as `&#9;`, `&#10;`, `&#13;`,
    ///     which XML attribute-value normalisation would otherwise turn into spaces (XML 1.0 §3.3.3).
    /// - Returns: the escaped text; other characters are copied unchanged.
    public static func escape(_ text: String, apostrophe: Bool = false, attributeWhitespace: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'" where apostrophe: out += "&#39;"
            case "\t" where attributeWhitespace: out += "&#9;"
            case "\n" where attributeWhitespace: out += "&#10;"
            case "\r" where attributeWhitespace: out += "&#13;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

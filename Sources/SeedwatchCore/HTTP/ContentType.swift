import Foundation

/// The parameters of a `Content-Type` value (RFC 9110 §8.3), as an HTTP header or an HTML
/// `<meta http-equiv="Content-Type" content="…">` gives it.
public enum ContentType {
    /// The `charset` parameter of `contentType`, without its quotes: `text/html; charset="ISO-8859-1"`
    /// → `ISO-8859-1`. Names and values are trimmed of whitespace, line breaks included (HTML's
    /// "extracting a character encoding from a meta element" skips them too); the name is matched
    /// without case. `nil` when the parameter is absent, or when the first `charset` is empty.
    public static func charset(_ contentType: String?) -> String? {
        guard let contentType else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, String(pair[0]).trimmingWhitespace().lowercased() == "charset" else { continue }
            let value = String(pair[1]).trimmingWhitespace().trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            return value.isEmpty ? nil : value
        }
        return nil
    }
}

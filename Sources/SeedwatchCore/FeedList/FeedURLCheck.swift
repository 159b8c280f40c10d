import Foundation

/// Whether a text given as a feed's URL (`seedwatch feeds add URL`) is one the configuration
/// accepts in `feeds[].url` (DESIGN §8): an absolute `http://` or `https://` URL with a host
/// (RFC 3986 §3: `scheme ":" "//" authority path`), and if not, what is wrong with it, in words a
/// user can act on.
public enum FeedURLCheck {
    /// What is wrong with `text` as a feed URL, or `nil` when the configuration accepts it.
    /// - Parameter text: the URL as the user wrote it.
    /// - Returns: a clause such as `it has no scheme: a feed URL starts with http:// or https://`.
    public static func problem(_ text: String) -> String? {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "it is empty" }
        let reference = URIReference(text)
        guard let scheme = reference.scheme, text.contains(":") else {
            return "it has no scheme: a feed URL starts with http:// or https://"
        }
        guard ["http", "https"].contains(scheme.lowercased()) else {
            return "its scheme is '\(scheme):'; a feed URL starts with http:// or https://"
        }
        if text.unicodeScalars.contains(where: { CharacterSet.whitespacesAndNewlines.contains($0) || CharacterSet.controlCharacters.contains($0) }) {
            return "it holds a space or a control character (write a space as %20)"
        }
        guard let authority = reference.authority, !authority.isEmpty,
              let parsed = URL(string: text), let host = parsed.host, !host.isEmpty else {
            return "it has no host: a feed URL is http://HOST/PATH or https://HOST/PATH"
        }
        return nil
    }
}

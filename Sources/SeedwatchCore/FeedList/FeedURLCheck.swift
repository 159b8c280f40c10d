import Foundation

/// The one rule for the http(s) URLs seedwatch fetches or posts to: `feeds[].url` and webhook
/// `url` in the configuration (DESIGN §8, §11), `seedwatch feeds add URL` and `feeds import`. A
/// URL is accepted when it is an absolute `http://` or `https://` URL with a host (RFC 3986 §3:
/// `scheme ":" "//" authority path`) holding no space or control character (RFC 3986 §2: a space
/// is written `%20`; libcurl refuses a URL with a raw space, so such a feed could never be
/// fetched). When it is not, ``problem(_:kind:)`` says what is wrong in words a user can act on.
public enum FeedURLCheck {
    /// What is wrong with `text` as a URL of `kind`, or `nil` when the configuration accepts it.
    /// - Parameters:
    ///   - text: the URL as the user wrote it.
    ///   - kind: what the URL is for, named in the message (`feed`, `webhook`).
    /// - Returns: a clause such as `it has no scheme: a feed URL starts with http:// or https://`.
    public static func problem(_ text: String, kind: String = "feed") -> String? {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "it is empty" }
        let reference = URIReference(text)
        guard let scheme = reference.scheme, text.contains(":") else {
            return "it has no scheme: a \(kind) URL starts with http:// or https://"
        }
        guard ["http", "https"].contains(scheme.lowercased()) else {
            return "its scheme is '\(scheme):'; a \(kind) URL starts with http:// or https://"
        }
        if text.unicodeScalars.contains(where: { CharacterSet.whitespacesAndNewlines.contains($0) || CharacterSet.controlCharacters.contains($0) }) {
            return "it holds a space or a control character (write a space as %20)"
        }
        guard let authority = reference.authority, !authority.isEmpty,
              let parsed = URL(string: text), let host = parsed.host, !host.isEmpty else {
            return "it has no host: a \(kind) URL is http://HOST/PATH or https://HOST/PATH"
        }
        return nil
    }
}

import Foundation
import Synchronization

/// Per-host politeness (issue 11): when a server answers 429 Too Many Requests or 503 Service
/// Unavailable (RFC 9110 §15.6.4, RFC 6585 §4), every feed on the same host and port waits until
/// the time it asked for, not only the feed that was answered. Hosts are compared case-insensitively,
/// with the scheme's default port when none is written (`https://a.example/x` and
/// `https://A.example:443/y` are one host).
package final class HostPoliteness: Sendable {
    private let notBefore = Mutex<[String: Date]>([:])

    package init() {}

    /// `host:port` of an http(s) URL, lower-cased; `nil` when the URL has no host.
    package static func hostKey(of url: String) -> String? {
        guard let components = URLComponents(string: url), let host = components.host?.lowercased(), !host.isEmpty else {
            return nil
        }
        let port = components.port ?? (components.scheme?.lowercased() == "https" ? 443 : 80)
        return "\(host):\(port)"
    }

    /// No request to `url`'s host before `until` (a later time already set stays).
    package func throttle(_ url: String, until: Date) {
        guard let key = Self.hostKey(of: url) else { return }
        notBefore.withLock { $0[key] = max($0[key] ?? until, until) }
    }

    /// The time before which `url`'s host must not be asked, if one was set.
    package func notBefore(_ url: String) -> Date? {
        guard let key = Self.hostKey(of: url) else { return nil }
        return notBefore.withLock { $0[key] }
    }
}

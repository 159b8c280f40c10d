import Foundation

/// Which stored validators a feed's next GET sends back (RFC 9110 §13.1: `If-None-Match`,
/// `If-Modified-Since`). Pure: the clock is passed in.
///
/// - A `Last-Modified` more than ``futureTolerance`` after now, or before ``earliestPlausible``
///   (1995-01-01), is a server's bogus clock: sent back, it makes the server answer 304 for ever
///   (or until 2041). It is not sent; the `ETag` still is. An unparsable `Last-Modified` is sent as
///   received (the server compares it as a string).
/// - A feed that has answered nothing but 304 for longer than `fetch.stale_after` (default 1 day;
///   DESIGN §11) since its last 200 gets one GET without validators, which also catches a frozen
///   `ETag`. A feed with validators but no recorded 200 (a database from before this rule) gets one too.
public struct ConditionalRequest: Sendable, Hashable {
    /// Sent as `If-None-Match`.
    public var etag: String?
    /// Sent as `If-Modified-Since`.
    public var lastModified: String?
    /// Why a validator was withheld, for the log; `nil` when none was.
    public var withheld: Withheld?

    /// Why a stored validator is not sent.
    public enum Withheld: Sendable, Hashable, CustomStringConvertible {
        /// The stored `Last-Modified` is in the future or before 1995.
        case implausibleLastModified(String)
        /// Only 304s since the last 200, for longer than `fetch.stale_after`; `since` is that 200 (`nil`: none recorded).
        case stale(since: Date?)

        public var description: String {
            switch self {
            case .implausibleLastModified(let value): return "Last-Modified '\(value)' is in the future or before 1995"
            case .stale(let since?): return "only 304 since \(AlertTimestamp.format(since))"
            case .stale(nil): return "no full fetch recorded"
            }
        }
    }

    /// 1995-01-01T00:00:00Z: no feed server's `Last-Modified` is older (RSS dates from 1999).
    public static let earliestPlausible = Date(timeIntervalSince1970: 788_918_400)
    /// How far, in seconds, a `Last-Modified` may lie in the future (a server clock running ahead): 1 hour.
    public static let futureTolerance: TimeInterval = 3600

    /// Whether a `Last-Modified` value may be sent back at `now`: false for a date after
    /// `now` + ``futureTolerance`` or before ``earliestPlausible``; true for anything else,
    /// unparsable values included.
    public static func isPlausible(lastModified: String, now: Date) -> Bool {
        guard let date = HTTPDate.parse(lastModified) else { return true }
        return date >= earliestPlausible && date <= now.addingTimeInterval(futureTolerance)
    }

    /// A choice made elsewhere (tests compare with it).
    public init(etag: String?, lastModified: String?, withheld: Withheld?) {
        self.etag = etag
        self.lastModified = lastModified
        self.withheld = withheld
    }

    /// The validators to send.
    /// - Parameters:
    ///   - etag: the stored `ETag`.
    ///   - lastModified: the stored `Last-Modified`, as received.
    ///   - lastFullFetch: when the feed last answered 200; `nil` when unknown.
    ///   - now: the time of the request.
    ///   - staleAfter: `fetch.stale_after`, in seconds.
    public init(etag: String?, lastModified: String?, lastFullFetch: Date?, now: Date, staleAfter: TimeInterval) {
        guard etag != nil || lastModified != nil else { return }
        if let lastFullFetch, now.timeIntervalSince(lastFullFetch) <= staleAfter {
            // Recent enough: send what is plausible.
        } else {
            withheld = .stale(since: lastFullFetch)
            return
        }
        self.etag = etag
        if let lastModified {
            if Self.isPlausible(lastModified: lastModified, now: now) {
                self.lastModified = lastModified
            } else {
                withheld = .implausibleLastModified(lastModified)
            }
        }
    }
}

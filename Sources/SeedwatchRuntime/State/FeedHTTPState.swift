import Foundation

/// What the state store remembers about one configured feed: the HTTP cache validators for
/// conditional GET (RFC 9110 §13.1: `If-None-Match` / `If-Modified-Since`) and the poll schedule.
package struct FeedHTTPState: Sendable, Hashable {
    /// The feed's configured URL (the key).
    package var url: String
    /// Where the feed now lives after permanent redirects (301/308), if it moved.
    package var currentURL: String?
    /// The last `ETag` response header, sent back as `If-None-Match`.
    package var etag: String?
    /// The last `Last-Modified` response header (as received), sent back as `If-Modified-Since`.
    package var lastModified: String?
    /// When the feed is next due.
    package var nextPoll: Date?
    /// Failed fetches in a row (0 after a success); drives back-off.
    package var consecutiveFailures: Int
    /// The last error, as logged.
    package var lastError: String?
    /// The last HTTP status code received.
    package var lastStatus: Int?
    /// When the feed was last fetched (successfully or not).
    package var lastFetch: Date?
    /// When the feed last fetched successfully (200 that parsed, or 304); `nil` before its first success.
    package var lastSuccess: Date?
    /// When the feed last answered 200 with a document; `nil` before (or in databases from before
    /// this column). Drives the unconditional GET after `fetch.stale_after` of 304s.
    package var lastFullFetch: Date?
    /// Polling stopped (after 410 Gone) until `seedwatch feeds reset URL`.
    package var disabled: Bool
    /// When a GUID of the feed was found naming another article than the one first seen under it
    /// (a GUID given by position, or reused): from then on its items are known by their link
    /// first (``ItemKey/assign(_:keyedByLink:)``). `nil` while its GUIDs hold.
    package var guidUnreliableSince: Date?
    /// The note of the last document that was not well-formed XML and whose items were recovered
    /// ("ill-formed XML at line N (message), recovered K items"); `nil` after a well-formed one.
    package var parseWarning: String?

    package init(url: String, currentURL: String? = nil, etag: String? = nil, lastModified: String? = nil,
                nextPoll: Date? = nil, consecutiveFailures: Int = 0, lastError: String? = nil,
                lastStatus: Int? = nil, lastFetch: Date? = nil, lastSuccess: Date? = nil, disabled: Bool = false, lastFullFetch: Date? = nil,
                guidUnreliableSince: Date? = nil, parseWarning: String? = nil) {
        self.url = url
        self.currentURL = currentURL
        self.etag = etag
        self.lastModified = lastModified
        self.nextPoll = nextPoll
        self.consecutiveFailures = consecutiveFailures
        self.lastError = lastError
        self.lastStatus = lastStatus
        self.lastFetch = lastFetch
        self.lastSuccess = lastSuccess
        self.disabled = disabled
        self.lastFullFetch = lastFullFetch
        self.guidUnreliableSince = guidUnreliableSince
        self.parseWarning = parseWarning
    }
}

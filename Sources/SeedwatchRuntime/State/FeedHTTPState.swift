import Foundation

/// What the state store remembers about one configured feed: the HTTP cache validators for
/// conditional GET (RFC 9110 §13.1: `If-None-Match` / `If-Modified-Since`) and the poll schedule.
public struct FeedHTTPState: Sendable, Hashable {
    /// The feed's configured URL (the key).
    public var url: String
    /// Where the feed now lives after permanent redirects (301/308), if it moved.
    public var currentURL: String?
    /// The last `ETag` response header, sent back as `If-None-Match`.
    public var etag: String?
    /// The last `Last-Modified` response header (as received), sent back as `If-Modified-Since`.
    public var lastModified: String?
    /// When the feed is next due.
    public var nextPoll: Date?
    /// Failed fetches in a row (0 after a success); drives back-off.
    public var consecutiveFailures: Int
    /// The last error, as logged.
    public var lastError: String?
    /// The last HTTP status code received.
    public var lastStatus: Int?
    /// When the feed was last fetched (successfully or not).
    public var lastFetch: Date?
    /// When the feed last fetched successfully (200 that parsed, or 304); `nil` before its first success.
    public var lastSuccess: Date?
    /// When the feed last answered 200 with a document; `nil` before (or in databases from before
    /// this column). Drives the unconditional GET after `fetch.stale_after` of 304s.
    public var lastFullFetch: Date?
    /// Polling stopped (after 410 Gone) until `seedwatch feeds reset URL`.
    public var disabled: Bool

    public init(url: String, currentURL: String? = nil, etag: String? = nil, lastModified: String? = nil,
                nextPoll: Date? = nil, consecutiveFailures: Int = 0, lastError: String? = nil,
                lastStatus: Int? = nil, lastFetch: Date? = nil, lastSuccess: Date? = nil, disabled: Bool = false, lastFullFetch: Date? = nil) {
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
    }
}

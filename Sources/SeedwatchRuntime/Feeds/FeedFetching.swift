import Foundation
import SeedwatchCore

/// One conditional GET of a feed (RFC 9110 §13.1).
package struct FeedRequest: Sendable, Hashable {
    /// The URL to fetch (http or https).
    package var url: String
    /// The stored `ETag`, sent as `If-None-Match`.
    package var etag: String?
    /// The stored `Last-Modified`, sent as `If-Modified-Since`.
    package var lastModified: String?
    /// The cap on the decoded body, in bytes (`feeds[].max_bytes`).
    package var maxBytes: Int

    package init(url: String, etag: String? = nil, lastModified: String? = nil, maxBytes: Int = 32 * 1024 * 1024) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
        self.maxBytes = maxBytes
    }
}

/// Why a fetch produced no HTTP response worth reading.
package enum FeedFetchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The decoded body grew past the request's `maxBytes` (a gzip bomb stops here); the transfer was aborted.
    case bodyTooLarge(maxBytes: Int)
    /// More than the allowed number of redirects (5 by default).
    case tooManyRedirects(limit: Int)
    /// A URL or redirect target with a scheme other than http or https (a redirect to `file:` or
    /// `ftp:` is refused).
    case protocolRefused(detail: String)
    /// The server used a `Content-Encoding` this libcurl cannot decode.
    case unsupportedContentEncoding(String)
    /// A body that starts with the gzip magic `1F 8B` but does not inflate (a gzip body without
    /// Content-Encoding: a `feed.xml.gz` served as is); `url` is where the body came from, `detail` says why.
    case corruptGzip(url: String, detail: String)
    /// Connect timeout, total timeout or the low-speed limit was hit.
    case timedOut(detail: String)
    /// Any other transport failure (DNS, connection refused, TLS, …), with libcurl's text.
    case transport(code: Int, detail: String)
    /// The fetcher was shut down or the request cancelled before it finished.
    case cancelled

    package var description: String {
        switch self {
        case .bodyTooLarge(let maxBytes): return "body too large: exceeds max_bytes (\(maxBytes) bytes)"
        case .tooManyRedirects(let limit): return "too many redirects (more than \(limit))"
        case .protocolRefused(let detail): return "protocol refused (only http and https): \(detail)"
        case .unsupportedContentEncoding(let coding): return "unsupported content-encoding: \(coding)"
        case .corruptGzip(let url, let detail): return "cannot gunzip the body of \(url): \(detail)"
        case .timedOut(let detail): return "timed out: \(detail)"
        case .transport(let code, let detail): return "fetch failed (curl \(code)): \(detail)"
        case .cancelled: return "fetch cancelled"
        }
    }
}

/// What a fetch returned: the final response after redirects, or an error.
package struct FeedResponse: Sendable, Hashable {
    /// The final HTTP status; 0 when no response arrived.
    package var status: Int
    /// The URL the final response came from (after redirects); relative links resolve against it.
    package var finalURL: String
    /// Each redirect followed, in order, with its status.
    package var redirects: [RedirectHop]
    /// The final response's `ETag`.
    package var etag: String?
    /// The final response's `Last-Modified`, as sent.
    package var lastModified: String?
    /// The final response's `Content-Type`.
    package var contentType: String?
    /// The final response's `Retry-After`, as sent (seconds or an HTTP date).
    package var retryAfter: String?
    /// The body after content decoding (gzip, deflate, br, zstd), at most the request's `maxBytes`.
    package var body: [UInt8]
    /// Set when the transfer failed; the other fields then hold whatever arrived before it.
    package var error: FeedFetchError?
    /// How long the transfer took, in seconds, from its start to its end, redirects included, not
    /// counting the wait for a free transfer slot (libcurl's `CURLINFO_TOTAL_TIME_T`); nil when no
    /// transfer ran (a fetcher shut down) or the fetcher does not measure it.
    package var transferSeconds: Double?

    package init(status: Int, finalURL: String, redirects: [RedirectHop] = [], etag: String? = nil, lastModified: String? = nil,
                contentType: String? = nil, retryAfter: String? = nil, body: [UInt8] = [], error: FeedFetchError? = nil,
                transferSeconds: Double? = nil) {
        self.status = status
        self.finalURL = finalURL
        self.redirects = redirects
        self.etag = etag
        self.lastModified = lastModified
        self.contentType = contentType
        self.retryAfter = retryAfter
        self.body = body
        self.error = error
        self.transferSeconds = transferSeconds
    }
}

/// The seam between polling and HTTP: ``CurlFetcher`` in the daemon, ``FakeFeedFetcher`` in tests.
package protocol FeedFetching: Sendable {
    /// Performs one GET. Never throws: failures come back in ``FeedResponse/error``.
    func fetch(_ request: FeedRequest) async -> FeedResponse
}

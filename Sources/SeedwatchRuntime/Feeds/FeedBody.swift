/// The step between a fetched (or read) feed body and the feed parser.
///
/// A server may send a feed that is itself a gzip file — `Content-Type: application/x-gzip` for a
/// `feed.xml.gz` URL — with no `Content-Encoding`, so libcurl hands over the compressed bytes
/// (gzip bodies without Content-Encoding). Such a body is inflated here, before the parser sniffs it.
package enum FeedBody {
    /// The body to parse: `body` inflated when it starts with the gzip magic `1F 8B`
    /// (RFC 1952 §2.3.1; concatenated members allowed), else `body` unchanged.
    ///
    /// - Parameters:
    ///   - body: the bytes as fetched, after any `Content-Encoding` was decoded, or as read from a file.
    ///   - source: the URL (or file path) the body came from, for the error.
    ///   - maxBytes: the cap on the inflated bytes, in bytes: the same `feeds[].max_bytes` the
    ///     fetcher enforces on the decoded body (default 32 MiB).
    /// - Returns: the bytes to hand to the feed parser.
    /// - Throws: ``FeedFetchError/bodyTooLarge(maxBytes:)`` when the inflated body would pass
    ///   `maxBytes` (the fetcher's own error, so a gzip bomb reads the same with or without
    ///   `Content-Encoding`); ``FeedFetchError/corruptGzip(url:detail:)`` when it does not inflate.
    package static func unpacked(_ body: [UInt8], from source: String, maxBytes: Int) throws(FeedFetchError) -> [UInt8] {
        guard Gzip.hasMagic(body) else { return body }
        do {
            return try Gzip.inflate(body, maxBytes: maxBytes)
        } catch {
            switch error {
            case .tooLarge(let cap): throw .bodyTooLarge(maxBytes: cap)
            default: throw .corruptGzip(url: source, detail: error.description)
            }
        }
    }
}

import Foundation

/// Raw input before extraction: the bytes of a dropped file, a fetched feed body or a fetched page,
/// and where they came from. Every source turns what arrives into a `Document` (DESIGN §1), which
/// ``DocumentReader`` reads.
public struct Document: Sendable {
    /// Where a document came from.
    ///
    /// A new kind of source (an IMAP mailbox, a sitemap) adds one case here and one intake folder
    /// in the runtime (see ARCHITECTURE.md).
    public enum Origin: Sendable, Hashable {
        /// A file in the drop folder (or given to `seedwatch scan`). `path` is the path as raw bytes,
        /// since Linux file names need not be UTF-8.
        case file(path: [UInt8])
        /// A feed fetched over HTTP(S), or one of its items' pages fetched for the full text.
        /// `feedURL` is the feed's first configured URL.
        case feed(feedURL: String)
    }

    /// The content, exactly as read or received (possibly compressed transfer encodings already removed).
    public var bytes: [UInt8]
    public var origin: Origin
    /// The file name (last path component) or URL path, used only to pick a format by extension.
    public var nameHint: String
    /// The `Content-Type` header value for fetched documents, if any (its `charset=` parameter is honoured).
    public var contentType: String?
    /// The URL the bytes came from, after redirects, for fetched documents: relative links resolve
    /// against it (RFC 3986 §5.1.3). `nil` for files.
    public var baseURL: String?

    public init(bytes: [UInt8], origin: Origin, nameHint: String, contentType: String? = nil, baseURL: String? = nil) {
        self.bytes = bytes
        self.origin = origin
        self.nameHint = nameHint
        self.contentType = contentType
        self.baseURL = baseURL
    }
}

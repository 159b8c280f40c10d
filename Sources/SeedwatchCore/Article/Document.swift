import Foundation

/// Raw input before extraction: the bytes of a dropped file or a fetched feed body, and where they came from.
public struct Document: Sendable {
    /// Where a document came from; carried unchanged into the alert's `source` (DESIGN §6).
    public enum Origin: Sendable, Hashable {
        /// A file in the drop folder (or given to `seedwatch scan`). `path` is the path as raw bytes,
        /// since Linux file names need not be UTF-8.
        case file(path: [UInt8])
        /// A feed fetched over HTTP(S). `feedURL` is the feed's first configured URL.
        case feed(feedURL: String)
    }

    /// The content, exactly as read or received (possibly compressed transfer encodings already removed).
    public var bytes: [UInt8]
    public var origin: Origin
    /// The file name (last path component) or URL path, used only to pick a format by extension.
    public var nameHint: String
    /// The `Content-Type` header value for fetched documents, if any (its `charset=` parameter is honoured).
    public var contentType: String?

    public init(bytes: [UInt8], origin: Origin, nameHint: String, contentType: String? = nil) {
        self.bytes = bytes
        self.origin = origin
        self.nameHint = nameHint
        self.contentType = contentType
    }
}

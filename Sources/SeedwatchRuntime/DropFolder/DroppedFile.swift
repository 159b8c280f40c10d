import Foundation
import SeedwatchCore

/// The drop folder's intake without state: the bytes of one file → a ``Document`` → the
/// ``IncomingArticle``s it holds. The daemon (``DropFolderIntake``) and `seedwatch scan` both read
/// files through it.
///
/// A file named `NAME.gz` holding gzip data is read as `NAME` (``CompressedFile``), and is the same
/// article as its inflated content: its articles are keyed by the inflated bytes, so `a.txt.gz`
/// dropped after `a.txt` with the same text is seen already and does not alert again. A single-article
/// file rewritten at the same path may be an edit of the article read there before
/// (``VersionLookup/file(path:article:)``); the items of a feed file have their own item keys.
package enum DroppedFile {
    /// Why a file's bytes hold no article.
    package enum Failure: Error, Sendable, CustomStringConvertible {
        /// A `.gz` file that does not inflate, or inflates past `max_bytes`.
        case compressed(GzipError)
        /// The content is not an article or feed the drop folder reads (``DocumentReader``).
        case extraction(ExtractionError)

        package var description: String {
            switch self {
            case .compressed(let error): return error.description
            case .extraction(let error): return error.description
            }
        }
    }

    /// The content hash of a file: hex SHA-256 of its bytes as read (before any gzip), the
    /// processed-file record's hash and a plain single-article file's article key (a `.gz` file's
    /// articles are keyed by the hash of its inflated bytes, see ``articles(bytes:contentHash:path:name:maxBytes:)``).
    package static func contentHash(_ bytes: [UInt8]) -> String {
        ArticleIdentity.sha256Hex(bytes)
    }

    /// The articles of one file. A `NAME.gz` holding gzip data is read as `NAME` with its inflated
    /// bytes, and its articles' `contentHash` and article keys are ``contentHash(_:)`` of those
    /// inflated bytes: the same article as the plain file with that content.
    /// - Parameters:
    ///   - bytes: the file's bytes as read.
    ///   - contentHash: ``contentHash(_:)`` of `bytes`.
    ///   - path: the file's path, raw bytes (the alert's `source.path`; `-` for standard input).
    ///   - name: its name (last path component), which picks the format by extension.
    ///   - maxBytes: the cap on inflated gzip data, in bytes (`drop_folder.max_bytes`).
    /// - Throws: ``Failure``.
    package static func articles(bytes: [UInt8], contentHash: String, path: [UInt8], name: String,
                                maxBytes: Int) throws(Failure) -> [IncomingArticle] {
        let unpacked: (name: String, bytes: [UInt8])
        var contentHash = contentHash
        do {
            if let inflated = try CompressedFile.unpack(name: name, bytes: bytes, maxBytes: maxBytes) {
                unpacked = inflated
                contentHash = Self.contentHash(inflated.bytes)
            } else {
                unpacked = (name, bytes)
            }
        } catch {
            throw .compressed(error)
        }
        let document = Document(bytes: unpacked.bytes, origin: .file(path: path), nameHint: unpacked.name)
        let items: [DocumentItem]
        do {
            items = try DocumentReader.items(of: document)
        } catch {
            throw .extraction(error)
        }
        let origin = PathText.encode(path)
        return items.map { item in
            IncomingArticle(article: item.article, articleKey: item.articleKey(fileContentHash: contentHash),
                            contentHash: contentHash, source: item.source(filePath: path), origin: origin,
                            earlierVersion: item.itemKey == nil ? .file(path: path, article: item.article) : nil)
        }
    }
}

/// A dropped or scanned file named `NAME.gz` that holds gzip data (RFC 1952), read as the file
/// `NAME` with the inflated bytes: `world.xml.gz` is a feed file, `note.txt.gz` a text file.
package enum CompressedFile {
    /// The name and bytes to read.
    ///
    /// - Parameters:
    ///   - name: the file's name (last path component).
    ///   - bytes: the file's bytes as read.
    ///   - maxBytes: the cap on the inflated bytes, in bytes (`drop_folder.max_bytes`).
    /// - Returns: `name` without `.gz` and the inflated bytes when `name` ends in `.gz` (any case)
    ///   and `bytes` start with the gzip magic `1F 8B`; `nil` otherwise (the file is read as it is).
    /// - Throws: ``GzipError`` when the data does not inflate or inflates past `maxBytes`.
    package static func unpack(name: String, bytes: [UInt8], maxBytes: Int) throws(GzipError) -> (name: String, bytes: [UInt8])? {
        guard let inner = innerName(of: name), Gzip.hasMagic(bytes) else { return nil }
        return (inner, try Gzip.inflate(bytes, maxBytes: maxBytes))
    }

    /// `name` without its `.gz` (any case) when it ends so and has a name before it; `nil` otherwise.
    package static func innerName(of name: String) -> String? {
        name.count > 3 && name.lowercased().hasSuffix(".gz") ? String(name.dropLast(3)) : nil
    }
}

import Foundation

/// Tells text from binary content before any decoding, so that a PDF or an image dropped with a
/// `.txt` name is refused rather than read as Windows-1252 noise.
enum BinarySniffer {
    /// File signatures ("magic numbers") of common binary formats, with a name for the log line.
    private static let signatures: [(bytes: [UInt8], name: String)] = [
        (Array("%PDF-".utf8), "PDF signature"),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "PNG signature"),
        ([0xFF, 0xD8, 0xFF], "JPEG signature"),
        (Array("GIF87a".utf8), "GIF signature"),
        (Array("GIF89a".utf8), "GIF signature"),
        ([0x50, 0x4B, 0x03, 0x04], "ZIP signature"),
        ([0x50, 0x4B, 0x05, 0x06], "ZIP signature (empty archive)"),
        ([0x1F, 0x8B], "gzip signature"),
        ([0x7F, 0x45, 0x4C, 0x46], "ELF signature"),
    ]

    /// Why `bytes` look binary, or `nil` when they may be text.
    ///
    /// Binary means: a known signature at offset 0, or a NUL byte anywhere when the content does
    /// not start with a UTF-16 byte order mark (UTF-16 text is full of NULs) nor with `<?` in
    /// UTF-16 (XML 1.0 Appendix F).
    static func binaryReason(_ bytes: [UInt8]) -> String? {
        for (signature, name) in signatures where bytes.starts(with: signature) {
            return name
        }
        if let (encoding, _) = CharsetDecoder.byteOrderMark(bytes), encoding != .utf8 {
            return nil
        }
        if bytes.starts(with: [0x3C, 0x00, 0x3F, 0x00]) || bytes.starts(with: [0x00, 0x3C, 0x00, 0x3F]) {
            return nil
        }
        if let nul = firstNUL(bytes) {
            return "NUL byte at offset \(nul)"
        }
        return nil
    }

    /// The offset of the first NUL byte of `bytes`, if any (`memchr`: a large text is searched at
    /// memory speed rather than a byte per loop turn).
    static func firstNUL(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBytes { raw -> Int? in
            guard let base = raw.baseAddress, let hit = memchr(base, 0, raw.count) else { return nil }
            return base.distance(to: UnsafeRawPointer(hit))
        }
    }
}

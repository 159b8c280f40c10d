/// Why a document could not be turned into articles. Each case names what is wrong, for a log line
/// that also carries the path or URL.
public enum ExtractionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file's extension is not one the drop folder reads (`.txt`, `.md`, `.html`, `.htm`, `.json`,
    /// and feed files `.xml`, `.rss`, `.atom`).
    case unsupportedType(extension: String)
    /// The file holds 0 bytes (it may still be being written).
    case empty
    /// The bytes are not text (NUL bytes or a binary signature were found).
    case binary(reason: String)
    /// The bytes are text but not of the structure the extension promises (e.g. JSON that is not an article object).
    case malformed(reason: String)

    public var description: String {
        switch self {
        case .unsupportedType(let ext): return ext.isEmpty ? "unsupported file type (no extension)" : "unsupported file type .\(ext)"
        case .empty: return "empty file"
        case .binary(let reason): return "binary content: \(reason)"
        case .malformed(let reason): return "malformed: \(reason)"
        }
    }
}

/// Something about the alert log that an operator should hear of; the write itself succeeded.
package enum AlertLogWarning: Sendable, Hashable, CustomStringConvertible {
    /// The path names another file than the one open (a rename, e.g. logrotate's `create`): reopened.
    case rotated(path: String)
    /// The path was gone (renamed or deleted without a replacement): created anew and reopened.
    case pathGone(path: String)
    /// The open file is shorter than where our last line ended (`copytruncate`): lines written between
    /// the copy and the truncation may be lost.
    case truncated(path: String, size: Int64, lastEnd: Int64)

    package var description: String {
        switch self {
        case .rotated(let path):
            return "alert log \(path) was rotated (another file at the path); reopened"
        case .pathGone(let path):
            return "alert log \(path) was moved or deleted; created a new one"
        case .truncated(let path, let size, let lastEnd):
            return "alert log \(path) was truncated to \(size) bytes below our last end at \(lastEnd) bytes"
                + " (copytruncate?); alert lines written just before may be lost: rotate with rename + SIGHUP"
        }
    }
}

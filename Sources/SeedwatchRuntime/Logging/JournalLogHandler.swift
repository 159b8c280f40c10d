import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// A `LogHandler` that writes one event per line to stderr, with the `<N>` priority prefix of
/// sd-daemon(3) so that journald records each line at its level. Metadata follows the message
/// as `key=value` pairs (values with spaces are quoted).
package struct JournalLogHandler: LogHandler {
    package var logLevel: Logger.Level = .info
    package var metadata: Logger.Metadata = [:]
    package var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let prefixPriority: Bool

    /// - Parameters:
    ///   - label: the logger's label (shown in brackets unless it is `seedwatch`).
    ///   - prefixPriority: write the `<N>` prefix (true under systemd, where `$JOURNAL_STREAM` is set).
    package init(label: String, prefixPriority: Bool = ProcessInfo.processInfo.environment["JOURNAL_STREAM"] != nil) {
        self.label = label
        self.prefixPriority = prefixPriority
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        var line = ""
        if prefixPriority {
            line += "<\(Self.priority(event.level))>"
        } else {
            line += Self.timestamp() + " " + event.level.rawValue.uppercased() + " "
        }
        if label != "seedwatch" { line += "[\(label)] " }
        line += event.message.description.replacingOccurrences(of: "\n", with: " ")
        for key in merged.keys.sorted() {
            line += " \(key)=\(Self.quote(String(describing: merged[key]!)))"
        }
        line += "\n"
        let bytes = Array(line.utf8)
        bytes.withUnsafeBytes { buffer in
            _ = Glibc.write(2, buffer.baseAddress, buffer.count)
        }
    }

    static func quote(_ value: String) -> String {
        if value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) {
            return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return value
    }

    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }

    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var tm = tm()
        var seconds = now.tv_sec
        gmtime_r(&seconds, &tm)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                      tm.tm_hour, tm.tm_min, tm.tm_sec, now.tv_nsec / 1_000_000)
    }
}

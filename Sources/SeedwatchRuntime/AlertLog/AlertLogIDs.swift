#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Foundation

/// Reads the alert ids out of alert log files (DESIGN §6: every line starts `{"id":"<16 hex>"`).
///
/// Used when the state database is empty but an alert log already exists — the database was
/// deleted or replaced — so that articles still in the drop folder are not alerted a second time.
enum AlertLogIDs {
    /// The ids of the complete lines (ending in `"\n"`) of the file at `path`, read in 1 MiB chunks.
    /// A missing or unreadable file gives an empty set. Memory: the ids only, not the file.
    static func read(path: String) -> Set<String> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return [] }
        defer { _ = close(fd) }
        var ids: Set<String> = []
        var carry: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            var lineStart = 0
            for i in 0..<n where buffer[i] == 0x0A {
                if carry.isEmpty {
                    if let id = id(ofLine: buffer[lineStart..<i]) { ids.insert(id) }
                } else {
                    carry.append(contentsOf: buffer[lineStart..<i])
                    if let id = id(ofLine: carry[...]) { ids.insert(id) }
                    carry.removeAll(keepingCapacity: true)
                }
                lineStart = i + 1
            }
            carry.append(contentsOf: buffer[lineStart..<n])
        }
        return ids
    }

    private static let prefix = Array("{\"id\":\"".utf8)

    /// The id of one line (without its `"\n"`), when it starts `{"id":"` + 16 hex digits + `"`.
    static func id(ofLine line: ArraySlice<UInt8>) -> String? {
        guard line.count >= prefix.count + 17, line.starts(with: prefix) else { return nil }
        let digits = line.dropFirst(prefix.count).prefix(16)
        guard digits.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }),
              line[line.startIndex + prefix.count + 16] == UInt8(ascii: "\"") else { return nil }
        return String(decoding: digits, as: UTF8.self)
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads complete lines appended to a file, reopening it from the start when it is replaced
/// (rotation) or truncated.
struct LogFollower {
    let path: String
    private var handle: FileHandle?
    private var inode: UInt64 = 0
    private var offset: UInt64 = 0
    private var partial: [UInt8] = []

    init(path: String) { self.path = path }

    mutating func readNewLines() -> [[UInt8]] {
        var st = stat()
        guard stat(path, &st) == 0 else { return [] }
        if handle == nil || UInt64(st.st_ino) != inode || UInt64(st.st_size) < offset {
            // Drain what is left of the old file before switching (lines written before a rename).
            var lines = handle.map { drain($0) } ?? []
            try? handle?.close()
            handle = FileHandle(forReadingAtPath: path)
            inode = UInt64(st.st_ino)
            offset = 0
            partial = []
            if let h = handle { lines += drain(h) }
            return lines
        }
        return handle.map { drain($0) } ?? []
    }

    private mutating func drain(_ h: FileHandle) -> [[UInt8]] {
        try? h.seek(toOffset: offset)
        let data = (try? h.readToEnd()) ?? Data()
        offset += UInt64(data.count)
        partial.append(contentsOf: data)
        var lines: [[UInt8]] = []
        while let newline = partial.firstIndex(of: 0x0A) {
            lines.append(Array(partial[..<newline]))
            partial.removeSubrange(...newline)
        }
        return lines
    }
}

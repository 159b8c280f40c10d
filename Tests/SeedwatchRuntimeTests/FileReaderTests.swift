import Foundation
import Testing
@testable import SeedwatchRuntime

/// ``FileReader`` reads a dropped file straight into its result, sized from `fstat(2)` (issue 15:
/// no scratch buffer per file in a burst): the exact bytes, whatever their size, and the same refusals.
@Suite("Reading a dropped file")
struct FileReaderTests {
    static func read(_ path: String, maxBytes: Int) -> Result<[UInt8], FileReader.Failure> {
        FileReader.read(path: Array(path.utf8), maxBytes: maxBytes)
    }

    @Test("the exact bytes of an empty, a small and a 200,000-byte file; a file at the cap is read, one byte over refused")
    func exactBytes() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let small = Array("Putin met Kim.\n".utf8)
        let large = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        for (name, bytes) in [("empty.txt", [UInt8]()), ("small.txt", small), ("large.bin", large)] {
            try Data(bytes).write(to: URL(fileURLWithPath: folder.file(name)))
            guard case .success(let read) = Self.read(folder.file(name), maxBytes: 1 << 20) else {
                Issue.record("\(name) not read")
                continue
            }
            #expect(read == bytes, "\(name)")
        }
        guard case .success(let atCap) = Self.read(folder.file("small.txt"), maxBytes: 15) else {
            Issue.record("a file of exactly max_bytes was refused")
            return
        }
        #expect(atCap == small)
        guard case .failure(.tooLarge(let size, let limit)) = Self.read(folder.file("small.txt"), maxBytes: 14) else {
            Issue.record("a file over max_bytes was read")
            return
        }
        #expect(size == 15 && limit == 14)
    }

    @Test("a folder is not a regular file; a missing path cannot be opened")
    func refusals() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        guard case .failure(.notRegular) = Self.read(folder.path, maxBytes: 1 << 20) else {
            Issue.record("a folder was read")
            return
        }
        guard case .failure(.open(let code)) = Self.read(folder.file("missing.txt"), maxBytes: 1 << 20) else {
            Issue.record("a missing file was read")
            return
        }
        #expect(code == ENOENT)
    }
}

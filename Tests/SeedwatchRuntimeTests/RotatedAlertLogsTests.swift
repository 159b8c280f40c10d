import Foundation
import SeedwatchRuntime
import Testing

/// The alert log's rotated siblings as `seedwatch alerts` and `digest` read them: listed oldest
/// first, a `.gz` rotation inflated in process (no `gzip` program).
@Suite("Rotated alert logs")
struct RotatedAlertLogsTests {
    /// gzip (mtime 0, no name) of two alert lines, ids `00000000000000b1` and `00000000000000b2` (40 bytes).
    static let twoLinesGzip: [UInt8] = [
        0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0xFF, 0xAB, 0x56, 0xCA, 0x4C, 0x51, 0xB2, 0x52, 0x32, 0x40,
        0x01, 0x49, 0x86, 0x4A, 0xB5, 0x5C, 0xD5, 0x58, 0x65, 0x8C, 0x80, 0x32, 0x00, 0x6F, 0xC7, 0x11, 0x1F, 0x34, 0x00,
        0x00, 0x00,
    ]

    func touch(_ path: String, _ seconds: TimeInterval) throws {
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: seconds)], ofItemAtPath: path)
    }

    @Test func siblingsAreListedOldestFirstAndAGzipRotationIsInflated() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let log = folder.file("alerts.jsonl")
        try Data("{\"id\":\"00000000000000c1\"}\n".utf8).write(to: URL(fileURLWithPath: log))
        try Data("{\"id\":\"00000000000000a1\"}\n".utf8).write(to: URL(fileURLWithPath: folder.file("alerts.jsonl.1")))
        try Data(Self.twoLinesGzip).write(to: URL(fileURLWithPath: folder.file("alerts.jsonl.2.gz")))
        try Data([0x1F, 0x8B, 0x08]).write(to: URL(fileURLWithPath: folder.file("alerts.jsonl-20261101.gz")))
        try Data("not a sibling\n".utf8).write(to: URL(fileURLWithPath: folder.file("alerts.jsonlx")))
        try touch(folder.file("alerts.jsonl-20261101.gz"), 1_700_000_000)
        try touch(folder.file("alerts.jsonl.2.gz"), 1_700_000_100)
        try touch(folder.file("alerts.jsonl.1"), 1_700_000_200)

        let files = RotatedAlertLogs.oldestFirst(of: log)
        #expect(files.map(\.path) == [folder.file("alerts.jsonl-20261101.gz"), folder.file("alerts.jsonl.2.gz"),
                                      folder.file("alerts.jsonl.1")])
        #expect(files.map(\.modified) == [1_700_000_000_000_000_000, 1_700_000_100_000_000_000, 1_700_000_200_000_000_000])
        #expect(files.map(\.isCompressed) == [true, true, false])
        #expect(RotatedAlertLogs.contents(folder.file("alerts.jsonl.2.gz"))
            == Array("{\"id\":\"00000000000000b1\"}\n{\"id\":\"00000000000000b2\"}\n".utf8))
        #expect(RotatedAlertLogs.contents(folder.file("alerts.jsonl.1")) == Array("{\"id\":\"00000000000000a1\"}\n".utf8))
        // A truncated gzip rotation, and a missing file, cannot be read.
        #expect(RotatedAlertLogs.contents(folder.file("alerts.jsonl-20261101.gz")) == nil)
        #expect(RotatedAlertLogs.contents(folder.file("alerts.jsonl.9")) == nil)
        // Reconciliation searches only the newest uncompressed rotation.
        let writer = try AlertLogWriter(path: log)
        #expect(writer.newestRotatedFile() == folder.file("alerts.jsonl.1"))
    }
}

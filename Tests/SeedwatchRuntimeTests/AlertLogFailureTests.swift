import Foundation
import SeedwatchCore
import SeedwatchRuntime
import Testing

/// The alert log under failures: fragments left by a full disk or a crash, its folder removed.
@Suite("Alert log failures")
struct AlertLogFailureTests {
    func id(_ n: Int) -> String { String(decoding: numberedLine(n).dropFirst(7).prefix(16), as: UTF8.self) }

    @Test func aFragmentOfALineIsNotTakenForTheLine() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // 5: a fragment closed by the next write's leading newline; 7: a fragment the next line was
        // appended to without a newline, so 8 is not a line of its own either.
        let bytes = Array(numberedLine(5).prefix(100)) + [0x0A] + numberedLine(6)
            + Array(numberedLine(7).prefix(50)) + numberedLine(8) + numberedLine(9)
        try Data(bytes).write(to: URL(fileURLWithPath: folder.file("alerts.jsonl")))
        let writer = try AlertLogWriter(path: folder.file("alerts.jsonl"))
        #expect(try [5, 6, 7, 8, 9].map { try writer.containsAlertID(id($0)) } == [false, true, false, false, true])
        // A tail that starts inside a line does not count that line.
        let short = try AlertLogWriter(path: folder.file("alerts.jsonl"), tailBytes: numberedLine(9).count - 3)
        #expect(try !short.containsAlertID(id(9)))
    }

    @Test func theLogsFolderRemovedWhileRunningIsMadeAgain() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let writer = try AlertLogWriter(path: folder.file("log/alerts.jsonl"))
        try writer.append(numberedLine(1))
        try FileManager.default.removeItem(atPath: folder.file("log"))
        let warnings = try writer.append(numberedLine(2))
        #expect(warnings == [.pathGone(path: folder.file("log/alerts.jsonl"))])
        #expect(folder.bytes("log/alerts.jsonl") == numberedLine(2))
        try FileManager.default.removeItem(atPath: folder.file("log"))
        try writer.reopen()
        try writer.append(numberedLine(3))
        #expect(folder.bytes("log/alerts.jsonl") == numberedLine(3))
    }

    @Test func loggedAlertIDsReadsTheLogAndEveryUncompressedRotatedFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Data(numberedLine(1) + numberedLine(2)).write(to: URL(fileURLWithPath: folder.file("alerts.jsonl.2")))
        try Data(numberedLine(3)).write(to: URL(fileURLWithPath: folder.file("alerts.jsonl.1")))
        try Data(numberedLine(9)).write(to: URL(fileURLWithPath: folder.file("alerts.jsonl.3.gz")))
        try Data(numberedLine(4) + Array("{\"id\":\"xyz\"}\n".utf8) + Array(numberedLine(5).prefix(30)))
            .write(to: URL(fileURLWithPath: folder.file("alerts.jsonl")))
        let writer = try AlertLogWriter(path: folder.file("alerts.jsonl"))
        #expect(writer.loggedAlertIDs() == Set([1, 2, 3, 4].map(id)))
    }
}

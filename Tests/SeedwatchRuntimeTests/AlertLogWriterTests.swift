#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SeedwatchCore
import SeedwatchRuntime
import SeedwatchTesting
import Testing

/// The alert id of ``numberedLine(_:)``'s line `n`: `n` in hexadecimal, 16 digits.
func numberedID(_ n: Int) -> String {
    String(repeating: "0", count: 16 - String(n, radix: 16).count) + String(n, radix: 16)
}

/// Alert line number `n` with id `n` as 16 hex digits.
func numberedLine(_ n: Int) -> [UInt8] {
    AlertEncoding.line(AlertRecord(
        id: numberedID(n), time: Date(timeIntervalSince1970: 1_718_766_725 + Double(n)), watch: "china-russia-north-korea",
        level: .notice, score: 6, source: .feed("https://news.example/rss", url: nil, guid: "item-\(n)"),
        title: "Item \(n)", published: nil, actors: [], topics: [], evidence: []))
}

/// Renames `alerts.jsonl.(k)` to `.(k+1)` for k = count-1…1, then `alerts.jsonl` to `.1`, as logrotate does.
func rotateByRename(_ folder: TemporaryFolder, keep count: Int) throws {
    let fm = FileManager.default
    for k in stride(from: count - 1, through: 1, by: -1) where fm.fileExists(atPath: folder.file("alerts.jsonl.\(k)")) {
        try? fm.removeItem(atPath: folder.file("alerts.jsonl.\(k + 1)"))
        try fm.moveItem(atPath: folder.file("alerts.jsonl.\(k)"), toPath: folder.file("alerts.jsonl.\(k + 1)"))
    }
    try fm.moveItem(atPath: folder.file("alerts.jsonl"), toPath: folder.file("alerts.jsonl.1"))
}

/// Every line of the log and its rotated files, oldest file first, checked for NUL bytes.
func allLogLines(_ folder: TemporaryFolder, rotated: Int) -> (lines: [[UInt8]], nulBytes: Int) {
    let names = stride(from: rotated, through: 1, by: -1).map { "alerts.jsonl.\($0)" } + ["alerts.jsonl"]
    var lines: [[UInt8]] = []
    var nul = 0
    for name in names {
        let bytes = folder.bytes(name)
        nul += bytes.filter { $0 == 0 }.count
        lines += splitLines(bytes)
    }
    return (lines, nul)
}

@Suite struct AlertLogWriterTests {
    @Test func createsFolderAndFileWithMode0640AndWritesCompleteLines() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("log/sub/alerts.jsonl")
        let writer = try AlertLogWriter(path: path)
        #expect(try writer.append(numberedLine(1)).isEmpty)
        #expect(try writer.append(numberedLine(2)).isEmpty)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o640)
        #expect(folder.bytes("log/sub/alerts.jsonl") == numberedLine(1) + numberedLine(2))
    }

    @Test func refusesMalformedLines() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let writer = try AlertLogWriter(path: folder.file("alerts.jsonl"))
        #expect(throws: AlertLogError.malformedLine(reason: "no terminating newline")) {
            try writer.append(Array("{}".utf8))
        }
        #expect(throws: AlertLogError.malformedLine(reason: "newline inside the line at byte 2")) {
            try writer.append(Array("{}\n{}\n".utf8))
        }
        #expect(throws: AlertLogError.malformedLine(reason: "empty line")) { try writer.append([]) }
        #expect(folder.bytes("alerts.jsonl").isEmpty)
    }

    @Test func tornLastLineIsClosedBeforeTheNextLine() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Data("{\"id\":\"torn".utf8).write(to: URL(fileURLWithPath: folder.file("alerts.jsonl")))
        let writer = try AlertLogWriter(path: folder.file("alerts.jsonl"))
        try writer.append(numberedLine(7))
        try writer.append(numberedLine(8))
        #expect(folder.bytes("alerts.jsonl") == Array("{\"id\":\"torn\n".utf8) + numberedLine(7) + numberedLine(8))
    }

    @Test func thousandLinesWithFiveRenamesLoseNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let writer = try AlertLogWriter(path: folder.file("alerts.jsonl"))
        var rng = SplitMix64(state: 26)
        var rotationPoints = Set<Int>()
        while rotationPoints.count < 5 { rotationPoints.insert(Int.random(in: 1..<1000, using: &rng)) }
        var rotatedWarnings = 0
        for n in 0..<1000 {
            if rotationPoints.contains(n) { try rotateByRename(folder, keep: 5) }
            let warnings = try writer.append(numberedLine(n))
            rotatedWarnings += warnings.filter { $0 == .rotated(path: writer.path) || $0 == .pathGone(path: writer.path) }.count
        }
        #expect(rotatedWarnings == 5)
        let (lines, nul) = allLogLines(folder, rotated: 5)
        #expect(nul == 0)
        #expect(lines.count == 1000)
        let ids = try lines.map { try AlertLogEntry.decode(line: $0).id }
        #expect(Set(ids).count == 1000)
        #expect(ids == (0..<1000).map { String(decoding: numberedLine($0).dropFirst(7).prefix(16), as: UTF8.self) })
        // The current file holds exactly the lines after the last rotation.
        #expect(splitLines(folder.bytes("alerts.jsonl")).count == 1000 - rotationPoints.max()!)
    }

    @Test func renamesFromAnotherThreadWhileAppendingLoseNothing() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let writer = try AlertLogWriter(path: folder.file("alerts.jsonl"))
        let rotator = Task.detached {
            for _ in 0..<5 {
                try await Task.sleep(for: .milliseconds(150))
                try rotateByRename(folder, keep: 5)
            }
        }
        // About 1,000 alerts at a steady pace while the rotator renames five times.
        for n in 0..<1000 {
            try writer.append(numberedLine(n))
            try await Task.sleep(for: .milliseconds(1))
        }
        try await rotator.value
        let (lines, nul) = allLogLines(folder, rotated: 5)
        #expect(nul == 0)
        #expect(lines.count == 1000)
        #expect(Set(try lines.map { try AlertLogEntry.decode(line: $0).id }).count == 1000)
    }

    @Test func deletedLogIsRecreated() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let writer = try AlertLogWriter(path: folder.file("alerts.jsonl"))
        try writer.append(numberedLine(1))
        try FileManager.default.removeItem(atPath: folder.file("alerts.jsonl"))
        #expect(try writer.append(numberedLine(2)) == [.pathGone(path: writer.path)])
        #expect(folder.bytes("alerts.jsonl") == numberedLine(2))
    }

    @Test func reopenOnSIGHUPMovesToTheNewFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let writer = try AlertLogWriter(path: folder.file("alerts.jsonl"))
        try writer.append(numberedLine(1))
        try rotateByRename(folder, keep: 5)
        #expect(FileManager.default.createFile(atPath: folder.file("alerts.jsonl"), contents: nil))
        try writer.reopen()
        #expect(try writer.append(numberedLine(2)).isEmpty)
        #expect(folder.bytes("alerts.jsonl.1") == numberedLine(1))
        #expect(folder.bytes("alerts.jsonl") == numberedLine(2))
    }

    @Test func copytruncateIsDetectedAndLeavesNoNULHole() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let writer = try AlertLogWriter(path: folder.file("alerts.jsonl"))
        var expectedEnd = 0
        for n in 0..<10 {
            try writer.append(numberedLine(n))
            expectedEnd += numberedLine(n).count
        }
        // logrotate copytruncate: copy, then truncate the file in place (same inode).
        try FileManager.default.copyItem(atPath: folder.file("alerts.jsonl"), toPath: folder.file("alerts.jsonl.1"))
        #expect(truncate(folder.file("alerts.jsonl"), 0) == 0)
        let warnings = try writer.append(numberedLine(10))
        #expect(warnings == [.truncated(path: writer.path, size: 0, lastEnd: Int64(expectedEnd))])
        #expect(warnings.first?.description.contains("may be lost") == true)
        try writer.append(numberedLine(11))
        let current = folder.bytes("alerts.jsonl")
        #expect(!current.contains(0))
        #expect(current == numberedLine(10) + numberedLine(11))
        #expect(splitLines(folder.bytes("alerts.jsonl.1")).count == 10)
    }

    @Test func containsAlertIDSearchesTheLogAndTheNewestRotatedFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let fm = FileManager.default
        try Data(numberedLine(1)).write(to: URL(fileURLWithPath: folder.file("alerts.jsonl.2")))
        try Data(numberedLine(2)).write(to: URL(fileURLWithPath: folder.file("alerts.jsonl-20240618")))
        try Data(numberedLine(3)).write(to: URL(fileURLWithPath: folder.file("alerts.jsonl.1")))
        try Data(numberedLine(4)).write(to: URL(fileURLWithPath: folder.file("alerts.jsonl.3.gz")))
        try Data(numberedLine(5)).write(to: URL(fileURLWithPath: folder.file("other.jsonl")))
        try fm.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_700_000_000)], ofItemAtPath: folder.file("alerts.jsonl.2"))
        try fm.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_700_000_200)], ofItemAtPath: folder.file("alerts.jsonl-20240618"))
        try fm.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_700_000_100)], ofItemAtPath: folder.file("alerts.jsonl.1"))
        try fm.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_700_000_900)], ofItemAtPath: folder.file("alerts.jsonl.3.gz"))
        let writer = try AlertLogWriter(path: folder.file("alerts.jsonl"))
        try writer.append(numberedLine(6))
        #expect(writer.newestRotatedFile() == folder.file("alerts.jsonl-20240618"))
        let found = try (1...6).map { try writer.containsAlertID(String(decoding: numberedLine($0).dropFirst(7).prefix(16), as: UTF8.self)) }
        #expect(found == [false, true, false, false, false, true])
    }

    @Test func containsAlertIDReadsOnlyTheTail() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let writer = try AlertLogWriter(path: folder.file("alerts.jsonl"), tailBytes: 1024)
        for n in 0..<100 { try writer.append(numberedLine(n)) }
        let id = { (n: Int) in String(decoding: numberedLine(n).dropFirst(7).prefix(16), as: UTF8.self) }
        #expect(try writer.containsAlertID(id(99)))
        #expect(try !writer.containsAlertID(id(0)))
        #expect(try !writer.containsAlertID("ffffffffffffffff"))
    }
}

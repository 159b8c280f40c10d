import Foundation
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The built `seedwatch` binary, run as systemd would run it, on real articles of the shared corpus.
@Suite("Daemon end to end", .serialized)
struct DaemonEndToEndTests {
    /// How an article reaches the drop folder.
    enum Delivery: CaseIterable {
        case copy, slowPieces, temporaryThenRename, newSubfolder
    }

    /// What went wrong in deliveries made on other threads.
    final class Failures: Sendable {
        let list = Mutex<[String]>([])
    }

    struct Drop {
        var article: LabelledArticle
        var relativePath: String
        var delivery: Delivery
    }

    static func pick() throws -> (drops: [Drop], extra: LabelledArticle) {
        let labels = try Labels.load().sorted { $0.path < $1.path }
        let bbcRelevant = labels.filter { $0.path.contains("bbc-world-2026") && $0.label == 2 }
        let givemeRelevant = labels.filter { $0.path.contains("giveme5w1h") && $0.label == 2 }
        let bbcIrrelevant = labels.filter { $0.path.contains("bbc-world-2026") && $0.label == 0 }
        let givemeIrrelevant = labels.filter { $0.path.contains("giveme5w1h") && $0.label == 0 }
        var chosen = bbcRelevant + Array(givemeRelevant.prefix(15)) + Array(bbcIrrelevant.prefix(15)) + Array(givemeIrrelevant.prefix(15))
        chosen = chosen.enumerated().sorted { ($0.offset * 7919) % 97 < ($1.offset * 7919) % 97 }.map(\.element)  // interleave
        var drops: [Drop] = []
        for (i, a) in chosen.enumerated() {
            let delivery = Delivery.allCases[i % Delivery.allCases.count]
            let name = "\(i)-" + (a.path as NSString).lastPathComponent
            let relative = delivery == .newSubfolder ? "incoming/2026/11/\(name)" : name
            drops.append(Drop(article: a, relativePath: relative, delivery: delivery))
        }
        return (drops, givemeRelevant[15])
    }

    static func deliver(_ drop: Drop, into folder: URL) throws {
        let bytes = try Data(contentsOf: Paths.shared.appendingPathComponent("corpus").appendingPathComponent(drop.article.path.replacingOccurrences(of: "articles/", with: "articles/", options: .anchored)))
        let target = folder.appendingPathComponent(drop.relativePath)
        switch drop.delivery {
        case .copy:
            try bytes.write(to: target)
        case .newSubfolder:
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try bytes.write(to: target)
        case .temporaryThenRename:
            let temporary = folder.appendingPathComponent(drop.relativePath + ".part")
            try bytes.write(to: temporary)
            usleep(100_000)
            try FileManager.default.moveItem(at: temporary, to: target)
        case .slowPieces:
            FileManager.default.createFile(atPath: target.path, contents: nil)
            let handle = try FileHandle(forWritingTo: target)
            let third = max(1, bytes.count / 3)
            var offset = 0
            while offset < bytes.count {
                let end = min(bytes.count, offset + third)
                handle.write(bytes.subdata(in: offset..<end))
                offset = end
                usleep(150_000)
            }
            try handle.close()
        }
    }

    @Test(.enabled(if: Paths.sharedIsAvailable, "../shared is absent: the end-to-end test needs the corpus"),
          .timeLimit(.minutes(5)))
    func dropFolderRestartRotationAndShutdown() throws {
        let folder = try TemporaryFolder("seedwatch-e2e")
        let root = folder.url
        let drop = root.appendingPathComponent("drop")
        try FileManager.default.createDirectory(at: drop, withIntermediateDirectories: true)
        let config = try writeDaemonConfig(in: root, settle: "0.5s")
        let notify = try NotifySocket(path: root.appendingPathComponent("notify.sock").path)
        defer { notify.close() }
        let stderrURL = root.appendingPathComponent("daemon.log")
        let alertLog = root.appendingPathComponent("log/alerts.jsonl")

        // 1. Start; READY=1.
        var daemon = try DaemonProcess(config: config, notifySocket: notify.path, stderrURL: stderrURL)
        #expect(notify.wait(for: "READY=1", timeout: 30) != nil, "no READY=1; log:\n\(daemon.log)")

        // 2. Drop ≥ 50 real articles in four ways.
        let (drops, extra) = try Self.pick()
        #expect(drops.count >= 50)
        // Side by side, one thread each: their waits (a rename after 0.1 s, pieces 0.15 s apart)
        // overlap instead of adding up to 8 s; each file still arrives in its own way.
        for d in drops where d.delivery == .newSubfolder {
            try FileManager.default.createDirectory(at: drop.appendingPathComponent(d.relativePath).deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
        }
        let failures = Failures()
        let delivered = DispatchGroup()
        for d in drops {
            delivered.enter()
            Thread {
                defer { delivered.leave() }
                do { try Self.deliver(d, into: drop) } catch { failures.list.withLock { $0.append("\(d.relativePath): \(error)") } }
            }.start()
        }
        delivered.wait()
        #expect(failures.list.withLock { $0 } == [])
        let allHandled = waitUntil(120) { StatusLine.handled(notify.lastStatus) >= drops.count }
        #expect(allHandled, "status: \(notify.lastStatus ?? "none"); log:\n\(daemon.log.suffix(3000))")

        let lines = AlertLine.read(alertLog)
        var byName: [String: [AlertLine]] = [:]
        for line in lines {
            if let path = line.path { byName[(path as NSString).lastPathComponent, default: []].append(line) }
        }
        for d in drops {
            let name = (d.relativePath as NSString).lastPathComponent
            let got = byName[name] ?? []
            if d.article.label == 2 {
                #expect(got.count == 1 && got.first?.level == "alert", "label-2 article \(d.article.path) (\(d.delivery)): \(got.map { $0.level ?? "nil" })")
            } else if d.article.label == 0 {
                #expect(got.isEmpty, "label-0 article \(d.article.path) got \(got.count) line(s)")
            }
        }
        #expect(Set(lines.map(\.id)).count == lines.count, "duplicate alert ids")
        let linesBeforeRestart = lines.count

        // 3. Restart: nothing alerts twice.
        daemon.signal(SIGTERM)
        let stoppingIndex = notify.wait(for: "STOPPING=1", timeout: 20)
        #expect(stoppingIndex != nil)
        #expect(daemon.waitForExit(timeout: 30) == 0)
        let beforeSecondStart = notify.received.count
        daemon = try DaemonProcess(config: config, notifySocket: notify.path, stderrURL: stderrURL)
        let secondReady = notify.wait(for: "READY=1", from: beforeSecondStart, timeout: 30)
        #expect(secondReady != nil)
        // First the positive event: the restarted daemon's own status counts every dropped file
        // as looked at again. Only then does "no line was added" say something.
        let since = secondReady ?? beforeSecondStart
        func restartedStatus() -> String? { notify.statuses(from: since).last { StatusLine.handled($0) >= drops.count } }
        #expect(waitUntil(60) { restartedStatus() != nil },
                "the restarted daemon never reported the dropped files; statuses: \(notify.statuses(from: since)); log:\n\(daemon.log.suffix(2000))")
        let afterRestart = restartedStatus()
        #expect(StatusLine.count("files processed", in: afterRestart) == 0, "\(afterRestart ?? "no status")")
        #expect(StatusLine.count("skipped", in: afterRestart) == drops.count, "\(afterRestart ?? "no status")")
        #expect(StatusLine.count("alerts written", in: afterRestart) == 0, "\(afterRestart ?? "no status")")
        #expect(AlertLine.read(alertLog).count == linesBeforeRestart, "lines were added after a restart")

        // 4. Rotation: rename the log, SIGHUP, new alerts go to the new file.
        let rotated = root.appendingPathComponent("log/alerts.jsonl.1")
        try FileManager.default.moveItem(at: alertLog, to: rotated)
        let beforeReload = notify.received.count
        daemon.signal(SIGHUP)
        let reloading = notify.wait(for: "RELOADING=1", from: beforeReload, timeout: 20)
        #expect(reloading != nil)
        #expect(notify.wait(for: "READY=1", from: (reloading ?? beforeReload) + 1, timeout: 20) != nil)
        let extraName = "extra-" + (extra.path as NSString).lastPathComponent
        try Self.deliver(Drop(article: extra, relativePath: extraName, delivery: .copy), into: drop)
        #expect(waitUntil(30) { !AlertLine.read(alertLog).isEmpty }, "no alert in the new log; log:\n\(daemon.log.suffix(2000))")
        let fresh = AlertLine.read(alertLog)
        #expect(fresh.count == 1 && (fresh.first?.path ?? "").hasSuffix(extraName) && fresh.first?.level == "alert")
        #expect(AlertLine.read(rotated).count == linesBeforeRestart)

        // 5. SIGTERM: STOPPING=1 and exit status 0.
        let beforeStop = notify.received.count
        daemon.signal(SIGTERM)
        #expect(notify.wait(for: "STOPPING=1", from: beforeStop, timeout: 20) != nil)
        #expect(daemon.waitForExit(timeout: 30) == 0)
    }
}

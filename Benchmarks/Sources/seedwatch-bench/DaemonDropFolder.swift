import Foundation
import SeedwatchCore

/// A work folder for benchmarks of the real daemon: a drop folder of N distinct `.txt` articles made
/// from the corpus (a counter keeps every content hash distinct) and a minimal configuration.
enum DaemonDropFolder {
    /// Writes the folder and starts `seedwatch run` on it (errors logged only).
    /// - Parameters:
    ///   - clear: remove `work` first.
    /// - Returns: the running daemon; the caller stops it.
    /// - Throws: file errors, or the process's start error.
    static func start(binary: String, articles: [Article], count: Int, work: URL, modelFolder: String,
                      clear: Bool = false) throws -> Process {
        let drop = work.appendingPathComponent("drop")
        if clear { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.createDirectory(at: drop, withIntermediateDirectories: true)
        for i in 0..<count {
            let a = articles[i % articles.count]
            let text = a.title + "\n" + a.body + "\n[\(i)]\n"
            _ = FileManager.default.createFile(atPath: drop.appendingPathComponent("a\(i).txt").path, contents: Data(text.utf8))
        }
        let config = work.appendingPathComponent("c.yaml")
        try """
        watches: [\(modelFolder)]
        drop_folder: {path: drop, settle: 0.2s}
        alerts: {log: alerts.jsonl}
        state: {path: state.sqlite}
        """.write(to: config, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["run", "--config", config.path, "--log-level", "error"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}

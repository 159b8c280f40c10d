import Foundation

/// Where the benchmarks find their inputs: the shared corpus (`../shared/corpus` beside the
/// repository, or `SEEDWATCH_CORPUS`), the shipped model and configuration, and a release build
/// of seedwatch (`SEEDWATCH_BINARY`, default `.build/release/seedwatch` of the repository).
public enum BenchCorpus {
    /// The repository's root folder (the parent of `Benchmarks/`).
    public static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // BenchmarkSupport
        .deletingLastPathComponent()  // Sources
        .deletingLastPathComponent()  // Benchmarks
        .deletingLastPathComponent()

    /// The shared corpus folder; `nil` (with the reason printed once by the caller) when absent.
    public static var corpus: URL? {
        let path = ProcessInfo.processInfo.environment["SEEDWATCH_CORPUS"]
            ?? repository.appendingPathComponent("../shared/corpus").standardized.path
        return FileManager.default.fileExists(atPath: path) ? URL(fileURLWithPath: path) : nil
    }

    /// The shipped model of the china-russia-north-korea watch.
    public static var modelPath: String {
        repository.appendingPathComponent("seeds/china-russia-north-korea/model.yaml").path
    }

    /// The shipped configuration (`config/seedwatch.yaml`).
    public static var configPath: String { repository.appendingPathComponent("config/seedwatch.yaml").path }

    /// A release build of the `seedwatch` command for the whole-command figures, if one exists.
    public static var binary: String? {
        let path = ProcessInfo.processInfo.environment["SEEDWATCH_BINARY"]
            ?? repository.appendingPathComponent(".build/release/seedwatch").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// Every file under `folder` whose extension is `ext`, sorted by path.
    public static func files(under folder: URL, ext: String) -> [URL] {
        let e = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        var out: [URL] = []
        while let u = e?.nextObject() as? URL {
            if u.pathExtension == ext { out.append(u) }
        }
        return out.sorted { $0.path < $1.path }
    }
}

import Foundation

/// Locates the shared real-data corpus at `<package root>/../shared` for extraction tests.
enum ExtractionCorpus {
    /// `<package root>/../shared`, derived from this file's path (`Tests/SeedwatchCoreTests/…`).
    static let sharedRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared")

    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: sharedRoot.appendingPathComponent("corpus").path)
    }

    /// The bytes of a file under `../shared`, given its relative path.
    static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: sharedRoot.appendingPathComponent(relativePath)))
    }
}

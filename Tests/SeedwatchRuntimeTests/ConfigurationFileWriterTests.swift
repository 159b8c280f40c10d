import Foundation
import SeedwatchRuntime
import Testing

/// `feeds add|remove|import` replace the configuration file atomically, keeping its mode, and
/// keep a symbolic link to it a link.
@Suite("Configuration file writer")
struct ConfigurationFileWriterTests {
    @Test func replacesTheTargetOfALinkKeepingItsModeAndLeavingNoTemporaryFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cfw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("seedwatch.yaml").path
        let link = folder.appendingPathComponent("link.yaml").path
        try "feeds: []\n".write(toFile: file, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: file)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: file)

        try ConfigurationFileWriter.replace("feeds:\n  - url: https://a.example/rss\n", at: link)

        #expect(try String(contentsOfFile: file, encoding: .utf8) == "feeds:\n  - url: https://a.example/rss\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == file)
        #expect((try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int) == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["link.yaml", "seedwatch.yaml"])
    }

    @Test func aMissingFileIsAnErrorNamingIt() {
        #expect(throws: ConfigurationFileWriter.WriteError.self) {
            try ConfigurationFileWriter.replace("x", at: "/nonexistent-seedwatch/seedwatch.yaml")
        }
        do {
            try ConfigurationFileWriter.replace("x", at: "/nonexistent-seedwatch/seedwatch.yaml")
        } catch {
            #expect(error.description == "cannot read the mode of /nonexistent-seedwatch/seedwatch.yaml: No such file or directory")
        }
    }
}

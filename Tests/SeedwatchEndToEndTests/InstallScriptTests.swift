import Foundation
import Testing

/// scripts/install.sh installs an already built binary: it never builds, and says how to build when
/// the binary is missing. Staged with DESTDIR from the debug binary beside the tests.
@Suite("install.sh")
struct InstallScriptTests {
    static let script = Paths.packageRoot.appendingPathComponent("scripts/install.sh").path

    @Test func missingBinaryIsRefusedWithTheBuildCommand() throws {
        let folder = try TemporaryFolder("seedwatch-install")
        let result = try Packaging.run(Self.script, [], environment: [
            "SEEDWATCH_BINARY": folder.url.appendingPathComponent("no-such-seedwatch").path,
            "DESTDIR": folder.url.appendingPathComponent("stage").path,
        ])
        #expect(result.status == 66)
        #expect(result.error.contains("build first with: swift build -c release --static-swift-stdlib --product seedwatch\n"))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("stage").path))
    }

    @Test(.enabled(if: Packaging.python3 != nil, "python3 is missing (apt-get install python3)"))
    func stagedInstallHasStrippedBinaryManualAndCompletions() throws {
        let folder = try TemporaryFolder("seedwatch-install")
        let stage = folder.url.appendingPathComponent("stage")
        let result = try Packaging.run(Self.script, [], environment: [
            "SEEDWATCH_BINARY": Paths.binary.path, "DESTDIR": stage.path, "PREFIX": "/opt/seedwatch",
        ])
        try #require(result.status == 0, "\(result.error)")
        let prefix = stage.appendingPathComponent("opt/seedwatch")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: prefix.appendingPathComponent("bin/seedwatch").path)
            == "../lib/seedwatch/seedwatch")
        let installed = prefix.appendingPathComponent("lib/seedwatch/seedwatch")
        let size = try FileManager.default.attributesOfItem(atPath: installed.path)[.size] as? Int ?? 0
        let builtSize = try FileManager.default.attributesOfItem(atPath: Paths.binary.path)[.size] as? Int ?? 0
        #expect(size > 0 && size < builtSize, "stripped \(size) bytes, built \(builtSize) bytes")
        // `file`-free check that the symbol table is gone: strip removes the .symtab section.
        let sections = try Packaging.run("/usr/bin/env", ["readelf", "-S", "-W", installed.path])
        #expect(sections.status == 0 && !sections.output.contains(".symtab"))
        for path in ["share/man/man1/seedwatch.1", "share/bash-completion/completions/seedwatch",
                     "share/zsh/site-functions/_seedwatch", "share/fish/vendor_completions.d/seedwatch.fish",
                     "share/doc/seedwatch/LICENSE", "share/seedwatch/seeds/china-russia-north-korea/model.yaml"] {
            #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent(path).path), "missing \(path)")
        }
        let bundles = try FileManager.default.contentsOfDirectory(atPath: Paths.binary.deletingLastPathComponent().path)
            .filter { $0.hasPrefix("seedwatch_") && $0.hasSuffix(".resources") }
        for bundle in bundles {
            #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent("lib/seedwatch/\(bundle)").path), "missing \(bundle)")
        }
        let unit = try String(contentsOf: stage.appendingPathComponent("etc/systemd/system/seedwatch.service"), encoding: .utf8)
        #expect(unit.contains("\nExecStart=/opt/seedwatch/bin/seedwatch run --config /etc/seedwatch/seedwatch.yaml\n"))
        let config = try String(contentsOf: stage.appendingPathComponent("etc/seedwatch/seedwatch.yaml"), encoding: .utf8)
        #expect(config.contains("\n  - /opt/seedwatch/share/seedwatch/seeds/china-russia-north-korea\n"))
    }
}

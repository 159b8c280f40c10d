import Foundation
import Testing

/// The Debian package of scripts/package-deb.sh, built from the debug binary beside the tests
/// (`SEEDWATCH_BINARY`; a release build would cost CI minutes, and the packaging is the same), then
/// installed and purged with `dpkg --root` in a temporary folder. PID 1 need not be systemd: the
/// maintainer scripts create the account and the drop folder inside the root and leave systemd alone.
@Suite("Debian package", .serialized)
struct DebianPackageTests {
    /// The package root's files as the unit and configuration name them.
    static let unitPath = "lib/systemd/system/seedwatch.service"
    static let configPath = "etc/seedwatch/seedwatch.yaml"

    static func dpkg(_ root: URL, _ arguments: [String]) throws -> Packaging.Result {
        try Packaging.run(Packaging.dpkg!, ["--root=\(root.path)", "--force-script-chrootless", "--force-depends"] + arguments)
    }

    static func text(_ root: URL, _ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// The names of the subcommands the binary defines (its `--experimental-dump-help`), but `help`.
    static func subcommandNames() throws -> [String] {
        let dump = try Packaging.run(Paths.binary.path, ["--experimental-dump-help"])
        let tool = try JSONSerialization.jsonObject(with: Data(dump.output.utf8)) as? [String: Any]
        let command = tool?["command"] as? [String: Any]
        let subcommands = command?["subcommands"] as? [[String: Any]] ?? []
        return subcommands.compactMap { $0["commandName"] as? String }.filter { $0 != "help" }
    }

    @Test(.enabled(if: Packaging.missingTools == nil,
                   "dpkg, dpkg-deb, dpkg-shlibdeps or python3 is missing (apt-get install dpkg-dev python3)"))
    func packageInstallsIntoARootAndPurgesCleanly() throws {
        let folder = try TemporaryFolder("seedwatch-deb")
        let built = try Packaging.run(Paths.packageRoot.appendingPathComponent("scripts/package-deb.sh").path, [], environment: [
            "SEEDWATCH_BINARY": Paths.binary.path,
            "SEEDWATCH_DEB_OUTPUT": folder.url.path,
            "SEEDWATCH_DEB_COMPRESSION": "none",
            "SEEDWATCH_DEB_ALLOW_DYNAMIC": "1",
        ])
        try #require(built.status == 0, "\(built.error)")
        let version = try Packaging.run(Paths.binary.path, ["--version"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        let architecture = try Packaging.run(Packaging.dpkg!, ["--print-architecture"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        let package = folder.url.appendingPathComponent("seedwatch_\(version)_\(architecture).deb")
        #expect(built.output == package.path + "\n")

        let root = try Packaging.makeRoot(in: folder.url)
        let before = Packaging.tree(root).filter { !$0.hasPrefix("var/lib/dpkg/") }
        let installed = try Self.dpkg(root, ["--install", package.path])
        try #require(installed.status == 0, "\(installed.output)\(installed.error)")
        let status = try Self.dpkg(root, ["--status", "seedwatch"]).output
        #expect(status.contains("\nStatus: install ok installed\n"))
        #expect(status.contains("\nVersion: \(version)\n"))
        let conffiles = try Packaging.run(Packaging.tool("/usr/bin/dpkg-query")!, ["--root=\(root.path)", "-W", "-f=${Conffiles}", "seedwatch"])
        #expect(conffiles.output.split(separator: "\n").map { $0.split(separator: " ").first.map(String.init) ?? "" }
            == ["/etc/logrotate.d/seedwatch", "/etc/seedwatch/seedwatch.yaml"])

        // The binary, through its /usr/bin link, and the files pointed at /usr.
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: root.appendingPathComponent("usr/bin/seedwatch").path)
            == "../lib/seedwatch/seedwatch")
        let installedVersion = try Packaging.run(root.appendingPathComponent("usr/bin/seedwatch").path, ["--version"])
        #expect(installedVersion.output == version + "\n")
        // SwiftPM resource bundles go beside the real binary, where Bundle.module looks for them.
        let buildFolder = Paths.binary.deletingLastPathComponent()
        let bundles = try FileManager.default.contentsOfDirectory(atPath: buildFolder.path)
            .filter { $0.hasPrefix("seedwatch_") && $0.hasSuffix(".resources") }
        for bundle in bundles {
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("usr/lib/seedwatch/\(bundle)").path), "missing \(bundle)")
        }
        try scanSeedArticleWithInstalledFiles(root: root, folder: folder.url)
        let config = try Self.text(root, Self.configPath)
        #expect(config.contains("\n  - /usr/share/seedwatch/seeds/china-russia-north-korea\n"))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("usr/share/seedwatch/seeds/china-russia-north-korea/model.yaml").path))
        let unit = try Self.text(root, Self.unitPath)
        let unitLines = Set(unit.split(separator: "\n").map(String.init))
        #expect(unitLines.contains("ExecStart=/usr/bin/seedwatch run --config /etc/seedwatch/seedwatch.yaml"))
        #expect(unitLines.contains("Documentation=man:seedwatch(1)"))
        #expect(!unit.contains("/usr/local") && !config.contains("/usr/local"))

        // postinst: the account (sysusers.d) and the drop folder (tmpfiles.d), inside the root.
        let account = try Self.text(root, "etc/passwd").split(separator: "\n").first { $0.hasPrefix("seedwatch:") }.map(String.init)
        let fields = account?.split(separator: ":", omittingEmptySubsequences: false).map(String.init) ?? []
        #expect(fields.count == 7 && fields[4] == "seedwatch daemon" && fields[5] == "/var/lib/seedwatch" && fields[6] == "/usr/sbin/nologin",
                "\(account ?? "no seedwatch account")")
        var drop = stat()
        #expect(stat(root.appendingPathComponent("srv/seedwatch/drop").path, &drop) == 0)
        #expect(drop.st_mode & 0o7777 == 0o2775)
        #expect(fields.count == 7 && String(drop.st_uid) == fields[2] && String(drop.st_gid) == fields[3])

        // The manual page renders without warnings and documents every subcommand.
        if let man = Packaging.man {
            let page = try Packaging.run(man, ["--warnings", "-l", root.appendingPathComponent("usr/share/man/man1/seedwatch.1.gz").path],
                                         environment: ["MANWIDTH": "80", "MANPAGER": "cat", "LC_ALL": "C.UTF-8"])
            #expect(page.status == 0 && page.error == "", "\(page.error)")
            let lines = Set(page.output.split(separator: "\n").map(String.init))
            #expect(lines.contains("SYNOPSIS") && lines.contains("COMMANDS") && lines.contains("EXIT STATUS"))
            for name in try Self.subcommandNames() {
                #expect(lines.contains("   \(name)"), "no subsection for \(name)")
            }
        }
        // Completions for the three shells, where each shell looks for vendor completions.
        let bash = try Self.text(root, "usr/share/bash-completion/completions/seedwatch")
        #expect(!bash.hasPrefix("#!") && bash.contains("\ncomplete -o filenames -F _seedwatch seedwatch\n"))
        #expect(try Self.text(root, "usr/share/zsh/vendor-completions/_seedwatch").hasPrefix("#compdef seedwatch\n"))
        #expect(try Self.text(root, "usr/share/fish/vendor_completions.d/seedwatch.fish").contains("\ncomplete -c 'seedwatch' -f\n"))

        try verifyInstalledUnit(root: root, unit: unit)

        // Purge, after the daemon would have written its state and log.
        for path in ["var/lib/seedwatch/seedwatch.sqlite", "var/log/seedwatch/alerts.jsonl"] {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try "written by the daemon\n".write(to: url, atomically: true, encoding: .utf8)
        }
        let purged = try Self.dpkg(root, ["--purge", "seedwatch"])
        try #require(purged.status == 0, "\(purged.output)\(purged.error)")
        let after = Packaging.tree(root).filter { !$0.hasPrefix("var/lib/dpkg/") }
        // Left: the account (Debian keeps system accounts), with systemd-sysusers' lock and backup files.
        #expect(after == (before + ["etc/.pwd.lock", "etc/group-", "etc/gshadow-", "etc/passwd-", "etc/shadow-"]).sorted())
        #expect(try Self.text(root, "etc/passwd").contains("\nseedwatch:x:"))
        #expect(try Self.dpkg(root, ["--status", "seedwatch"]).status == 1)
    }

    /// The installed binary, run through its /usr/bin link, scans the installed seed article against
    /// the installed model (a configuration naming the seeds inside the root) and alerts on it.
    func scanSeedArticleWithInstalledFiles(root: URL, folder: URL) throws {
        let seed = root.appendingPathComponent("usr/share/seedwatch/seeds/china-russia-north-korea")
        let config = folder.appendingPathComponent("scan.yaml")
        try """
        watches:
          - \(seed.path)
        drop_folder:
          path: \(folder.appendingPathComponent("drop").path)
        alerts:
          log: \(folder.appendingPathComponent("alerts.jsonl").path)
        state:
          path: \(folder.appendingPathComponent("state.sqlite").path)

        """.write(to: config, atomically: true, encoding: .utf8)
        let scan = try Packaging.run(root.appendingPathComponent("usr/bin/seedwatch").path,
                                     ["scan", "--json", "--config", config.path, seed.appendingPathComponent("article.txt").path])
        #expect(scan.status == 0, "\(scan.error)")
        let line = try JSONSerialization.jsonObject(with: Data(scan.output.utf8)) as? [String: Any]
        #expect(line?["watch"] as? String == "china-russia-north-korea")
        #expect(line?["level"] as? String == "alert")
        #expect(line?["alerted"] as? Bool == true)
        #expect(line?["title"] as? String == "China is the true power in Putin and Kim\u{2019}s budding friendship")
    }

    /// `systemd-analyze verify` on the installed unit, with its /usr/bin/seedwatch read from the root
    /// (the unit's own path does not exist on this machine) and its man: link looked up there.
    func verifyInstalledUnit(root: URL, unit: String) throws {
        guard let analyze = SystemdUnitTests.analyze else {
            print("systemd-analyze is not installed (apt-get install systemd): the installed unit is not verified")
            return
        }
        let copyFolder = try TemporaryFolder("seedwatch-unit")
        let copy = copyFolder.url.appendingPathComponent("seedwatch.service")
        try unit.replacingOccurrences(of: "/usr/bin/seedwatch", with: root.appendingPathComponent("usr/bin/seedwatch").path)
            .write(to: copy, atomically: true, encoding: .utf8)
        let verified = try Packaging.run(analyze, ["verify", copy.path],
                                         environment: ["MANPATH": root.appendingPathComponent("usr/share/man").path])
        #expect(verified.status == 0, "\(verified.output)\(verified.error)")
    }
}

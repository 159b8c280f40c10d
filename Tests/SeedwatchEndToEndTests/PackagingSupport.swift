import Foundation

/// Runs the packaging scripts and Debian's tools as child processes, for the packaging tests.
enum Packaging {
    /// What a finished child process left: its exit status and its standard output and error (UTF-8).
    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    /// The first of `candidates` that is an executable file, or nil.
    static func tool(_ candidates: String...) -> String? {
        candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static let dpkg = tool("/usr/bin/dpkg", "/bin/dpkg")
    static let dpkgDeb = tool("/usr/bin/dpkg-deb", "/bin/dpkg-deb")
    static let dpkgShlibdeps = tool("/usr/bin/dpkg-shlibdeps")
    static let python3 = tool("/usr/bin/python3", "/usr/local/bin/python3")
    static let man = tool("/usr/bin/man")

    /// Why the package cannot be built and installed here, or nil when it can.
    static var missingTools: String? {
        let missing = [("dpkg", dpkg), ("dpkg-deb", dpkgDeb), ("dpkg-shlibdeps", dpkgShlibdeps), ("python3", python3)]
            .filter { $0.1 == nil }.map(\.0)
        return missing.isEmpty ? nil : missing.joined(separator: ", ")
    }

    /// Runs `executable` with `arguments`, the test's environment plus `environment`, in the package
    /// root; standard output and error go through files, so neither can fill a pipe and block it.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let folder = try TemporaryFolder("seedwatch-run")
        let outputURL = folder.url.appendingPathComponent("stdout")
        let errorURL = folder.url.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = Paths.packageRoot
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: outputURL)
        process.standardError = try FileHandle(forWritingTo: errorURL)
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      output: (try? String(contentsOf: outputURL, encoding: .utf8)) ?? "",
                      error: (try? String(contentsOf: errorURL, encoding: .utf8)) ?? "")
    }

    /// Every path under `root`, relative to it ("etc/passwd"), sorted; symbolic links are not followed.
    static func tree(_ root: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return [] }
        return enumerator.compactMap { $0 as? String }.sorted()
    }

    /// An empty root folder for `dpkg --root`: a dpkg database, the account files and the folders no
    /// package owns. (Folders such as /usr/bin would be the package's alone here, and removed with it.)
    static func makeRoot(in folder: URL) throws -> URL {
        let root = folder.appendingPathComponent("root")
        for path in ["var/lib/dpkg/info", "var/lib/dpkg/updates", "var/log", "etc", "srv"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(path), withIntermediateDirectories: true)
        }
        for file in ["var/lib/dpkg/status", "etc/passwd", "etc/group", "etc/shadow", "etc/gshadow"] {
            FileManager.default.createFile(atPath: root.appendingPathComponent(file).path, contents: Data())
        }
        try "root:x:0:0:root:/root:/bin/bash\n".write(to: root.appendingPathComponent("etc/passwd"), atomically: true, encoding: .utf8)
        try "root:x:0:\n".write(to: root.appendingPathComponent("etc/group"), atomically: true, encoding: .utf8)
        return root
    }
}

import Foundation
import SeedwatchCore
import SeedwatchRuntime
import Testing

/// Why the daemon does not start: typed errors that name the folder at fault, say what to do, and
/// carry the exit status systemd shows.
@Suite("Start-up errors")
struct StartupErrorTests {
    @Test func aMissingDropFolderIsAConfigurationErrorThatSaysWhatToDo() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.file("seedwatch.yaml")
        let configuration = try ConfigurationReader.parse(
            "watches: [x]\ndrop_folder: {path: drop}\nalerts: {log: log/alerts.jsonl}\nstate: {path: state/seedwatch.sqlite}\n",
            file: file)
        let drop = folder.file("drop")
        let findings = FolderCheck.findings(for: configuration)
        #expect(findings == [
            .dropFolderMissing(path: drop, file: file),
            .folderWillBeCreated(folder: folder.file("log"), key: "alerts.log"),
            .folderWillBeCreated(folder: folder.file("state"), key: "state.path"),
        ])
        #expect(findings.map(\.isError) == [true, false, false])
        #expect(findings[1].message == "folder \(folder.file("log")) (of alerts.log) does not exist; seedwatch run will create it (mode 0750)")

        let error = SeedwatchDaemon.StartupError.folder(findings[0])
        #expect(error.description == "drop folder \(drop) does not exist; seedwatch run will not create it and refuses to start: "
                    + "create it (mkdir -p \(drop)) or correct drop_folder.path in \(file)")
        #expect(SeedwatchDaemon.exitStatus(for: error) == .configuration)
    }

    @Test func aPathThatIsNotAFolderIsRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.file("seedwatch.yaml")
        #expect(FileManager.default.createFile(atPath: folder.file("drop"), contents: Data("not a folder".utf8)))
        #expect(FileManager.default.createFile(atPath: folder.file("log"), contents: Data()))
        try FileManager.default.createDirectory(atPath: folder.file("state"), withIntermediateDirectories: true)
        let configuration = try ConfigurationReader.parse(
            "watches: [x]\ndrop_folder: {path: drop}\nalerts: {log: log/alerts.jsonl}\nstate: {path: state/seedwatch.sqlite}\n",
            file: file)
        #expect(FolderCheck.findings(for: configuration) == [
            .dropFolderNotAFolder(path: folder.file("drop"), file: file),
            .notAFolder(folder: folder.file("log"), key: "alerts.log", file: file),
        ])
        #expect(FolderCheck.Finding.notAFolder(folder: "/srv/log", key: "alerts.log", file: "/etc/s.yaml").message
                    == "/srv/log (folder of alerts.log) is not a folder (/etc/s.yaml)")
    }

    @Test func eachStartUpErrorHasItsExitStatus() {
        let handlers = SeedwatchDaemon.StartupError.signalHandlers(reason: "Invalid argument")
        #expect(handlers.description == "cannot install the signal handlers: Invalid argument")
        #expect(SeedwatchDaemon.exitStatus(for: handlers) == .software)
        let folder = SeedwatchDaemon.StartupError.cannotCreateFolder(path: "/var/lib/seedwatch", reason: "Permission denied")
        #expect(folder.description == "/var/lib/seedwatch: cannot create folder: Permission denied")
        #expect(SeedwatchDaemon.exitStatus(for: folder) == .ioError)
    }
}

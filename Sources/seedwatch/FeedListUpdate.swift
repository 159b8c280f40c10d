import ArgumentParser
import Foundation
import SeedwatchCore
import SeedwatchRuntime

/// The edit of `feeds:` shared by `feeds add`, `remove` and `import`: read the configuration file,
/// edit its text (``FeedListEditor``), check the result with the reader of `check-config`, replace
/// the file atomically, and say how to reload the daemon.
enum FeedListUpdate {
    /// The configuration file's path and text, or exit 78 (`EX_CONFIG`) naming it.
    static func read(options: ConfigOption) throws -> (path: String, text: String, configuration: SeedwatchConfiguration) {
        let path = ConfigurationLocator.locate(explicit: options.config)
        let configuration = try options.loadConfiguration()
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            FileHandleOutput.standardError("error: cannot read \(path)")
            throw ExitCode(ExitStatus.configuration.rawValue)
        }
        return (path, text, configuration)
    }

    /// Checks `edited` as `check-config` reads a configuration, then replaces the file with it.
    /// An edit that does not load leaves the file unchanged and exits 78 (`EX_CONFIG`).
    static func write(_ edited: String, to path: String) throws {
        do {
            _ = try ConfigurationReader.parse(edited, file: path)
        } catch {
            FileHandleOutput.standardError("error: the edited configuration does not load, \(path) left unchanged: \(error)")
            throw ExitCode(ExitStatus.configuration.rawValue)
        }
        do {
            try ConfigurationFileWriter.replace(edited, at: path)
        } catch {
            FileHandleOutput.standardError("error: \(error)")
            throw ExitCode(ExitStatus.ioError.rawValue)
        }
    }

    /// An edit that cannot be made: a duplicate, an unknown feed, a list to edit by hand.
    static func fail(_ path: String, _ error: FeedListEditor.EditError) -> ExitCode {
        FileHandleOutput.standardError("error: \(path): \(error)")
        switch error {
        case .notABlockList: return ExitCode(ExitStatus.configuration.rawValue)
        case .duplicate, .unknownFeed: return ExitCode(ExitStatus.dataError.rawValue)
        }
    }

    static let reloadHint = "reload the daemon to apply it: systemctl reload seedwatch (or send it SIGHUP)"
}

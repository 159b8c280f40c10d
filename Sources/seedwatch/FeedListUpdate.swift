import ArgumentParser
import Foundation
import SeedwatchCore
import SeedwatchRuntime
#if canImport(Glibc)
import Glibc
#endif

/// The edit of `feeds:` shared by `feeds add`, `remove` and `import`: under the configuration
/// file's lock (``ConfigurationEditLock``, so that two edits at once lose neither), read the file,
/// edit its text (``FeedListEditor``), check the result with the reader of `check-config`, replace
/// the file atomically, and say how to reload the daemon.
enum FeedListUpdate {
    /// Runs `body` on the configuration under its lock and writes what it returns.
    /// - Parameter write: false checks the edit as usual but leaves the file unchanged (`--dry-run`).
    /// - Parameter body: gets the configuration file's path, its text and what it configures, and
    ///   returns the edited text, or nil to leave the file unchanged (it prints its own report).
    /// - Returns: the configuration file's path.
    /// - Throws: `ExitCode` 78 (`EX_CONFIG`) when the file does not load before or after the edit
    ///   (it is then unchanged), 74 (`EX_IOERR`) when it cannot be locked or replaced; what `body` throws.
    @discardableResult
    static func edit(options: ConfigOption, write: Bool = true,
                     _ body: (_ path: String, _ text: String, _ configuration: SeedwatchConfiguration) throws -> String?) throws -> String {
        // Read once without the lock for the usual messages (a missing file lists the search order).
        _ = try options.loadConfiguration()
        let path = ConfigurationLocator.locate(explicit: options.config)
        do {
            try ConfigurationEditLock.editing(path, onWait: {
                FileHandleOutput.standardError("waiting for another edit of \(path) to finish (it holds the file's lock)")
            }) { text in
                let configuration: SeedwatchConfiguration
                do {
                    configuration = try ConfigurationReader.parse(text, file: path)
                } catch {
                    FileHandleOutput.standardError("error: \(error)")
                    throw ExitCode(ExitStatus.configuration.rawValue)
                }
                guard let edited = try body(path, text, configuration) else { return nil }
                do {
                    _ = try ConfigurationReader.parse(edited, file: path)
                } catch {
                    FileHandleOutput.standardError("error: the edited configuration does not load, \(path) left unchanged: \(error)")
                    throw ExitCode(ExitStatus.configuration.rawValue)
                }
                return write ? edited : nil
            }
            return path
        } catch let error as ExitCode {
            throw error
        } catch let error as ConfigurationEditLock.Failure {
            FileHandleOutput.standardError("error: \(error)")
            throw ExitCode(ExitStatus.ioError.rawValue)
        } catch let error as ConfigurationFileWriter.WriteError {
            FileHandleOutput.standardError("error: \(error)")
            throw ExitCode(ExitStatus.ioError.rawValue)
        } catch let error as CocoaError {
            FileHandleOutput.standardError("error: cannot read \(path): \(error.localizedDescription)")
            throw ExitCode(ExitStatus.configuration.rawValue)
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

    /// Tells the daemon of this configuration to reload: SIGHUP to the process that holds the
    /// state database's lock (as `systemctl reload` does after `check-config`, which the edit has
    /// just passed). Prints what happened; never fails the command.
    /// - Parameters:
    ///   - path: the configuration file.
    ///   - reload: false only prints how to reload (`--no-reload`).
    static func tellDaemon(path: String, reload: Bool) {
        guard reload else {
            print(reloadHint)
            return
        }
        guard let configuration = try? ConfigurationReader.load(path: path),
              let holder = StateLock.probe(statePath: configuration.statePath), let pid = holder.pid else {
            print("the daemon is not running: the change applies when it starts")
            return
        }
        if kill(pid, SIGHUP) == 0 {
            print("told the daemon (pid \(pid)) to reload")
        } else {
            let reason = String(cString: strerror(errno))
            print("cannot tell the daemon (pid \(pid)) to reload: \(reason); \(reloadHint)")
        }
    }
}

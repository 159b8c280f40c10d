import ArgumentParser
import Foundation
import SeedwatchCore
import SeedwatchRuntime

struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate the configuration and every watch's model.",
        discussion: """
        Prints a summary, then "configuration FILE: OK" as its last line and exits 0 when everything is valid; otherwise prints the first problem as \
        FILE:LINE: KEY: MESSAGE and exits 78 (EX_CONFIG). A drop folder that does not exist is an \
        error (seedwatch run refuses to start rather than watch a new, empty folder: a typo in \
        drop_folder.path); a missing folder of the alert log or the state database is a warning \
        (seedwatch run creates it). The unit's ExecReload= runs this before sending SIGHUP, so a \
        bad configuration makes `systemctl reload` fail. Warns (on standard error) when a model's `rules` \
        name a state that the model has no state actor for.

        Example:
          seedwatch check-config --config /etc/seedwatch/seedwatch.yaml
        """
    )

    @OptionGroup var options: ConfigOption

    func run() throws {
        let path = ConfigurationLocator.locate(explicit: options.config)
        let configuration: SeedwatchConfiguration
        do {
            configuration = try ConfigurationReader.load(path: path)
            let watches = try WatchLoader.load(configuration)
            print("configuration \(configuration.file)")
            for w in watches {
                print("watch \(w.name): model version \(w.model.version), \(w.model.actors.count) actors, "
                    + "\(w.model.topics.count) topics, \(w.matcher.table.patternCount) patterns")
                for warning in ModelWarnings.warnings(w.model) {
                    FileHandleOutput.standardError("warning: watch \(w.name): \(warning)")
                }
            }
            for output in configuration.outputs {
                _ = try OutputSinks.make(output)  // reads the secret and credentials files
                print("output \(output.name): \(output.kind.typeName), min_level \(output.minimumLevel.rawValue)"
                      + (output.digest.map { ", " + Self.describe($0) } ?? ""))
            }
        } catch let error as YAMLFileError {
            FileHandleOutput.standardError("error: \(error)")
            throw ExitCode(ExitStatus.configuration.rawValue)
        } catch let error as OutputSinks.SetupError {
            FileHandleOutput.standardError("error: \(error)")
            throw ExitCode(ExitStatus.configuration.rawValue)
        }
        print("drop folder \(configuration.dropFolder.path)")
        print("alert log \(configuration.alertLog)")
        print("state \(configuration.statePath)")
        print("feeds \(configuration.feeds.count)")
        let findings = FolderCheck.findings(for: configuration)
        for finding in findings {
            FileHandleOutput.standardError("\(finding.isError ? "error" : "warning"): \(finding.message)")
        }
        if findings.contains(where: \.isError) { throw ExitCode(ExitStatus.configuration.rawValue) }
        // Last, and only when nothing failed: a script that greps for OK is never told OK before an error.
        print("configuration \(configuration.file): OK")
    }

    /// A digest schedule as `check-config` prints it: "hourly digest (UTC)",
    /// "daily digest at 07:30 (Europe/Berlin)" (the zone as configured, or the machine's).
    static func describe(_ schedule: DigestSchedule) -> String {
        // Foundation names UTC "GMT".
        let zone = schedule.timeZone.identifier == "GMT" ? "UTC" : schedule.timeZone.identifier
        switch schedule.period {
        case .hourly:
            return "hourly digest (\(zone))"
        case .daily(let hour, let minute):
            return "daily digest at " + String(format: "%02d:%02d", hour, minute) + " (\(zone))"
        }
    }
}

enum FileHandleOutput {
    static func standardError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

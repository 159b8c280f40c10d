import ArgumentParser
import Foundation
import SeedwatchCore
import SeedwatchRuntime

struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate the configuration and every watch's model.",
        discussion: """
        Prints a summary and exits 0 when everything is valid; otherwise prints the first problem as \
        FILE:LINE: KEY: MESSAGE and exits 1.

        Example:
          seedwatch check-config --config /etc/seedwatch/seedwatch.yaml
        """
    )

    @OptionGroup var options: ConfigOption

    func run() throws {
        let path = ConfigurationLocator.locate(explicit: options.config)
        do {
            let configuration = try ConfigurationReader.load(path: path)
            let watches = try WatchLoader.load(configuration)
            print("configuration \(configuration.file): OK")
            for w in watches {
                print("watch \(w.name): model version \(w.model.version), \(w.model.actors.count) actors, "
                    + "\(w.model.topics.count) topics, \(w.matcher.table.patternCount) patterns")
            }
            print("drop folder \(configuration.dropFolder.path)")
            print("alert log \(configuration.alertLog)")
            print("state \(configuration.statePath)")
            print("feeds \(configuration.feeds.count)")
            for output in configuration.outputs {
                _ = try OutputSinks.make(output)  // reads the secret and credentials files
                print("output \(output.name): \(output.kind.typeName), min_level \(output.minimumLevel.rawValue)")
            }
        } catch let error as YAMLFileError {
            FileHandleOutput.standardError("error: \(error)")
            throw ExitCode(1)
        } catch let error as OutputSinks.SetupError {
            FileHandleOutput.standardError("error: \(error)")
            throw ExitCode(1)
        }
    }
}

enum FileHandleOutput {
    static func standardError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

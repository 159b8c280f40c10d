import Foundation
import SeedwatchCore

/// Reads the seed watches named by a configuration from disk.
public enum WatchLoader {
    /// Loads and compiles `model.yaml` of every watch folder.
    /// - Returns: the compiled watches, in configuration order.
    /// - Throws: `YAMLFileError` naming the model file, line and key of the first problem.
    public static func load(_ configuration: SeedwatchConfiguration) throws -> [CompiledWatch] {
        try configuration.watches.map { folder in
            let file = (folder as NSString).appendingPathComponent("model.yaml")
            guard let data = FileManager.default.contents(atPath: file) else {
                throw YAMLFileError(file: file, line: nil, key: "", message: "cannot read the model (is the watch folder right?)")
            }
            let model = try ModelLoader.load(bytes: Array(data), file: file, watch: (folder as NSString).lastPathComponent)
            return CompiledWatch(model: model)
        }
    }
}

/// Finds the configuration file (DESIGN §9): `--config`, then `$SEEDWATCH_CONFIG`, then
/// `/etc/seedwatch/seedwatch.yaml`, then `./config/seedwatch.yaml`.
public enum ConfigurationLocator {
    /// - Returns: the path to use; an explicit `--config` or `$SEEDWATCH_CONFIG` is returned even if missing,
    ///   so that the error names it.
    public static func locate(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let env = environment["SEEDWATCH_CONFIG"], !env.isEmpty { return env }
        if FileManager.default.fileExists(atPath: "/etc/seedwatch/seedwatch.yaml") { return "/etc/seedwatch/seedwatch.yaml" }
        return "config/seedwatch.yaml"
    }
}

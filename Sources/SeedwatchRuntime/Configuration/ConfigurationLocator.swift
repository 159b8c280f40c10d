import Foundation

/// Finds the configuration file (DESIGN §9): `--config`, then `$SEEDWATCH_CONFIG`, then
/// `/etc/seedwatch/seedwatch.yaml`, then `./config/seedwatch.yaml`.
package enum ConfigurationLocator {
    /// - Returns: the path to use; an explicit `--config` or `$SEEDWATCH_CONFIG` is returned even if missing,
    ///   so that the error names it.
    package static func locate(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let env = environment["SEEDWATCH_CONFIG"], !env.isEmpty { return env }
        if FileManager.default.fileExists(atPath: "/etc/seedwatch/seedwatch.yaml") { return "/etc/seedwatch/seedwatch.yaml" }
        return "config/seedwatch.yaml"
    }
}

import ArgumentParser
import Foundation
import SeedwatchCore

/// `--level notice|alert`.
extension AlertLevel: ExpressibleByArgument {}

/// The `alerts` command's filters.
struct AlertFilter {
    var since: Date?
    var actor: String?
    var topic: String?
    var minimumLevel: AlertLevel?
    /// Only alerts of this watch (its folder name, the `watch` key of an alert line).
    var watch: String? = nil

    func accepts(_ entry: AlertLogEntry) -> Bool {
        if let since, entry.time < since { return false }
        if let watch, entry.watch != watch { return false }
        if let actor, !entry.actors.contains(where: { $0.id == actor }) { return false }
        if let topic, !entry.topics.contains(where: { $0.id == topic }) { return false }
        if let minimumLevel {
            guard let level = entry.level, level >= minimumLevel else { return false }
        }
        return true
    }
}

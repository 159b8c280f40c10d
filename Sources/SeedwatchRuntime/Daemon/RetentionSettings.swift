import Foundation
import SeedwatchCore
import Synchronization

/// How long the state database remembers, as the daemon holds it now: `state.retention` for seen
/// feed items (DESIGN §7) and `stories.window` for story members (DESIGN §11). Read by the
/// ``RetentionService`` at each pass, replaced by a reload (``ReloadService``).
final class RetentionSettings: Sendable {
    private let values: Mutex<(retention: Double, storiesWindow: Double)>

    /// - Parameters:
    ///   - retentionSeconds: `state.retention`, in seconds.
    ///   - storiesWindowSeconds: `stories.window`, in seconds.
    init(retentionSeconds: Double, storiesWindowSeconds: Double) {
        values = Mutex((retentionSeconds, storiesWindowSeconds))
    }

    /// The settings of `configuration`.
    convenience init(_ configuration: SeedwatchConfiguration) {
        self.init(retentionSeconds: configuration.retentionSeconds, storiesWindowSeconds: configuration.storiesWindowSeconds)
    }

    /// `state.retention`, in seconds.
    var retentionSeconds: Double { values.withLock { $0.retention } }

    /// `stories.window`, in seconds.
    var storiesWindowSeconds: Double { values.withLock { $0.storiesWindow } }

    /// Takes the values of a reloaded configuration.
    func apply(_ configuration: SeedwatchConfiguration) {
        values.withLock { $0 = (configuration.retentionSeconds, configuration.storiesWindowSeconds) }
    }
}

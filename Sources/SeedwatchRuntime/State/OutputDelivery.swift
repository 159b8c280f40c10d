import Foundation
import SeedwatchCore

/// An output a new alert is queued for: its name and the lowest level it takes.
package struct OutputRoute: Sendable, Hashable {
    package var name: String
    package var minimumLevel: AlertLevel
    /// `per: story`: a line marked `"repeat": true` (a story member that adds no actor and no
    /// higher level, issue 12) gets no row for this output.
    package var skipsRepeats: Bool

    package init(name: String, minimumLevel: AlertLevel, skipsRepeats: Bool = false) {
        self.name = name
        self.minimumLevel = minimumLevel
        self.skipsRepeats = skipsRepeats
    }
}

/// An alert an output still has to deliver (a row of `outbox_delivery` with its line).
package struct OutputDelivery: Sendable, Hashable {
    package var alertID: String
    /// The alert line, ending in `"\n"`.
    package var line: [UInt8]
    /// Failed attempts so far.
    package var attempts: Int
    /// When the give-up clock started.
    package var started: Date
}

/// One output's counts for `seedwatch outputs`.
package struct OutputDeliveryCounts: Sendable, Hashable {
    package var pending = 0
    package var delivered = 0
    /// Dead letters: given up after `give_up_after`, or refused for good by the receiver.
    package var failed = 0
    /// The newest error any of its deliveries got, and when, if one has.
    package var lastError: String?
    package var lastErrorAt: Date?
    /// Pending deliveries that failed at least once and were decided before the `stuckBefore`
    /// instant given to ``StateStore/outputDeliveryCounts(stuckBefore:)`` (0 when none was given).
    package var stuck = 0

    package init() {}
}

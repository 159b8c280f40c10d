import Foundation
import SeedwatchCore

/// An output a new alert is queued for: its name and the lowest level it takes.
public struct OutputRoute: Sendable, Hashable {
    public var name: String
    public var minimumLevel: AlertLevel
    /// `per: story`: a line marked `"repeat": true` (a story member that adds no actor and no
    /// higher level, issue 12) gets no row for this output.
    public var skipsRepeats: Bool

    public init(name: String, minimumLevel: AlertLevel, skipsRepeats: Bool = false) {
        self.name = name
        self.minimumLevel = minimumLevel
        self.skipsRepeats = skipsRepeats
    }
}

/// An alert an output still has to deliver (a row of `outbox_delivery` with its line).
public struct OutputDelivery: Sendable, Hashable {
    public var alertID: String
    /// The alert line, ending in `"\n"`.
    public var line: [UInt8]
    /// Failed attempts so far.
    public var attempts: Int
    /// When the give-up clock started.
    public var started: Date
}

/// One output's counts for `seedwatch outputs`.
public struct OutputDeliveryCounts: Sendable, Hashable {
    public var pending = 0
    public var delivered = 0
    /// Dead letters: given up after `give_up_after`, or refused for good by the receiver.
    public var failed = 0
    /// The newest error any of its deliveries got, and when, if one has.
    public var lastError: String?
    public var lastErrorAt: Date?

    public init() {}
}

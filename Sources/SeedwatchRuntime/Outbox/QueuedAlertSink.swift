import SeedwatchCore

/// A sink the outbox queues alerts for and its own service delivers (DESIGN §11 `outputs:`): the
/// sink, the lowest level it takes, and its retry policy.
public struct QueuedAlertSink: Sendable {
    public var sink: any AlertSink
    /// The lowest level the sink takes (`min_level`); alerts below it get no row for this sink.
    public var minimumLevel: AlertLevel
    /// Back-off and give-up time (`give_up_after`).
    public var retry: DeliveryRetry
    /// `per`: `story` (the default) sends no repeat of a story (issue 12), `alert` every alert.
    public var mode: OutputConfiguration.Mode
    /// `digest: hourly|daily` of an e-mail output: its alerts wait for the period's digest
    /// (``DigestDeliveryWorker``); `nil` sends each alert.
    public var digest: DigestSchedule?

    public init(sink: any AlertSink, minimumLevel: AlertLevel, retry: DeliveryRetry, mode: OutputConfiguration.Mode = .story,
                digest: DigestSchedule? = nil) {
        self.sink = sink
        self.minimumLevel = minimumLevel
        self.retry = retry
        self.mode = mode
        self.digest = digest
    }

    /// The route the state store queues new alerts by: the sink's name and lowest level. A digest
    /// takes a story's repeats too: they are counted in its "+N sources" line, never sent alone.
    public var route: OutputRoute {
        OutputRoute(name: sink.name, minimumLevel: minimumLevel, skipsRepeats: mode == .story && digest == nil)
    }
}

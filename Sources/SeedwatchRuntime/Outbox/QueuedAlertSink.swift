import SeedwatchCore

/// A sink the outbox queues alerts for and its own service delivers (DESIGN §11 `outputs:`): the
/// sink, the lowest level it takes, and its retry policy.
package struct QueuedAlertSink: Sendable {
    package var sink: any AlertSink
    /// The lowest level the sink takes (`min_level`); alerts below it get no row for this sink.
    package var minimumLevel: AlertLevel
    /// Back-off and give-up time (`give_up_after`).
    package var retry: DeliveryRetry
    /// `per`: `story` (the default) sends no repeat of a story (issue 12), `alert` every alert.
    package var mode: OutputConfiguration.Mode
    /// `digest: hourly|daily` of an e-mail output: its alerts wait for the period's digest
    /// (``DigestDeliveryWorker``); `nil` sends each alert.
    package var digest: DigestSchedule?

    package init(sink: any AlertSink, minimumLevel: AlertLevel, retry: DeliveryRetry, mode: OutputConfiguration.Mode = .story,
                digest: DigestSchedule? = nil) {
        self.sink = sink
        self.minimumLevel = minimumLevel
        self.retry = retry
        self.mode = mode
        self.digest = digest
    }

    /// The route the state store queues new alerts by: the sink's name and lowest level. A digest
    /// takes a story's repeats too: they are counted in its "+N sources" line, never sent alone.
    package var route: OutputRoute {
        OutputRoute(name: sink.name, minimumLevel: minimumLevel, skipsRepeats: mode == .story && digest == nil)
    }
}

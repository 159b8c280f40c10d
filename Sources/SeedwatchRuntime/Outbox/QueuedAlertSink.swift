import SeedwatchCore

/// A sink the outbox queues alerts for and its own service delivers (DESIGN §11 `outputs:`): the
/// sink, the lowest level it takes, and its retry policy.
public struct QueuedAlertSink: Sendable {
    public var sink: any AlertSink
    /// The lowest level the sink takes (`min_level`); alerts below it get no row for this sink.
    public var minimumLevel: AlertLevel
    /// Back-off and give-up time (`give_up_after`).
    public var retry: DeliveryRetry

    public init(sink: any AlertSink, minimumLevel: AlertLevel, retry: DeliveryRetry) {
        self.sink = sink
        self.minimumLevel = minimumLevel
        self.retry = retry
    }

    /// The route the state store queues new alerts by: the sink's name and lowest level.
    public var route: OutputRoute {
        OutputRoute(name: sink.name, minimumLevel: minimumLevel)
    }
}

import Foundation

/// The daemon's configuration (DESIGN §8): plain data with the documented defaults.
/// Paths are absolute once read (relative ones resolve against the config file's folder).
public struct SeedwatchConfiguration: Sendable, Hashable {
    /// The drop folder: watched recursively for new articles.
    public struct DropFolder: Sendable, Hashable {
        public var path: String
        /// Quiet period before a file is read, in seconds; any event restarts it.
        public var settleSeconds: Double = 1
        /// Files larger than this many bytes are refused with a log line.
        public var maxBytes: Int = 64 * 1024 * 1024
        /// Glob patterns ignored in addition to the built-in list.
        public var ignore: [String] = []
        /// Interval of the safety rescan that catches anything inotify missed, in seconds.
        public var rescanSeconds: Double = 600

        public init(path: String) { self.path = path }
    }

    /// One feed to poll.
    public struct Feed: Sendable, Hashable {
        public var url: String
        /// The feed's name for people (`feeds export`, `feeds remove TITLE`); `nil` when not set.
        public var title: String?
        /// Poll interval in seconds (at least 60).
        public var intervalSeconds: Double = 900
        /// Fetch the item's link when an item carries only a short summary.
        public var fullText: Bool = false
        /// On a feed's first fetch, items older than this many seconds are recorded as seen without alerting.
        public var maxAgeSeconds: Double = 7 * 86400
        /// Body cap in bytes, enforced on the decoded body while streaming.
        public var maxBytes: Int = 32 * 1024 * 1024

        public init(url: String) { self.url = url }
    }

    /// The file this configuration was read from (absolute).
    public var file: String
    /// Seed-watch folders (absolute), each holding `model.yaml`; the folder name is the watch name.
    public var watches: [String]
    public var dropFolder: DropFolder
    /// The alert log (`alerts.jsonl`).
    public var alertLog: String
    /// The SQLite state database.
    public var statePath: String
    /// How long seen items are remembered after they leave their feed, in seconds.
    public var retentionSeconds: Double = 90 * 86400
    public var feeds: [Feed] = []
    /// Parallel transfers when polling feeds.
    public var fetchConcurrency: Int = 8
    /// `fetch.stale_after` (DESIGN §11), in seconds: a feed that answered only 304 this long gets
    /// one GET without validators.
    public var fetchStaleAfterSeconds: Double = 86_400
    /// `metrics.textfile`: where the daemon writes its metrics in the Prometheus text format for
    /// node_exporter's textfile collector (atomically, every 10 s); nil writes none.
    public var metricsTextfile: String?
    /// `metrics.listen`: the loopback address and port of the HTTP metrics endpoint (`GET /metrics`);
    /// nil serves none.
    public var metricsListen: MetricsListenAddress?
    /// Sinks besides the alert log (`outputs:`, DESIGN §11), in configuration order.
    public var outputs: [OutputConfiguration] = []
    /// `stories.window` (DESIGN §11), in seconds: how long an alerted article can be joined by later
    /// ones into its story; signatures older are pruned.
    public var storiesWindowSeconds: Double = 7 * 86400

    public init(file: String, watches: [String], dropFolder: DropFolder, alertLog: String, statePath: String) {
        self.file = file
        self.watches = watches
        self.dropFolder = dropFolder
        self.alertLog = alertLog
        self.statePath = statePath
    }

    /// The minimum poll interval, in seconds.
    public static let minimumFeedInterval: Double = 60
}

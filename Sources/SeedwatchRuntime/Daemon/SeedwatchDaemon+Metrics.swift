import Logging
import SeedwatchCore

extension SeedwatchDaemon {
    /// The metrics of `metrics.textfile` and `metrics.listen`, when either is configured: the
    /// sampler both read, and the HTTP endpoint, already listening (before READY=1, so that a port
    /// held by another program is a start-up error naming the address).
    /// - Throws: ``StartupError/metricsEndpoint(_:)``.
    static func startMetrics(_ configuration: SeedwatchConfiguration, processor: ArticleProcessor, poller: FeedPoller,
                             dropFolder: DropFolderIntake, watcher: DropFolderWatcher, store: StateStore,
                             logger: Logger) async throws -> (MetricsSampler?, MetricsEndpoint?) {
        guard configuration.metricsTextfile != nil || configuration.metricsListen != nil else { return (nil, nil) }
        let metrics = DaemonMetrics()
        processor.activity.attachDurationObserver { metrics.recordDecisionDuration(seconds: $0) }
        poller.attachFetchObserver { metrics.recordFeedFetch($0) }
        let sampler = MetricsSampler(metrics: metrics, dropFolder: dropFolder, watcher: watcher, store: store,
                                     feeds: { poller.feeds.map(\.url) })
        guard let address = configuration.metricsListen else { return (sampler, nil) }
        do {
            let endpoint = try MetricsEndpoint(address: address, logger: logger) { await sampler.sample() }
            let bound = try await endpoint.start()
            logger.info("metrics endpoint listening", metadata: ["address": "\(bound)", "url": "http://\(bound)/metrics"])
            return (sampler, endpoint)
        } catch {
            throw StartupError.metricsEndpoint(error)
        }
    }
}

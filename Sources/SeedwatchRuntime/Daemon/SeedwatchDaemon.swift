import Foundation
import Logging
import SeedwatchCore
import ServiceLifecycle
import UnixSignals
#if canImport(Glibc)
import Glibc
#endif

/// The daemon behind `seedwatch run`: opens the state and the alert log, reconciles the outbox,
/// puts the drop-folder watches in place, tells systemd `READY=1`, then runs its services until
/// SIGTERM or SIGINT (DESIGN §10).
public struct SeedwatchDaemon {
    public let configurationPath: String
    public let logger: Logger
    public let notifier: SystemdNotifier

    public init(configurationPath: String, logger: Logger, notifier: SystemdNotifier = SystemdNotifier()) {
        self.configurationPath = configurationPath
        self.logger = logger
        self.notifier = notifier
    }

    /// Why the daemon could not start; each names the file or folder at fault.
    public struct StartupError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs until a graceful shutdown completes.
    /// - Throws: ``StartupError`` (or a `YAMLFileError`) when start-up fails; nothing is processed then.
    public func run() async throws {
        // SIGHUP's default action ends the process, and systemd counts an end by SIGHUP as clean, so
        // `Restart=on-failure` would not bring the daemon back. logrotate's `systemctl kill -s HUP`
        // can arrive at any time, also while we start (before ReloadService traps it): ignore it until
        // then. A reload is not needed during start-up: the configuration and the log are opened fresh.
        _ = signal(SIGHUP, SIG_IGN)
        let configuration = try ConfigurationReader.load(path: configurationPath)
        let watches = try WatchLoader.load(configuration)
        for w in watches {
            logger.info("watch loaded", metadata: ["watch": "\(w.name)", "model_version": "\(w.model.version)",
                                                   "actors": "\(w.model.actors.count)", "topics": "\(w.model.topics.count)"])
        }
        try Self.makeParentFolder(of: configuration.statePath)
        try Self.makeParentFolder(of: configuration.alertLog)
        try Self.makeFolder(configuration.dropFolder.path)

        let store = try StateStore(path: configuration.statePath)
        let outputs = try configuration.outputs.map { output in
            OutputDeliveryWorker(sink: try OutputSinks.make(output), store: store, retry: OutputSinks.retry(output), logger: logger)
        }
        store.setOutputRoutes(OutputSinks.routes(configuration.outputs))
        let writer = try AlertLogWriter(path: configuration.alertLog, logger: logger)
        let outbox = OutboxDelivery(store: store, sink: writer, logger: logger)
        let report = try outbox.reconcile()
        if report.alreadyInLog + report.appended > 0 {
            logger.notice("outbox reconciled", metadata: ["already_in_log": "\(report.alreadyInLog)", "appended": "\(report.appended)"])
        }

        // An empty state database beside a non-empty alert log means the database was deleted or
        // replaced: the alerts already in the log must not be written again for files still present.
        var alreadyLogged: Set<String> = []
        if (try? store.counts().seenArticles) == 0 {
            alreadyLogged = writer.loggedAlertIDs()
            if !alreadyLogged.isEmpty {
                logger.warning("the state database is empty but the alert log holds alerts; those alerts will not be written again",
                               metadata: ["state": "\(configuration.statePath)", "alerts_in_log": "\(alreadyLogged.count)"])
            }
        }
        let processor = ArticleProcessor(watches: watches, store: store, outbox: outbox, logger: logger,
                                         alreadyLogged: alreadyLogged)
        let settings = DropFolderSettings(
            path: configuration.dropFolder.path, settle: configuration.dropFolder.settleSeconds,
            maxBytes: Int64(configuration.dropFolder.maxBytes), rescanInterval: configuration.dropFolder.rescanSeconds,
            ignore: IgnoreRules(userPatterns: configuration.dropFolder.ignore))
        let watcher = DropFolderWatcher(settings: settings, logger: logger)
        let readyFiles = try await watcher.start()

        // The poller and its fetcher exist even with no feeds, so a reload can add some.
        let fetcher = CurlFetcher(concurrency: configuration.fetchConcurrency)
        let poller = FeedPoller(feeds: configuration.feeds, fetcher: fetcher, store: store, processor: processor,
                                retentionSeconds: configuration.retentionSeconds, logger: logger,
                                staleAfterSeconds: configuration.fetchStaleAfterSeconds)
        let status = DaemonStatus(processor: processor, poller: poller)
        notifier.ready(status: await status.line())
        logger.info("ready", metadata: ["drop_folder": "\(configuration.dropFolder.path)", "alert_log": "\(configuration.alertLog)",
                                        "feeds": "\(configuration.feeds.count)"])

        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: DropFolderService(watcher: watcher, files: readyFiles, processor: processor,
                                             maxBytes: configuration.dropFolder.maxBytes)),
            .init(service: ReloadService(configurationPath: configurationPath, current: configuration, processor: processor,
                                         poller: poller, fetcher: fetcher, writer: writer, notifier: notifier, status: status,
                                         logger: logger)),
            .init(service: StatusService(notifier: notifier, status: status)),
            .init(service: OutboxRetryService(processor: processor, store: store, logger: logger)),
        ]
        services.append(.init(service: FeedPollerService(poller: poller, fetcher: fetcher)))
        services += outputs.map { .init(service: OutputDeliveryService(worker: $0)) }
        services.append(.init(service: StoppingNotifierService(notifier: notifier, logger: logger)))
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        let counters = await processor.counters
        logger.info("stopped", metadata: ["files": "\(counters.filesProcessed)", "alerts": "\(counters.alertsWritten)"])
    }

    static func makeFolder(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw StartupError(description: "\(path): cannot create folder: \(error.localizedDescription)")
        }
    }

    static func makeParentFolder(of path: String) throws {
        try makeFolder((path as NSString).deletingLastPathComponent)
    }
}

/// Renders the one-line status systemd shows (`STATUS=`).
struct DaemonStatus: Sendable {
    let processor: ArticleProcessor
    let poller: FeedPoller

    func line() async -> String {
        let c = await processor.counters
        let feeds = poller.feeds.count
        return "watching; \(c.filesProcessed) files processed, \(c.filesSkipped) skipped, \(c.alertsWritten) alerts written, "
            + "\(c.errors) errors, \(feeds) feeds"
    }
}

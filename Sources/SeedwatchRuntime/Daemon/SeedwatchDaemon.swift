import Foundation
import Logging
import SeedwatchCore
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#endif

/// The daemon behind `seedwatch run`: opens the state and the alert log, reconciles the outbox,
/// puts the drop-folder watches in place, tells systemd `READY=1`, then runs its services until
/// SIGTERM or SIGINT (DESIGN §10).
package struct SeedwatchDaemon {
    package let configurationPath: String
    package let logger: Logger
    package let notifier: SystemdNotifier

    /// How long, in seconds, a stop waits for the article in hand before abandoning it (see ``StopDeadline``).
    package var stopGraceSeconds: Double = 1.5

    package init(configurationPath: String, logger: Logger, notifier: SystemdNotifier = SystemdNotifier()) {
        self.configurationPath = configurationPath
        self.logger = logger
        self.notifier = notifier
    }

    /// The exit status for a start-up failure: 78 for the configuration or a model
    /// (`YAMLFileError`, a missing drop folder), 75 when another daemon holds the lock, 74 otherwise.
    package static func exitStatus(for error: any Error) -> ExitStatus {
        switch error {
        case let error as StartupError: return error.exitStatus
        case is YAMLFileError: return .configuration
        case let error as StateLock.Failure:
            if case .held = error { return .temporaryFailure }
            return .ioError
        default: return .ioError
        }
    }

    /// Runs until a graceful shutdown completes.
    /// - Throws: ``StartupError`` (or a `YAMLFileError`) when start-up fails; nothing is processed then.
    package func run() async throws {
        // SIGHUP's default action ends the process (and systemd counts that as clean, so
        // `Restart=on-failure` would not bring the daemon back). From here on a SIGHUP is queued and
        // applied once the reload service runs: `systemctl start` then `reload` loses nothing.
        let signals: DaemonSignals
        do {
            signals = try DaemonSignals.install()
            try signals.installStopSignals()
        } catch {
            throw StartupError.signalHandlers(reason: "\(error)")
        }
        logger.info("starting", metadata: ["config": "\(configurationPath)", "pid": "\(getpid())"])
        let configuration = try ConfigurationReader.load(path: configurationPath)
        let watches = try WatchLoader.load(configuration)
        for w in watches {
            logger.info("watch loaded", metadata: ["watch": "\(w.name)", "model_version": "\(w.model.version)",
                                                   "actors": "\(w.model.actors.count)", "topics": "\(w.model.topics.count)"])
        }
        try Self.requireFolders(configuration)
        try Self.makeParentFolder(of: configuration.statePath)
        let lock = try StateLock.acquire(statePath: configuration.statePath)
        defer { withExtendedLifetime(lock) {} }
        try Self.makeParentFolder(of: configuration.alertLog)

        let store = try StateStore(path: configuration.statePath)
        // The sinks behind the outbox: the alert log first, then each output of `outputs:` (their
        // secret files are read before the log is opened).
        let outputs = try OutputSinks.queued(configuration.outputs, watchCount: configuration.watches.count)
        let writer = try AlertLogWriter(path: configuration.alertLog, logger: logger)
        let outbox = OutboxDelivery(store: store, sink: writer, outputs: outputs, logger: logger)
        store.setOutputRoutes(outbox.outputRoutes)
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
        let dropFolder = DropFolderIntake(pipeline: processor)
        let settings = DropFolderSettings(
            path: configuration.dropFolder.path, settle: configuration.dropFolder.settleSeconds,
            maxBytes: Int64(configuration.dropFolder.maxBytes), rescanInterval: configuration.dropFolder.rescanSeconds,
            ignore: IgnoreRules(userPatterns: configuration.dropFolder.ignore))
        let watcher = DropFolderWatcher(settings: settings, logger: logger) { [dropFolder] path, size in
            Task { await dropFolder.noteRefused(path: path, size: size, maxBytes: settings.maxBytes) }
        }
        let readyFiles = try await watcher.start()

        // The poller and its fetcher exist even with no feeds, so a reload can add some.
        let fetcher = CurlFetcher(concurrency: configuration.fetchConcurrency)
        let poller = FeedPoller(feeds: configuration.feeds, fetcher: fetcher, store: store, processor: processor, logger: logger,
                                staleAfterSeconds: configuration.fetchStaleAfterSeconds)
        let retention = RetentionSettings(configuration)
        let status = DaemonStatus(dropFolder: dropFolder, poller: poller, watcher: watcher)
        let (sampler, endpoint) = try await Self.startMetrics(configuration, processor: processor, poller: poller,
                                                              dropFolder: dropFolder, watcher: watcher, store: store, logger: logger)
        // Pings from a thread of their own, only while the pipeline progresses or is idle.
        var pinger: WatchdogPinger?
        if notifier.isEnabled, let interval = SystemdNotifier.watchdogInterval() {
            pinger = WatchdogPinger(interval: interval / 2, activity: processor.activity, logger: logger) { [notifier] in
                notifier.watchdog()
            }
        }
        defer { pinger?.stop() }
        notifier.ready(status: await status.line())
        logger.info("ready", metadata: ["drop_folder": "\(configuration.dropFolder.path)", "alert_log": "\(configuration.alertLog)",
                                        "feeds": "\(configuration.feeds.count)"])

        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: DropFolderService(watcher: watcher, files: readyFiles, intake: dropFolder,
                                             maxBytes: configuration.dropFolder.maxBytes)),
            .init(service: ReloadService(configurationPath: configurationPath, current: configuration, processor: processor,
                                         poller: poller, fetcher: fetcher, writer: writer, notifier: notifier, status: status,
                                         retention: retention, logger: logger, requests: signals.reloads)),
            .init(service: StatusService(notifier: notifier, status: status, store: store)),
            .init(service: OutboxRetryService(dropFolder: dropFolder, store: store, logger: logger)),
            .init(service: RetentionService(store: store, settings: retention, logger: logger)),
        ]
        if let textfile = configuration.metricsTextfile, let sampler {
            services.append(.init(service: MetricsService(sampler: sampler, path: textfile, logger: logger)))
        }
        if let endpoint { services.append(.init(service: MetricsEndpointService(endpoint: endpoint))) }
        services.append(.init(service: FeedPollerService(poller: poller, fetcher: fetcher)))
        services += outbox.outputWorkers(logger: logger).map { .init(service: OutputDeliveryService(worker: $0)) }
        services += outbox.digestWorkers(coreActors: Digest.coreActors(of: watches.map(\.model)), logger: logger)
            .map { .init(service: OutputDeliveryService(worker: $0)) }
        services.append(.init(service: StoppingNotifierService(notifier: notifier, logger: logger, activity: processor.activity,
                                                               graceSeconds: stopGraceSeconds)))
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: services, logger: logger))
        // SIGTERM/SIGINT were queued since start-up (one sent before the services ran is not lost).
        let stopOnSignal = Task {
            for await _ in signals.stops {
                await group.triggerGracefulShutdown()
                return
            }
        }
        defer { stopOnSignal.cancel() }
        try await group.run()
        let counters = await processor.counters
        logger.info("stopped", metadata: ["files": "\(counters.filesProcessed)", "alerts": "\(counters.alertsWritten)"])
        // A measuring aid (issue 15): the statement count goes to the file the variable names.
        if StateStore.countsStatements, let path = ProcessInfo.processInfo.environment["SEEDWATCH_COUNT_STATEMENTS"] {
            try? "\(StateStore.statementCount())\n".write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    static func makeFolder(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw StartupError.cannotCreateFolder(path: path, reason: error.localizedDescription)
        }
    }

    /// The drop folder must exist: a typo in `drop_folder.path` is refused (exit 78) rather than
    /// created as a new, empty folder that nobody drops into. `check-config` says the same.
    static func requireFolders(_ configuration: SeedwatchConfiguration) throws {
        if let problem = FolderCheck.findings(for: configuration).first(where: \.isError) {
            throw StartupError.folder(problem)
        }
    }

    static func makeParentFolder(of path: String) throws {
        try makeFolder((path as NSString).deletingLastPathComponent)
    }
}

import Foundation
import Logging
import SeedwatchCore
import ServiceLifecycle

/// SIGHUP: reload configuration and models and reopen the alert log (`RELOADING=1` … `READY=1`).
/// The watches' models, `feeds:` and `fetch.concurrency` take effect at once (see
/// ``FeedPoller/apply(feeds:)``), `state.retention` and `stories.window` from the
/// ``RetentionService``'s next pass; `drop_folder`, `alerts.log`, `state.path`, `metrics` and
/// `outputs` need a restart, and a reload that changes them says so once per reload.
struct ReloadService: Service {
    let configurationPath: String
    /// The configuration the daemon started with: what the restart-only keys are compared against.
    let current: SeedwatchConfiguration
    let processor: ArticleProcessor
    let poller: FeedPoller
    let fetcher: any FetchConcurrencyControl
    let writer: any ReopenableFile
    let notifier: SystemdNotifier
    let status: DaemonStatus
    /// `state.retention` and `stories.window` as the ``RetentionService`` reads them.
    let retention: RetentionSettings
    let logger: Logger
    /// Reload requests (SIGHUP) queued since start-up (``DaemonSignals``); nil traps SIGHUP here.
    var requests: AsyncStream<Void>? = nil

    func run() async throws {
        let requests: AsyncStream<Void>
        if let queued = self.requests {
            requests = queued
        } else {
            requests = try DaemonSignals.install().reloads
        }
        await cancelWhenGracefulShutdown {
            for await _ in requests {
                await reload()
            }
        }
    }

    /// One reload: read the configuration, apply it, reopen the alert log (tests call it in process).
    func reload() async {
        notifier.reloading()
        logger.info("reloading", metadata: ["config": "\(configurationPath)"])
        do {
            let configuration = try ConfigurationReader.load(path: configurationPath)
            let watches = try WatchLoader.load(configuration)
            await processor.replaceWatches(watches)
            for w in watches {
                logger.info("watch loaded", metadata: ["watch": "\(w.name)", "model_version": "\(w.model.version)"])
            }
            applyFeeds(configuration)
            retention.apply(configuration)
            let needRestart = Self.restartOnlyChanges(from: current, to: configuration)
            if !needRestart.isEmpty {
                logger.warning("changes to these keys take effect after a restart (systemctl restart seedwatch)",
                               metadata: ["keys": "\(needRestart.joined(separator: ", "))"])
            }
        } catch {
            logger.error("reload failed; keeping the previous configuration and models", metadata: ["error": "\(error)"])
        }
        do {
            try writer.reopen()
            logger.info("alert log reopened", metadata: ["path": "\(writer.path)"])
        } catch {
            logger.error("cannot reopen the alert log", metadata: ["path": "\(writer.path)", "error": "\(error)"])
        }
        notifier.ready(status: await status.line())
    }

    private func applyFeeds(_ configuration: SeedwatchConfiguration) {
        fetcher.setConcurrency(configuration.fetchConcurrency)
        poller.setStaleAfter(seconds: configuration.fetchStaleAfterSeconds)
        let change = poller.apply(feeds: configuration.feeds)
        for url in change.added { logger.info("feed added; polling it now", metadata: ["feed": "\(url)"]) }
        for url in change.removed { logger.info("feed removed; no longer polled (its state is kept)", metadata: ["feed": "\(url)"]) }
        for url in change.changed { logger.info("feed settings changed; used from its next poll", metadata: ["feed": "\(url)"]) }
        logger.info("feeds reloaded", metadata: [
            "feeds": "\(configuration.feeds.count)", "added": "\(change.added.count)", "removed": "\(change.removed.count)",
            "changed": "\(change.changed.count)", "fetch_concurrency": "\(configuration.fetchConcurrency)",
        ])
    }

    /// The configuration keys that changed but apply only after a restart, in a fixed order.
    static func restartOnlyChanges(from old: SeedwatchConfiguration, to new: SeedwatchConfiguration) -> [String] {
        var keys: [String] = []
        if new.dropFolder != old.dropFolder { keys.append("drop_folder") }
        if new.alertLog != old.alertLog { keys.append("alerts.log") }
        if new.statePath != old.statePath { keys.append("state.path") }
        // The textfile writer and the HTTP endpoint are set up once, at start-up.
        if new.metricsTextfile != old.metricsTextfile || new.metricsListen != old.metricsListen { keys.append("metrics") }
        if new.outputs != old.outputs { keys.append("outputs") }
        return keys
    }
}

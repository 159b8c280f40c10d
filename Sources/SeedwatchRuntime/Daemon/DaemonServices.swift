import Foundation
import Logging
import SeedwatchCore
import ServiceLifecycle
import UnixSignals

/// Feeds ready drop-folder files to the pipeline; on shutdown, finishes the file in hand.
struct DropFolderService: Service {
    let watcher: DropFolderWatcher
    let files: AsyncStream<ReadyFile>
    let processor: ArticleProcessor
    let maxBytes: Int

    func run() async throws {
        await withGracefulShutdownHandler {
            for await file in files {
                await processor.processFile(file, maxBytes: maxBytes)
            }
        } onGracefulShutdown: {
            watcher.stop()
        }
    }
}

/// SIGHUP: reload configuration and models and reopen the alert log (`RELOADING=1` … `READY=1`).
/// The watches' models, `feeds:`, `fetch.concurrency` and `state.retention` take effect at once
/// (see ``FeedPoller/apply(feeds:retentionSeconds:)``); `drop_folder`, `alerts.log`, `state.path` and `outputs`
/// need a restart, and a reload that changes them says so once per reload.
struct ReloadService: Service {
    let configurationPath: String
    /// The configuration the daemon started with: what the restart-only keys are compared against.
    let current: SeedwatchConfiguration
    let processor: ArticleProcessor
    let poller: FeedPoller
    let fetcher: CurlFetcher
    let writer: AlertLogWriter
    let notifier: SystemdNotifier
    let status: DaemonStatus
    let logger: Logger

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        await cancelWhenGracefulShutdown {
            for await _ in signals {
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
        let change = poller.apply(feeds: configuration.feeds, retentionSeconds: configuration.retentionSeconds)
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
        if new.outputs != old.outputs { keys.append("outputs") }
        return keys
    }
}

/// `WATCHDOG=1` every `WatchdogSec/2` and a fresh `STATUS=` every second.
struct StatusService: Service {
    let notifier: SystemdNotifier
    let status: DaemonStatus

    func run() async throws {
        guard notifier.isEnabled else {
            try? await gracefulShutdown()
            return
        }
        let watchdog = SystemdNotifier.watchdogInterval().map { $0 / 2 }
        let tick = min(1.0, watchdog ?? 1.0)
        var sinceWatchdog = 0.0
        var last = ""
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(tick)) }
            } catch {
                return
            }
            sinceWatchdog += tick
            if let watchdog, sinceWatchdog >= watchdog - 0.001 {
                notifier.watchdog()
                sinceWatchdog = 0
            }
            let line = await status.line()
            if line != last {
                notifier.status(line)
                last = line
            }
        }
    }
}

/// Sends `STOPPING=1` as soon as a graceful shutdown begins (it is the last service, so it is
/// told first).
struct StoppingNotifierService: Service {
    let notifier: SystemdNotifier
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        notifier.stopping()
        logger.info("stopping: finishing the article in hand")
    }
}

/// Retries alerts left pending by a failed append, and drop-folder files deferred by a state
/// database error, every `interval` seconds (DESIGN §7 outbox).
/// Also notices the state database being deleted or replaced under the daemon (one ERROR line).
struct OutboxRetryService: Service {
    let processor: ArticleProcessor
    let store: StateStore
    let logger: Logger
    var interval: Double = 30

    func run() async throws {
        var reportedReplaced = false
        while !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(interval)) }
            } catch {
                return
            }
            if !reportedReplaced, store.fileWasReplaced {
                reportedReplaced = true
                logger.error("the state database was deleted or replaced while running; restart seedwatch (alerts already in the log are not written again after a restart)",
                             metadata: ["path": "\(store.path)"])
            }
            await processor.retryPendingAlerts()
            await processor.retryDeferredFiles()
        }
    }
}

import Foundation
import Logging
import SeedwatchCore
import ServiceLifecycle

/// Feeds ready drop-folder files to the pipeline; on shutdown, finishes the file in hand.
struct DropFolderService: Service {
    let watcher: DropFolderWatcher
    let files: AsyncStream<ReadyFile>
    let intake: DropFolderIntake
    var processor: ArticleProcessor { intake.pipeline }
    let maxBytes: Int

    /// Takes ready files one at a time. On shutdown the file in hand finishes (or stops at its
    /// next checkpoint) and the rest of the backlog is left for the next start, whose start-up scan
    /// finds it again.
    func run() async throws {
        await withGracefulShutdownHandler {
            for await file in files {
                if processor.activity.isStopRequested { break }
                watcher.fileTaken()
                await intake.process(file, maxBytes: maxBytes)
            }
        } onGracefulShutdown: {
            processor.activity.requestStop()
            watcher.stop()
        }
        if processor.activity.isStopRequested {
            // Left the loop on the stop request, before the group told this service: wait for that.
            watcher.stop()
            try? await gracefulShutdown()
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

/// A fresh `STATUS=` every second (when it changed), and the backlog saved in the state database
/// for `seedwatch status` (when it changed, and at least every 30 s). `WATCHDOG=1` comes from
/// ``WatchdogPinger``'s own thread, so that no task can delay it.
struct StatusService: Service {
    let notifier: SystemdNotifier
    let status: DaemonStatus
    var store: StateStore? = nil

    func run() async throws {
        var last = ""
        var saved: (queued: Int, deferred: Int, at: Date)?
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            if let store {
                let backlog = await status.backlog()
                if saved == nil || saved!.queued != backlog.queued || saved!.deferred != backlog.deferred
                    || Date().timeIntervalSince(saved!.at) >= 30 {
                    if (try? store.saveBacklog(queued: backlog.queued, deferred: backlog.deferred)) != nil {
                        saved = (backlog.queued, backlog.deferred, Date())
                    }
                }
            }
            if notifier.isEnabled {
                let line = await status.line()
                if line != last {
                    notifier.status(line)
                    last = line
                }
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(1)) }
            } catch {
                return
            }
        }
    }
}

/// Sends `STOPPING=1` as soon as a graceful shutdown begins (it is the last service, so it is
/// told first).
struct StoppingNotifierService: Service {
    let notifier: SystemdNotifier
    let logger: Logger
    let activity: PipelineActivity
    /// How long the article in hand may take before it is abandoned (``StopDeadline``).
    let graceSeconds: Double

    func run() async throws {
        try? await gracefulShutdown()
        guard !Task.isCancelled else { return }
        activity.requestStop()
        notifier.stopping()
        logger.info("stopping: finishing the article in hand; the backlog waits for the next start")
        StopDeadline.arm(graceSeconds: graceSeconds, activity: activity, logger: logger)
    }
}

/// Retries alerts left pending by a failed append, and drop-folder files deferred by a state
/// database error, every `interval` seconds (DESIGN §7 outbox).
/// Also notices the state database being deleted or replaced under the daemon (one ERROR line).
struct OutboxRetryService: Service {
    let dropFolder: DropFolderIntake
    var processor: ArticleProcessor { dropFolder.pipeline }
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
            await dropFolder.retryDeferredFiles()
        }
    }
}

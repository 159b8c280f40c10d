/// Renders the one-line status systemd shows (`STATUS=`).
struct DaemonStatus: Sendable {
    let dropFolder: DropFolderIntake
    var processor: ArticleProcessor { dropFolder.pipeline }
    let poller: FeedPoller
    var watcher: DropFolderWatcher?

    /// Ready files not yet taken, and files deferred by a state or alert-log error.
    func backlog() async -> (queued: Int, deferred: Int) {
        (watcher?.queuedFiles ?? 0, dropFolder.deferredFileCount)
    }

    /// `watching; N files processed, M skipped, A alerts written, E errors, F feeds; backlog Q queued, D deferred`.
    func line() async -> String {
        let c = await processor.counters
        let deferred = dropFolder.deferredFileCount
        let feeds = poller.feeds.count
        let queued = watcher?.queuedFiles ?? 0
        return "watching; \(c.filesProcessed) files processed, \(c.filesSkipped) skipped, \(c.alertsWritten) alerts written, "
            + "\(c.errors) errors, \(feeds) feeds; backlog \(queued) queued, \(deferred) deferred"
    }
}

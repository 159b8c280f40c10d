import Foundation
import ServiceLifecycle

/// Feeds ready drop-folder files to the pipeline; on shutdown, finishes the file in hand.
struct DropFolderService: Service {
    let watcher: DropFolderWatcher
    let files: AsyncStream<ReadyFile>
    let intake: DropFolderIntake
    var processor: ArticleProcessor { intake.pipeline }
    let maxBytes: Int
    /// Files taken off the stream at once, at most (their groups are bounded by ``GroupCommitLimits``).
    static let maxFilesPerTake = 512

    /// Takes ready files as they come: each file with the files already queued behind it (at most
    /// ``maxFilesPerTake``), decided in group commits (``DropFolderIntake/process(_:maxBytes:)``
    /// with an array). A file that arrives alone is decided at once, as a group of one. On shutdown
    /// the file in hand finishes (or stops at its next checkpoint) and the rest of the backlog is
    /// left for the next start, whose start-up scan finds it again.
    func run() async throws {
        await withGracefulShutdownHandler {
            var iterator = files.makeAsyncIterator()
            while let file = await iterator.next() {
                if processor.activity.isStopRequested { break }
                watcher.fileTaken()
                var ready = [file]
                // Only files already emitted: `queuedFiles` counts a file just before it is yielded,
                // so `next()` returns without waiting for a file that is not there.
                while ready.count < Self.maxFilesPerTake, watcher.queuedFiles > 0, !processor.activity.isStopRequested,
                      let more = await iterator.next() {
                    watcher.fileTaken()
                    ready.append(more)
                }
                await intake.process(ready, maxBytes: maxBytes)
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

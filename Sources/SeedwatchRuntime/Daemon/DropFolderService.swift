import Foundation
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

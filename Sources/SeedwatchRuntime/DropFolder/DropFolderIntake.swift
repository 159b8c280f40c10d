import Foundation
import Logging
import SeedwatchCore
import Synchronization

/// The drop folder's intake in the daemon: each ready file is read (``DroppedFile``) and its
/// articles decided by the pipeline, with what only files need — processed-file records (a file
/// is read once while its device, inode, size and mtime stay the same) and deferral (a file whose
/// processing failed on a state or alert-log error is processed again by ``retryDeferredFiles()``).
///
/// Its work runs isolated to the ``ArticleProcessor`` (on the pipeline's own thread): a file's
/// articles are decided one after another with nothing in between, and nothing is decided twice.
package final class DropFolderIntake: Sendable {
    /// The pipeline that decides the files' articles.
    package let pipeline: ArticleProcessor
    /// Files whose processing failed on a state database error (locked, read-only, I/O error) or
    /// an alert log error, by absolute path: ``retryDeferredFiles()`` processes them again. The
    /// watcher emits a file once while it is unchanged, so without this list such a file would
    /// wait for a restart.
    let deferred = Mutex<[[UInt8]: (file: ReadyFile, maxBytes: Int)]>([:])

    package init(pipeline: ArticleProcessor) {
        self.pipeline = pipeline
    }

    /// Reads, extracts and decides one drop-folder file. Never throws: every failure is logged
    /// once with the path and reason. When the state database or the alert log fails (a lookup, a
    /// decision, its delivery or the processed-file record), the file is deferred and
    /// ``retryDeferredFiles()`` tries it again; decisions already committed stay committed, so a
    /// retry never alerts twice.
    /// - Parameters:
    ///   - file: the ready file from the watcher.
    ///   - maxBytes: refuse files larger than this many bytes.
    ///
    /// After ``PipelineActivity/requestStop()`` a file not yet begun is left alone, and a feed file
    /// stops between its items; either way the file is not recorded as processed, so the next start
    /// reads it again (items already decided stay decided).
    package func process(_ file: ReadyFile, maxBytes: Int) async {
        await process(file, maxBytes: maxBytes, in: pipeline)
    }

    /// Notes in the history of `path` (for `seedwatch why PATH`) that the watcher refused the file
    /// as larger than `drop_folder.max_bytes`: `skipped  larger than drop_folder.max_bytes
    /// (68157440 > 67108864 bytes)` (tryout F9). The watcher logged the warning.
    /// - Parameters:
    ///   - path: the file's absolute path, raw bytes.
    ///   - size: its size, in bytes.
    ///   - maxBytes: `drop_folder.max_bytes`, in bytes.
    package func noteRefused(path: [UInt8], size: Int64, maxBytes: Int64) async {
        await noteRefused(path: path, size: size, maxBytes: maxBytes, in: pipeline)
    }

    private func noteRefused(path: [UInt8], size: Int64, maxBytes: Int64, in pipeline: isolated ArticleProcessor) {
        pipeline.counters.filesSkipped += 1
        pipeline.note(path, .skipped, detail: "larger than drop_folder.max_bytes (\(size) > \(maxBytes) bytes)")
        pipeline.flushHistory()
    }

    /// Files waiting for ``retryDeferredFiles()`` after a state database error.
    package var deferredFileCount: Int { deferred.withLock { $0.count } }

    /// Processes again every file deferred by a state database error (see ``process(_:maxBytes:)``);
    /// a file that fails again stays deferred. Called periodically by the daemon.
    /// - Returns: how many deferred files were completed now.
    @discardableResult
    package func retryDeferredFiles() async -> Int {
        await retryDeferredFiles(in: pipeline)
    }

    private func retryDeferredFiles(in pipeline: isolated ArticleProcessor) -> Int {
        let files = deferred.withLock { Array($0.values) }
            .sorted { $0.file.absolutePath.lexicographicallyPrecedes($1.file.absolutePath) }
        var completed = 0
        for (file, maxBytes) in files {
            pipeline.firstFailureCause = nil
            process(file, maxBytes: maxBytes, in: pipeline)
            if deferred.withLock({ $0[file.absolutePath] == nil }) { completed += 1 }
        }
        if completed > 0 {
            pipeline.logger.notice("deferred files processed", metadata: ["files": "\(completed)", "still_deferred": "\(deferredFileCount)"])
        }
        return completed
    }
}

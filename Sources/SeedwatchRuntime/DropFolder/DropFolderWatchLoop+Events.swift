import Logging
import SeedwatchCore

extension DropFolderWatchLoop {
    /// Applies one raw event.
    func handle(_ event: FileEvent, at now: Double) {
        if event.mask.contains(.queueOverflow) || event.watch == -1 {
            logger.warning("inotify queue overflow, rescanning", metadata: ["path": "\(display(root))"])
            rescan(at: now)
            return
        }
        guard let folder = folderByWatch[event.watch] else { return }  // a watch already dropped
        if folder.isEmpty, !event.mask.intersection([.ignored, .deleteSelf, .moveSelf]).isEmpty {
            rootGone(moved: event.mask.contains(.moveSelf), at: now)
            return
        }
        if event.mask.contains(.ignored) {
            dropWatch(event.watch)
            return
        }
        if event.name.isEmpty {
            // The drop folder's own permissions changed: list it again (its files may be readable now).
            if event.mask.contains(.attributes), folder.isEmpty { watchTree(from: [], at: now) }
            return
        }
        let path = join(folder, event.name)

        if event.mask.contains(.isDirectory) {
            if event.mask.contains(.attributes) {
                // chmod/chown of a folder: watch and list it again, so files it hid are now seen;
                // files emitted before and unchanged are not emitted again.
                if !settings.ignore.isIgnored(relativePath: path) {
                    reportedFolders.remove(path)
                    watchTree(from: path, at: now)
                }
            } else if event.mask.contains(.movedFrom) {
                forgetFolder(path)
            } else if event.mask.contains(.create) || event.mask.contains(.movedTo) {
                if settings.ignore.isIgnored(relativePath: path) {
                    logger.debug("ignored folder", metadata: ["path": "\(display(absolute(path)))"])
                } else {
                    watchTree(from: path, at: now)
                }
            }
            return
        }
        if event.mask.contains(.movedFrom) {
            // Moved away (to another name, handled by its IN_MOVED_TO, or out of the tree).
            tracker.forget(path: path)
            emitted[path] = nil
            return
        }
        let completes = event.mask.contains(.closeWrite) || event.mask.contains(.movedTo)
        if settings.ignore.isIgnored(relativePath: path) {
            if completes { logger.debug("ignored file", metadata: ["path": "\(display(absolute(path)))"]) }
            return
        }
        if completes {
            noteCompleted(path, at: now, status: nil)
        } else if event.mask.contains(.attributes) {
            // chmod/chown (or touch) of a file: size and mtime may be unchanged, so forget what was
            // emitted and let it settle again; the consumer skips it if it was already processed.
            // A file still being written stays as it is (its IN_CLOSE_WRITE completes it).
            if !tracker.isTracking(path) {
                emitted[path] = nil
                noteCompleted(path, at: now, status: nil)
            }
        } else if event.mask.contains(.create) {
            // A new symbolic link or hard link never gets IN_CLOSE_WRITE: it is complete at once.
            if case .success(let status) = FileSystemCalls.entryStatus(absolute(path)),
                status.kind == .symbolicLink || (status.kind == .regular && status.linkCount > 1)
            {
                noteCompleted(path, at: now, status: status)
            } else {
                tracker.noteEvent(path: path, at: now, completesWrite: false)
            }
        } else if event.mask.contains(.modify) {
            tracker.noteEvent(path: path, at: now, completesWrite: false)
        }
    }

    /// The drop folder itself was deleted or moved away (`IN_DELETE_SELF`, `IN_MOVE_SELF`, or
    /// `IN_IGNORED` on its watch): drops every watch (a moved tree's events are not the drop
    /// folder's any more) and looks for a folder at its path every ``DropFolderSettings/rootRecheckInterval``
    /// seconds (``lookForRoot(at:)``). One ERROR line, however many of those events arrive.
    func rootGone(moved: Bool, at now: Double) {
        guard rootCheckAt == nil else { return }
        for watch in folderByWatch.keys { source.removeWatch(watch) }
        folderByWatch = [:]
        watchByFolder = [:]
        unwatchedFolders = []
        tracker = SettleTracker(settle: settings.settle)
        rootCheckAt = now + settings.rootRecheckInterval
        let message: Logger.Message = moved
            ? "drop folder was moved; its new place is not watched; watching its path again once a folder is there"
            : "drop folder is gone; watching its path again once a folder is there"
        logger.error(message, metadata: ["path": "\(display(root))", "check_every_s": "\(settings.rootRecheckInterval)"])
    }

    /// While the drop folder is gone: when a folder is at its path again, watches and scans it
    /// (a full rescan: files there are emitted, files emitted before and unchanged are not);
    /// otherwise looks again after ``DropFolderSettings/rootRecheckInterval`` seconds.
    func lookForRoot(at now: Double) {
        guard case .success(let status) = FileSystemCalls.entryStatus(root), status.kind == .directory else {
            rootCheckAt = now + settings.rootRecheckInterval
            return
        }
        rootCheckAt = nil
        rescan(at: now)
        logger.info("drop folder is back; watched again", metadata: ["path": "\(display(root))", "folders": "\(watchByFolder.count)"])
    }

    /// Makes `path` a candidate, remembering its `stat(2)` now for the check after the quiet period.
    func noteCompleted(_ path: [UInt8], at now: Double, status: EntryStatus?) {
        var snapshot = status?.snapshot
        if status == nil || status?.kind == .symbolicLink {
            if case .success(let target) = FileSystemCalls.targetStatus(absolute(path)) { snapshot = target.snapshot }
        }
        tracker.noteEvent(path: path, at: now, snapshot: snapshot, completesWrite: true)
    }

    /// Checks every path that has been quiet long enough and emits those that are ready.
    func processDue(at now: Double) {
        for path in tracker.due(at: now) {
            let current: FileSnapshot?
            switch readableFile(path) {
            case .file(let snapshot):
                current = snapshot
            case .skip:
                tracker.forget(path: path)
                continue
            case .gone(let error):
                logger.debug("file vanished before it settled", metadata: ["path": "\(display(absolute(path)))", "error": "\(error)"])
                current = nil
            }
            switch tracker.confirm(path: path, current: current, at: now) {
            case .ready(let snapshot):
                deliver(path, snapshot)
            case .empty:
                if loggedEmpty.insert(path).inserted {
                    logger.info("empty file, waiting", metadata: ["path": "\(display(absolute(path)))"])
                }
            case .changed, .vanished, .unknown:
                break
            }
        }
    }

    enum FileCheck {
        case file(FileSnapshot)
        case skip
        case gone(Errno)
    }

    /// `lstat(2)` of `path`, applying the symbolic-link policy: a link is followed only when its
    /// canonical target is a regular file inside the drop folder.
    func readableFile(_ path: [UInt8]) -> FileCheck {
        let full = absolute(path)
        let status: EntryStatus
        switch FileSystemCalls.entryStatus(full) {
        case .success(let value): status = value
        case .failure(let error): return .gone(error)
        }
        switch status.kind {
        case .regular:
            return .file(status.snapshot)
        case .directory, .other:
            return .skip
        case .symbolicLink:
            guard case .success(let target) = FileSystemCalls.canonicalPath(full) else {
                logger.debug("dangling symbolic link skipped", metadata: ["path": "\(display(full))"])
                return .skip
            }
            guard isUnder(target, root) || (root == [UInt8(ascii: "/")] && target.count > 1) else {
                logger.debug("symbolic link to a target outside the drop folder skipped", metadata: [
                    "path": "\(display(full))", "target": "\(display(target))",
                ])
                return .skip
            }
            guard case .success(let targetStatus) = FileSystemCalls.targetStatus(target) else { return .skip }
            guard targetStatus.kind == .regular else {
                logger.debug("symbolic link to a folder or special file not followed", metadata: ["path": "\(display(full))"])
                return .skip
            }
            return .file(targetStatus.snapshot)
        }
    }

    /// Emits a settled file unless it was already emitted unchanged or is too large.
    func deliver(_ path: [UInt8], _ snapshot: FileSnapshot) {
        if emitted[path] == snapshot { return }
        if snapshot.size > settings.maxBytes {
            // One warning per file (path and inode): a file that keeps growing above the limit is
            // not logged again at every quiet period.
            if refusedInode[path] != snapshot.inode {
                refusedInode[path] = snapshot.inode
                logger.warning("file larger than drop_folder.max_bytes refused", metadata: [
                    "path": "\(display(absolute(path)))", "size": "\(snapshot.size)", "max_bytes": "\(settings.maxBytes)",
                ])
                onRefused(absolute(path), snapshot.size)
            }
            return
        }
        refusedInode[path] = nil
        loggedEmpty.remove(path)
        emitted[path] = snapshot
        onEmit()
        continuation.yield(ReadyFile(absolutePath: absolute(path), relativePath: path, snapshot: snapshot))
    }
}

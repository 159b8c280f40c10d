import Logging
import SeedwatchCore

extension DropFolderWatchLoop {
    /// Watches `start` and every folder below it, each before it is listed (so a file created
    /// while the walk runs is seen by the watch or by the listing), and makes every file found a
    /// candidate. Directory symbolic links are never followed.
    func watchTree(from start: [UInt8], at now: Double) {
        var pending = [start]
        while let folder = pending.popLast() {
            guard addWatch(folder) else { continue }
            let entries: [FileSystemCalls.ListedEntry]
            switch FileSystemCalls.listFolder(absolute(folder)) {
            case .success(let list): entries = list
            case .failure(let error):
                reportFolder(folder, "folder cannot be listed", error)
                continue
            }
            reportedFolders.remove(folder)
            for entry in entries {
                let path = join(folder, entry.name)
                if settings.ignore.isIgnored(relativePath: path) {
                    logger.debug("ignored", metadata: ["path": "\(display(absolute(path)))"])
                    continue
                }
                var kind = entry.kind
                var status: EntryStatus?
                if kind == nil || kind == .regular {
                    switch FileSystemCalls.entryStatus(absolute(path)) {
                    case .success(let value):
                        status = value
                        kind = value.kind
                    case .failure(let error):
                        logger.debug("entry vanished during scan", metadata: ["path": "\(display(absolute(path)))", "error": "\(error)"])
                        continue
                    }
                }
                switch kind {
                case .directory?:
                    pending.append(path)
                case .regular?, .symbolicLink?:
                    seenInRescan?.insert(path)
                    noteCompleted(path, at: now, status: status)
                default:
                    break
                }
            }
        }
    }

    /// Adds the watch for `folder`.
    /// - Returns: whether to list the folder (true also when the watch limit is reached, so that
    ///   rescans poll it).
    func addWatch(_ folder: [UInt8]) -> Bool {
        do {
            let watch = try source.addWatch(path: absolute(folder), mask: .dropFolderWatch)
            if let previous = folderByWatch[watch], previous != folder, watchByFolder[previous] == watch {
                watchByFolder[previous] = nil  // the same folder, moved within the tree
            }
            folderByWatch[watch] = folder
            watchByFolder[folder] = watch
            if unwatchedFolders.remove(folder) != nil {
                logger.info("folder watched again after the inotify watch limit", metadata: ["path": "\(display(absolute(folder)))"])
            }
            return true
        } catch .watchLimitReached {
            if unwatchedFolders.insert(folder).inserted {
                logger.error(
                    "inotify watch limit reached (fs.inotify.max_user_watches); polling folder at each rescan",
                    metadata: ["path": "\(display(absolute(folder)))", "rescan_interval_s": "\(settings.rescanInterval)"])
            }
            return true
        } catch .permissionDenied {
            reportFolder(folder, "folder cannot be watched", Errno(13))
            return false
        } catch .notADirectory {
            logger.debug("not a folder (gone, or a symbolic link), not watched", metadata: ["path": "\(display(absolute(folder)))"])
            return false
        } catch {
            reportFolder(folder, "folder cannot be watched", nil)
            return true
        }
    }

    /// One WARN line per unreadable folder (until it becomes readable again).
    func reportFolder(_ folder: [UInt8], _ message: Logger.Message, _ error: Errno?) {
        guard reportedFolders.insert(folder).inserted else { return }
        var metadata: Logger.Metadata = ["path": "\(display(absolute(folder)))"]
        if let error { metadata["error"] = "\(error)" }
        logger.warning(message, metadata: metadata)
    }

    /// Forgets a watch the kernel dropped (`IN_IGNORED`).
    func dropWatch(_ watch: WatchDescriptor) {
        guard let folder = folderByWatch.removeValue(forKey: watch) else { return }
        if watchByFolder[folder] == watch { watchByFolder[folder] = nil }
    }

    /// A folder was moved away: removes its watches and forgets the files below it. If it was
    /// moved within the tree, its `IN_MOVED_TO` watches and scans it at the new place.
    func forgetFolder(_ folder: [UInt8]) {
        let gone = watchByFolder.filter { $0.key == folder || isUnder($0.key, folder) }
        for (path, watch) in gone {
            watchByFolder[path] = nil
            folderByWatch[watch] = nil
            source.removeWatch(watch)
        }
        tracker.forget(under: folder)
        for path in emitted.keys where isUnder(path, folder) { emitted[path] = nil }
        unwatchedFolders = unwatchedFolders.filter { $0 != folder && !isUnder($0, folder) }
    }

    /// Walks the whole tree again: re-adds missing watches, makes every file a candidate (files
    /// emitted before and unchanged are not emitted again), and forgets files that are gone.
    func rescan(at now: Double) {
        seenInRescan = []
        watchTree(from: [], at: now)
        if let seen = seenInRescan {
            for path in emitted.keys where !seen.contains(path) { emitted[path] = nil }
            for path in loggedEmpty where !seen.contains(path) { loggedEmpty.remove(path) }
            for path in refusedInode.keys where !seen.contains(path) { refusedInode[path] = nil }
        }
        seenInRescan = nil
        tracker.forgetActivityOnly(before: now - settings.settle)
        nextRescan = now + settings.rescanInterval
    }
}

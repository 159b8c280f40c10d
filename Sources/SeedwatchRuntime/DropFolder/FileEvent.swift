/// The event bits of Linux inotify (`<sys/inotify.h>`, inotify(7)), with the kernel's values, so
/// that real and scripted event sources speak the same language.
package struct FileEventMask: OptionSet, Sendable, Hashable {
    package let rawValue: UInt32
    package init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `IN_MODIFY`: a file was written.
    package static let modify = FileEventMask(rawValue: 0x0000_0002)
    /// `IN_ATTRIB`: an entry's metadata changed (permissions, owner, timestamps, link count).
    package static let attributes = FileEventMask(rawValue: 0x0000_0004)
    /// `IN_CLOSE_WRITE`: a file opened for writing was closed.
    package static let closeWrite = FileEventMask(rawValue: 0x0000_0008)
    /// `IN_MOVED_FROM`: an entry was renamed away from the watched folder.
    package static let movedFrom = FileEventMask(rawValue: 0x0000_0040)
    /// `IN_MOVED_TO`: an entry was renamed into the watched folder.
    package static let movedTo = FileEventMask(rawValue: 0x0000_0080)
    /// `IN_CREATE`: an entry was created in the watched folder.
    package static let create = FileEventMask(rawValue: 0x0000_0100)
    /// `IN_DELETE`: an entry was deleted from the watched folder.
    package static let delete = FileEventMask(rawValue: 0x0000_0200)
    /// `IN_DELETE_SELF`: the watched folder itself was deleted.
    package static let deleteSelf = FileEventMask(rawValue: 0x0000_0400)
    /// `IN_MOVE_SELF`: the watched folder itself was moved.
    package static let moveSelf = FileEventMask(rawValue: 0x0000_0800)
    /// `IN_UNMOUNT`: the file system holding the watched folder was unmounted.
    package static let unmount = FileEventMask(rawValue: 0x0000_2000)
    /// `IN_Q_OVERFLOW`: the kernel's event queue overflowed; events were lost (watch = -1).
    package static let queueOverflow = FileEventMask(rawValue: 0x0000_4000)
    /// `IN_IGNORED`: the watch was removed (explicitly, or because its folder is gone).
    package static let ignored = FileEventMask(rawValue: 0x0000_8000)
    /// `IN_ONLYDIR`: watch only if the path is a folder (a watch flag, not an event).
    package static let onlyDirectory = FileEventMask(rawValue: 0x0100_0000)
    /// `IN_DONT_FOLLOW`: do not follow a symbolic link (a watch flag, not an event).
    package static let dontFollow = FileEventMask(rawValue: 0x0200_0000)
    /// `IN_ISDIR`: the entry the event is about is a folder.
    package static let isDirectory = FileEventMask(rawValue: 0x4000_0000)

    /// The mask the drop-folder watcher puts on every folder it watches. `IN_ATTRIB` is there so that
    /// a file or folder made readable by `chmod`/`chown` (which changes neither size nor mtime) is
    /// looked at again.
    package static let dropFolderWatch: FileEventMask = [
        .closeWrite, .attributes, .movedTo, .movedFrom, .create, .modify, .deleteSelf, .moveSelf, .onlyDirectory,
        .dontFollow,
    ]
}

/// Identifies one watch of a ``FileEventSource`` (an inotify watch descriptor).
package typealias WatchDescriptor = Int32

/// One raw event, as inotify reports it.
package struct FileEvent: Sendable, Hashable {
    /// The watch the event belongs to; -1 for a queue overflow.
    package var watch: WatchDescriptor
    /// What happened.
    package var mask: FileEventMask
    /// Pairs an `IN_MOVED_FROM` with its `IN_MOVED_TO` (0 otherwise).
    package var cookie: UInt32
    /// The entry's name inside the watched folder, raw bytes without the terminating NULs;
    /// empty for events about the watched folder itself.
    package var name: [UInt8]

    package init(watch: WatchDescriptor, mask: FileEventMask, cookie: UInt32 = 0, name: [UInt8] = []) {
        self.watch = watch
        self.mask = mask
        self.cookie = cookie
        self.name = name
    }

    /// The event inotify sends when its queue overflowed (`wd = -1`, `IN_Q_OVERFLOW`).
    package static let queueOverflow = FileEvent(watch: -1, mask: .queueOverflow)
}

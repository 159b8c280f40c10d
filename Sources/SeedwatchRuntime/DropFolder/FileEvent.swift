/// The event bits of Linux inotify (`<sys/inotify.h>`, inotify(7)), with the kernel's values, so
/// that real and scripted event sources speak the same language.
public struct FileEventMask: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `IN_MODIFY`: a file was written.
    public static let modify = FileEventMask(rawValue: 0x0000_0002)
    /// `IN_ATTRIB`: an entry's metadata changed (permissions, owner, timestamps, link count).
    public static let attributes = FileEventMask(rawValue: 0x0000_0004)
    /// `IN_CLOSE_WRITE`: a file opened for writing was closed.
    public static let closeWrite = FileEventMask(rawValue: 0x0000_0008)
    /// `IN_MOVED_FROM`: an entry was renamed away from the watched folder.
    public static let movedFrom = FileEventMask(rawValue: 0x0000_0040)
    /// `IN_MOVED_TO`: an entry was renamed into the watched folder.
    public static let movedTo = FileEventMask(rawValue: 0x0000_0080)
    /// `IN_CREATE`: an entry was created in the watched folder.
    public static let create = FileEventMask(rawValue: 0x0000_0100)
    /// `IN_DELETE`: an entry was deleted from the watched folder.
    public static let delete = FileEventMask(rawValue: 0x0000_0200)
    /// `IN_DELETE_SELF`: the watched folder itself was deleted.
    public static let deleteSelf = FileEventMask(rawValue: 0x0000_0400)
    /// `IN_MOVE_SELF`: the watched folder itself was moved.
    public static let moveSelf = FileEventMask(rawValue: 0x0000_0800)
    /// `IN_UNMOUNT`: the file system holding the watched folder was unmounted.
    public static let unmount = FileEventMask(rawValue: 0x0000_2000)
    /// `IN_Q_OVERFLOW`: the kernel's event queue overflowed; events were lost (watch = -1).
    public static let queueOverflow = FileEventMask(rawValue: 0x0000_4000)
    /// `IN_IGNORED`: the watch was removed (explicitly, or because its folder is gone).
    public static let ignored = FileEventMask(rawValue: 0x0000_8000)
    /// `IN_ONLYDIR`: watch only if the path is a folder (a watch flag, not an event).
    public static let onlyDirectory = FileEventMask(rawValue: 0x0100_0000)
    /// `IN_DONT_FOLLOW`: do not follow a symbolic link (a watch flag, not an event).
    public static let dontFollow = FileEventMask(rawValue: 0x0200_0000)
    /// `IN_ISDIR`: the entry the event is about is a folder.
    public static let isDirectory = FileEventMask(rawValue: 0x4000_0000)

    /// The mask the drop-folder watcher puts on every folder it watches. `IN_ATTRIB` is there so that
    /// a file or folder made readable by `chmod`/`chown` (which changes neither size nor mtime) is
    /// looked at again.
    public static let dropFolderWatch: FileEventMask = [
        .closeWrite, .attributes, .movedTo, .movedFrom, .create, .modify, .deleteSelf, .moveSelf, .onlyDirectory,
        .dontFollow,
    ]
}

/// Identifies one watch of a ``FileEventSource`` (an inotify watch descriptor).
public typealias WatchDescriptor = Int32

/// One raw event, as inotify reports it.
public struct FileEvent: Sendable, Hashable {
    /// The watch the event belongs to; -1 for a queue overflow.
    public var watch: WatchDescriptor
    /// What happened.
    public var mask: FileEventMask
    /// Pairs an `IN_MOVED_FROM` with its `IN_MOVED_TO` (0 otherwise).
    public var cookie: UInt32
    /// The entry's name inside the watched folder, raw bytes without the terminating NULs;
    /// empty for events about the watched folder itself.
    public var name: [UInt8]

    public init(watch: WatchDescriptor, mask: FileEventMask, cookie: UInt32 = 0, name: [UInt8] = []) {
        self.watch = watch
        self.mask = mask
        self.cookie = cookie
        self.name = name
    }

    /// The event inotify sends when its queue overflowed (`wd = -1`, `IN_Q_OVERFLOW`).
    public static let queueOverflow = FileEvent(watch: -1, mask: .queueOverflow)
}

/// Which paths in the drop folder are never read: the built-in list of temporary and hidden names
/// plus the user's `drop_folder.ignore` patterns (DESIGN §8), for the temporary names of uploads
/// and editor saves, and for the rescan after an inotify overflow.
///
/// A relative path is ignored when any of its components, or any of its leading sub-paths, is:
/// - a pattern without `/` is tested against each component's name (so a folder whose name matches
///   hides everything inside it, and a dotfolder's contents are ignored);
/// - a pattern with `/` is tested against each leading sub-path (`a`, `a/b`, `a/b/c`), relative to
///   the drop folder, without a leading `/`.
/// Everything works on raw bytes: names need not be UTF-8.
public struct IgnoreRules: Sendable, Hashable {
    /// The built-in patterns, always in force: dotfiles (any component starting with `.`, which
    /// covers `.#*` editor locks and `.goutputstream-*` temp files), partial downloads and uploads,
    /// temporary files and editor backups and swap files.
    public static let builtInPatterns: [GlobPattern] = [
        ".*", "*.part", "*.partial", "*.filepart", "*.tmp", "*.crdownload", "*.download", "*~",
        ".#*", "*.swp",
    ].map { GlobPattern($0) }

    /// The user's patterns (`drop_folder.ignore`), in the order given.
    public let userPatterns: [GlobPattern]

    private let namePatterns: [GlobPattern]
    private let pathPatterns: [GlobPattern]

    /// - Parameter userPatterns: glob patterns added to the built-in list (see ``GlobPattern``).
    ///   A pattern with a leading `/` is anchored at the drop folder like one without it.
    public init(userPatterns: [GlobPattern] = []) {
        self.userPatterns = userPatterns
        var names: [GlobPattern] = Self.builtInPatterns
        var paths: [GlobPattern] = []
        for pattern in userPatterns {
            if pattern.containsSlash {
                var bytes = pattern.source
                while bytes.first == UInt8(ascii: "/") { bytes.removeFirst() }
                while bytes.last == UInt8(ascii: "/") { bytes.removeLast() }
                if !bytes.isEmpty { paths.append(GlobPattern(bytes)) }
            } else {
                names.append(pattern)
            }
        }
        self.namePatterns = names
        self.pathPatterns = paths
    }

    /// Creates rules from the strings of `drop_folder.ignore`.
    public init(userPatterns: [String]) {
        self.init(userPatterns: userPatterns.map { GlobPattern($0) })
    }

    /// - Parameter relativePath: the path relative to the drop folder, as raw bytes, components
    ///   separated by `/` (empty components are skipped).
    /// - Returns: true when the path or one of its folders matches a built-in or user pattern.
    public func isIgnored(relativePath: [UInt8]) -> Bool {
        let slash = UInt8(ascii: "/")
        var componentStart = 0
        var index = 0
        while index <= relativePath.count {
            if index == relativePath.count || relativePath[index] == slash {
                if index > componentStart {
                    let name = relativePath[componentStart..<index]
                    for pattern in namePatterns where pattern.matches(name) { return true }
                    if !pathPatterns.isEmpty {
                        let prefix = relativePath[0..<index]
                        for pattern in pathPatterns where pattern.matches(prefix) { return true }
                    }
                }
                componentStart = index + 1
            }
            index += 1
        }
        return false
    }

    /// - Returns: true when a single file or folder name matches a name pattern (built-in or user).
    public func isIgnored(name: [UInt8]) -> Bool {
        namePatterns.contains { $0.matches(name) }
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A folder of stored compiled automata (``PatternAutomaton/stored(key:)``), so that `scan` and the
/// daemon's start load a watch's alias automaton instead of compiling it (a fifth of a short `scan`).
///
/// One file per automaton, `automaton-<key in hex>.bin`, where the key hashes the patterns, their
/// word-start flags, ``PatternAutomaton/storedFormatVersion`` and the running executable's identity
/// (its size, modification time, inode and device): another model, another compile algorithm or
/// another build never reads a file it did not write. A file that is missing, unreadable, corrupt
/// or of another key is passed over, the automaton compiled, and the file written again: to a
/// temporary file in the same folder, then renamed over the old one, so a reader sees either the
/// old file or the whole new one; each store removes the folder's automata not written for
/// ``staleAfter``. A folder that cannot be made or written costs only the compile:
/// the cache never fails a load and never changes a match.
public struct AutomatonCache: Sendable {
    /// The folder of the stored automata.
    public let directory: String
    /// Bytes that name the running code, hashed into every key (``executableIdentity()`` by default).
    public let codeIdentity: [UInt8]

    /// What ``automaton(patterns:wordStart:)`` did.
    public enum Outcome: Sendable, Equatable {
        /// Read from its stored file.
        case loaded
        /// Compiled (no file, or a file that did not pass the checks) and stored.
        case compiledAndStored
        /// Compiled; storing failed (the folder could not be made or written), nothing else changed.
        case compiledNotStored
    }

    /// - Parameters:
    ///   - directory: the folder (made, with its parents, on the first store).
    ///   - codeIdentity: bytes naming the code that compiles; `nil`: ``executableIdentity()``.
    public init(directory: String, codeIdentity: [UInt8]? = nil) {
        self.directory = directory
        self.codeIdentity = codeIdentity ?? Self.executableIdentity()
    }

    /// The cache of this process's environment, or `nil` when none is named: systemd's
    /// `$CACHE_DIRECTORY` (the unit's `CacheDirectory=`; its first folder), else
    /// `$XDG_CACHE_HOME/seedwatch`, else `$HOME/.cache/seedwatch` (XDG Base Directory
    /// Specification 0.8). `SEEDWATCH_AUTOMATON_CACHE=off` turns it off.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> AutomatonCache? {
        guard let directory = standardDirectory(environment: environment) else { return nil }
        return AutomatonCache(directory: directory)
    }

    /// The folder ``standard(environment:)`` uses, or `nil`.
    public static func standardDirectory(environment: [String: String]) -> String? {
        if environment["SEEDWATCH_AUTOMATON_CACHE"] == "off" { return nil }
        if let systemd = environment["CACHE_DIRECTORY"]?.split(separator: ":").first, systemd.hasPrefix("/") {
            return String(systemd)
        }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/seedwatch" }
        if let home = environment["HOME"], home.hasPrefix("/") { return home + "/.cache/seedwatch" }
        return nil
    }

    /// The path of the stored automaton of `key`.
    public func path(key: [UInt8]) -> String {
        directory + "/automaton-" + Hex.encode(key) + ".bin"
    }

    /// The automaton of `patterns` and `wordStart` (as ``PatternAutomaton/init(patterns:wordStart:)``
    /// takes them): loaded from its stored file when that passes every check, else compiled and stored.
    public func automaton(patterns: [[UInt8]], wordStart: [Bool]?) -> (PatternAutomaton, Outcome) {
        let key = PatternAutomaton.storedKey(patterns: patterns, wordStart: wordStart, codeIdentity: codeIdentity)
        let file = path(key: key)
        if let bytes = Self.read(file), let stored = PatternAutomaton(stored: bytes, key: key, patterns: patterns) {
            return (stored, .loaded)
        }
        let compiled = PatternAutomaton(patterns: patterns, wordStart: wordStart)
        return (compiled, store(compiled.stored(key: key), at: file) ? .compiledAndStored : .compiledNotStored)
    }

    /// The whole regular file at `path`, or `nil` when it cannot be read. Read straight into the
    /// array (not through `Data`, which cost a second copy of the 12.5 MB of a model's automata).
    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(info.st_size)
        guard size > 0 else { return [] }
        var complete = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var done = 0
            while done < size {
                let n = systemRead(fd, buffer.baseAddress! + done, size - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { break }
                done += n
            }
            initialized = done
            complete = done == size
        }
        return complete ? bytes : nil
    }

    /// Writes `bytes` to a temporary file beside `path`, then renames it to `path`. Returns whether
    /// it succeeded; on failure the temporary file is removed and `path` is as it was.
    func store(_ bytes: [UInt8], at path: String) -> Bool {
        guard (try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)) != nil else { return false }
        let temporary = path + ".\(getpid()).\(UInt64.random(in: 0 ... .max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return false }
        var written = 0
        let complete: Bool = bytes.withUnsafeBytes { raw in
            while written < raw.count {
                let n = write(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                written += n
            }
            return true
        }
        let closed = close(fd) == 0
        guard complete, closed, rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        pruneStale(keeping: path)
        return true
    }

    /// How long a stored automaton that no store has written again is kept: 7 days, in seconds.
    public static let staleAfter: TimeInterval = 7 * 24 * 3600

    /// Removes the folder's `automaton-*` and `model-*` files (stored automata and models, and torn
    /// temporary files) last modified more than ``staleAfter`` ago, other than `kept`: those of
    /// older builds and models.
    func pruneStale(keeping kept: String, now: Date = Date()) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix("automaton-") || name.hasPrefix("model-") {
            let file = directory + "/" + name
            guard file != kept, let modified = (try? FileManager.default.attributesOfItem(atPath: file))?[.modificationDate] as? Date,
                  now.timeIntervalSince(modified) > Self.staleAfter else { continue }
            try? FileManager.default.removeItem(atPath: file)
        }
    }

    /// The running executable's size, modification time (ns), inode and device, as bytes; empty when
    /// `/proc/self/exe` cannot be read (then the key rests on ``PatternAutomaton/storedFormatVersion`` alone).
    public static func executableIdentity() -> [UInt8] {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return [] }
        var out: [UInt8] = []
        for v in [UInt64(truncatingIfNeeded: info.st_size), UInt64(truncatingIfNeeded: info.st_mtim.tv_sec),
                  UInt64(truncatingIfNeeded: info.st_mtim.tv_nsec), UInt64(truncatingIfNeeded: info.st_ino),
                  UInt64(truncatingIfNeeded: info.st_dev)] {
            for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: v >> UInt64(shift))) }
        }
        return out
    }
}

/// `read(2)`, under a name that the cache's own `read(_:)` does not hide.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}

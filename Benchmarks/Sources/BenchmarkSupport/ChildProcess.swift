import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One run of a child process, as `wait4(2)` reports it. Its peak memory is not here: `ru_maxrss`
/// of a child spawned from a large process counts that process's pages (see ``ChildProcess/peakRSS(_:_:)``).
public struct ChildRun: Sendable {
    /// Wall-clock seconds from spawn to exit.
    public var seconds: Double
    /// User + system CPU seconds of the child.
    public var cpuSeconds: Double
    /// The raw wait status (0 when it exited with status 0).
    public var status: Int32
}

/// Runs peers and the seedwatch command as a user would: `posix_spawn`, output to /dev/null.
///
/// Every child starts with an empty signal mask and default signal dispositions
/// (`POSIX_SPAWN_SETSIGMASK`, `POSIX_SPAWN_SETSIGDEF`): a benchmark thread may block or ignore
/// signals, and a child inheriting that mask never dies of SIGTERM (seen: poll-304.py's loopback
/// server outlived its parent's `terminate()`, and the benchmark hung).
public enum ChildProcess {
    /// Runs `executable` with `arguments`, standard output (and standard error when `quiet`) to
    /// /dev/null, and waits for it. A failed spawn gives `seconds = .infinity` and status -1.
    public static func run(_ executable: String, _ arguments: [String], quiet: Bool = true) -> ChildRun {
        spawnAndWait(executable, arguments, output: .devNull(quietErrors: quiet)).run
    }

    /// Runs `executable` and returns its standard output and standard error together.
    public static func capture(_ executable: String, _ arguments: [String]) -> String {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return "could not run \(executable): pipe failed" }
        let result = spawnAndWait(executable, arguments, output: .pipe(read: fds[0], write: fds[1]))
        return result.spawned ? String(decoding: result.output, as: UTF8.self) : "could not run \(executable)"
    }

    /// The peak resident set of `executable` run with `arguments`, in bytes, as GNU time(1)
    /// reports it (`/usr/bin/time -f %M`, Debian package `time`); `nil` when time(1) is missing or
    /// the command fails. `wait4`'s `ru_maxrss` of a child spawned from a large process counts the
    /// parent's resident set at the spawn, so the figure is taken from a child of the small
    /// time(1) process instead.
    public static func peakRSS(_ executable: String, _ arguments: [String]) -> Int? {
        let time = "/usr/bin/time"
        guard FileManager.default.isExecutableFile(atPath: time) else { return nil }
        let report = NSTemporaryDirectory() + "seedwatch-benchmark-time-\(getpid()).txt"
        defer { unlink(report) }
        guard run(time, ["-f", "%M", "-o", report, executable] + arguments).status == 0,
              let text = try? String(contentsOfFile: report, encoding: .utf8),
              let kilobytes = Int(text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").last ?? "") else { return nil }
        return kilobytes * 1024
    }

    /// The absolute path of `name` on `PATH`, if any.
    public static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    private enum Output {
        case devNull(quietErrors: Bool)
        /// Standard output and standard error to the pipe's write end; the parent reads it to EOF.
        case pipe(read: Int32, write: Int32)
    }

    private static func spawnAndWait(_ executable: String, _ arguments: [String], output: Output)
        -> (run: ChildRun, output: [UInt8], spawned: Bool) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        switch output {
        case .devNull(let quietErrors):
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            if quietErrors { posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0) }
        case .pipe(let read, let write):
            posix_spawn_file_actions_addclose(&actions, read)
            posix_spawn_file_actions_adddup2(&actions, write, 1)
            posix_spawn_file_actions_adddup2(&actions, write, 2)
            posix_spawn_file_actions_addclose(&actions, write)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, environ) == 0
        var collected: [UInt8] = []
        if case .pipe(let read, let write) = output {
            close(write)
            var buffer = [UInt8](repeating: 0, count: 65536)
            while spawned {
                let n = buffer.withUnsafeMutableBytes { Glibc.read(read, $0.baseAddress, $0.count) }
                if n > 0 { collected += buffer[0..<n] } else if n == 0 || errno != EINTR { break }
            }
            close(read)
        }
        guard spawned else { return (ChildRun(seconds: .infinity, cpuSeconds: .infinity, status: -1), [], false) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0, errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        return (ChildRun(seconds: seconds, cpuSeconds: cpu, status: status), collected, true)
    }
}

import Foundation
import SeedwatchRuntime
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The daemon's single-instance lock beside the state database.
@Suite("State lock")
struct StateLockTests {
    @Test func aSecondHolderIsRefusedWithTheFirstOnesPidAndStartAndTheLockEndsWithItsHolder() throws {
        let folder = try WatchedTemporaryFolder()
        let state = folder.url("state.sqlite").path
        #expect(StateLock.probe(statePath: state) == nil)
        let since = Date(timeIntervalSince1970: 1_790_000_000)
        var first: StateLock? = try StateLock.acquire(statePath: state, now: since)
        #expect(first?.path == folder.url(".state.sqlite.lock").path)
        #expect(try String(contentsOfFile: folder.url(".state.sqlite.lock").path, encoding: .utf8)
            == "pid=\(getpid()) since=2026-09-21T14:13:20Z since_unix=1790000000\n")
        #expect(StateLock.probe(statePath: state) == StateLock.Holder(pid: getpid(), since: since))
        do {
            _ = try StateLock.acquire(statePath: state, waitSeconds: 0.1)
            Issue.record("a second lock was granted")
        } catch {
            #expect(error.description == "another seedwatch daemon (process \(getpid()) since 2026-09-21T14:13:20Z) already runs on "
                + "this state database: \(folder.url(".state.sqlite.lock").path) is locked; stop it first (systemctl stop seedwatch)")
            guard case .held(_, let holder) = error else { Issue.record("\(error)"); return }
            #expect(holder == StateLock.Holder(pid: getpid(), since: since))
        }
        withExtendedLifetime(first) {}
        first = nil
        #expect(StateLock.probe(statePath: state) == nil)
        let again = try StateLock.acquire(statePath: state, waitSeconds: 0)
        #expect(StateLock.probe(statePath: state)?.pid == getpid())
        withExtendedLifetime(again) {}
    }

    /// Tryout F12: `rm state.sqlite*` leaves the lock (a dotfile); the lock of earlier releases
    /// (`state.sqlite.lock`), held by an earlier daemon, still refuses a start and shows in `probe`.
    @Test func theLockIsADotfileThatAGlobOfTheDatabaseDoesNotTakeAndTheOldLockNameStillCounts() throws {
        let folder = try WatchedTemporaryFolder()
        let state = folder.url("state.sqlite").path
        var lock: StateLock? = try StateLock.acquire(statePath: state, now: Date(timeIntervalSince1970: 1_790_000_000))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.url("").path)
        #expect(names.filter { $0.hasPrefix("state.sqlite") }.isEmpty)
        #expect(names.contains(".state.sqlite.lock"))
        withExtendedLifetime(lock) {}
        lock = nil
        // An earlier release's daemon: an exclusive flock on state.sqlite.lock.
        let legacy = open(state + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
        #expect(legacy >= 0 && flock(legacy, LOCK_EX | LOCK_NB) == 0)
        _ = "pid=4242 since=2026-09-21T14:13:20Z since_unix=1790000000\n".withCString { write(legacy, $0, strlen($0)) }
        #expect(StateLock.probe(statePath: state) == StateLock.Holder(pid: 4242, since: Date(timeIntervalSince1970: 1_790_000_000)))
        #expect(throws: StateLock.Failure.self) { _ = try StateLock.acquire(statePath: state, waitSeconds: 0) }
        close(legacy)
        #expect(StateLock.probe(statePath: state) == nil)
        let taken = try StateLock.acquire(statePath: state, waitSeconds: 0)
        #expect(StateLock.probe(statePath: state)?.pid == getpid())
        withExtendedLifetime(taken) {}
    }
}

/// `seedwatch status` and `why` read the state database read-only, also while the daemon writes.
@Suite("State store: read-only readers")
struct StateStoreReadOnlyTests {
    @Test func aReadOnlyStoreReadsWhatTheDaemonWroteCreatesNothingAndCannotWrite() throws {
        let folder = try WatchedTemporaryFolder()
        let path = folder.url("state/seedwatch.sqlite").path
        let writer = try StateStore(path: path)
        try writer.saveBacklog(queued: 7, deferred: 2, at: Date(timeIntervalSince1970: 1_790_000_000))
        let reader = try StateStore(path: path, readOnly: true)
        let backlog = try reader.backlog()
        #expect(backlog?.queued == 7 && backlog?.deferred == 2 && backlog?.updatedAt == Date(timeIntervalSince1970: 1_790_000_000))
        #expect(throws: StateStoreError.self) { try reader.saveBacklog(queued: 1, deferred: 0) }
        #expect(throws: StateStoreError.self) { try StateStore(path: folder.url("missing/state.sqlite").path, readOnly: true) }
        #expect(!FileManager.default.fileExists(atPath: folder.url("missing").path))
    }
}

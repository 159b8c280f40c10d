import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A serial executor that runs its jobs on one thread of its own, outside Swift's cooperative
/// pool (whose threads, one per core, must never be held by long CPU-bound work: on 2 cores two
/// large articles would stall every other task of the daemon).
///
/// ``ArticleProcessor`` runs on one: extraction, matching and scoring of an article, and the state
/// database's synchronous calls, happen on this thread; other tasks (the feed poller, reloads,
/// status) keep the pool. The thread ends when the executor is released.
package final class DedicatedThreadExecutor: SerialExecutor, @unchecked Sendable {
    private let queue = JobQueue()
    /// The thread's CPU-time clock (pthread_getcpuclockid(3)), readable from any thread.
    private let cpuClock = Mutex<clockid_t?>(nil)

    /// - Parameter name: the thread's name (seen in `top -H`, gdb).
    package init(name: String) {
        let queue = self.queue
        let ready = DispatchSemaphore(value: 0)
        let clockBox = ClockBox()
        let thread = Thread {
            var clock = clockid_t()
            if pthread_getcpuclockid(pthread_self(), &clock) == 0 { clockBox.value = clock }
            ready.signal()
            while let job = queue.next() {
                job.runSynchronously(on: queue.executor!)
            }
        }
        thread.name = name
        queue.executor = UnownedSerialExecutor(ordinary: self)
        thread.start()
        ready.wait()
        cpuClock.withLock { $0 = clockBox.value }
    }

    /// CPU time the thread has used, in seconds (0 when the clock is unavailable). It advances
    /// while the thread computes and stands still while it waits (a lock, I/O, an empty queue).
    package func cpuSeconds() -> Double {
        guard let clock = cpuClock.withLock({ $0 }) else { return 0 }
        var ts = timespec()
        guard clock_gettime(clock, &ts) == 0 else { return 0 }
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    deinit { queue.close() }

    package func enqueue(_ job: consuming ExecutorJob) {
        queue.push(UnownedJob(job))
    }

    package func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }
}

/// Hands the thread's clock id to the initialiser (written before the semaphore is signalled).
private final class ClockBox: @unchecked Sendable {
    var value: clockid_t?
}

/// The executor's jobs, first in first out; `next()` blocks until one arrives or the queue closes.
private final class JobQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var head = 0
    private var closed = false
    /// Set once, before the thread starts.
    var executor: UnownedSerialExecutor?

    func push(_ job: UnownedJob) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    func close() {
        condition.lock()
        closed = true
        condition.signal()
        condition.unlock()
    }

    func next() -> UnownedJob? {
        condition.lock()
        defer { condition.unlock() }
        while head == jobs.count {
            if closed { return nil }
            condition.wait()
        }
        let job = jobs[head]
        head += 1
        if head > 1024 && head * 2 > jobs.count {
            jobs.removeFirst(head)
            head = 0
        }
        return job
    }
}

import CCurl
import Foundation
import SeedwatchCore

/// The multi handle and its thread. Shared state (the queue, cancellations, the stop flag) is
/// guarded by `lock`; the multi handle and the running transfers belong to the thread alone.
final class CurlMultiLoop: @unchecked Sendable {
    private static let globalInit: Bool = {
        curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK
    }()

    private var concurrency: Int
    /// A new limit for the multi handle's connection caches, applied on the thread.
    private var pendingConcurrency: Int?
    private let limits: CurlFetcher.Limits
    private let multi: UnsafeMutableRawPointer
    private let lock = NSLock()
    private var queued: [CurlTransfer] = []
    private var cancelled: Set<ObjectIdentifier> = []
    private var stopping = false
    private var stopped = false
    private let finished = DispatchSemaphore(value: 0)
    /// Running transfers by easy handle (thread-owned).
    private var running: [UnsafeMutableRawPointer: CurlTransfer] = [:]

    init(concurrency: Int, limits: CurlFetcher.Limits) {
        _ = Self.globalInit
        self.concurrency = concurrency
        self.limits = limits
        multi = curl_multi_init()
        Self.applyConnectionLimits(multi, concurrency: concurrency)
        let thread = Thread { [self] in runLoop() }
        thread.name = "seedwatch-curl"
        thread.start()
    }

    func fetch(_ request: FeedRequest) async -> FeedResponse {
        let box = TransferBox()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<FeedResponse, Never>) in
                let transfer = CurlTransfer(request: request, continuation: continuation)
                let accepted: Bool = lock.withLock {
                    guard !stopping else { return false }
                    queued.append(transfer)
                    return true
                }
                guard accepted else {
                    transfer.finish(FeedResponse(status: 0, finalURL: request.url, error: .cancelled))
                    return
                }
                box.set(ObjectIdentifier(transfer))
                curl_multi_wakeup(multi)
            }
        } onCancel: {
            if let id = box.get() {
                lock.withLock { _ = cancelled.insert(id) }
                curl_multi_wakeup(multi)
            }
        }
    }

    func setConcurrency(_ value: Int) {
        let changed: Bool = lock.withLock {
            guard !stopping, value != concurrency else { return false }
            concurrency = value
            pendingConcurrency = value
            return true
        }
        if changed { curl_multi_wakeup(multi) }
    }

    private static func applyConnectionLimits(_ multi: UnsafeMutableRawPointer, concurrency: Int) {
        _ = sw_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, concurrency)
        _ = sw_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(concurrency, 8))
    }

    func stop() {
        let wait: Bool = lock.withLock {
            if stopped { return false }
            stopped = true
            stopping = true
            return true
        }
        guard wait else { return }
        curl_multi_wakeup(multi)
        finished.wait()
        curl_multi_cleanup(multi)
    }

    // MARK: - The thread

    private func runLoop() {
        while true {
            let (starting, cancelling, stop) = takeWork()
            if let limit = lock.withLock({ () -> Int? in defer { pendingConcurrency = nil }; return pendingConcurrency }) {
                Self.applyConnectionLimits(multi, concurrency: limit)
            }
            for id in cancelling {
                if let (easy, transfer) = running.first(where: { ObjectIdentifier($0.value) == id }) {
                    end(easy, transfer, with: FeedResponse(status: 0, finalURL: transfer.request.url, error: .cancelled))
                }
            }
            if stop {
                for (easy, transfer) in running {
                    end(easy, transfer, with: FeedResponse(status: 0, finalURL: transfer.request.url, error: .cancelled))
                }
                for transfer in starting {
                    transfer.finish(FeedResponse(status: 0, finalURL: transfer.request.url, error: .cancelled))
                }
                finished.signal()
                return
            }
            for transfer in starting { start(transfer) }
            var stillRunning: Int32 = 0
            curl_multi_perform(multi, &stillRunning)
            var left: Int32 = 0
            var ended = 0
            while let message = curl_multi_info_read(multi, &left) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                      let transfer = running[easy] else { continue }
                end(easy, transfer, with: transfer.response(easy: easy, code: sw_multi_msg_result(message), limits: limits))
                ended += 1
            }
            // Slots just freed and transfers waiting for them: start those now. (Their wake-up was
            // spent when they were queued; waiting here could idle for the whole poll timeout.)
            if ended > 0 && lock.withLock({ !queued.isEmpty }) { continue }
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
    }

    /// Takes queued transfers up to the free slots, pending cancellations, and the stop flag.
    private func takeWork() -> ([CurlTransfer], Set<ObjectIdentifier>, Bool) {
        lock.withLock {
            if stopping {
                let all = queued
                queued = []
                return (all, [], true)
            }
            let ids = cancelled
            cancelled = []
            var starting: [CurlTransfer] = []
            // Cancellations are rare: the queue (1,000 feeds due at once) is not walked without one.
            if !ids.isEmpty {
                queued.removeAll { transfer in
                    if ids.contains(ObjectIdentifier(transfer)) {
                        transfer.finish(FeedResponse(status: 0, finalURL: transfer.request.url, error: .cancelled))
                        return true
                    }
                    return false
                }
            }
            let free = concurrency - running.count
            if free > 0 && !queued.isEmpty {
                starting = Array(queued.prefix(free))
                queued.removeFirst(starting.count)
            }
            return (starting, ids, false)
        }
    }

    private func start(_ transfer: CurlTransfer) {
        guard let easy = curl_easy_init() else {
            transfer.finish(FeedResponse(status: 0, finalURL: transfer.request.url,
                                         error: .transport(code: -1, detail: "curl_easy_init failed")))
            return
        }
        transfer.configure(easy, limits: limits)
        running[easy] = transfer
        curl_multi_add_handle(multi, easy)
    }

    private func end(_ easy: UnsafeMutableRawPointer, _ transfer: CurlTransfer, with response: FeedResponse) {
        curl_multi_remove_handle(multi, easy)
        curl_easy_cleanup(easy)
        running[easy] = nil
        transfer.finish(response)
    }
}

/// Hands the transfer's identity from the enqueueing closure to the cancellation handler.
private final class TransferBox: @unchecked Sendable {
    private let lock = NSLock()
    private var id: ObjectIdentifier?
    func set(_ id: ObjectIdentifier) { lock.withLock { self.id = id } }
    func get() -> ObjectIdentifier? { lock.withLock { id } }
}

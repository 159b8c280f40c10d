import CCurl
import Foundation
import SeedwatchCore

/// Fetches feeds with libcurl's multi interface on one dedicated thread, never on Swift's
/// cooperative pool: up to `concurrency` transfers run at once and the rest wait in a queue.
///
/// Every transfer: http and https only, also for redirects (`CURLOPT_PROTOCOLS_STR`,
/// `CURLOPT_REDIR_PROTOCOLS_STR`, case 11 D); every content coding this libcurl decodes
/// (`CURLOPT_ACCEPT_ENCODING ""`, case 12); at most 5 redirects (case 11 B); the connect, total and
/// low-speed limits of ``Limits``; the decoded body capped at the request's `maxBytes` in the write
/// callback (case 14 E, so a gzip bomb stops at the cap); `CURLOPT_NOSIGNAL`; the conditional GET
/// headers `If-None-Match` and `If-Modified-Since` (RFC 9110 §13.1).
public final class CurlFetcher: FeedFetching, Sendable {
    /// Per-transfer limits.
    public struct Limits: Sendable, Hashable {
        /// Seconds allowed to connect (CURLOPT_CONNECTTIMEOUT).
        public var connectTimeout: Int = 10
        /// Seconds allowed for the whole transfer (CURLOPT_TIMEOUT).
        public var totalTimeout: Int = 30
        /// The transfer aborts when slower than this many bytes per second …
        public var lowSpeedBytesPerSecond: Int = 100
        /// … for this many seconds (CURLOPT_LOW_SPEED_LIMIT / _TIME).
        public var lowSpeedSeconds: Int = 15
        /// Redirects followed at most (CURLOPT_MAXREDIRS; libcurl's own default was unlimited before 8.3.0).
        public var maxRedirects: Int = 5

        public init() {}
    }

    /// The `User-Agent` sent with every request.
    public static let userAgent = "seedwatch/\(SeedwatchVersion.string) (+https://github.com/seedwatch/seedwatch)"

    private let loop: CurlMultiLoop

    /// Starts the fetcher's thread.
    /// - Parameters:
    ///   - concurrency: transfers in flight at once (`fetch.concurrency`, at least 1).
    ///   - limits: per-transfer time and redirect limits.
    public init(concurrency: Int = 8, limits: Limits = Limits()) {
        loop = CurlMultiLoop(concurrency: max(1, concurrency), limits: limits)
    }

    deinit {
        loop.stop()
    }

    public func fetch(_ request: FeedRequest) async -> FeedResponse {
        await loop.fetch(request)
    }

    /// Changes how many transfers run at once (`fetch.concurrency` after a reload, at least 1).
    /// Transfers already running go on; queued ones start as slots free up under the new limit.
    public func setConcurrency(_ concurrency: Int) {
        loop.setConcurrency(max(1, concurrency))
    }

    /// Stops the thread; transfers still queued or running end with ``FeedFetchError/cancelled``.
    /// Blocks until the thread has finished (at most about a second).
    public func shutdown() {
        loop.stop()
    }
}

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
                end(easy, transfer, with: response(of: transfer, easy: easy, code: sw_multi_msg_result(message)))
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
            queued.removeAll { transfer in
                if ids.contains(ObjectIdentifier(transfer)) {
                    transfer.finish(FeedResponse(status: 0, finalURL: transfer.request.url, error: .cancelled))
                    return true
                }
                return false
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
        let request = transfer.request
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        _ = sw_easy_setopt_string(easy, CURLOPT_URL, request.url)
        _ = sw_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = sw_easy_setopt_string(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        _ = sw_easy_setopt_string(easy, CURLOPT_ACCEPT_ENCODING, "")
        _ = sw_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 1)
        _ = sw_easy_setopt_long(easy, CURLOPT_MAXREDIRS, limits.maxRedirects)
        _ = sw_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT, limits.connectTimeout)
        _ = sw_easy_setopt_long(easy, CURLOPT_TIMEOUT, limits.totalTimeout)
        _ = sw_easy_setopt_long(easy, CURLOPT_LOW_SPEED_LIMIT, limits.lowSpeedBytesPerSecond)
        _ = sw_easy_setopt_long(easy, CURLOPT_LOW_SPEED_TIME, limits.lowSpeedSeconds)
        _ = sw_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        _ = sw_easy_setopt_string(easy, CURLOPT_USERAGENT, CurlFetcher.userAgent)
        _ = sw_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, transfer.errorBuffer)
        _ = sw_easy_setopt_write_callback(easy, CURLOPT_WRITEFUNCTION, curlWriteCallback)
        _ = sw_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, context)
        _ = sw_easy_setopt_header_callback(easy, curlHeaderCallback)
        _ = sw_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, context)
        var headers: UnsafeMutablePointer<curl_slist>? = nil
        headers = curl_slist_append(headers, "Accept: application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8")
        if let etag = request.etag { headers = curl_slist_append(headers, "If-None-Match: \(etag)") }
        if let modified = request.lastModified { headers = curl_slist_append(headers, "If-Modified-Since: \(modified)") }
        transfer.headerList = headers
        _ = sw_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headers)
        running[easy] = transfer
        curl_multi_add_handle(multi, easy)
    }

    private func end(_ easy: UnsafeMutableRawPointer, _ transfer: CurlTransfer, with response: FeedResponse) {
        curl_multi_remove_handle(multi, easy)
        curl_easy_cleanup(easy)
        running[easy] = nil
        transfer.finish(response)
    }

    private func response(of transfer: CurlTransfer, easy: UnsafeMutableRawPointer, code: CURLcode) -> FeedResponse {
        var status = 0
        _ = sw_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        var urlPointer: UnsafeMutablePointer<CChar>? = nil
        _ = sw_easy_getinfo_string(easy, CURLINFO_EFFECTIVE_URL, &urlPointer)
        let finalURL = urlPointer.map { String(cString: $0) } ?? transfer.request.url
        var response = FeedResponse(
            status: status, finalURL: finalURL, redirects: transfer.redirectHops,
            etag: transfer.finalHeader("etag"), lastModified: transfer.finalHeader("last-modified"),
            contentType: transfer.finalHeader("content-type"), retryAfter: transfer.finalHeader("retry-after"),
            body: transfer.body)
        if code != CURLE_OK {
            response.error = error(code, transfer: transfer)
            response.body = []  // nothing is parsed from a partial body
        }
        return response
    }

    private func error(_ code: CURLcode, transfer: CurlTransfer) -> FeedFetchError {
        let detail = transfer.errorText.isEmpty ? String(cString: curl_easy_strerror(code)) : transfer.errorText
        switch code {
        case CURLE_WRITE_ERROR where transfer.exceededCap:
            return .bodyTooLarge(maxBytes: transfer.request.maxBytes)
        case CURLE_TOO_MANY_REDIRECTS:
            return .tooManyRedirects(limit: limits.maxRedirects)
        case CURLE_UNSUPPORTED_PROTOCOL:
            return .protocolRefused(detail: detail)
        case CURLE_BAD_CONTENT_ENCODING:
            return .unsupportedContentEncoding(transfer.finalHeader("content-encoding") ?? detail)
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut(detail: detail)
        default:
            return .transport(code: Int(code.rawValue), detail: detail)
        }
    }
}

/// Hands the transfer's identity from the enqueueing closure to the cancellation handler.
private final class TransferBox: @unchecked Sendable {
    private let lock = NSLock()
    private var id: ObjectIdentifier?
    func set(_ id: ObjectIdentifier) { lock.withLock { self.id = id } }
    func get() -> ObjectIdentifier? { lock.withLock { id } }
}

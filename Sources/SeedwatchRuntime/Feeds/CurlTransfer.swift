import CCurl
import Foundation
import SeedwatchCore

/// One transfer in flight on the multi handle: the request, the bytes and headers received so far,
/// and the continuation to resume when it ends. Touched only on the fetcher's thread after it is queued.
final class CurlTransfer: @unchecked Sendable {
    let request: FeedRequest
    private var continuation: CheckedContinuation<FeedResponse, Never>?
    /// The decoded body so far (never more than `request.maxBytes`), in pieces (``ReceivedBody``).
    var body = ReceivedBody()
    /// Set by the write callback when the decoded body would pass the cap.
    var exceededCap = false
    /// Every response's status and headers, in order (redirects, then the final response).
    var responses: [(status: Int, headers: [(name: String, value: String)])] = []
    /// libcurl's detailed error text (CURLOPT_ERRORBUFFER).
    let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    /// The request header list (conditional GET), freed with the transfer.
    var headerList: UnsafeMutablePointer<curl_slist>?

    init(request: FeedRequest, continuation: CheckedContinuation<FeedResponse, Never>) {
        self.request = request
        self.continuation = continuation
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        errorBuffer.deallocate()
        if let headerList { curl_slist_free_all(headerList) }
    }

    /// Resumes the waiting fetch exactly once.
    func finish(_ response: FeedResponse) {
        continuation?.resume(returning: response)
        continuation = nil
    }

    /// Appends decoded body bytes; returns `false` (abort) when they would pass the cap.
    func appendBody(_ pointer: UnsafeRawBufferPointer) -> Bool {
        if body.count + pointer.count > request.maxBytes {
            exceededCap = true
            return false
        }
        body.append(pointer)
        return true
    }

    /// Reads one header line: a status line opens a new response, a blank line ends one.
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        var end = bytes.count
        while end > 0 && (bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D) { end -= 1 }
        let line = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            let parts = line.split(separator: " ", maxSplits: 2)
            let status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            responses.append((status, []))
            return
        }
        guard !line.isEmpty, let colon = line.firstIndex(of: ":"), !responses.isEmpty else { return }
        let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        responses[responses.count - 1].headers.append((name, value))
    }

    /// The final (non-1xx) response's header `name` (lower case), if sent.
    func finalHeader(_ name: String) -> String? {
        finalResponse?.headers.last { $0.name == name }?.value
    }

    private var finalResponse: (status: Int, headers: [(name: String, value: String)])? {
        responses.last { $0.status >= 200 || $0.status == 0 } ?? responses.last
    }

    /// The redirects followed: every 3xx response with a `Location`, except the final one.
    var redirectHops: [RedirectHop] {
        let informational = responses.filter { !(100..<200).contains($0.status) }
        return informational.dropLast().compactMap { response in
            guard (300..<400).contains(response.status),
                  let location = response.headers.last(where: { $0.name == "location" })?.value else { return nil }
            return RedirectHop(status: response.status, location: location)
        }
    }

    var errorText: String {
        String(cString: errorBuffer)
    }
}

/// libcurl's write callback: decoded body bytes (CURLOPT_WRITEFUNCTION). Returning less than
/// `size * count` aborts the transfer with CURLE_WRITE_ERROR — how the body cap stops a gzip bomb.
let curlWriteCallback: sw_write_callback = { data, size, count, userdata in
    guard let data, let userdata else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
    let length = size * count
    return transfer.appendBody(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
}

/// libcurl's header callback (CURLOPT_HEADERFUNCTION): one header line per call, for every
/// response including the redirects libcurl follows.
let curlHeaderCallback: sw_write_callback = { data, size, count, userdata in
    guard let data, let userdata else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
    let length = size * count
    transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: length))
    return length
}

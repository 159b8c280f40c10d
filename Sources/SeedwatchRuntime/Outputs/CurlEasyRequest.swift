import CCurl
import Foundation
import SeedwatchCore

/// One blocking libcurl easy transfer for the outputs (a webhook POST, an SMTP message), run on a
/// Dispatch thread so the cooperative pool never blocks. The feeds keep their multi-handle fetcher;
/// an output sends one request at a time.
final class CurlEasyRequest: @unchecked Sendable {
    /// What came back.
    struct Result: Sendable {
        /// The protocol's final response code (HTTP status, SMTP reply code), 0 when none came.
        var status: Int
        /// The final response's headers, names lower-cased.
        var headers: [(name: String, value: String)]
        /// libcurl's error text when the transfer failed, else `nil`.
        var error: String?
        /// Whether libcurl gave up on a time limit.
        var timedOut: Bool
        /// The SMTP commands and replies, when the request was made with `recordsDialogue`.
        var dialogue = SMTPDialogue()

        func header(_ name: String) -> String? { headers.last { $0.name == name }?.value }
    }

    private static let globalInit: Bool = { curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK }()

    /// The bytes to upload (POST body or the message), read by libcurl through ``curlReadCallback``.
    let upload: [UInt8]
    var uploadOffset = 0
    var headers: [(name: String, value: String)] = []
    let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    private var lists: [UnsafeMutablePointer<curl_slist>?] = []
    /// Whether protocol lines are recorded in ``dialogue`` (libcurl's debug callback).
    let recordsDialogue: Bool
    var dialogue = SMTPDialogue()

    /// - Parameter recordsDialogue: record the protocol lines sent and received (an SMTP
    ///   dialogue), to explain a failure in the server's words.
    init(upload: [UInt8], recordsDialogue: Bool = false) {
        _ = Self.globalInit
        self.upload = upload
        self.recordsDialogue = recordsDialogue
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        errorBuffer.deallocate()
        for list in lists { curl_slist_free_all(list) }
    }

    /// A string list that lives as long as the request (headers, recipients).
    func list(_ items: [String]) -> UnsafeMutablePointer<curl_slist>? {
        var list: UnsafeMutablePointer<curl_slist>? = nil
        for item in items { list = curl_slist_append(list, item) }
        lists.append(list)
        return list
    }

    /// Runs the transfer; `configure` sets the protocol's options on the easy handle (the common
    /// ones — error buffer, callbacks, `NOSIGNAL` — are set here).
    func perform(_ configure: @escaping @Sendable (UnsafeMutableRawPointer, CurlEasyRequest) -> Void) async -> Result {
        await withCheckedContinuation { (continuation: CheckedContinuation<Result, Never>) in
            DispatchQueue.global().async { [self] in
                continuation.resume(returning: performBlocking(configure))
            }
        }
    }

    private func performBlocking(_ configure: (UnsafeMutableRawPointer, CurlEasyRequest) -> Void) -> Result {
        guard let easy = curl_easy_init() else {
            return Result(status: 0, headers: [], error: "curl_easy_init failed", timedOut: false)
        }
        defer { curl_easy_cleanup(easy) }
        let context = Unmanaged.passUnretained(self).toOpaque()
        _ = sw_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        _ = sw_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = sw_easy_setopt_write_callback(easy, CURLOPT_WRITEFUNCTION, curlDiscardCallback)
        _ = sw_easy_setopt_write_callback(easy, CURLOPT_READFUNCTION, curlReadCallback)
        _ = sw_easy_setopt_pointer(easy, CURLOPT_READDATA, context)
        _ = sw_easy_setopt_header_callback(easy, curlEasyHeaderCallback)
        _ = sw_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, context)
        if recordsDialogue {
            _ = sw_easy_setopt_debug_callback(easy, curlDebugCallback)
            _ = sw_easy_setopt_pointer(easy, CURLOPT_DEBUGDATA, context)
            _ = sw_easy_setopt_long(easy, CURLOPT_VERBOSE, 1)
        }
        configure(easy, self)
        let code = curl_easy_perform(easy)
        var status = 0
        _ = sw_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        var error: String?
        if code != CURLE_OK {
            let text = String(cString: errorBuffer)
            error = text.isEmpty ? String(cString: curl_easy_strerror(code)) : text
        }
        return Result(status: status, headers: headers, error: error, timedOut: code == CURLE_OPERATION_TIMEDOUT, dialogue: dialogue)
    }

    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        var end = bytes.count
        while end > 0 && (bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D) { end -= 1 }
        let line = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            headers = []  // a new response (after 100 Continue or a redirect)
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        headers.append((line[..<colon].trimmingCharacters(in: .whitespaces).lowercased(),
                        line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
    }
}

/// CURLOPT_READFUNCTION: hands libcurl the next bytes of the upload.
private let curlReadCallback: sw_write_callback = { buffer, size, count, userdata in
    guard let buffer, let userdata else { return 0 }
    let request = Unmanaged<CurlEasyRequest>.fromOpaque(userdata).takeUnretainedValue()
    let n = min(size * count, request.upload.count - request.uploadOffset)
    guard n > 0 else { return 0 }
    request.upload.withUnsafeBytes { source in
        UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + request.uploadOffset, byteCount: n)
    }
    request.uploadOffset += n
    return n
}

/// CURLOPT_WRITEFUNCTION: a webhook's answer body is not needed.
private let curlDiscardCallback: sw_write_callback = { _, size, count, _ in size * count }

private let curlEasyHeaderCallback: sw_write_callback = { data, size, count, userdata in
    guard let data, let userdata else { return 0 }
    let request = Unmanaged<CurlEasyRequest>.fromOpaque(userdata).takeUnretainedValue()
    request.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
    return size * count
}

/// CURLOPT_DEBUGFUNCTION: the protocol's lines (commands out, replies in), one or more per call;
/// the message body (data out) and libcurl's own text are not recorded.
private let curlDebugCallback: sw_debug_callback = { _, type, data, size, userdata in
    guard let data, let userdata, type == CURLINFO_HEADER_IN || type == CURLINFO_HEADER_OUT else { return 0 }
    let request = Unmanaged<CurlEasyRequest>.fromOpaque(userdata).takeUnretainedValue()
    let text = String(decoding: UnsafeRawBufferPointer(start: data, count: size), as: UTF8.self)
    for line in text.split(separator: "\n") where !line.allSatisfy({ $0 == "\r" }) {
        if type == CURLINFO_HEADER_OUT { request.dialogue.sent(String(line)) } else { request.dialogue.received(String(line)) }
    }
    return 0
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One request as the ``LoopbackHTTPServer`` received it.
public struct LoopbackHTTPRequest: Sendable, Hashable {
    public var method: String
    /// The request target: path and query, e.g. `/feed?x=1`.
    public var target: String
    /// Header fields in order, names lower-cased, values trimmed.
    public var headers: [Header]
    /// The body, read by its `Content-Length` (empty without one).
    public var body: [UInt8] = []

    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: String
    }

    /// The last value of header `name` (case-insensitive), if sent.
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.last { $0.name == lower }?.value
    }
}

/// What the server answers.
public struct LoopbackHTTPReply: Sendable {
    /// How the body is sent.
    public enum Body: Sendable {
        /// All at once, with `Content-Length`.
        case bytes([UInt8])
        /// In chunks with a pause of `delay` seconds before each, with `Content-Length` up front.
        case slow(chunks: [[UInt8]], delay: Double)
        /// `count` copies of `byte`, streamed in 64 KiB writes (for bodies too large to hold).
        case repeated(byte: UInt8, count: Int)
    }

    public var status: Int
    public var headers: [(String, String)]
    public var body: Body

    public init(status: Int, headers: [(String, String)] = [], body: Body = .bytes([])) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// A small HTTP/1.1 server on 127.0.0.1 and an ephemeral port, for tests and benchmarks of the
/// feed fetcher: one thread accepts, one thread serves each connection (keep-alive), the handler
/// decides every reply, and every request is recorded. Never binds anything but loopback.
public final class LoopbackHTTPServer: @unchecked Sendable {
    /// The port chosen by the kernel.
    public let port: Int
    private let listener: Int32
    private let handler: @Sendable (LoopbackHTTPRequest) -> LoopbackHTTPReply
    private let lock = NSLock()
    private var received: [LoopbackHTTPRequest] = []
    private var clients: Set<Int32> = []
    private var stopping = false
    private let acceptFinished = DispatchSemaphore(value: 0)

    /// `http://127.0.0.1:PORT`
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts listening.
    /// - Throws: ``LoopbackHTTPServerError`` when the socket cannot be bound.
    public init(handler: @escaping @Sendable (LoopbackHTTPRequest) -> LoopbackHTTPReply) throws {
        self.handler = handler
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw LoopbackHTTPServerError(reason: "socket: \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 256) == 0 else {
            close(fd)
            throw LoopbackHTTPServerError(reason: "bind/listen: \(String(cString: strerror(errno)))")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        listener = fd
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "loopback-http-accept"
        thread.start()
    }

    /// Every request received so far, in arrival order.
    public var requests: [LoopbackHTTPRequest] {
        lock.withLock { received }
    }

    /// Forgets the recorded requests.
    public func clearRequests() {
        lock.withLock { received.removeAll() }
    }

    /// Stops accepting, closes every connection and the listening socket.
    public func stop() {
        let first: Bool = lock.withLock {
            defer { stopping = true }
            for fd in clients { shutdown(fd, Int32(SHUT_RDWR)) }
            return !stopping
        }
        guard first else { return }
        acceptFinished.wait()
        close(listener)
    }

    deinit { stop() }

    private func acceptLoop() {
        while !lock.withLock({ stopping }) {
            var pfd = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, 50) > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            var yes: Int32 = 1
            setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
            let accepted: Bool = lock.withLock {
                guard !stopping else { return false }
                clients.insert(client)
                return true
            }
            guard accepted else { close(client); continue }
            let thread = Thread { [self] in serve(client) }
            thread.start()
        }
        acceptFinished.signal()
    }

    private func serve(_ fd: Int32) {
        defer {
            lock.withLock { _ = clients.remove(fd) }
            close(fd)
        }
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            // Read one request head.
            var headEnd: Int?
            while headEnd == nil {
                if let r = Self.find(buffer, [13, 10, 13, 10]) { headEnd = r; break }
                let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if n <= 0 { return }
                buffer.append(contentsOf: chunk[0..<n])
            }
            guard let end = headEnd else { return }
            let head = String(decoding: buffer[0..<end], as: UTF8.self)
            buffer.removeFirst(end + 4)
            let lines = head.components(separatedBy: "\r\n")
            let requestLine = lines.first?.split(separator: " ") ?? []
            guard requestLine.count >= 2 else { return }
            let headers = lines.dropFirst().compactMap { line -> LoopbackHTTPRequest.Header? in
                guard let colon = line.firstIndex(of: ":") else { return nil }
                return .init(name: line[..<colon].lowercased(),
                             value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
            }
            var request = LoopbackHTTPRequest(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers)
            let length = request.header("content-length").flatMap { Int($0) } ?? 0
            while buffer.count < length {
                let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if n <= 0 { return }
                buffer.append(contentsOf: chunk[0..<n])
            }
            request.body = Array(buffer[0..<length])
            buffer.removeFirst(length)
            lock.withLock { received.append(request) }
            let reply = handler(request)
            guard send(reply, to: fd) else { return }
        }
    }

    private func send(_ reply: LoopbackHTTPReply, to fd: Int32) -> Bool {
        let length: Int
        switch reply.body {
        case .bytes(let b): length = b.count
        case .slow(let chunks, _): length = chunks.reduce(0) { $0 + $1.count }
        case .repeated(_, let count): length = count
        }
        var head = "HTTP/1.1 \(reply.status) \(Self.reason(reply.status))\r\n"
        for (name, value) in reply.headers { head += "\(name): \(value)\r\n" }
        if reply.status != 304 && reply.status >= 200 { head += "Content-Length: \(length)\r\n" }
        head += "\r\n"
        switch reply.body {
        case .bytes(let body):
            return write(Array(head.utf8) + (reply.status == 304 ? [] : body), fd)
        case .slow(let chunks, let delay):
            guard write(Array(head.utf8), fd) else { return false }
            for c in chunks {
                Thread.sleep(forTimeInterval: delay)
                guard write(c, fd) else { return false }
            }
            return true
        case .repeated(let byte, let count):
            guard write(Array(head.utf8), fd) else { return false }
            let block = [UInt8](repeating: byte, count: 65536)
            var left = count
            while left > 0 {
                let n = min(left, block.count)
                guard write(Array(block[0..<n]), fd) else { return false }
                left -= n
            }
            return true
        }
    }

    private func write(_ bytes: [UInt8], _ fd: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }

    private static func find(_ haystack: [UInt8], _ needle: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if Array(haystack[i..<(i + needle.count)]) == needle { return i }
        }
        return nil
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 301: return "Moved Permanently"
        case 302: return "Found"
        case 304: return "Not Modified"
        case 307: return "Temporary Redirect"
        case 308: return "Permanent Redirect"
        case 400: return "Bad Request"
        case 404: return "Not Found"
        case 408: return "Request Timeout"
        case 410: return "Gone"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 503: return "Service Unavailable"
        default: return "Status"
        }
    }
}

/// The loopback server could not start.
public struct LoopbackHTTPServerError: Error, CustomStringConvertible {
    public var reason: String
    public var description: String { "loopback HTTP server: \(reason)" }
}

import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A small SMTP server (RFC 5321: EHLO, AUTH PLAIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT) on
/// 127.0.0.1 and an ephemeral port, for tests of the e-mail output. It offers no STARTTLS, keeps
/// each message it accepts, and can refuse messages with a scripted reply code.
final class LoopbackSMTPServer: Sendable {
    struct Message: Sendable, Hashable {
        var from: String
        var recipients: [String]
        /// The DATA section with dot-stuffing undone, lines ending in CRLF.
        var data: String
        /// The decoded `AUTH PLAIN` identity as `user:password`, if the client logged in.
        var login: String?
    }

    let port: Int
    /// The first line the server sends (RFC 5321 §4.3.1: `220` when it serves).
    let greeting: String
    /// Replies to commands instead of the usual ones: the command's upper-cased prefix (`"RCPT TO:"`,
    /// `"AUTH"`) and the reply line. With a greeting that is not `220`, the server closes after it.
    let commandReplies: [(prefix: String, reply: String)]
    private let listener: Int32
    private let state = Mutex<(messages: [Message], refusals: [String?], stopping: Bool)>(([], [], false))
    private let acceptDone = DispatchSemaphore(value: 0)

    var url: String { "smtp://127.0.0.1:\(port)" }
    var messages: [Message] { state.withLock { $0.messages } }

    /// Scripts the replies to the next messages' DATA: a reply such as `"451 try later"` refuses
    /// that message, `nil` accepts it with `250`; after the script every message is accepted.
    func script(_ replies: [String?]) { state.withLock { $0.refusals = replies } }

    init(greeting: String = "220 loopback ESMTP", commandReplies: [(prefix: String, reply: String)] = []) throws {
        self.greeting = greeting
        self.commandReplies = commandReplies
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard fd >= 0, bound == 0, listen(fd, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        listener = fd
        Thread { [self] in acceptLoop() }.start()
    }

    func stop() {
        let first = state.withLock { s in defer { s.stopping = true }; return !s.stopping }
        guard first else { return }
        acceptDone.wait()
        close(listener)
    }

    private func acceptLoop() {
        while !state.withLock({ $0.stopping }) {
            var pfd = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, 50) > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            Thread { [self] in serve(client) }.start()
        }
        acceptDone.signal()
    }

    private func serve(_ fd: Int32) {
        defer { close(fd) }
        var reader = LineReader(fd: fd)
        func reply(_ text: String) { _ = Array((text + "\r\n").utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } }
        reply(greeting)
        guard greeting.hasPrefix("220") else { return }
        var from = "", recipients: [String] = [], login: String?
        while let line = reader.next() {
            let upper = line.uppercased()
            if let scripted = commandReplies.first(where: { upper.hasPrefix($0.prefix) }) {
                reply(scripted.reply)
            } else if upper.hasPrefix("EHLO") || upper.hasPrefix("HELO") {
                reply("250-loopback\r\n250-AUTH PLAIN\r\n250 8BITMIME")
            } else if upper.hasPrefix("AUTH PLAIN") {
                var encoded = line.split(separator: " ").dropFirst(2).first.map(String.init) ?? ""
                if encoded.isEmpty {  // no initial response (RFC 4954 §4): ask for it
                    reply("334 ")
                    encoded = reader.next() ?? ""
                }
                let parts = (Data(base64Encoded: encoded).map { [UInt8]($0) } ?? []).split(separator: 0, omittingEmptySubsequences: false)
                if parts.count == 3 { login = String(decoding: parts[1], as: UTF8.self) + ":" + String(decoding: parts[2], as: UTF8.self) }
                reply("235 accepted")
            } else if upper.hasPrefix("MAIL FROM:") {
                from = String(line.dropFirst(10)); recipients = []; reply("250 ok")
            } else if upper.hasPrefix("RCPT TO:") {
                recipients.append(String(line.dropFirst(8))); reply("250 ok")
            } else if upper == "DATA" {
                reply("354 end with .")
                var data = ""
                while let l = reader.next(), l != "." { data += (l.hasPrefix(".") ? String(l.dropFirst()) : l) + "\r\n" }
                let refusal = state.withLock { s in s.refusals.isEmpty ? nil : s.refusals.removeFirst() } ?? nil
                if let refusal {
                    reply(refusal)
                } else {
                    state.withLock { $0.messages.append(Message(from: from, recipients: recipients, data: data, login: login)) }
                    reply("250 queued")
                }
            } else if upper == "QUIT" {
                reply("221 bye")
                return
            } else {
                reply("250 ok")
            }
        }
    }

    /// CRLF-terminated lines from a socket.
    private struct LineReader {
        let fd: Int32
        var buffer: [UInt8] = []

        mutating func next() -> String? {
            while true {
                if let i = buffer.firstIndex(of: 0x0A) {
                    var line = Array(buffer[..<i])
                    buffer.removeSubrange(...i)
                    if line.last == 0x0D { line.removeLast() }
                    return String(decoding: line, as: UTF8.self)
                }
                var chunk = [UInt8](repeating: 0, count: 4096)
                let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if n <= 0 { return nil }
                buffer += chunk[0..<n]
            }
        }
    }
}

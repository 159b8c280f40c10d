/// What an SMTP client said and heard (RFC 5321 §4.1, §4.2), kept to explain a failed delivery in
/// the server's own words: "smtp://mail.example.org:587 replied "550 5.1.1 no such user" to
/// RCPT TO:<desk@example.org>" instead of libcurl's bare "Weird server reply".
///
/// The e-mail output feeds it every protocol line libcurl sends and receives (its debug callback:
/// commands out, replies in; never the message itself). Credentials never enter it: an `AUTH`
/// command keeps only its mechanism, and every line sent after it until a reply other than a
/// `334` challenge (RFC 4954 §4) is kept as "authentication data".
public struct SMTPDialogue: Sendable, Hashable {
    /// The last command sent, as shown (credentials removed); `nil` before the first: the client
    /// was waiting for the greeting.
    public private(set) var lastCommand: String?
    /// The lines of the last reply received (a multi-line reply's lines, RFC 5321 §4.2.1), each
    /// as received without its line break, non-printable characters as `?`.
    public private(set) var lastReply: [String] = []
    /// Whether the last reply is complete (its last line has a space after the code).
    private var replyComplete = true
    /// Between `AUTH` and the first reply other than `334`: every line sent is SASL data.
    private var authenticating = false
    /// The last error reply (4yz or 5yz) and what it answered: libcurl sends `QUIT` after a
    /// refusal, and the `221` to that must not hide the refusal.
    public private(set) var lastError: ErrorReply?

    /// An error reply's lines and what it answered (a command, the message, or the connection).
    public struct ErrorReply: Sendable, Hashable {
        public var reply: [String]
        public var answered: String
    }

    /// The longest reply line kept, in characters; a longer one is cut and ends with `…`.
    public static let maxLineLength = 200
    /// The most lines of one reply kept (a server that does not speak SMTP may send many).
    public static let maxLines = 4

    /// Commands shown in full: none of them carries a secret.
    private static let plainCommands = ["EHLO", "HELO", "MAIL FROM:", "RCPT TO:", "DATA", "STARTTLS", "RSET", "NOOP", "QUIT", "VRFY", "HELP"]

    public init() {}

    /// Notes one line the client sent (with or without its CRLF).
    public mutating func sent(_ line: String) {
        let text = Self.clean(line)
        let upper = text.uppercased()
        if authenticating {
            lastCommand = "authentication data"
        } else if upper.hasPrefix("AUTH ") {
            lastCommand = "AUTH " + (text.split(separator: " ").dropFirst().first.map(String.init) ?? "")
            authenticating = true
        } else if Self.plainCommands.contains(where: { upper.hasPrefix($0) }) {
            lastCommand = text
        } else {
            lastCommand = "authentication data"
        }
    }

    /// Notes one line received (with or without its CRLF). A line that starts a new reply replaces
    /// the last reply; a continuation (`250-…`) or a line that is not a reply (a server that does
    /// not speak SMTP) is added to it.
    public mutating func received(_ line: String) {
        let text = Self.clean(line)
        if replyComplete { lastReply = [] }
        if lastReply.count < Self.maxLines { lastReply.append(text) }
        let head = Array(text.utf8.prefix(4))
        replyComplete = Self.replyCode(text) != nil && (head.count == 3 || head[3] == 0x20)
        if replyComplete, Self.replyCode(text) != 334 { authenticating = false }
        // After `354` the client sends the message; the next reply answers the message, not DATA.
        if replyComplete, Self.replyCode(text) == 354, lastCommand?.uppercased() == "DATA" {
            lastCommand = Self.messageSent
        }
        if replyComplete, let code = Self.replyCode(text), code >= 400 {
            lastError = ErrorReply(reply: lastReply, answered: answered)
        }
    }

    /// What the reply after `354` answers.
    public static let messageSent = "the message (after DATA)"

    /// The three-digit reply code that starts `line` (RFC 5321 §4.2: 2yz–5yz), else `nil`.
    public static func replyCode(_ line: String) -> Int? {
        let bytes = Array(line.utf8.prefix(4))
        guard bytes.count >= 3, (0x32...0x35).contains(bytes[0]), bytes[1...2].allSatisfy({ (0x30...0x39).contains($0) }),
              bytes.count == 3 || bytes[3] == 0x20 || bytes[3] == 0x2D else { return nil }
        return Int(String(decoding: bytes[0..<3], as: UTF8.self))
    }

    /// What the last reply answered: the last command, or the connection for the greeting.
    public var answered: String {
        lastCommand ?? "the connection (greeting)"
    }

    /// The sentence for a failed delivery to `url` (the output's `smtp` URL, e.g.
    /// `smtp://127.0.0.1:2525`) of `subject` (e.g. `alert 27b11c23bbab1e66`):
    /// - after an error reply (the last one, though a `QUIT` followed it):
    ///   `URL replied "550 5.1.1 no such user" to RCPT TO:<a@b> (sending SUBJECT)`;
    /// - after lines that are not SMTP: `URL sent no SMTP reply to the connection (greeting), but "HTTP/1.1 400 Bad Request" (sending SUBJECT)`;
    /// - with nothing received: `URL: libcurl's error (after COMMAND) (sending SUBJECT)`.
    public func failure(url: String, subject: String, curlError: String) -> String {
        func quoted(_ lines: [String]) -> String { lines.map { "\"\($0)\"" }.joined(separator: " ") }
        if let lastError {
            return "\(url) replied \(quoted(lastError.reply)) to \(lastError.answered) (sending \(subject))"
        }
        if !lastReply.isEmpty, lastReply.contains(where: { Self.replyCode($0) == nil }) {
            return "\(url) sent no SMTP reply to \(answered), but \(quoted(lastReply)) (sending \(subject))"
        }
        let after = lastCommand.map { " (after \($0))" } ?? ""
        return "\(url): \(curlError)\(after) (sending \(subject))"
    }

    /// The line without its line break, control characters as `?`, cut at ``maxLineLength``.
    static func clean(_ line: String) -> String {
        var scalars = Substring(line).unicodeScalars
        while let last = scalars.last, last == "\n" || last == "\r" { scalars.removeLast() }
        var text = String(String.UnicodeScalarView(scalars.map { $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{FFFD}" ? "?" : $0 }))
        if text.count > maxLineLength { text = String(text.prefix(maxLineLength)) + "…" }
        return text
    }
}

import CCurl
import Foundation
import SeedwatchCore

/// `user:password` from an e-mail output's `credentials_file` (one line; a trailing newline is
/// ignored; the password may contain `:`).
package struct EmailCredentials: Sendable, Hashable {
    package var user: String
    package var password: String

    package init(user: String, password: String) {
        self.user = user
        self.password = password
    }

    /// - Throws: ``OutputSinks/SetupError`` when the file has no `:` or is not UTF-8.
    package static func parse(_ bytes: [UInt8], file: String, output: String) throws -> EmailCredentials {
        guard var text = String(validating: bytes, as: UTF8.self) else {
            throw OutputSinks.SetupError(output: output, key: "credentials_file", file: file, problem: .notUTF8)
        }
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        guard !text.contains("\n"), let colon = text.firstIndex(of: ":") else {
            throw OutputSinks.SetupError(output: output, key: "credentials_file", file: file, problem: .notUserPassword)
        }
        return EmailCredentials(user: String(text[..<colon]), password: String(text[text.index(after: colon)...]))
    }
}

/// The e-mail output (DESIGN §11): one message per alert (``AlertEmail``) through libcurl's SMTP.
///
/// `smtps://` is TLS from the start; `smtp://` upgrades with STARTTLS, which is required except
/// towards a loopback host (127.0.0.1, ::1, localhost), where it is used when offered. SMTP replies
/// 5xx (RFC 5321 §4.2.1: permanent) make a dead letter; 4xx and transport failures are retried.
///
/// Reconciliation: the default of ``AlertSink/reconcile(alertID:)``: an alert that may have
/// arrived before a crash is sent again, with the same `Message-ID` (built from the alert's `id`).
///
/// An alert that joined an earlier alert's story (issue 12) says so ("Story: update to …",
/// "+N sources: …") and threads under the story's first message, from the story's lines that
/// ``storyLines`` gives (the state store's ``StateStore/storyLines(story:upTo:limit:)``).
/// With `digest: hourly|daily` the output sends digests instead (``sendDigest(_:schedule:date:)``).
package struct EmailSink: AlertSink {
    package let name: String
    package let settings: OutputConfiguration.Email
    let credentials: EmailCredentials?
    /// Seconds one message may take in all: 600, RFC 5321 §4.5.3.2.6's wait for the reply to the
    /// end of the data (servers scan the message then). A shorter limit gives up on a message the
    /// server goes on to accept, and its retry is a second copy in the analyst's mailbox.
    package var timeoutSeconds = 600
    /// Name the alert's watch in the subject (set when more than one watch is configured).
    package var namesWatch = false
    /// The alert lines of a story up to an alert (story id, alert id), oldest first; `nil` shows no story lines.
    package var storyLines: (@Sendable (String, String) -> [[UInt8]])?

    package init(name: String, settings: OutputConfiguration.Email, credentials: EmailCredentials?,
                storyLines: (@Sendable (String, String) -> [[UInt8]])? = nil) {
        self.name = name
        self.settings = settings
        self.credentials = credentials
        self.storyLines = storyLines
    }

    /// The story `entry` joined, up to `entry`, when it is not the story's first alert.
    func story(of entry: AlertLogEntry) -> StoryGroup? {
        guard let story = entry.story, story != entry.id, let storyLines else { return nil }
        let entries = storyLines(story, entry.id).compactMap { try? AlertLogEntry.decode(line: $0) }
        return StoryGroup.group(entries).first { $0.first.id != entry.id && ($0.first.id == story || $0.members.contains { $0.id == entry.id }) }
    }

    /// Sends the digest of `lines` (alert lines) as one message.
    /// - Parameters:
    ///   - digest: the digest to send (``Digest/make(_:since:until:coreActors:top:)``).
    ///   - schedule: `hourly` or `daily`, for the subject.
    /// - Returns: as ``send(alertID:line:)``.
    package func sendDigest(_ digest: Digest, schedule: String, date: Date) async -> AlertSendOutcome {
        await deliver(DigestEmail.message(digest, output: name, schedule: schedule, from: settings.from, to: settings.to, date: date),
                      subject: "the \(schedule) digest")
    }

    /// The address inside `Name <address>`, or the text itself.
    static func address(_ text: String) -> String {
        if let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close {
            return String(text[text.index(after: open)..<close])
        }
        return text.trimmingCharacters(in: .whitespaces)
    }

    static func isLoopback(_ url: String) -> Bool {
        guard let host = URL(string: url)?.host?.lowercased() else { return false }
        return host == "127.0.0.1" || host == "::1" || host == "[::1]" || host == "localhost"
    }

    package func send(alertID: String, line: [UInt8]) async -> AlertSendOutcome {
        let entry: AlertLogEntry
        do {
            entry = try AlertLogEntry.decode(line: line)
        } catch {
            return .rejected(error: "the alert line cannot be read: \(error)")
        }
        return await deliver(AlertEmail.message(entry, story: story(of: entry), from: settings.from, to: settings.to, date: Date(),
                                                namingWatch: namesWatch),
                             subject: "alert \(alertID)")
    }

    /// Sends one message through SMTP. A failure is told in the server's words (``SMTPDialogue``):
    /// `SMTP 550 (permanent): smtp://host:port replied "550 5.1.1 no such user" to RCPT TO:<a@b> (sending alert ID)`.
    /// - Parameter subject: what the message is, for the error: `alert ID`, `the daily digest`.
    func deliver(_ message: [UInt8], subject: String) async -> AlertSendOutcome {
        let request = CurlEasyRequest(upload: message, recordsDialogue: true)
        let settings = self.settings, credentials = self.credentials, timeout = timeoutSeconds
        let requireTLS = !Self.isLoopback(settings.smtp)
        let result = await request.perform { easy, request in
            _ = sw_easy_setopt_string(easy, CURLOPT_URL, settings.smtp)
            _ = sw_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "smtp,smtps")
            _ = sw_easy_setopt_long(easy, CURLOPT_USE_SSL, Int(requireTLS ? CURLUSESSL_ALL.rawValue : CURLUSESSL_TRY.rawValue))
            _ = sw_easy_setopt_string(easy, CURLOPT_MAIL_FROM, "<\(Self.address(settings.from))>")
            _ = sw_easy_setopt_slist(easy, CURLOPT_MAIL_RCPT, request.list(settings.to.map { "<\(Self.address($0))>" }))
            _ = sw_easy_setopt_long(easy, CURLOPT_UPLOAD, 1)
            _ = sw_easy_setopt_off_t(easy, CURLOPT_INFILESIZE_LARGE, curl_off_t(message.count))
            _ = sw_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT, 10)
            _ = sw_easy_setopt_long(easy, CURLOPT_TIMEOUT, timeout)
            if let credentials {
                _ = sw_easy_setopt_string(easy, CURLOPT_USERNAME, credentials.user)
                _ = sw_easy_setopt_string(easy, CURLOPT_PASSWORD, credentials.password)
            }
            if let ca = settings.caFile { _ = sw_easy_setopt_string(easy, CURLOPT_CAINFO, ca) }
        }
        guard let curlError = result.error else { return .delivered }
        let error = result.dialogue.failure(url: Self.serverURL(settings.smtp), subject: subject, curlError: curlError)
        if (500..<600).contains(result.status) {
            return .rejected(error: "SMTP \(result.status) (permanent): \(error)")
        }
        return .failed(error: result.status > 0 ? "SMTP \(result.status): \(error)" : error, retryAfter: nil)
    }

    /// `scheme://host:port` of the output's `smtp` URL, with the default port (25 for smtp, 465 for
    /// smtps; RFC 5321 §4.5.4.1, RFC 8314 §7.3) when it names none; the URL itself when it does not parse.
    static func serverURL(_ smtp: String) -> String {
        guard let components = URLComponents(string: smtp), let scheme = components.scheme?.lowercased(),
              let host = components.host else { return smtp }
        let port = components.port ?? (scheme == "smtps" ? 465 : 25)
        let shownHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "\(scheme)://\(shownHost):\(port)"
    }
}

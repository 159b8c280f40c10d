import Foundation
import SeedwatchCore
import SeedwatchRuntime
import Testing

@Suite("E-mail output", .serialized)
struct EmailSinkTests {
    let id = "27b11c23bbab1e66"
    var line: [UInt8] {
        AlertEncoding.line(AlertRecord(
            id: id, time: Date(timeIntervalSince1970: 1_718_766_725), watch: "china-russia-north-korea", level: .alert,
            score: 11.5, source: .feed("https://news.example/world/rss.xml", url: "https://news.example/world/k-1", guid: "k-1"),
            title: "Kim Jong Un meets Putin", published: Date(timeIntervalSince1970: 1_718_748_000),
            actors: [ActorSummary(id: "kim_jong_un", name: "Kim Jong Un", mentions: 2)],
            topics: [TopicSummary(id: "russia_nk_alliance", name: "Russia–North Korea alliance", score: 5, terms: ["summit"])],
            evidence: [EvidenceItem(text: "Kim Jong Un meets Putin", actors: ["kim_jong_un", "vladimir_putin"],
                                    topics: ["russia_nk_alliance"], start: 0, end: 23)]))
    }

    func sink(_ server: LoopbackSMTPServer, credentials: EmailCredentials? = nil) -> EmailSink {
        EmailSink(name: "desk", settings: .init(smtp: server.url, from: "Seedwatch <seedwatch@example.org>",
                                                to: ["analyst@example.org", "Desk <desk@example.org>"]),
                  credentials: credentials)
    }

    /// The decoded text of the MIME part of `type` in a message's DATA.
    func part(_ data: String, _ type: String) -> String? {
        guard let start = data.range(of: "Content-Type: \(type); charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n") else { return nil }
        let rest = data[start.upperBound...]
        let body = rest[..<(rest.range(of: "\r\n--")?.lowerBound ?? rest.endIndex)].replacingOccurrences(of: "\r\n", with: "")
        return Data(base64Encoded: body).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func oneMessagePerAlertThatDecodesAndNamesTheAlert() async throws {
        let server = try LoopbackSMTPServer()
        defer { server.stop() }
        let credentials = try EmailCredentials.parse(Array("analyst:pa:ss\n".utf8), file: "/c", output: "desk")
        #expect(credentials == EmailCredentials(user: "analyst", password: "pa:ss"))
        let outcome = await sink(server, credentials: credentials).send(alertID: id, line: line)
        #expect(outcome == .delivered)
        let message = try #require(server.messages.first)
        #expect(server.messages.count == 1)
        #expect(message.from == "<seedwatch@example.org>")
        #expect(message.recipients == ["<analyst@example.org>", "<desk@example.org>"])
        #expect(message.login == "analyst:pa:ss")
        #expect(message.data.contains("\r\nSubject: [seedwatch] ALERT: Kim Jong Un meets Putin\r\n"))
        #expect(message.data.contains("\r\nMessage-ID: <\(id).china-russia-north-korea@seedwatch>\r\n"))
        let text = try #require(part(message.data, "text/plain"))
        #expect(text.hasPrefix("Kim Jong Un meets Putin\r\n\r\nALERT  score 11.50  watch china-russia-north-korea\r\n"))
        #expect(text.contains("\r\nSource: https://news.example/world/k-1\r\n"))
        #expect(text.contains("\r\n> Kim Jong Un meets Putin\r\n"))
        let html = try #require(part(message.data, "text/html"))
        #expect(html.contains("<h2><a href=\"https://news.example/world/k-1\">Kim Jong Un meets Putin</a></h2>"))
        #expect(html.contains("<blockquote>Kim Jong Un meets Putin</blockquote>"))
    }

    @Test func aTemporaryRefusalIsRetriedAPermanentOneIsADeadLetter() async throws {
        let server = try LoopbackSMTPServer()
        defer { server.stop() }
        server.script(["451 try again later", "554 rejected for policy reasons"])
        let first = await sink(server).send(alertID: id, line: line)
        guard case .failed(let error, nil) = first else {
            Issue.record("expected a retryable failure, got \(first)")
            return
        }
        #expect(error == "SMTP 451: \(server.url) replied \"451 try again later\" to the message (after DATA) (sending alert \(id))")
        let second = await sink(server).send(alertID: id, line: line)
        guard case .rejected(let reason) = second else {
            Issue.record("expected a permanent failure, got \(second)")
            return
        }
        #expect(reason == "SMTP 554 (permanent): \(server.url) replied \"554 rejected for policy reasons\" to the message (after DATA) (sending alert \(id))")
        #expect(await sink(server).send(alertID: id, line: line) == .delivered)
        #expect(server.messages.count == 1)
    }

    @Test func aServerThatIsDownIsRetried() async throws {
        let server = try LoopbackSMTPServer()
        let url = server.url
        server.stop()
        let sink = EmailSink(name: "desk", settings: .init(smtp: url, from: "a@example.org", to: ["b@example.org"]), credentials: nil)
        let outcome = await sink.send(alertID: id, line: line)
        guard case .failed = outcome else {
            Issue.record("expected a retryable failure, got \(outcome)")
            return
        }
    }

    /// The error of a failed delivery gives the server's reply code and text, its URL and the
    /// command it answered, never libcurl's bare "Weird server reply".
    @Test func aRefusedRecipientIsToldInTheServersWords() async throws {
        let server = try LoopbackSMTPServer(commandReplies: [("RCPT TO:<DESK@", "550 5.1.1 <desk@example.org>: no such user")])
        defer { server.stop() }
        let outcome = await sink(server).send(alertID: id, line: line)
        #expect(outcome == .rejected(error: "SMTP 550 (permanent): \(server.url) replied \"550 5.1.1 <desk@example.org>: no such user\" "
            + "to RCPT TO:<desk@example.org> (sending alert \(id))"))
        #expect(server.messages.isEmpty)
    }

    @Test func aGreetingThatRefusesServiceIsRetriedWithItsReply() async throws {
        let server = try LoopbackSMTPServer(greeting: "421 4.3.2 mail.example.org busy, try again later")
        defer { server.stop() }
        let outcome = await sink(server).send(alertID: id, line: line)
        #expect(outcome == .failed(error: "SMTP 421: \(server.url) replied \"421 4.3.2 mail.example.org busy, try again later\" "
            + "to the connection (greeting) (sending alert \(id))", retryAfter: nil))
    }

    @Test func aRefusedLoginNamesTheMechanismAndNotThePassword() async throws {
        let server = try LoopbackSMTPServer(commandReplies: [("AUTH", "535 5.7.8 authentication credentials invalid")])
        defer { server.stop() }
        let outcome = await sink(server, credentials: EmailCredentials(user: "analyst", password: "s3cret")).send(alertID: id, line: line)
        #expect(outcome == .rejected(error: "SMTP 535 (permanent): \(server.url) replied \"535 5.7.8 authentication credentials invalid\" "
            + "to AUTH PLAIN (sending alert \(id))"))
    }

    @Test func aServerThatDoesNotSpeakSMTPIsQuoted() async throws {
        let server = try LoopbackSMTPServer(greeting: "HTTP/1.1 400 Bad Request")
        defer { server.stop() }
        let outcome = await sink(server).send(alertID: id, line: line)
        #expect(outcome == .failed(error: "\(server.url) sent no SMTP reply to the connection (greeting), but \"HTTP/1.1 400 Bad Request\" "
            + "(sending alert \(id))", retryAfter: nil))
    }
}

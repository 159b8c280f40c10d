import Foundation
import SeedwatchCore
import SeedwatchRuntime
import SeedwatchTesting
import Testing

@Suite("Webhook output")
struct WebhookSinkTests {
    let line = AlertFixtures.line("k-1")
    let id = AlertFixtures.alertID("k-1")

    @Test func postsTheAlertLineSignedWithItsIdempotencyKey() async throws {
        let server = try LoopbackHTTPServer { _ in LoopbackHTTPReply(status: 204) }
        defer { server.stop() }
        let sink = WebhookSink(name: "hook", url: server.baseURL + "/in?team=1", key: Array("s3cret".utf8))
        #expect(await sink.send(alertID: id, line: line) == .delivered)
        let request = try #require(server.requests.first)
        let body = Array(line.dropLast())
        #expect(request.method == "POST")
        #expect(request.target == "/in?team=1")
        #expect(request.body == body)
        #expect(request.header("content-type") == "application/json")
        #expect(request.header("idempotency-key") == id)
        #expect(request.header("x-seedwatch-signature") == WebhookSignature.value(body: body, key: Array("s3cret".utf8)))
        #expect(request.header("expect") == nil)
        #expect(server.requests.count == 1)
    }

    @Test func noSecretFileMeansNoSignature() async throws {
        let server = try LoopbackHTTPServer { _ in LoopbackHTTPReply(status: 200) }
        defer { server.stop() }
        #expect(await WebhookSink(name: "hook", url: server.baseURL, key: nil).send(alertID: id, line: line) == .delivered)
        #expect(server.requests.first?.header("x-seedwatch-signature") == nil)
    }

    @Test(arguments: [
        (500, AlertSendOutcome.failed(error: "HTTP 500", retryAfter: nil)),
        (408, .failed(error: "HTTP 408", retryAfter: nil)),
        (404, .rejected(error: "HTTP 404 (permanent: the receiver refused the request)")),
        (400, .rejected(error: "HTTP 400 (permanent: the receiver refused the request)")),
        (302, .failed(error: "HTTP 302", retryAfter: nil)),
    ])
    func statusesMapToRetryOrDeadLetter(status: Int, expected: AlertSendOutcome) async throws {
        let server = try LoopbackHTTPServer { _ in LoopbackHTTPReply(status: status, headers: [("Location", "/elsewhere")]) }
        defer { server.stop() }
        #expect(await WebhookSink(name: "hook", url: server.baseURL, key: nil).send(alertID: id, line: line) == expected)
    }

    @Test func retryAfterIsHonoured() async throws {
        let server = try LoopbackHTTPServer { _ in LoopbackHTTPReply(status: 429, headers: [("Retry-After", "120")]) }
        defer { server.stop() }
        let before = Date()
        let outcome = await WebhookSink(name: "hook", url: server.baseURL, key: nil).send(alertID: id, line: line)
        guard case .failed(let error, let retryAfter?) = outcome else {
            Issue.record("expected a failure with Retry-After, got \(outcome)")
            return
        }
        #expect(error == "HTTP 429")
        #expect(retryAfter >= before.addingTimeInterval(120) && retryAfter <= Date().addingTimeInterval(120))
    }

    @Test func aReceiverThatDoesNotAnswerInTimeIsAFailure() async throws {
        let server = try LoopbackHTTPServer { _ in
            LoopbackHTTPReply(status: 200, body: .slow(chunks: [Array("ok".utf8)], delay: 3))
        }
        defer { server.stop() }
        let outcome = await WebhookSink(name: "hook", url: server.baseURL, key: nil, timeoutSeconds: 1).send(alertID: id, line: line)
        guard case .failed(let error, nil) = outcome else {
            Issue.record("expected a retryable failure, got \(outcome)")
            return
        }
        #expect(error.hasPrefix("no answer within the time limit: "))
    }

    @Test func aClosedPortIsARetryableFailure() async throws {
        let server = try LoopbackHTTPServer { _ in LoopbackHTTPReply(status: 200) }
        let url = server.baseURL
        server.stop()
        let outcome = await WebhookSink(name: "hook", url: url, key: nil).send(alertID: id, line: line)
        guard case .failed(_, nil) = outcome else {
            Issue.record("expected a retryable failure, got \(outcome)")
            return
        }
    }
}

import CCurl
import Foundation
import SeedwatchCore

/// The webhook output (DESIGN §11): each alert is one JSON POST of its alert line (without the
/// line's `"\n"`), `Content-Type: application/json`, with `Idempotency-Key: <alert id>` and,
/// when a secret file is configured, `X-Seedwatch-Signature: sha256=<hex HMAC-SHA256 of the body>`
/// (see ``WebhookSignature``).
///
/// Answers: 2xx delivered; 408, 429, 5xx, other statuses and transport failures are retried
/// (honouring `Retry-After`, RFC 9110 §10.2.3); any other 4xx is permanent (a dead letter).
/// A request gives up after ``timeoutSeconds``; redirects are not followed (a POST is not
/// replayed to another place).
///
/// Reconciliation: the default of ``AlertSink/reconcile(alertID:)``: an alert that may have
/// arrived before a crash is sent again with the same `Idempotency-Key`, for the receiver to deduplicate.
package struct WebhookSink: AlertSink {
    package let name: String
    package let url: String
    /// The HMAC key (the secret file's bytes without one trailing newline), or `nil` to send no signature.
    let key: [UInt8]?
    /// Seconds a request may take in all, connection included.
    package let timeoutSeconds: Int

    package init(name: String, url: String, key: [UInt8]?, timeoutSeconds: Int = 10) {
        self.name = name
        self.url = url
        self.key = key
        self.timeoutSeconds = timeoutSeconds
    }

    /// The body sent for an alert line: the line without its trailing `"\n"`.
    package static func body(ofLine line: [UInt8]) -> [UInt8] {
        line.last == 0x0A ? Array(line.dropLast()) : line
    }

    package func send(alertID: String, line: [UInt8]) async -> AlertSendOutcome {
        let body = Self.body(ofLine: line)
        var headers = ["Content-Type: application/json", "Idempotency-Key: \(alertID)", "Expect:"]
        if let key { headers.append("\(WebhookSignature.headerName): \(WebhookSignature.value(body: body, key: key))") }
        let request = CurlEasyRequest(upload: body)
        let url = self.url, timeout = timeoutSeconds, requestHeaders = headers
        let result = await request.perform { easy, request in
            _ = sw_easy_setopt_string(easy, CURLOPT_URL, url)
            _ = sw_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https")
            _ = sw_easy_setopt_long(easy, CURLOPT_POST, 1)
            _ = sw_easy_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            _ = sw_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT, timeout)
            _ = sw_easy_setopt_long(easy, CURLOPT_TIMEOUT, timeout)
            _ = sw_easy_setopt_string(easy, CURLOPT_USERAGENT, CurlFetcher.userAgent)
            _ = sw_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, request.list(requestHeaders))
        }
        return Self.outcome(of: result)
    }

    static func outcome(of result: CurlEasyRequest.Result, now: Date = Date()) -> AlertSendOutcome {
        if let error = result.error {
            return .failed(error: result.timedOut ? "no answer within the time limit: \(error)" : error, retryAfter: nil)
        }
        let status = result.status
        switch status {
        case 200..<300:
            return .delivered
        case 408, 429:
            return .failed(error: "HTTP \(status)", retryAfter: PollSchedule.retryAfter(result.header("retry-after"), now: now))
        case 400..<500:
            return .rejected(error: "HTTP \(status) (permanent: the receiver refused the request)")
        default:
            return .failed(error: "HTTP \(status)", retryAfter: PollSchedule.retryAfter(result.header("retry-after"), now: now))
        }
    }
}

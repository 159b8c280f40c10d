import Foundation

/// Where an output sends alerts: a webhook, an SMTP server (DESIGN §11 `outputs:`). The alert log
/// is the first sink but keeps its own seam, ``AlertSink``, because the pipeline writes it in line
/// and reconciles it by searching its tail.
///
/// An output sink owns its reconciliation: it is handed every alert at least once, with the
/// alert's `id` to deduplicate on (a webhook sends it as `Idempotency-Key`), and a duplicate can
/// only follow a crash between the receiver's answer and the commit that records it.
public protocol OutputSink: Sendable {
    /// The output's name (unique; `seedwatch outputs` shows it).
    var name: String { get }
    /// Sends one alert.
    /// - Parameters:
    ///   - alertID: the alert's `id`.
    ///   - line: the alert line as in the log, ending in `"\n"`.
    /// - Returns: what happened; never throws (a failure is an outcome).
    func send(alertID: String, line: [UInt8]) async -> OutputSendOutcome
}

/// The result of one attempt to send an alert.
public enum OutputSendOutcome: Sendable, Hashable {
    /// The receiver took the alert.
    case delivered
    /// A failure worth retrying (a timeout, a 5xx, 408, 429); `retryAfter` is the instant the
    /// receiver's `Retry-After` named, if it sent one.
    case failed(error: String, retryAfter: Date?)
    /// A failure that retrying cannot mend (a 4xx other than 408 and 429, an unreadable secret):
    /// the delivery becomes a dead letter at once.
    case rejected(error: String)
}

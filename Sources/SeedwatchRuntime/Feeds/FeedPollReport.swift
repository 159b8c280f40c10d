import Foundation
import SeedwatchCore

/// What one poll of one feed did.
public struct FeedPollReport: Sendable {
    /// The feed's configured URL.
    public var feedURL: String
    /// The URL fetched (the stored current URL after a permanent move, else the configured one).
    public var requestedURL: String
    /// The final HTTP status; 0 when no response arrived, `nil` when the feed was not fetched (disabled).
    public var status: Int?
    /// How the poll ended for scheduling; `nil` when the feed was not fetched or the fetch was cancelled.
    public var outcome: PollOutcome?
    /// Items in the fetched document (0 for 304 and failures).
    public var items: Int
    /// Items recorded as seen without alerting because they were older than `max_age` on the first fetch.
    public var absorbedAsOld: Int
    /// Alerts written by this poll.
    public var alerts: [AlertRecord]
    /// The error recorded, if the poll failed.
    public var error: String?
    /// When the feed is due next; `nil` when disabled.
    public var nextPoll: Date?
    /// The task was cancelled (SIGTERM) while the document's items were decided: the items decided
    /// so far stand, the rest are decided after the next start; the feed's state was not saved.
    public var stopped = false

    public init(feedURL: String, requestedURL: String, status: Int? = nil, outcome: PollOutcome? = nil, items: Int = 0,
                absorbedAsOld: Int = 0, alerts: [AlertRecord] = [], error: String? = nil, nextPoll: Date? = nil) {
        self.feedURL = feedURL
        self.requestedURL = requestedURL
        self.status = status
        self.outcome = outcome
        self.items = items
        self.absorbedAsOld = absorbedAsOld
        self.alerts = alerts
        self.error = error
        self.nextPoll = nextPoll
    }
}

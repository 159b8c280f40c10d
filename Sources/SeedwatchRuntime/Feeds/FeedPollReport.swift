import Foundation
import SeedwatchCore

/// What one poll of one feed did.
package struct FeedPollReport: Sendable {
    /// The feed's configured URL.
    package var feedURL: String
    /// The URL fetched (the stored current URL after a permanent move, else the configured one).
    package var requestedURL: String
    /// The final HTTP status; 0 when no response arrived, `nil` when the feed was not fetched (disabled).
    package var status: Int?
    /// How the poll ended for scheduling; `nil` when the feed was not fetched or the fetch was cancelled.
    package var outcome: PollOutcome?
    /// Items in the fetched document (0 for 304 and failures).
    package var items: Int
    /// Items recorded as seen without alerting because they were older than `max_age` on the first fetch.
    package var absorbedAsOld: Int
    /// Items recorded as seen without alerting because they were decided already under the
    /// configured URL of a feed that a permanent redirect moved to this feed's URL.
    package var seenUnderFormerURL = 0
    /// Items dated in the future (``FutureItemDate``) that took the fetch time as `published`.
    package var datedInFuture = 0
    /// GUIDs of the document found naming another article than before (tryout F19): the feed's
    /// items are known by their link from the next poll on.
    package var reusedGUIDs: [String] = []
    /// Items recorded as seen on the feed's first fetch because they were decided already under
    /// another spelling of its URL (tryout F21).
    package var seenUnderRespelledURL = 0
    /// The note of a document that was not well-formed XML and whose items were recovered (tryout F26).
    package var parseWarning: String?
    /// Alerts written by this poll.
    package var alerts: [AlertRecord]
    /// The error recorded, if the poll failed.
    package var error: String?
    /// When the feed is due next; `nil` when disabled.
    package var nextPoll: Date?
    /// The task was cancelled (SIGTERM) while the document's items were decided: the items decided
    /// so far stand, the rest are decided after the next start; the feed's state was not saved.
    package var stopped = false

    package init(feedURL: String, requestedURL: String, status: Int? = nil, outcome: PollOutcome? = nil, items: Int = 0,
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

import Foundation

/// One step in the history of a dropped file or a feed item, as `seedwatch why` shows it
/// (kept in the table `article_event`, pruned after `state.retention`).
package struct ArticleEvent: Sendable, Hashable, Codable {
    /// What happened.
    package enum Kind: String, Sendable, Hashable, Codable {
        /// The pipeline took the file (it had settled in the drop folder).
        case seen
        /// The file's bytes were read (`detail`: how many).
        case read
        /// Not matched: unreadable, binary, unknown type, corrupt (`detail`: the reason).
        case skipped
        /// A state or alert-log error: the file is tried again every 30 s (`detail`: the reason).
        case deferred
        /// Matched and decided for one watch: `level` (nil below `notice`), `score`, `alertID`.
        case decided
        /// Read again because its content changed under the same key (a feed item edited under its
        /// GUID), without an alert: it alerted before (never twice), or stays below `notice`.
        /// `watch`, `score` and `articleKey` as for `decided`; `detail`: which, and the new title.
        case updated
        /// Recorded as seen without matching (a feed's first fetch, items older than `max_age`).
        case recorded
        /// Left at a stop, unrecorded: read again at the next start.
        case abandoned
        /// A feed item's page (`full_text: true`) was not used, so its summary is what is matched
        /// (`detail`: why — a consent, login or paywall page, too short, without the item's title,
        /// or not fetched).
        case fullTextNotUsed = "full_text"
    }

    /// A dropped file's absolute path bytes, or a feed item's link (else its article key).
    package var subject: [UInt8]
    /// When, UTC.
    package var at: Date
    package var kind: Kind
    /// The watch, for `decided`.
    package var watch: String?
    /// `alert` or `notice`, for a decision that alerted.
    package var level: String?
    /// The decision's score (points).
    package var score: Double?
    /// The alert line's `id`.
    package var alertID: String?
    /// The article key decided (DESIGN §7).
    package var articleKey: String?
    /// Free text: a reason, a size, a title.
    package var detail: String?

    package init(subject: [UInt8], at: Date, kind: Kind, watch: String? = nil, level: String? = nil, score: Double? = nil,
                alertID: String? = nil, articleKey: String? = nil, detail: String? = nil) {
        self.subject = subject
        self.at = at
        self.kind = kind
        self.watch = watch
        self.level = level
        self.score = score
        self.alertID = alertID
        self.articleKey = articleKey
        self.detail = detail
    }
}

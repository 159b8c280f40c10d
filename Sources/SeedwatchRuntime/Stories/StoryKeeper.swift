import Foundation
import SeedwatchCore

/// Puts each alert of the decide path into its story (issue 12, DESIGN §11): finds the candidate
/// members in the state store, applies ``StoryRule`` (``StoryAssignment``), and gives the alert its
/// story keys and the member to record with its decision. Members past `stories.window` are pruned
/// by the ``RetentionService``.
package struct StoryKeeper: Sendable {
    /// The rule (``StoryRule/standard``).
    package var rule: StoryRule

    package init(rule: StoryRule = .standard) {
        self.rule = rule
    }

    /// The story keys of an alert about to be committed, and the member to record once it is.
    /// - Parameters:
    ///   - record: the alert (its id, time, watch, level, actors and topics are used).
    ///   - article: the article (title, body, link, published date).
    ///   - normalized: ``Normalizer/sharedNormalization(of:)`` of `article`, as the matcher read it (`nil`: normalised here).
    ///   - leadWords: the words the alert's watch leaves out of a story lead (``CompiledWatch/storyLeadWords``).
    /// - Throws: ``StateStoreError`` when the candidates cannot be read.
    package func keys(for record: AlertRecord, article: Article, normalized: NormalizedText?, leadWords: StoryLeadWords,
                      in store: StateStore) throws -> (keys: StoryKeys, member: StoryMember) {
        try StoryAssignment.assign(alertID: record.id, watch: record.watch, level: record.level,
                                   fingerprint: StoryFingerprint(alert: record, article: article, normalized: normalized,
                                                                 leadWords: leadWords), in: store, rule: rule)
    }

    /// The story keys of an alert on an edit of a seen article: the story of the original's alert
    /// `originalAlertID` while its member is in the window; otherwise (no original alert, or it
    /// was pruned) as any alert (``keys(for:article:in:)``).
    /// - Throws: ``StateStoreError`` when the members cannot be read.
    package func editKeys(for record: AlertRecord, article: Article, normalized: NormalizedText?, leadWords: StoryLeadWords,
                         originalAlertID: String?, in store: StateStore) throws -> (keys: StoryKeys, member: StoryMember) {
        if let originalAlertID, let original = try store.storyMember(alertID: originalAlertID),
           let summary = try store.storySummary(story: original.story) {
            return StoryAssignment.assignEdit(alertID: record.id, watch: record.watch, level: record.level,
                                              fingerprint: StoryFingerprint(alert: record, article: article, normalized: normalized,
                                                                            leadWords: leadWords),
                                              original: original, summary: summary)
        }
        return try keys(for: record, article: article, normalized: normalized, leadWords: leadWords, in: store)
    }
}

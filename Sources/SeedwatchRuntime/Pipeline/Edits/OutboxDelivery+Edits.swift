import Foundation
import SeedwatchCore

/// Edits of a seen article, at the outbox: the decision is committed by the state store's update
/// form and its alert delivered as any other (DESIGN §7).
extension OutboxDelivery {
    /// Commits the decision for an edit of a seen article
    /// (``StateStore/commitUpdateDecision(articleKey:originalKey:watch:contentHash:version:originalAlertID:alertedActorIDs:alertID:alertLine:storyMember:at:)``)
    /// and, when it is new and carries an alert, delivers the alert; `storyMember` (issue 12) is
    /// recorded with the alert.
    /// - Returns: as ``decide(articleKey:watch:contentHash:alert:version:alertedActorIDs:at:)``.
    /// - Throws: as ``decide(articleKey:watch:contentHash:alert:version:alertedActorIDs:at:)``.
    @discardableResult
    package func decideEdit(articleKey: String, originalKey: String, watch: String, contentHash: String,
                           version: ArticleVersion, originalAlertID: String?, alertedActorIDs: [String],
                           alert: (id: String, line: [UInt8])?, storyMember: StoryMember? = nil, at: Date = Date()) throws -> Bool {
        let isNew = try store.commitUpdateDecision(articleKey: articleKey, originalKey: originalKey, watch: watch,
                                                   contentHash: contentHash, version: version,
                                                   originalAlertID: originalAlertID, alertedActorIDs: alertedActorIDs,
                                                   alertID: alert?.id, alertLine: alert?.line, storyMember: storyMember, at: at)
        guard isNew else { return false }
        // Inside a batch the decision is not durable yet: ``decideBatch(_:)`` delivers after the commit.
        if let alert, !store.isInBatch {
            try deliver(alertID: alert.id, line: alert.line)
        }
        return true
    }
}

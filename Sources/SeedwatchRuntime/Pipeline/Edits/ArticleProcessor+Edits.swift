import Foundation
import Logging
import SeedwatchCore

/// Edits of a seen article, on the decide path: how one is decided once ``VersionLookup`` has
/// found its original (the rule itself is ``EditAlertRule``).
extension ArticleProcessor {
    /// Decides an edit of a seen article for one watch: its key is recorded as seen and linked to
    /// the original, the original takes its title and link and keeps its alert id, and an alert is
    /// written only as ``EditAlertRule`` says; that alert has its own id and names the original
    /// alert's id in `updates`.
    /// - Returns: the alert written, if any.
    /// - Throws: ``StateStoreError`` or the alert log's error, as ``OutboxDelivery/decideEdit(articleKey:originalKey:watch:contentHash:version:originalAlertID:alertedActorIDs:alert:at:)``.
    func decideEdit(_ incoming: IncomingArticle, originalKey: String, version: ArticleVersion,
                    watch: CompiledWatch) throws -> AlertRecord? {
        let article = incoming.article, articleKey = incoming.articleKey, origin = incoming.origin
        let original = try store.seenDecision(articleKey: originalKey, watch: watch.name)
        let evaluation = watch.evaluate(article, articleKey: articleKey, source: incoming.source, time: now())
        let rule = EditAlertRule(level: evaluation.level, actorIDs: evaluation.record.actors.map(\.id),
                                 alertedBefore: original?.alertedActorIDs)
        var record = evaluation.record
        var alert: (id: String, line: [UInt8])?
        if rule.alerts {
            record.updates = original?.alertID
            alert = (record.id, AlertEncoding.line(record))
            if alreadyLogged.contains(record.id) {
                alert = nil
                logger.info("alert already in the alert log (the state database was reset); not written again", metadata: [
                    "id": "\(record.id)", "watch": "\(watch.name)", "source": "\(origin)",
                ])
            }
        }
        let isNew = try outbox.decideEdit(articleKey: articleKey, originalKey: originalKey, watch: watch.name,
                                          contentHash: incoming.contentHash, version: version, originalAlertID: original?.alertID,
                                          alertedActorIDs: rule.alertedActorIDs, alert: alert)
        guard isNew else { return nil }
        counters.decisions += 1
        counters.updates += 1
        activity.advance(decisions: 1)
        note(Self.historySubject(source: incoming.source, articleKey: articleKey), .decided, watch: watch.name,
             level: alert == nil ? nil : evaluation.level?.rawValue, score: evaluation.decision.score, alertID: alert?.id,
             articleKey: articleKey, detail: "edit of an article already seen (alert \(original?.alertID ?? "none")): \(article.title)")
        guard let level = evaluation.level, alert != nil else {
            logger.info("edit of a seen article; no new actor, no alert", metadata: [
                "watch": "\(watch.name)", "title": "\(article.title)", "original_alert": "\(original?.alertID ?? "-")",
                "source": "\(origin)",
            ])
            return nil
        }
        counters.alertsWritten += 1
        logger.info("alert", metadata: [
            "id": "\(record.id)", "watch": "\(watch.name)", "level": "\(level.rawValue)",
            "score": "\(String(format: "%.2f", evaluation.decision.score))", "title": "\(article.title)",
            "source": "\(origin)", "updates": "\(record.updates ?? "-")", "new_actors": "\(rule.newActorIDs.joined(separator: ","))",
        ])
        return record
    }
}

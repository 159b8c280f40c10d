import Foundation
import Logging
import SeedwatchCore

/// Edits of a seen article, on the decide path: how one is decided once ``VersionLookup`` has
/// found its original (the rule itself is ``EditAlertRule``).
extension ArticleProcessor {
    /// Decides an edit of a seen article for one watch: its key is recorded as seen and linked to
    /// the original, the original takes its title and link and keeps its alert id, and an alert is
    /// written only as ``EditAlertRule`` says; that alert has its own id, names the original
    /// alert's id in `updates`, and joins the story of the original's alert (``StoryKeeper/editKeys(for:article:originalAlertID:in:)``).
    /// - Parameter normalized: ``Normalizer/sharedNormalization(of:)`` of the article, shared by every watch.
    /// - Returns: the alert written, if any.
    /// - Throws: ``StateStoreError`` or the alert log's error, as ``OutboxDelivery/decideEdit(articleKey:originalKey:watch:contentHash:version:originalAlertID:alertedActorIDs:alert:storyMember:at:)``.
    func decideEdit(_ incoming: IncomingArticle, normalized: NormalizedText?, originalKey: String, version: ArticleVersion,
                    watch: CompiledWatch) throws -> AlertRecord? {
        let article = incoming.article, articleKey = incoming.articleKey, origin = incoming.origin
        let original = try store.seenDecision(articleKey: originalKey, watch: watch.name)
        let evaluation = watch.evaluate(article, normalized: normalized, articleKey: articleKey, source: incoming.source, time: now())
        let rule = EditAlertRule(level: evaluation.level, actorIDs: evaluation.record.actors.map(\.id),
                                 alertedBefore: original?.alertedActorIDs)
        var record = evaluation.record
        var alert: (id: String, line: [UInt8])?
        var storyMember: StoryMember?
        if rule.alerts {
            record.updates = original?.alertID
            // Issue 12: the edit's alert joins the story of the original's alert.
            let (keys, member) = try stories.editKeys(for: record, article: article, normalized: normalized, leadWords: watch.storyLeadWords,
                                                                originalAlertID: original?.alertID, in: store)
            record.story = keys
            storyMember = member
            alert = (record.id, AlertEncoding.line(record))
            if alreadyLogged.contains(record.id) {
                alert = nil
                logger.info("alert already in the alert log (the state database was reset); not written again", metadata: [
                    "id": "\(record.id)", "watch": "\(watch.name)", "source": "\(origin)",
                ])
            }
        }
        // Read before the commit, which gives the original the edit's link.
        let sameLink = try isSameLink(version, asOriginal: originalKey)
        let isNew = try outbox.decideEdit(articleKey: articleKey, originalKey: originalKey, watch: watch.name,
                                          contentHash: incoming.contentHash, version: version, originalAlertID: original?.alertID,
                                          alertedActorIDs: rule.alertedActorIDs, alert: alert,
                                          storyMember: alert == nil ? nil : storyMember)
        guard isNew else { return nil }
        counters.decisions += 1
        counters.updates += 1
        activity.advance(decisions: 1)
        // The step names the article's own level and says why no alert was written ("alert, score
        // 71.50 — edit …: no new actor, not alerted again"), not "below notice".
        let sameText = try isSameText(version, asOriginal: originalKey)
        let seenAs = sameText ? "the same text as an article already seen"
            : sameLink ? "the same link as an article already seen" : "edit of an article already seen"
        let outcome = alert == nil && evaluation.level != nil ? "; no new actor, not alerted again" : ""
        note(Self.historySubject(source: incoming.source, articleKey: articleKey), .decided, watch: watch.name,
             level: evaluation.level?.rawValue, score: evaluation.decision.score, alertID: alert?.id,
             articleKey: articleKey, detail: "\(seenAs) (alert \(original?.alertID ?? "none"))\(outcome): \(article.title)")
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

    /// Whether a feed item's `version` has the original's article link (found by its link, under
    /// another GUID); always `false` for a dropped file.
    /// - Throws: ``StateStoreError``.
    private func isSameLink(_ version: ArticleVersion, asOriginal originalKey: String) throws -> Bool {
        guard let link = version.link, let originalLink = try store.articleVersion(articleKey: originalKey)?.link else { return false }
        let normalized = URIReference.normalizedLink(link)
        return ArticleUpdateMatch.isArticleLink(normalized) && normalized == URIReference.normalizedLink(originalLink)
    }

    /// Whether a dropped file's `version` was found by its text (its text hash is the original's)
    /// rather than as an edit at the same path; always `false` for a feed item.
    /// - Throws: ``StateStoreError``.
    private func isSameText(_ version: ArticleVersion, asOriginal originalKey: String) throws -> Bool {
        guard version.link == nil, let textHash = version.descriptionHash, version.scope.starts(with: Array("file:".utf8)) else { return false }
        return try store.articleVersion(articleKey: originalKey)?.descriptionHash == textHash
    }
}

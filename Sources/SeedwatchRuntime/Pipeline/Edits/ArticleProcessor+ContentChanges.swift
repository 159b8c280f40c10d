import Foundation
import Logging
import SeedwatchCore

/// A feed item read again because its content changed under the same article key (its GUID kept
/// while its title or text is edited), as Miniflux updates an entry whose content changed: it may
/// now match, and "never miss one" means it is looked at; "never alert twice" means an item that
/// alerted before does not alert again.
extension ArticleProcessor {
    /// Decides a seen article whose content changed (``IncomingArticle/rereadsChangedContent``) for
    /// one watch: evaluated again; when it reaches `notice` and never alerted for the watch, its
    /// alert is committed with the new content hash (the alert id is the article's, as if it had
    /// alerted the first time) and delivered once; otherwise only the content hash is updated and
    /// the history notes an `updated` step.
    /// - Parameters:
    ///   - normalized: ``Normalizer/sharedNormalization(of:)`` of the article, shared by every watch.
    ///   - mark: the seen mark read for the watch.
    /// - Returns: the alert written, if any.
    /// - Throws: ``StateStoreError`` or the alert log's error, as ``OutboxDelivery/decideContentChange(articleKey:watch:previousHash:contentHash:alert:alertedActorIDs:storyMember:at:)``.
    func decideContentChange(_ incoming: IncomingArticle, normalized: NormalizedText?, mark: StateStore.SeenMark,
                             watch: CompiledWatch) throws -> AlertRecord? {
        let article = incoming.article, articleKey = incoming.articleKey, origin = incoming.origin
        var evaluation = watch.evaluate(article, normalized: normalized, articleKey: articleKey, source: incoming.source, time: now())
        var alert: (id: String, line: [UInt8])?
        var storyMember: StoryMember?
        if mark.alertID == nil, evaluation.level != nil {
            let (keys, member) = try stories.keys(for: evaluation.record, article: article, normalized: normalized,
                                                leadWords: watch.storyLeadWords, in: store)
            evaluation.record.story = keys
            storyMember = member
            alert = (evaluation.record.id, AlertEncoding.line(evaluation.record))
            if alreadyLogged.contains(evaluation.record.id) {
                alert = nil
                logger.info("alert already in the alert log (the state database was reset); not written again", metadata: [
                    "id": "\(evaluation.record.id)", "watch": "\(watch.name)", "source": "\(origin)",
                ])
            }
        }
        let changed = try outbox.decideContentChange(articleKey: articleKey, watch: watch.name, previousHash: mark.contentHash,
                                                     contentHash: incoming.contentHash, alert: alert,
                                                     alertedActorIDs: alert == nil ? nil : evaluation.record.actors.map(\.id),
                                                     storyMember: alert == nil ? nil : storyMember, at: now())
        guard changed else { return nil }
        counters.updates += 1
        activity.advance(decisions: 1)
        let subject = Self.historySubject(source: incoming.source, articleKey: articleKey)
        guard let level = evaluation.level, let alert else {
            let why = mark.alertID.map { "alerted before (alert \($0)), not alerted again" }
                ?? (evaluation.level == nil ? "still below notice" : "its alert is already in the alert log")
            note(subject, .updated, watch: watch.name, score: evaluation.decision.score, articleKey: articleKey,
                 detail: "content changed under the same GUID, read again: \(why) — \(article.title)")
            logger.info("seen item changed under the same GUID; read again, no alert", metadata: [
                "watch": "\(watch.name)", "title": "\(article.title)", "alert": "\(mark.alertID ?? "-")", "source": "\(origin)",
            ])
            return nil
        }
        counters.decisions += 1
        counters.alertsWritten += 1
        note(subject, .decided, watch: watch.name, level: level.rawValue, score: evaluation.decision.score, alertID: alert.id,
             articleKey: articleKey, detail: "content changed under the same GUID, read again: \(article.title)")
        logger.info("alert", metadata: [
            "id": "\(alert.id)", "watch": "\(watch.name)", "level": "\(level.rawValue)",
            "score": "\(String(format: "%.2f", evaluation.decision.score))", "title": "\(article.title)",
            "source": "\(origin)", "reason": "content changed under the same GUID",
        ])
        return evaluation.record
    }
}

extension OutboxDelivery {
    /// Commits a seen article's content change
    /// (``StateStore/commitContentChange(articleKey:watch:previousHash:contentHash:alertID:alertLine:alertedActorIDs:storyMember:at:)``)
    /// and, when it carries an alert, delivers the alert (inside a batch: after the batch commits).
    /// - Returns: `true` when the change was recorded (and its alert, if any, delivered or queued).
    /// - Throws: ``StateStoreError`` when nothing could commit, or the delivery's error (the
    ///   decision stands and the alert stays pending for ``reconcile()``).
    @discardableResult
    package func decideContentChange(articleKey: String, watch: String, previousHash: String, contentHash: String,
                                     alert: (id: String, line: [UInt8])?, alertedActorIDs: [String]?,
                                     storyMember: StoryMember? = nil, at: Date = Date()) throws -> Bool {
        let changed = try store.commitContentChange(articleKey: articleKey, watch: watch, previousHash: previousHash,
                                                    contentHash: contentHash, alertID: alert?.id, alertLine: alert?.line,
                                                    alertedActorIDs: alertedActorIDs, storyMember: storyMember, at: at)
        guard changed else { return false }
        if let alert, !store.isInBatch {
            try deliver(alertID: alert.id, line: alert.line)
        }
        return true
    }
}

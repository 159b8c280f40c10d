import Foundation
import Logging
import SeedwatchCore

/// The one decide path (DESIGN §7): an ``IncomingArticle`` → a decision per watch, committed with
/// its pending alert in one transaction, then the alert line appended.
extension ArticleProcessor {
    /// Decides `incoming` for every watch not yet decided.
    ///
    /// With an ``IncomingArticle/earlierVersion`` lookup, an article whose key is not yet seen is
    /// first compared with the stored versions of its feed or path: an edit of a seen article is
    /// decided by ``decideEdit(_:originalKey:version:watch:)``; otherwise the article is decided as
    /// new, with its secondary keys recorded. An article marked
    /// ``IncomingArticle/recordWithoutAlert`` is recorded as seen without matching.
    /// - Parameter quiet: log failed decisions at ERROR only when false (a retry of a deferred file
    ///   logs nothing new).
    /// - Returns: the alerts written, the watches whose decision failed, and the original's key
    ///   when the article is an edit of a seen article.
    func decision(for given: IncomingArticle, quiet: Bool) -> ArticleDecision {
        if given.recordWithoutAlert { return recordWithoutAlert(given) }
        var incoming = given
        let origin = incoming.origin
        var result = ArticleDecision()
        let lookup = incoming.earlierVersion
        // Each watch's seen mark, read once (the edit lookup below only reads the store).
        var marks = watches.map { watch in Result { try store.seenMark(articleKey: incoming.articleKey, watch: watch.name) } }
        do {
            // A seen feed item whose content changed may be another article under a reused GUID
            // (tryout F19): it is then known by its link, and decided under that key.
            if let lookup, incoming.rereadsChangedContent,
               marks.contains(where: { result in (try? result.get()).map { $0.contentHash != incoming.contentHash } ?? false }),
               try rekeyIfGUIDReused(&incoming, lookup: lookup) {
                marks = watches.map { watch in Result { try store.seenMark(articleKey: incoming.articleKey, watch: watch.name) } }
            }
            if let lookup, marks.contains(where: { (try? $0.get()) == nil }) {
                result.originalKey = try lookup.original(of: incoming.articleKey, in: store)
            }
        } catch {
            counters.errors += 1
            if !quiet {
                logger.error("decision failed; it will be retried", metadata: ["source": "\(origin)", "error": "\(error)"])
            }
            var failed = ArticleDecision(failures: watches.count)
            failed.failureCause = Self.cause(of: error)
            firstFailureCause = firstFailureCause ?? failed.failureCause
            return failed
        }
        let articleKey = incoming.articleKey
        // The article's text, normalised once for every watch's matcher and story signature, when
        // some watch has not decided it yet (not kept for a long article: ``Normalizer/sharedNormalization(of:)``).
        var normalizedText: NormalizedText??
        for (watch, mark) in zip(watches, marks) {
            do {
                if let mark = try mark.get() {
                    // Seen: read again only when its content changed under the same key.
                    guard incoming.rereadsChangedContent, mark.contentHash != incoming.contentHash else { continue }
                    // A mark from a release before source hashes holds the extracted text's hash: the
                    // item's source hash is recorded on first sight, and the item is not read again
                    // (a release that reads HTML differently would make every item look edited).
                    if FeedItemSource.isSourceHash(incoming.contentHash) && !FeedItemSource.isSourceHash(mark.contentHash) {
                        try store.commitContentChange(articleKey: articleKey, watch: watch.name, previousHash: mark.contentHash,
                                                      contentHash: incoming.contentHash, alertID: nil, alertLine: nil, at: now())
                        continue
                    }
                    let normalized = normalizedText ?? Normalizer.sharedNormalization(of: incoming.article)
                    normalizedText = .some(normalized)
                    if let record = try decideContentChange(incoming, normalized: normalized, mark: mark, watch: watch) {
                        result.alerts.append(record)
                    }
                    continue
                }
                let normalized = normalizedText ?? Normalizer.sharedNormalization(of: incoming.article)
                normalizedText = .some(normalized)
                if let lookup, let originalKey = result.originalKey {
                    if let record = try decideEdit(incoming, normalized: normalized, originalKey: originalKey, version: lookup.version,
                                                   watch: watch) {
                        result.alerts.append(record)
                    }
                    continue
                }
                if let record = try decideNew(incoming, normalized: normalized, version: lookup?.version, watch: watch) {
                    result.alerts.append(record)
                }
            } catch {
                counters.errors += 1
                result.failures += 1
                result.failureCause = Self.cause(of: error)
                firstFailureCause = firstFailureCause ?? result.failureCause
                if !quiet {
                    logger.error("decision failed; it will be retried", metadata: ["source": "\(origin)", "watch": "\(watch.name)", "error": "\(error)"])
                }
            }
        }
        if let original = result.originalKey, let document = lookup?.document {
            do {
                try document.refresh(original: original, in: store)
            } catch {
                counters.errors += 1
                logger.error("cannot read an edited article's stored title", metadata: ["source": "\(origin)", "error": "\(error)"])
            }
        }
        return result
    }

    /// Re-keys `incoming` (a seen feed item whose content changed) when its GUID names another
    /// article than the one stored under it (``VersionLookup/reusedKey(_:in:)``): its article key
    /// becomes the feed's key of its link, its history says why, and one WARNING names the GUID.
    /// - Returns: whether it was re-keyed.
    /// - Throws: ``StateStoreError``.
    private func rekeyIfGUIDReused(_ incoming: inout IncomingArticle, lookup: VersionLookup) throws -> Bool {
        guard let reused = try lookup.reusedKey(incoming.articleKey, in: store) else { return false }
        let guid = FeedItemReference.itemKey(ofArticleKey: incoming.articleKey) ?? "-"
        logger.warning("feed item GUID names another article than before; the item is known by its link", metadata: [
            "feed": "\(incoming.origin)", "guid": "\(guid)", "link": "\(lookup.version.link ?? "-")", "former_link": "\(reused.formerLink)"])
        incoming.articleKey = reused.key
        incoming.keyNote = "GUID \(guid) named another article before (\(reused.formerLink)): a new article, known by its link"
        return true
    }

    /// What went wrong, for a history line: a state error's ``StateStoreError/cause`` (no path),
    /// else the error's description (the alert log's names its file and `errno`).
    package static func cause(of error: any Error) -> String {
        (error as? StateStoreError)?.cause ?? "\(error)"
    }

    /// The cause to name for `error` in a deferral: the first failure since ``firstFailureCause``
    /// was cleared (a group commit's or a retry's start), else `error`'s own (``cause(of:)``).
    /// After `SQLITE_FULL` SQLite aborts the rest of the transaction, and the later errors say only
    /// "Transaction was aborted": the first one says what happened.
    func failureCause(of error: any Error) -> String {
        let cause = firstFailureCause ?? Self.cause(of: error)
        firstFailureCause = cause
        return cause
    }

    /// Decides an article seen for the first time (not an edit) for one watch.
    /// - Parameters:
    ///   - normalized: ``Normalizer/sharedNormalization(of:)`` of the article, shared by every watch.
    ///   - version: its secondary keys, recorded with the decision when the source has earlier versions.
    /// - Returns: the alert written, if any.
    /// - Throws: ``StateStoreError`` or the alert log's error, as ``OutboxDelivery/decide(articleKey:watch:contentHash:alert:version:alertedActorIDs:at:)``.
    private func decideNew(_ incoming: IncomingArticle, normalized: NormalizedText?, version: ArticleVersion?,
                           watch: CompiledWatch) throws -> AlertRecord? {
        let article = incoming.article, articleKey = incoming.articleKey, origin = incoming.origin
        var evaluation = watch.evaluate(article, normalized: normalized, articleKey: articleKey, source: incoming.source, time: now())
        // Issue 12: an alert joins the story of an earlier one (its member is recorded once committed).
        var storyMember: StoryMember?
        if evaluation.level != nil {
            let (keys, member) = try stories.keys(for: evaluation.record, article: article, normalized: normalized,
                                                leadWords: watch.storyLeadWords, in: store)
            evaluation.record.story = keys
            storyMember = member
        }
        var alert: (id: String, line: [UInt8])? = evaluation.level.map { _ in
            (evaluation.record.id, AlertEncoding.line(evaluation.record))
        }
        // The state database was reset: the alert is in the log already. Its id is kept in the
        // seen mark (the article alerted), so that a later content change or edit does not write it again.
        var loggedAlertID: String?
        if let id = alert?.id, alreadyLogged.contains(id) {
            alert = nil
            loggedAlertID = id
            logger.info("alert already in the alert log (the state database was reset); not written again", metadata: [
                "id": "\(id)", "watch": "\(watch.name)", "source": "\(origin)",
            ])
        }
        let alertedActors = version == nil ? nil : (evaluation.level == nil ? [] : evaluation.record.actors.map(\.id))
        let isNew = try outbox.decide(articleKey: articleKey, watch: watch.name, contentHash: incoming.contentHash, alert: alert,
                                      version: version, alertedActorIDs: alertedActors,
                                      storyMember: alert == nil ? nil : storyMember, loggedAlertID: loggedAlertID)
        guard isNew else { return nil }
        counters.decisions += 1
        activity.advance(decisions: 1)
        note(Self.historySubject(source: incoming.source, articleKey: articleKey), .decided, watch: watch.name,
             level: alert == nil && loggedAlertID == nil ? nil : evaluation.level?.rawValue, score: evaluation.decision.score,
             alertID: alert?.id ?? loggedAlertID, articleKey: articleKey,
             detail: (incoming.keyNote.map { "\($0): " } ?? "")
                + (loggedAlertID == nil ? article.title : "alert already in the alert log (the state database was reset), not written again: \(article.title)"))
        guard let level = evaluation.level, alert != nil else {
            logger.debug("no alert", metadata: ["watch": "\(watch.name)", "score": "\(evaluation.decision.score)", "source": "\(origin)"])
            return nil
        }
        counters.alertsWritten += 1
        logger.info("alert", metadata: [
            "id": "\(evaluation.record.id)", "watch": "\(watch.name)", "level": "\(level.rawValue)",
            "score": "\(String(format: "%.2f", evaluation.decision.score))", "title": "\(article.title)",
            "source": "\(origin)",
        ])
        return evaluation.record
    }

    /// Records `incoming` as seen for every watch without matching it and without an alert (a
    /// feed's first fetch absorbing items older than `max_age`; an item decided already under the
    /// URL of a feed that moved to this one).
    private func recordWithoutAlert(_ incoming: IncomingArticle) -> ArticleDecision {
        var result = ArticleDecision()
        let version = incoming.earlierVersion?.version
        var recorded = false
        for watch in watches {
            do {
                recorded = try outbox.decide(articleKey: incoming.articleKey, watch: watch.name, contentHash: incoming.contentHash,
                                             alert: nil, version: version, alertedActorIDs: version == nil ? nil : []) || recorded
            } catch {
                counters.errors += 1
                result.failures += 1
                logger.error("cannot record seen article", metadata: ["source": "\(incoming.origin)", "watch": "\(watch.name)", "error": "\(error)"])
            }
        }
        if recorded {
            let reason = incoming.decidedUnderFormerURL.map {
                incoming.formerURLRespelled ? "decided already as an item of \($0), this feed's URL spelled otherwise"
                    : "decided already as an item of \($0), which moved here"
            }
                ?? "older than max_age at the feed's first fetch"
            note(Self.historySubject(source: incoming.source, articleKey: incoming.articleKey), .recorded,
                 articleKey: incoming.articleKey, detail: "\(reason): seen, not matched — \(incoming.article.title)")
        }
        return result
    }
}

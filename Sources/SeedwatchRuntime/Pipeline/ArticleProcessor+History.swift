import Foundation
import Logging
import SeedwatchCore

/// The pipeline's side of `seedwatch why`: each step of a file or feed item is noted as an
/// ``ArticleEvent`` and written once per file or item (``flushHistory()``). A history write that
/// fails is logged at DEBUG and never stops or defers the article: it is a record, not state.
extension ArticleProcessor {
    /// Notes one step of `subject` (see ``ArticleEvent``), stamped with the processor's clock.
    func note(_ subject: [UInt8], _ kind: ArticleEvent.Kind, watch: String? = nil, level: String? = nil, score: Double? = nil,
              alertID: String? = nil, articleKey: String? = nil, detail: String? = nil) {
        history.append(ArticleEvent(subject: subject, at: now(), kind: kind, watch: watch, level: level, score: score,
                                    alertID: alertID, articleKey: articleKey, detail: detail))
    }

    /// The subject an article's events are filed under: a dropped file's path, else the feed
    /// item's link, else its article key.
    static func historySubject(source: AlertSource, articleKey: String) -> [UInt8] {
        if source.kind == .file, let path = source.path { return path }
        return Array((source.url ?? articleKey).utf8)
    }

    /// Forgets the `decided` and `recorded` events noted since `start` (an index into the noted
    /// events): their group's transaction failed, so those decisions never happened and are made
    /// again by the retry. The other steps (seen, read, deferred) stay, to be written.
    func discardUncommittedDecisions(notedSince start: Int) {
        guard start < history.count else { return }
        history[start...].removeAll { $0.kind == .decided || $0.kind == .recorded || $0.kind == .updated }
    }

    /// Writes the noted events. Inside a group commit they wait for its end (the history is
    /// written on its own, never in a decisions' transaction).
    func flushHistory() {
        guard !history.isEmpty, !store.isInBatch else { return }
        let events = history
        history.removeAll()
        do {
            try store.recordEvents(events)
        } catch {
            logger.debug("cannot record history", metadata: ["error": "\(error)"])
        }
    }
}

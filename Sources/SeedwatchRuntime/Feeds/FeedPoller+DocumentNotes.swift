import Foundation
import Logging
import SeedwatchCore

/// What a fetched document tells about its feed beyond its items, kept in the feed's state and
/// shown by `seedwatch feeds`: GUIDs found naming other articles (tryout F19) and a document that
/// was not well-formed XML, read by recovery (tryout F26).
extension FeedPoller {
    /// Updates `state` after the items of a 200 document were decided:
    /// - when an item's GUID was found naming another article than before (``FeedPollReport/reusedGUIDs``),
    ///   the feed is marked ``FeedHTTPState/guidUnreliableSince`` (once; logged at WARNING): its items
    ///   are keyed by their link from the next document on;
    /// - when the document was not well-formed XML and its items were recovered
    ///   (``FeedStream/illFormed``), ``FeedHTTPState/parseWarning`` says where and how many items were
    ///   kept, logged at WARNING when the note is new; a well-formed document clears it.
    func noteDocumentIdentity(_ feed: SeedwatchConfiguration.Feed, items: FeedStream, report: inout FeedPollReport,
                              state: inout FeedHTTPState, now: Date) {
        if !report.reusedGUIDs.isEmpty, state.guidUnreliableSince == nil {
            state.guidUnreliableSince = now
            logger.warning("feed GUIDs are unreliable (one was reused for another article); its items are known by their link from now on",
                           metadata: ["feed": "\(feed.url)", "guids": "\(report.reusedGUIDs.joined(separator: ", "))"])
        }
        guard let illFormed = items.illFormed else {
            if state.parseWarning != nil {
                logger.info("feed document is well-formed again", metadata: ["feed": "\(feed.url)"])
            }
            state.parseWarning = nil
            return
        }
        let note = Self.parseWarning(line: illFormed.line, message: illFormed.message, recovered: items.count)
        report.parseWarning = note
        if state.parseWarning != note {
            logger.warning("feed document is not well-formed XML; the items before the fault were recovered", metadata: [
                "feed": "\(feed.url)", "line": "\(illFormed.line)", "error": "\(illFormed.message)", "items_recovered": "\(items.count)"])
        }
        state.parseWarning = note
    }

    /// The note `seedwatch feeds` shows for a recovered document: "ill-formed XML at line 14
    /// (Premature end of data in tag description line 12), recovered 2 items".
    package static func parseWarning(line: Int, message: String, recovered: Int) -> String {
        "ill-formed XML at line \(line) (\(message)), recovered \(recovered) item\(recovered == 1 ? "" : "s")"
    }
}

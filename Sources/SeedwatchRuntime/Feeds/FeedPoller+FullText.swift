import Foundation
import Logging
import SeedwatchCore

/// `full_text: true`: an item's page read in place of a short summary, unless it is a consent
/// wall, a login page or a paywall teaser (``FullTextCheck``).
extension FeedPoller {
    /// The body to match for `item` from its page at `link`: the page's text, with the summary
    /// before it unless the page holds it (``FullTextCheck/body(page:summary:)``). `nil` — the
    /// summary alone is matched — when the page cannot be fetched or read, or is not the article;
    /// the reason is logged at debug level.
    /// - Parameter articleKey: the item's article key, recorded with the history so that `why` names the feed.
    func fullText(of item: FeedItem, link: String, articleKey: String, feed: SeedwatchConfiguration.Feed) async -> String? {
        func skip(_ reason: String, status: Int = 0) -> String? {
            logger.debug("full text not used; matching the summary", metadata: [
                "feed": "\(feed.url)", "link": "\(link)", "reason": "\(reason)", "status": "\(status)"])
            // `seedwatch why LINK` shows it too. History is a record for people: a failure to write it
            // is logged and changes nothing else.
            do {
                try store.recordEvents([ArticleEvent(subject: Array(link.utf8), at: Date(), kind: .fullTextNotUsed,
                                                     articleKey: articleKey, detail: "not used, the summary is matched: \(reason)")])
            } catch {
                logger.debug("history not recorded", metadata: ["link": "\(link)", "error": "\(error)"])
            }
            return nil
        }
        let response = await fetcher.fetch(FeedRequest(url: link, maxBytes: feed.maxBytes))
        if let error = response.error { return skip(error.description, status: response.status) }
        guard response.status == 200 else { return skip("HTTP \(response.status)", status: response.status) }
        let body: [UInt8]
        do {
            body = try FeedBody.unpacked(response.body, from: link, maxBytes: feed.maxBytes)
        } catch {
            return skip("\(error)", status: response.status)
        }
        let document = Document(bytes: body, origin: .feed(feedURL: feed.url), nameHint: "item.html",
                                contentType: response.contentType, baseURL: response.finalURL)
        guard let page = try? DocumentReader.items(of: document).first?.article, !page.body.isEmpty else {
            return skip("no text could be extracted from the page", status: response.status)
        }
        if let rejection = FullTextCheck.rejection(page: page, pageURL: response.finalURL, itemTitle: item.title, summary: item.summary) {
            return skip(rejection.description, status: response.status)
        }
        return FullTextCheck.body(page: page.body, summary: item.summary)
    }
}

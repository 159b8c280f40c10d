import Foundation
import SeedwatchCore

/// One article as a source hands it to the pipeline: the intake seam.
///
/// Every source turns what arrives into ``Document``s, reads them with ``DocumentReader`` and
/// hands each article to ``ArticleProcessor/decide(_:)`` as an `IncomingArticle`: the drop folder
/// (``DroppedFile``), feeds (``FeedIntake``). A new kind of source (an IMAP mailbox, a sitemap) is
/// one folder that builds these, plus one ``Document/Origin`` case; nothing after it changes.
package struct IncomingArticle: Sendable {
    /// The article to match.
    package var article: Article
    /// Its article key (DESIGN §7): what makes it seen.
    package var articleKey: String
    /// Hex SHA-256 of what arrived (a file's bytes; a feed item's ``FeedItem/sourceHash``: its title
    /// and body as the feed gave them), stored with the seen mark.
    package var contentHash: String
    /// The alert's `source` (DESIGN §6).
    package var source: AlertSource
    /// Where it came from, for log lines: the path or the feed's URL.
    package var origin: String
    /// How to find the seen article this one may be an edit of; `nil` when the source has no
    /// earlier versions to look at.
    package var earlierVersion: VersionLookup?
    /// Record it as seen for every watch without matching it and without an alert: how a feed's
    /// first fetch absorbs items older than `max_age` (no backlog flood).
    package var recordWithoutAlert: Bool
    /// Set with ``recordWithoutAlert`` when the item was decided already under the configured URL
    /// of a feed that a permanent redirect moved to this feed's URL (the history says so).
    package var decidedUnderFormerURL: String? = nil
    /// With ``decidedUnderFormerURL``: that feed is this one's URL spelled otherwise (`http`/`https`,
    /// `www.`, a trailing `/`) rather than moved here by a redirect.
    package var formerURLRespelled = false
    /// Read it again when it is seen already but its content (``contentHash``: title and body)
    /// changed under the same article key — a feed item that keeps its GUID while its text is
    /// edited. Set by the feed poller for items not older than the feed's `max_age`; a dropped
    /// file's key is its content, so it never needs this.
    package var rereadsChangedContent = false
    /// Why the article is decided under this key rather than the one its source gave (a GUID found
    /// naming another article: the item is known by its link), for its history; set by
    /// ``ArticleProcessor`` when it re-keys the article.
    package var keyNote: String? = nil

    package init(article: Article, articleKey: String, contentHash: String, source: AlertSource, origin: String,
                earlierVersion: VersionLookup? = nil, recordWithoutAlert: Bool = false) {
        self.article = article
        self.articleKey = articleKey
        self.contentHash = contentHash
        self.source = source
        self.origin = origin
        self.earlierVersion = earlierVersion
        self.recordWithoutAlert = recordWithoutAlert
    }

    /// The article evaluated by each of `watches` at `time`, touching no state: what `seedwatch
    /// scan` and `seedwatch feeds check` print for the articles the daemon's intakes would decide.
    package func evaluations(by watches: [CompiledWatch], at time: Date) -> [(watch: CompiledWatch, evaluation: ArticleEvaluation)] {
        evaluations(by: watches, normalized: Normalizer.sharedNormalization(of: article), at: time)
    }

    /// ``evaluations(by:at:)`` with the article's text normalised once by the caller
    /// (``Normalizer/sharedNormalization(of:)`` of ``article``), who also reads it for the story
    /// signature; `nil` for a long article: each matcher normalises it.
    package func evaluations(by watches: [CompiledWatch], normalized: NormalizedText?,
                             at time: Date) -> [(watch: CompiledWatch, evaluation: ArticleEvaluation)] {
        watches.map { ($0, $0.evaluate(article, normalized: normalized, articleKey: articleKey, source: source, time: time)) }
    }
}

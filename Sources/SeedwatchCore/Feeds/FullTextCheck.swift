import Foundation

/// Whether a page fetched for a feed item (`full_text: true`) is the item's article, and the text
/// matched then. A consent wall, a login page or a paywall teaser must not replace the item's
/// summary: an item whose summary alone alerts would be lost without a word.
///
/// A page is **not used** when:
/// - its text (page title and body) does not contain the item's title, compared as
///   ``TitleSimilarity/comparable(_:)`` (case folded, punctuation as spaces), and the page's own
///   title is not similar to it either (``TitleSimilarity/score(_:_:)`` < 0.8);
/// - its body has fewer than half as many characters as the summary;
/// - it looks like a consent or login page: its URL (after redirects) is on a `consent.` /
///   `login.` / `accounts.` host or has a `/consent`, `/login`, `/signin`, `/subscribe`,
///   `/paywall` path segment; or its body is under ``shortPage`` characters and holds two or more
///   of the ``wallPhrases``.
///
/// Either way the summary is matched: a used page is matched with the summary before it unless
/// the page already contains the summary's text.
public enum FullTextCheck {
    /// Why a fetched page is not used.
    public enum Rejection: Sendable, Hashable, CustomStringConvertible {
        case titleMissing
        case shorterThanSummary(pageCharacters: Int, summaryCharacters: Int)
        case consentOrLogin(evidence: String)

        public var description: String {
            switch self {
            case .titleMissing: return "the page does not contain the item's title"
            case .shorterThanSummary(let page, let summary):
                return "the page (\(page) characters) is much shorter than the summary (\(summary) characters)"
            case .consentOrLogin(let evidence): return "the page looks like a consent or login page (\(evidence))"
            }
        }
    }

    /// Pages with a body under this many characters are checked for ``wallPhrases``.
    public static let shortPage = 3000

    /// Phrases of cookie-consent dialogs, login forms and paywalls, compared as
    /// ``TitleSimilarity/comparable(_:)`` text (lower case, punctuation as spaces).
    public static let wallPhrases = [
        "cookie", "cookies", "consent", "accept all", "reject all", "manage preferences", "privacy settings", "we value your privacy",
        "sign in", "log in", "create an account", "create a free account", "already a subscriber", "subscribe to continue",
        "subscribe to read", "to continue reading", "subscribers only", "paywall", "enable javascript", "verify you are human",
    ]

    private static let wallHosts = ["consent.", "login.", "accounts.", "signin."]
    private static let wallPathSegments = ["consent", "login", "signin", "sign-in", "subscribe", "paywall", "gdpr"]

    /// Why `page` should not be used for an item, or `nil` when it may.
    /// - Parameters:
    ///   - page: the article extracted from the fetched page.
    ///   - pageURL: where the page came from, after redirects.
    ///   - itemTitle: the feed item's title.
    ///   - summary: the feed item's summary text.
    public static func rejection(page: Article, pageURL: String, itemTitle: String, summary: String) -> Rejection? {
        if let evidence = wallURL(pageURL) { return .consentOrLogin(evidence: evidence) }
        let body = comparableText(page.body)
        let bodyCount = page.body.count, summaryCount = summary.count
        if bodyCount * 2 < summaryCount {
            return .shorterThanSummary(pageCharacters: bodyCount, summaryCharacters: summaryCount)
        }
        if bodyCount < shortPage {
            let found = wallPhrases.filter { contains(body, comparableText($0)) }
            if found.count >= 2 { return .consentOrLogin(evidence: found.prefix(3).map { "\"\($0)\"" }.joined(separator: ", ")) }
        }
        let title = TitleSimilarity.comparable(itemTitle)
        if !title.isEmpty, !contains(body, title), !contains(TitleSimilarity.comparable(page.title), title),
           TitleSimilarity.score(page.title, itemTitle) < TitleSimilarity.updateThreshold {
            return .titleMissing
        }
        return nil
    }

    /// The body matched for an item whose page was used: the page, preceded by the summary unless
    /// the page already holds the summary's text (compared as comparable text, a trailing "…" or
    /// "[…]" ignored).
    public static func body(page: String, summary: String) -> String {
        var trimmed = summary.trimmingCharacters(in: .whitespacesAndNewlines)
        for tail in ["[…]", "[...]", "…", "..."] where trimmed.hasSuffix(tail) { trimmed = String(trimmed.dropLast(tail.count)); break }
        let summaryText = comparableText(trimmed)
        if summaryText.isEmpty || contains(comparableText(page), summaryText) { return page }
        return summary + "\n" + page
    }

    /// The URL's host or path segment that names a consent or login step, or `nil`.
    static func wallURL(_ url: String) -> String? {
        let reference = URIReference(url)
        let host = (reference.authority ?? "").lowercased()
        if let prefix = wallHosts.first(where: { host.hasPrefix($0) || host.contains("." + $0) }) { return "host \(prefix)…" }
        let segments = reference.path.lowercased().split(separator: "/")
        if let segment = segments.first(where: { wallPathSegments.contains(String($0)) }) { return "path /\(segment)" }
        return nil
    }

    private static func comparableText(_ text: String) -> [Unicode.Scalar] {
        TitleSimilarity.comparable(text)
    }

    /// Whether `needle` occurs in `haystack` on word boundaries (both comparable text).
    private static func contains(_ haystack: [Unicode.Scalar], _ needle: [Unicode.Scalar]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        let first = needle[0]
        var i = 0
        while i + needle.count <= haystack.count {
            if haystack[i] == first, i == 0 || haystack[i - 1] == " ",
               i + needle.count == haystack.count || haystack[i + needle.count] == " ",
               haystack[i..<(i + needle.count)].elementsEqual(needle) {
                return true
            }
            i += 1
        }
        return false
    }
}

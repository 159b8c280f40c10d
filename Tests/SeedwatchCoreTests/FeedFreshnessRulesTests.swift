import Foundation
import Testing
@testable import SeedwatchCore

/// Validators that are not sent back, the stale-304 rule, quiet feeds and full-text pages.
@Suite("Conditional requests, quiet feeds and full-text checks")
struct FeedFreshnessRulesTests {
    static let now = Date(timeIntervalSince1970: 1_787_288_400)  // 2026-08-21T05:00:00Z

    @Test("a Last-Modified in the future or before 1995 is withheld; the ETag is sent")
    func implausibleLastModified() {
        let recent = Self.now.addingTimeInterval(-3600)
        let future = ConditionalRequest(etag: "\"e\"", lastModified: "Tue, 01 Jan 2041 00:00:00 GMT", lastFullFetch: recent, now: Self.now, staleAfter: 86_400)
        #expect(future.etag == "\"e\"")
        #expect(future.lastModified == nil)
        #expect(future.withheld == .implausibleLastModified("Tue, 01 Jan 2041 00:00:00 GMT"))
        let epoch = ConditionalRequest(etag: nil, lastModified: "Thu, 01 Jan 1970 00:00:00 GMT", lastFullFetch: recent, now: Self.now, staleAfter: 86_400)
        #expect(epoch.lastModified == nil)
        #expect(ConditionalRequest.isPlausible(lastModified: "Fri, 21 Aug 2026 05:59:00 GMT", now: Self.now))
        #expect(!ConditionalRequest.isPlausible(lastModified: "Fri, 21 Aug 2026 06:00:01 GMT", now: Self.now))
        #expect(ConditionalRequest.isPlausible(lastModified: "Sun, 01 Jan 1995 00:00:00 GMT", now: Self.now))
        #expect(!ConditionalRequest.isPlausible(lastModified: "Sat, 31 Dec 1994 23:59:59 GMT", now: Self.now))
        #expect(ConditionalRequest.isPlausible(lastModified: "yesterday", now: Self.now))
        let fine = ConditionalRequest(etag: "\"e\"", lastModified: "Fri, 21 Aug 2026 04:00:00 GMT", lastFullFetch: recent, now: Self.now, staleAfter: 86_400)
        #expect(fine == ConditionalRequest(etag: "\"e\"", lastModified: "Fri, 21 Aug 2026 04:00:00 GMT", withheld: nil))
    }

    @Test("after stale_after of 304s since the last 200, or with no 200 recorded, no validator is sent")
    func staleAfter() {
        let old = Self.now.addingTimeInterval(-86_401)
        let stale = ConditionalRequest(etag: "\"e\"", lastModified: "Fri, 21 Aug 2026 04:00:00 GMT", lastFullFetch: old, now: Self.now, staleAfter: 86_400)
        #expect(stale == ConditionalRequest(etag: nil, lastModified: nil, withheld: .stale(since: old)))
        #expect(ConditionalRequest(etag: "\"e\"", lastModified: nil, lastFullFetch: nil, now: Self.now, staleAfter: 86_400).etag == nil)
        #expect(ConditionalRequest(etag: nil, lastModified: nil, lastFullFetch: nil, now: Self.now, staleAfter: 86_400).withheld == nil)
        #expect(ConditionalRequest(etag: "\"e\"", lastModified: nil, lastFullFetch: Self.now.addingTimeInterval(-86_400), now: Self.now,
                                   staleAfter: 86_400).etag == "\"e\"")
    }

    @Test("a feed is quiet after three of its usual (90th percentile) gaps, at least 12 h; short histories say nothing")
    func quietness() throws {
        let hourly = (0..<24).map { Self.now.addingTimeInterval(Double(-$0) * 3600 - 7200) }
        let bursts = hourly + hourly.map { $0.addingTimeInterval(30) }
        let recent = try #require(FeedQuietness(firstSeen: bursts, now: Self.now))
        #expect(recent.usualGap == 3600)
        #expect(recent.threshold == 12 * 3600)
        #expect(recent.lastArrival == Self.now.addingTimeInterval(-7200))
        #expect(!recent.isQuiet)
        let daily = (0..<10).map { Self.now.addingTimeInterval(Double(-$0) * 86_400 - 4 * 86_400) }
        let frozen = try #require(FeedQuietness(firstSeen: daily, now: Self.now))
        #expect(frozen.usualGap == 86_400)
        #expect(frozen.threshold == 3 * 86_400)
        #expect(frozen.isQuiet)
        #expect(FeedQuietness(firstSeen: Array(daily.prefix(4)), now: Self.now) == nil)
    }

    static let summary = "Russia and North Korea signed a mutual defence treaty in Pyongyang on Wednesday."

    @Test("full-text pages: consent walls, login URLs, pages without the title and much shorter pages are not used")
    func fullTextRejections() {
        let consent = Article(title: "Before you continue", body: "We use cookies and data to deliver our services.\nAccept all\nReject all")
        #expect(FullTextCheck.rejection(page: consent, pageURL: "https://news.example/world/1", itemTitle: "Putin visits Pyongyang", summary: Self.summary)
                == .consentOrLogin(evidence: "\"cookies\", \"accept all\", \"reject all\""))
        let article = Article(title: "Putin visits Pyongyang | News",
                              body: "Putin visits Pyongyang. " + String(repeating: "Russia and North Korea agreed on many things. ", count: 5))
        #expect(FullTextCheck.rejection(page: article, pageURL: "https://consent.example.com/?continue=x", itemTitle: "Putin visits Pyongyang",
                                        summary: Self.summary) == .consentOrLogin(evidence: "host consent.…"))
        #expect(FullTextCheck.rejection(page: article, pageURL: "https://news.example/account/login?next=/1", itemTitle: "Putin visits Pyongyang",
                                        summary: Self.summary) == .consentOrLogin(evidence: "path /login"))
        #expect(FullTextCheck.rejection(page: article, pageURL: "https://news.example/world/1", itemTitle: "Putin visits Pyongyang", summary: Self.summary) == nil)
        let other = Article(title: "Home", body: String(repeating: "Markets rallied on Tuesday after the central bank decision. ", count: 4))
        #expect(FullTextCheck.rejection(page: other, pageURL: "https://news.example/", itemTitle: "Putin visits Pyongyang", summary: Self.summary) == .titleMissing)
        let teaser = Article(title: "Putin visits Pyongyang", body: "Putin visits Pyongyang.")
        #expect(FullTextCheck.rejection(page: teaser, pageURL: "https://news.example/1", itemTitle: "Putin visits Pyongyang", summary: Self.summary)
                == .shorterThanSummary(pageCharacters: 23, summaryCharacters: 80))
    }

    @Test("a used page is matched with the summary before it, unless it already holds the summary")
    func fullTextBody() {
        #expect(FullTextCheck.body(page: "Page text.", summary: Self.summary) == Self.summary + "\nPage text.")
        #expect(FullTextCheck.body(page: "Intro.\n" + Self.summary + "\nMore.", summary: "Russia and North Korea signed a mutual defence treaty […]")
                == "Intro.\n" + Self.summary + "\nMore.")
    }

    @Test("fetch.stale_after: default 1 day, a duration of at least 1 hour")
    func staleAfterConfiguration() throws {
        let base = "watches: [w]\ndrop_folder: {path: d}\nalerts: {log: a}\nstate: {path: s}\n"
        #expect(try ConfigurationReader.parse(base, file: "/etc/x.yaml").fetchStaleAfterSeconds == 86_400)
        #expect(try ConfigurationReader.parse(base + "fetch: {stale_after: 6h}\n", file: "/etc/x.yaml").fetchStaleAfterSeconds == 21_600)
        #expect(throws: YAMLFileError.self) { try ConfigurationReader.parse(base + "fetch: {stale_after: 30m}\n", file: "/etc/x.yaml") }
    }
}

import Foundation
import Testing
@testable import SeedwatchCore

/// Item identity rules added against silent repeats: tracking parameters out of item keys,
/// undated items known by their title, several RSS `<link>`s.
@Suite("Item keys without tracking parameters; undated items by title; several RSS links")
struct FeedIdentityRulesTests {
    @Test("link normalisation drops tracking parameters and keeps the others in order")
    func normalizedLinks() {
        #expect(URIReference.normalizedLink("HTTPS://News.Example.com/a/b?utm_source=rss&id=7&UTM_Campaign=x&fbclid=abc#top")
                == "https://news.example.com/a/b?id=7")
        #expect(URIReference.normalizedLink("https://news.example.com/a?gclid=1&mc_cid=2&mc_eid=3&ref_src=twsrc%5Etfw")
                == "https://news.example.com/a")
        #expect(URIReference.normalizedLink("https://news.example.com/a?ref=home&s=2&page=3;utm_medium=email")
                == "https://news.example.com/a?ref=home&s=2&page=3")
        #expect(URIReference.normalizedLink("https://news.example.com/a?id=1") == "https://news.example.com/a?id=1")
        #expect(URIReference.normalizedLink("ftp://files.example.com/a?utm_source=x") == "ftp://files.example.com/a?utm_source=x")
        #expect(TrackingParameters.stripped(fromURL: "https://A.example/p?utm_source=1&x=%41") == "https://A.example/p?x=%41")
        #expect(TrackingParameters.stripped(fromURL: "urn:uuid:1?utm_source=1") == "urn:uuid:1?utm_source=1")
    }

    @Test("the same item tagged with other utm values has one item key, whether keyed by GUID or by link")
    func itemKeysIgnoreTracking() throws {
        func keys(_ rss: String) throws -> [String] { try FeedParser.parse(Array(rss.utf8)).items.map(\.itemKey) }
        let byLink = { (tag: String) in
            "<rss version=\"2.0\"><channel><item><title>T</title><link>https://x.example/s/1?utm_campaign=\(tag)&amp;p=2</link></item></channel></rss>"
        }
        #expect(try keys(byLink("a")) == ["https://x.example/s/1?p=2"])
        #expect(try keys(byLink("b")) == ["https://x.example/s/1?p=2"])
        let byGUID = { (tag: String) in
            "<rss version=\"2.0\"><channel><item><title>T</title><guid>https://x.example/?p=1&amp;utm_source=\(tag)</guid></item></channel></rss>"
        }
        #expect(try keys(byGUID("a")) == ["https://x.example/?p=1"])
        #expect(try keys(byGUID("b")) == ["https://x.example/?p=1"])
        // A GUID that is no URL is kept as written.
        #expect(try keys("<rss version=\"2.0\"><channel><item><guid>tag:x,2026:1?utm_source=a</guid></item></channel></rss>")
                == ["tag:x,2026:1?utm_source=a"])
    }

    @Test("an undated item is the stored undated item with the same title; a dated one or another title is not")
    func undatedSameTitle() {
        let stored = [
            ArticleUpdateMatch.StoredVersion(articleKey: "k1", originalKey: "k1", title: "Putin visits Pyongyang", published: nil, descriptionHash: nil),
            ArticleUpdateMatch.StoredVersion(articleKey: "k2", originalKey: "k2", title: "Morning brief", published: Date(timeIntervalSince1970: 0), descriptionHash: nil),
        ]
        #expect(ArticleUpdateMatch.feedItemOriginal(title: "Putin visits PYONGYANG!", published: nil, descriptionHash: nil, stored: stored) == "k1")
        #expect(ArticleUpdateMatch.feedItemOriginal(title: "Putin visits Pyongyang", published: nil, descriptionHash: nil, stored: stored,
                                                    present: ["k1"]) == nil)
        #expect(ArticleUpdateMatch.feedItemOriginal(title: "Putin visits Seoul", published: nil, descriptionHash: nil, stored: stored) == nil)
        #expect(ArticleUpdateMatch.feedItemOriginal(title: "Morning brief", published: nil, descriptionHash: nil, stored: stored) == nil)
        #expect(ArticleUpdateMatch.feedItemOriginal(title: "", published: nil, descriptionHash: nil,
                                                    stored: [.init(articleKey: "e", originalKey: "e", title: "", published: nil, descriptionHash: nil)]) == nil)
    }

    @Test("several RSS <link>s: the last http(s) one that is not a comments link")
    func severalLinks() throws {
        func link(_ links: String) throws -> String? {
            try FeedParser.parse(Array("<rss version=\"2.0\"><channel><item><title>T</title>\(links)</item></channel></rss>".utf8)).items.first?.link
        }
        #expect(try link("<link>http://example.org</link><link>http://example2.org</link><link href=\"http://example3.org\"/>") == "http://example3.org")
        #expect(try link("<link>https://x.example/a/1</link><link>https://x.example/a/1#comments</link>") == "https://x.example/a/1")
        #expect(try link("<link>https://x.example/a/1</link><link>https://x.example/a/1/comments/</link>") == "https://x.example/a/1")
        #expect(try link("<link>mailto:desk@x.example</link><link>https://x.example/a/2</link>") == "https://x.example/a/2")
        #expect(try link("<link>https://x.example/a/3</link>") == "https://x.example/a/3")
    }

    @Test("a pubDate more than a day ahead of the fetch counts as the fetch time for max_age")
    func futureDates() {
        let fetch = Date(timeIntervalSince1970: 1_787_288_400)
        #expect(FutureItemDate.forMaxAge(fetch.addingTimeInterval(86_401), fetchedAt: fetch) == fetch)
        #expect(FutureItemDate.forMaxAge(fetch.addingTimeInterval(86_400), fetchedAt: fetch) == fetch.addingTimeInterval(86_400))
        #expect(FutureItemDate.forMaxAge(fetch.addingTimeInterval(-9 * 86_400), fetchedAt: fetch) == fetch.addingTimeInterval(-9 * 86_400))
        #expect(FutureItemDate.forMaxAge(nil, fetchedAt: fetch) == nil)
    }
}

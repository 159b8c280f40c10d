import SeedwatchCore
import Testing

/// A feed item's source hash is of its title and body as the feed gave them (XML decoded, no HTML
/// reduced to text), so a release that reads HTML differently leaves it as it was.
@Suite("Feed item source hash")
struct FeedItemSourceTests {
    static func items(_ text: String) throws -> [FeedItem] { try FeedParser.parse(Array(text.utf8)).items }

    @Test func anRSSItemHashesItsTitleAndDescriptionAsWritten() throws {
        let items = try Self.items("""
            <rss version="2.0"><channel><title>N</title>
            <item><guid>a</guid><title>Kim &amp; Putin</title><description><![CDATA[<p>Talks &amp; <b>deals</b></p>]]></description></item>
            <item><guid>b</guid><title>Kim &amp; Putin</title><description><![CDATA[<div>Talks &amp; <b>deals</b></div>]]></description></item>
            </channel></rss>
            """)
        // The same text once HTML is read, two different sources: two hashes.
        #expect(items.map(\.content) == ["", ""])
        #expect(items[0].summary == items[1].summary)
        #expect(items.map(\.sourceHash) == [
            "src1:dc6db37e38aaabfd835cea92a4032260a4d72058e8d0bdcdb84cb99c1883a343",  // "Kim & Putin" NUL "<p>Talks &amp; <b>deals</b></p>"
            "src1:caaf9ac35f9f647c152380b619d5c3a9ad55265ab4d5c417574e836aa6aa7b36",  // … "<div>Talks &amp; <b>deals</b></div>"
        ])
        #expect(FeedItemSource.hash(title: "Kim & Putin", body: "<p>Talks &amp; <b>deals</b></p>") == items[0].sourceHash)
        // Whitespace runs count as one space, none at the ends (line ends as a stream or a whole document has them).
        #expect(FeedItemSource.hash(title: " Kim &\r\n Putin\n", body: "\t<p>Talks &amp;  <b>deals</b></p> ") == items[0].sourceHash)
    }

    @Test func theBodyIsTheContentElseTheSummary() throws {
        let rss = try Self.items("""
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>N</title>
            <item><guid>a</guid><title>Kim <i>and</i> Putin</title><description>Teaser</description>
            <content:encoded><![CDATA[<p>Talks</p>]]></content:encoded></item>
            </channel></rss>
            """)
        // A title written with child elements is hashed as its text: "Kim and Putin" NUL "<p>Talks</p>".
        #expect(rss.map(\.sourceHash) == ["src1:9200bee2e3d8a14368f983bcbc5b2cb294b4ffa7aa89c66b62b6d5c954318c8a"])
        let atom = try Self.items("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>N</title>
            <entry><id>e</id><title type="html">Atom entry</title><summary>S</summary><content type="html">Body text</content></entry>
            </feed>
            """)
        #expect(atom.map(\.sourceHash) == ["src1:c55d9deb57bf9e78d4bf8c09c77d688212eb0f8982dfb94b022cfb097afbb7d9"])
        let json = try Self.items("""
            {"version":"https://jsonfeed.org/version/1.1","title":"J","items":[
             {"id":"1","title":"JSON item","content_html":"<p>Hello</p>","summary":"S"},
             {"id":"2","title":"JSON item","summary":"only summary"}]}
            """)
        #expect(json.map(\.sourceHash) == [
            "src1:1e38d617cf940218f8e2ce6fdfe850c97e225931635f1a2943565537e01b0d75",
            "src1:eeab365d2adfd8256faaa3cfc6019d6b1fecd9b4b6ac3311fd6671ebf222ab6e",
        ])
        #expect(FeedItemSource.isSourceHash(json[0].sourceHash!))
        #expect(!FeedItemSource.isSourceHash("df88662d4e1b5e98df69926f6149def6e760e6b8f8796371367fd78c46484cdc"))
    }
}

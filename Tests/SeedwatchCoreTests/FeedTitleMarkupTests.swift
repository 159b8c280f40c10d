import Testing
@testable import SeedwatchCore

/// The title rule: an Atom title whose `type` declares HTML or XHTML (Atom 1.0 `html`/`xhtml`, Atom 0.3
/// `text/html` and `application/xhtml+xml`) is reduced to its text: the HTML parsed once (the one
/// entity pass for double-escaped titles), tags removed, the content of `script`, `style`, `applet`, `object`,
/// `iframe`, `frameset`, … dropped, whitespace collapsed. RSS titles and Atom `type="text"` titles
/// keep escaped tags as written (double-escaped titles).
@Suite struct FeedTitleMarkupTests {
    private func atomTitles(_ entries: String) throws -> [String] {
        let doc = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Desk</title>" + entries + "</feed>"
        return try FeedParser.parse(Array(doc.utf8)).items.map(\.title)
    }

    @Test func htmlTitleWithImageIsItsText() throws {
        let titles = try atomTitles("""
        <entry><id>1</id><title type="html">Kim visits &lt;img src="http://example.com/k.jpg" onerror="alert(1)" /&gt; Pyongyang</title></entry>
        <entry><id>2</id><title type="html">&lt;img src="http://example.com/k.jpg" /&gt;</title></entry>
        """)
        #expect(titles == ["Kim visits Pyongyang", ""])
    }

    @Test func htmlTitleDropsScript() throws {
        let titles = try atomTitles("""
        <entry><id>1</id><title type="html">Putin &lt;script&gt;alert(1)&lt;/script&gt;meets Xi</title></entry>
        <entry><id>2</id><title type="html"><![CDATA[safe<script type="text/javascript">location.href='x';</script> description]]></title></entry>
        """)
        #expect(titles == ["Putin meets Xi", "safe description"])
    }

    @Test func htmlTitleDropsEmbeddedElementsButKeepsTextAfterVoidOnes() throws {
        let titles = try atomTitles("""
        <entry><id>1</id><title type="html">safe&lt;applet code="a.class"&gt;fallback&lt;/applet&gt; description</title></entry>
        <entry><id>2</id><title type="html">safe&lt;iframe src="http://example.com/"&gt;inner&lt;/iframe&gt; description</title></entry>
        <entry><id>3</id><title type="html">safe&lt;embed src="http://example.com/"&gt; description</title></entry>
        """)
        #expect(titles == ["safe description", "safe description", "safe description"])
    }

    @Test func htmlTitleEntityEscapedTagIsDecodedOnceNotStripped() throws {
        let titles = try atomTitles("""
        <entry><id>1</id><title type="html">Use of the &amp;lt;b&amp;gt; tag</title></entry>
        <entry><id>2</id><title type="html"><![CDATA[Mr Kim &amp; President Xi]]></title></entry>
        <entry><id>3</id><title type="html">&lt;div&gt;&lt;a href="/relative/uri"&gt;click   here&lt;/a&gt;&lt;/div&gt;</title></entry>
        """)
        #expect(titles == ["Use of the <b> tag", "Mr Kim & President Xi", "click here"])
    }

    @Test func atom03EscapedHTMLTitle() throws {
        let doc = """
        <feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry>
        <title type="text/html" mode="escaped">&lt;blink&gt;safe&lt;/blink&gt; &lt;object classid="x"&gt;&lt;/object&gt;description</title>
        </entry></feed>
        """
        #expect(try FeedParser.parse(Array(doc.utf8)).items.map(\.title) == ["safe description"])
    }

    @Test func xhtmlTitleIsItsText() throws {
        let titles = try atomTitles("""
        <entry><id>1</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Mr <b>Kim</b> &amp;
          <i>Xi</i><script>alert(1)</script><br/>meet<object data="x.swf">fallback</object></div></title></entry>
        <entry><id>2</id><title type="html">Kim <b>and</b> Xi<iframe src="x">inner</iframe></title></entry>
        """)
        #expect(titles == ["Mr Kim & Xi meet", "Kim and Xi"])
    }

    @Test func atomTextTitleKeepsEscapedTags() throws {
        let titles = try atomTitles("""
        <entry><id>1</id><title type="text">Use of the &lt;b&gt; tag &amp;amp; more</title></entry>
        """)
        #expect(titles == ["Use of the <b> tag &amp; more"])
    }

    @Test func binaryTitleIsItsDecodedTextWithoutEntityPass() throws {
        // base64 of `<p>History of the &lt;blink&gt; tag</p>`: a non-HTML type gets no entity pass.
        let titles = try atomTitles("""
        <entry><id>1</id><title type="application/octet-stream">PHA+SGlzdG9yeSBvZiB0aGUgJmx0O2JsaW5rJmd0OyB0YWc8L3A+</title></entry>
        """)
        #expect(titles == ["<p>History of the &lt;blink&gt; tag</p>"])
    }

    @Test func rssTitleC4Unchanged() throws {
        let doc = """
        <rss version="2.0"><channel><title>Desk &amp; &lt;b&gt;News&lt;/b&gt;</title>
        <item><guid>c-3</guid><title>Use of the &amp;lt;b&amp;gt; tag explained</title></item>
        <item><guid>c-4</guid><title>Mr Kim &amp; &lt;i&gt;the press&lt;/i&gt;</title></item>
        </channel></rss>
        """
        let feed = try FeedParser.parse(Array(doc.utf8))
        #expect(feed.title == "Desk & <b>News</b>")
        #expect(feed.items.map(\.title) == ["Use of the <b> tag explained", "Mr Kim & <i>the press</i>"])
    }

    @Test func referenceReductionIsTextOfHTML() {
        #expect(ReferenceTitleText.text(ofHTML: "<div><a href=\"http://example.com/\">click here</a></div>") == "click here")
        #expect(ReferenceTitleText.text(ofHTML: "<img src=\"http://example.com/i.jpg\" />") == "")
        #expect(ReferenceTitleText.text(ofHTML: "History of the &lt;blink&gt;  tag") == "History of the <blink> tag")
        #expect(ReferenceTitleText.text(ofHTML: "a &amp;lt; b") == "a &lt; b")
        #expect(ReferenceTitleText.text(ofHTML: "1 < 2 &unknown; x") == "1 < 2 &unknown; x")
    }
}

import Foundation
import Testing
@testable import SeedwatchCore

/// Feed items streamed from libxml2's push parser, one item's subtree at a time (issue 11): the
/// items, their order and every field equal the whole tree's, and ``FeedStream`` hands out the
/// same items, keys included, as ``FeedParser/parse(_:contentType:baseURL:)``.
@Suite struct FeedStreamTests {
    private func both(_ xml: String, baseURL: String? = nil) throws -> (streamed: ParsedFeed, whole: ParsedFeed) {
        let bytes = Array(xml.utf8)
        return (try FeedParser.parse(bytes, contentType: nil, baseURL: baseURL, streamingXML: true),
                try FeedParser.parse(bytes, contentType: nil, baseURL: baseURL, streamingXML: false))
    }

    private func streamedItems(_ bytes: [UInt8], baseURL: String? = nil) throws -> [FeedItem] {
        Array(try FeedStream(bytes, baseURL: baseURL).makeItems())
    }

    @Test func rssItemsBesideTheChannelFollowTheChannelsItems() throws {
        let (streamed, whole) = try both("""
            <rss version="2.0"><item><title>beside, first</title></item><channel><title>Bench</title>\
            <item><title>in the channel</title></item></channel><item><title>beside, last</title></item>\
            <channel><item><title>second channel</title></item></channel></rss>
            """)
        #expect(streamed.items.map(\.title) == ["in the channel", "beside, first", "beside, last"])
        #expect(streamed.title == "Bench")
        #expect(streamed == whole)
    }

    @Test func rdfItemsBesideTheChannelAndAnRDFWithItemsOnly() throws {
        let rdf = #"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">"#
        let (withChannel, wholeWithChannel) = try both(rdf + """
            <channel rdf:about="https://a.example/"><title>A</title><link>https://a.example/</link></channel>\
            <item rdf:about="https://a.example/1"><title>One</title></item></rdf:RDF>
            """)
        #expect(withChannel.format == .rss10)
        #expect(withChannel.items.map(\.link) == ["https://a.example/1"])
        #expect(withChannel == wholeWithChannel)
        // Every child of the root is a detached item: the format is still RSS 1.0.
        let (itemsOnly, wholeItemsOnly) = try both(rdf + #"<item rdf:about="https://a.example/2"><title>Two</title></item></rdf:RDF>"#)
        #expect(itemsOnly.format == .rss10)
        #expect(itemsOnly.items.map(\.title) == ["Two"])
        #expect(itemsOnly == wholeItemsOnly)
        let netscape = #"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">"#
        let (rss090, _) = try both(netscape + "<item><title>Old</title><link>https://a.example/3</link></item></rdf:RDF>")
        #expect(rss090.format == .rss090)
    }

    @Test func eachEntryKeepsItsXMLBaseAndTheFeedsBase() throws {
        let (streamed, whole) = try both("""
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://a.example/x/"><title>Bases</title>\
            <entry xml:base="sub/"><id>1</id><title>One</title><link href="p.html"/></entry>\
            <entry><id>2</id><title>Two</title><link href="q.html"/><content type="xhtml" xml:base="../y/">\
            <div xmlns="http://www.w3.org/1999/xhtml"><a href="r.html">text</a></div></content></entry></feed>
            """, baseURL: "http://doc.example/feed")
        #expect(streamed.items.map(\.link) == ["http://a.example/x/sub/p.html", "http://a.example/x/q.html"])
        #expect(streamed.items.map(\.content) == ["", "text"])
        #expect(streamed == whole)
    }

    @Test func itemsAcrossManyPiecesEqualTheWholeTree() throws {
        // 3,000 items (about 600 KB, ten pieces): CDATA sections, entities, attributes and a
        // comment fall on piece boundaries somewhere.
        var xml = #"<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Many</title>"#
        for i in 0..<3000 {
            xml += "<item><guid isPermaLink=\"false\">g-\(i % 2900)</guid><title>Report &amp; note \(i) &eacute;</title>"
                + "<link>https://news.example/\(i)?utm_source=x</link><!-- c \(i) -->"
                + "<content:encoded><![CDATA[<p>Body <b>\(i)</b> with a longer sentence about Pyongyang and Moscow.</p>]]></content:encoded>"
                + "<pubDate>Sun, 06 Dec 2026 10:00:00 GMT</pubDate></item>\n"
        }
        xml += "</channel></rss>"
        let (streamed, whole) = try both(xml)
        #expect(streamed.items.count == 3000)
        #expect(streamed.items[2999].title == "Report & note 2999 é")
        #expect(streamed.items[2999].content == "Body 2999 with a longer sentence about Pyongyang and Moscow.")
        #expect(streamed == whole)
        // GUIDs g-0 … g-99 are shared by two items each: those items are keyed by their links.
        let items = try streamedItems(Array(xml.utf8))
        #expect(items == streamed.items)
        #expect(items[0].itemKey == "https://news.example/0")
        #expect(items[100].itemKey == "g-100")
    }

    /// The benchmark's feed shape (`Benchmarks/feed-items.py`): no reference, comment, CDATA
    /// section or line break, so the whole document after the XML declaration is one run of bytes
    /// that the preparation copies as is.
    private func plainFeed(items: Int) -> [UInt8] {
        var xml = #"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Plain</title>"#
        for i in 0..<items {
            xml += "<item><guid>item-\(i)</guid><title>Regional weather and markets, report \(i)</title>"
                + "<link>https://news.example/\(i)</link><description>Report \(i). Rain is expected along the coast "
                + "tomorrow; markets closed higher.</description><pubDate>Sun, 06 Dec 2026 10:00:00 GMT</pubDate></item>"
        }
        return Array((xml + "</channel></rss>").utf8)
    }

    @Test func itemsAreHandedOutWhileTheDocumentIsStillBeingRead() throws {
        let bytes = plainFeed(items: 5000)
        #expect(bytes.count > 20 * XMLSAXStream.pieceSize)
        let stream = try #require(FeedXMLItemStream(bytes, baseURL: nil))
        let first = try #require(stream.next())
        #expect(first.guid == "item-0")
        #expect(first.title == "Regional weather and markets, report 0")
        #expect(first.link == "https://news.example/0")
        // The first item comes from the first piece, not from a parse of the whole document.
        #expect(stream.bytesParsed > 0)
        #expect(stream.bytesParsed <= XMLSAXStream.pieceSize + 4)
        for _ in 1..<1000 { _ = stream.next() }
        let item1000 = try #require(stream.next())
        #expect(item1000.guid == "item-1000")
        #expect(item1000.title == "Regional weather and markets, report 1000")
        #expect(stream.bytesParsed < bytes.count / 3)
        var count = 1001
        var last = item1000
        while let item = stream.next() { count += 1; last = item }
        #expect(count == 5000)
        #expect(last.guid == "item-4999")
        #expect(stream.bytesParsed == bytes.count - XMLPreparation.contentStart(bytes))
        guard case .feed(let format, let title, _) = stream.end(encoding: "utf-8") else {
            Issue.record("the document did not end as a feed")
            return
        }
        #expect(format == .rss20)
        #expect(title == "Plain")
    }

    @Test func piecesOfOneLongRunEndAtCharacterBoundaries() {
        // 300,000 bytes of two- and three-byte characters with nothing for the preparation to rewrite.
        let text = "<rss><channel><title>" + String(repeating: "é—ü", count: 300_000 / 7) + "</title></channel></rss>"
        var pieces = XMLPreparation.Pieces(Array(text.utf8))
        var piece: [UInt8] = [], joined: [UInt8] = [], sizes: [Int] = []
        while !pieces.isFinished {
            pieces.fill(&piece, size: XMLSAXStream.pieceSize)
            #expect(String(validating: piece, as: UTF8.self) != nil)
            sizes.append(piece.count)
            joined += piece
        }
        #expect(sizes.count == 5)
        // At least a piece, and at most the three bytes of one more character.
        #expect(sizes.dropLast().allSatisfy { $0 >= XMLSAXStream.pieceSize && $0 <= XMLSAXStream.pieceSize + 3 })
        #expect(joined == XMLPreparation.prepare(Array(text.utf8)))
    }

    @Test func theStreamGivesParsesItemsKeysAndSharedDescriptions() throws {
        let xml = """
            <rss version="2.0"><channel><title>Keys</title>\
            <item><title>North Korean leader one</title><guid>dup</guid><link>https://a.example/1</link>\
            <description>The North Korean leader arrived by train on Saturday morning.</description></item>\
            <item><title>North Korean leader two</title><guid>dup</guid><link>https://a.example/2</link>\
            <description>The North Korean leader arrived by train on Saturday morning.</description></item>\
            <item><title>No GUID</title><link>https://a.example/3</link><description>Read more</description></item>\
            </channel></rss>
            """
        let stream = try FeedStream(Array(xml.utf8))
        let parsed = try FeedParser.parse(Array(xml.utf8))
        #expect(stream.count == 3)
        #expect(stream.title == "Keys")
        #expect(stream.format == .rss20)
        #expect(stream.itemKeys == ["https://a.example/1", "https://a.example/2", "https://a.example/3"])
        #expect(Array(stream.makeItems()) == parsed.items)
        #expect(stream.sharedDescriptionHashes
                == [ArticleUpdateMatch.descriptionHash("The North Korean leader arrived by train on Saturday morning.")!])
        // A second pass gives the same items again.
        #expect(Array(stream.makeItems()) == parsed.items)
    }

    @Test func aDocumentThatIsNotWellFormedIsReadWholeAndStillStreams() throws {
        let xml = "<rss><channel><title>Broken</title><item><title>One</item><item><title>Two</title></item></channel></rss>"
        let parsed = try FeedParser.parse(Array(xml.utf8))
        let stream = try FeedStream(Array(xml.utf8))
        #expect(stream.title == "Broken")
        #expect(stream.count == parsed.items.count)
        #expect(Array(stream.makeItems()) == parsed.items)
    }

    @Test func aJSONFeedStreamsItsItems() throws {
        let json = """
            {"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"a","title":"First","content_text":"x"},\
            7,{"id":"b","title":"Second","url":"https://j.example/b"}]}
            """
        let stream = try FeedStream(Array(json.utf8))
        #expect(stream.format == .jsonFeed11)
        #expect(stream.itemKeys == ["a", "b"])
        #expect(Array(stream.makeItems()) == (try FeedParser.parse(Array(json.utf8))).items)
    }

    @Test func aWellFormedDocumentThatIsNotAFeedThrowsBeforeAnyItem() {
        #expect(throws: FeedParseError.notAFeed(found: "root element <html>")) {
            try FeedStream(Array("<html><item><title>x</title></item></html>".utf8))
        }
    }

    /// Every feed of the shared corpus: streamed items equal the whole tree's, and the stream equals the parse.
    @Test func everyCorpusFeedStreamsAsItParsesWhole() throws {
        guard FeedCorpus.isAvailable else {
            print("skipped: the shared feed corpus is not at \(FeedCorpus.feeds.path)")
            return
        }
        var compared = 0, differing: [String] = []
        for folder in ["real", "suites"] {
            for url in FeedCorpus.files(under: FeedCorpus.feeds.appendingPathComponent(folder))
            where ["xml", "rss", "atom", "json", "rdf"].contains(url.pathExtension) {
                let bytes = FeedCorpus.bytes(url)
                let streamed = Result { try FeedParser.parse(bytes, contentType: nil, baseURL: nil, streamingXML: true) }
                let whole = Result { try FeedParser.parse(bytes, contentType: nil, baseURL: nil, streamingXML: false) }
                compared += 1
                switch (streamed, whole) {
                case (.success(let s), .success(let w)):
                    if s != w { differing.append(url.path); continue }
                    if let stream = try? FeedStream(bytes), Array(stream.makeItems()) == s.items, stream.title == s.title,
                       stream.link == s.link, stream.format == s.format {
                        continue
                    }
                    differing.append(url.path + " (FeedStream)")
                case (.failure(let s), .failure(let w)):
                    if "\(s)" != "\(w)" { differing.append(url.path + ": \(s) / \(w)") }
                default:
                    differing.append(url.path + ": one parse failed")
                }
            }
        }
        #expect(differing == [])
        #expect(compared == 5493)
    }
}

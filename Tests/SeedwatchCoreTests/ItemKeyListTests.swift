import Foundation
import Testing
@testable import SeedwatchCore

/// A feed document's item keys held in one buffer (issue 11), and the census that works them out
/// without holding the items: the keys equal ``ItemKey/assign(_:)``'s for every rule.
@Suite struct ItemKeyListTests {
    @Test func theListHandsBackEachStringAndFindsThemSorted() {
        var list: ItemKeyList = ["b", "", "https://a.example/é", "a"]
        list.append(utf8: Array("z\u{0}y".utf8))
        #expect(list.count == 5)
        #expect(Array(list) == ["b", "", "https://a.example/é", "a", "z\u{0}y"])
        #expect(list[2] == "https://a.example/é")
        #expect(Array(list.utf8(4)) == [0x7A, 0x00, 0x79])
        #expect(list.sortedPositions() == [1, 3, 0, 2, 4])
        let sorted = SortedItemKeys(list)
        #expect(sorted.contains(utf8: "a".utf8))
        #expect(sorted.contains(utf8: "".utf8))
        #expect(sorted.contains(utf8: Array("z\u{0}y".utf8)))
        #expect(!sorted.contains(utf8: "https://a.example/".utf8))
        #expect(!sorted.contains(utf8: "c".utf8))
    }

    @Test func repeatedStringsAreFlaggedOnlyAmongThoseTakingPart() {
        let list: ItemKeyList = ["x", "y", "x", "", "", "y"]
        #expect(list.repeated(among: [true, true, true, false, false, true]) == [true, true, true, false, false, true])
        #expect(list.repeated(among: [true, false, true, true, false, true]) == [true, false, true, false, false, false])
    }

    @Test func itemsWithoutAGUIDOfTheirOwnAreKeyedByLinkOrHashAsWhenParsedWhole() throws {
        let xml = """
            <rss version="2.0"><channel><title>Keys</title>\
            <item><title>Own GUID</title><guid>https://a.example/g?utm_source=x</guid><link>https://a.example/0</link></item>\
            <item><title>No GUID, own link</title><link>HTTPS://A.example/1#top</link></item>\
            <item><title>Shared link, first</title><link>https://a.example/2</link><pubDate>Sun, 06 Dec 2026 10:00:00 GMT</pubDate></item>\
            <item><title>Shared link, second</title><link>https://a.example/2?utm_medium=rss</link></item>\
            <item><title>Shared GUID one</title><guid>dup</guid><link>https://a.example/3</link></item>\
            <item><title>Shared GUID two</title><guid>dup</guid></item>\
            </channel></rss>
            """
        let stream = try FeedStream(Array(xml.utf8))
        let parsed = try FeedParser.parse(Array(xml.utf8), contentType: nil, baseURL: nil, streamingXML: false)
        let publishedFirst = try #require(parsed.items[2].published)
        #expect(Array(stream.itemKeys) == [
            "https://a.example/g",
            "https://a.example/1",
            ItemKey.hashKey(link: "https://a.example/2", title: "Shared link, first", published: publishedFirst),
            ItemKey.hashKey(link: "https://a.example/2", title: "Shared link, second", published: nil),
            "https://a.example/3",
            ItemKey.hashKey(link: nil, title: "Shared GUID two", published: nil),
        ])
        #expect(stream.itemKeys[2].hasPrefix("sha256:") && stream.itemKeys[2].utf8.count == 71)
        #expect(Array(stream.itemKeys) == parsed.items.map(\.itemKey))
        #expect(Array(stream.makeItems()) == parsed.items)
    }

    @Test func sharedDescriptionsAreFoundAmongManyItems() throws {
        var xml = #"<rss version="2.0"><channel><title>Many</title>"#
        for i in 0..<2000 {
            // Items 0, 1000 share one description; 7 and 1007 another; the rest are their own.
            let text = i % 1000 == 0 ? "The leaders signed a treaty in the capital today."
                : i % 1000 == 7 ? "Talks resumed after a long pause between both sides."
                : "Report number \(i) says rain is expected tomorrow."
            xml += "<item><guid>g-\(i)</guid><title>T \(i)</title><description>\(text)</description></item>"
        }
        let stream = try FeedStream(Array((xml + "</channel></rss>").utf8))
        #expect(stream.count == 2000)
        #expect(stream.itemKeys[1999] == "g-1999")
        #expect(stream.sharedDescriptionHashes == [
            ArticleUpdateMatch.descriptionHash("The leaders signed a treaty in the capital today.")!,
            ArticleUpdateMatch.descriptionHash("Talks resumed after a long pause between both sides.")!,
        ])
    }
}

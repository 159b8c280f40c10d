import Foundation
import Testing
@testable import SeedwatchCore

/// A JSON Feed's items are parsed one at a time (issue 11).
@Suite("JSON Feed items, one at a time")
struct JSONItemsSplitterTests {
    static func split(_ text: String) -> (array: String, elements: [String])? {
        let bytes = Array(text.utf8)
        guard let s = bytes.withUnsafeBufferPointer({ JSONItemsSplitter.split($0) }) else { return nil }
        return (String(decoding: bytes[s.array], as: UTF8.self), s.elements.map { String(decoding: bytes[$0], as: UTF8.self) })
    }

    @Test("the top-level items array and its elements; brackets, commas and quotes inside strings are text")
    func elements() throws {
        let text = #"""
        {"version": "https://jsonfeed.org/version/1.1", "meta": {"items": [0]},
         "items" : [ {"id": "a", "title": "Kim \"says\" [no], {never}"} ,
                     {"id": "b", "tags": ["x", "y"], "n": {"items": []}}, 3 ], "title": "T"}
        """#
        let s = try #require(Self.split(text))
        #expect(s.elements == [#"{"id": "a", "title": "Kim \"says\" [no], {never}"}"#,
                               #"{"id": "b", "tags": ["x", "y"], "n": {"items": []}}"#, "3"])
        #expect(s.array.hasPrefix("[ {\"id\": \"a\""))
        #expect(s.array.hasSuffix("3 ]"))
        #expect(Self.split(#"{"items": []}"#)?.elements == [])
    }

    @Test("no split: top level not an object, no items key, items not an array, unbalanced")
    func noSplit() {
        #expect(Self.split(#"[{"items": [1]}]"#) == nil)
        #expect(Self.split(#"{"entries": [1]}"#) == nil)
        #expect(Self.split(#"{"items": "[1]"}"#) == nil)
        #expect(Self.split(#"{"items": [1, {"a": 2]}"#) == nil)
    }

    @Test("a JSON Feed read item by item gives the items of the whole-document reading")
    func sameItems() throws {
        let text = #"""
        {"version": "https://jsonfeed.org/version/1.1", "title": "Desk", "home_page_url": "https://news.example/",
         "items": [
           {"id": "1", "title": "Putin [meets] Kim", "content_text": "Vladimir Putin met Kim Jong Un, \"warmly\".",
            "date_published": "2026-08-21T04:00:00Z", "url": "/a"},
           {"id": 2, "title": "Xi {visits} Moscow", "content_html": "<p>Xi Jinping arrived.</p>", "authors": [{"name": "Desk"}]}
         ]}
        """#
        let feed = try FeedParser.parse(Array(text.utf8), contentType: "application/feed+json", baseURL: "https://news.example/feed.json")
        #expect(feed.title == "Desk")
        #expect(feed.items.map(\.title) == ["Putin [meets] Kim", "Xi {visits} Moscow"])
        #expect(feed.items.map(\.guid) == ["1", "2"])
        #expect(feed.items.map(\.link) == ["https://news.example/a", nil])
        #expect(feed.items.map(\.content) == ["Vladimir Putin met Kim Jong Un, \"warmly\".", "Xi Jinping arrived."])
        #expect(feed.items[0].published == Date(timeIntervalSince1970: 1_787_284_800))
        #expect(feed.items[1].authors == ["Desk"])
    }

    @Test("an invalid item makes the document invalid, as when it was parsed whole")
    func invalidItem() {
        let text = #"{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1"}, {"id": }]}"#
        #expect(throws: FeedParseError.self) {
            try FeedParser.parse(Array(text.utf8), contentType: "application/feed+json", baseURL: nil)
        }
    }
}

import Foundation
import Testing
@testable import SeedwatchCore

@Suite("Article version index")
struct ArticleVersionIndexTests {
    static let day = Date(timeIntervalSince1970: 1_787_292_000)  // 2026-08-21T06:00:00Z (a time of day: a date-only midnight needs the same title)

    static func version(_ key: String, _ title: String, hoursAfter hours: Double?, hash: String? = nil) -> ArticleUpdateMatch.StoredVersion {
        ArticleUpdateMatch.StoredVersion(articleKey: key, originalKey: key, title: title,
                                         published: hours.map { day.addingTimeInterval($0 * 3600) }, descriptionHash: hash)
    }

    static let stored = [
        version("a", "Kim Jong Un vists Beijing", hoursAfter: 0),
        version("b", "Morning brief 27 Nov", hoursAfter: -48),          // exactly at the window's edge
        version("c", "Putin in Pyongyang", hoursAfter: -48.01),         // just outside
        version("d", "Sanctions widened", hoursAfter: 47.5, hash: "h1"),
        version("e", "Undated item", hoursAfter: nil, hash: "h2"),
        version("f", "Other", hoursAfter: 200, hash: "h2"),
    ]

    @Test("candidates: same description hash, or published within 48 h either side (bounds included), in stored order")
    func candidates() {
        let index = ArticleVersionIndex(Self.stored)
        #expect(index.count == 6)
        #expect(index.candidates(published: Self.day, descriptionHash: nil).map(\.articleKey) == ["a", "b", "d"])
        #expect(index.candidates(published: Self.day, descriptionHash: "h2").map(\.articleKey) == ["a", "b", "d", "e", "f"])
        #expect(index.candidates(published: nil, descriptionHash: "h1").map(\.articleKey) == ["d"])
        #expect(index.candidates(published: nil, descriptionHash: nil).isEmpty)
        #expect(index.candidates(published: Self.day.addingTimeInterval(-96 * 3600), descriptionHash: nil).map(\.articleKey) == ["b", "c"])
    }

    @Test("the match over the index's candidates is the match over every stored version")
    func sameMatchAsFullScan() {
        let index = ArticleVersionIndex(Self.stored)
        let title = "Kim Jong Un visits Beijing"
        let full = ArticleUpdateMatch.feedItemOriginal(title: title, published: Self.day, descriptionHash: nil, stored: Self.stored)
        let indexed = ArticleUpdateMatch.feedItemOriginal(title: title, published: Self.day, descriptionHash: nil,
                                                          stored: index.candidates(published: Self.day, descriptionHash: nil))
        #expect(full == "a")
        #expect(indexed == "a")
    }

    @Test("a replaced title is what later look-ups compare")
    func setTitle() {
        var index = ArticleVersionIndex(Self.stored)
        index.setTitle("Kim Jong Un visits Beijing, meets Xi", ofVersion: "a")
        #expect(index.candidates(published: Self.day, descriptionHash: nil).first?.title == "Kim Jong Un visits Beijing, meets Xi")
    }

    @Test("undated versions are found by their comparable title, also after a title change")
    func undatedByTitle() {
        let undated = [
            ArticleUpdateMatch.StoredVersion(articleKey: "u1", originalKey: "u1", title: "Putin visits Pyongyang", published: nil, descriptionHash: nil),
            ArticleUpdateMatch.StoredVersion(articleKey: "u2", originalKey: "u2", title: "Xi hosts Kim", published: nil, descriptionHash: nil),
        ]
        var index = ArticleVersionIndex(undated)
        #expect(index.candidates(published: nil, descriptionHash: nil, undatedTitle: "putin visits PYONGYANG").map(\.articleKey) == ["u1"])
        #expect(index.candidates(published: nil, descriptionHash: nil).isEmpty)
        index.setTitle("Xi hosts Kim Jong Un", ofVersion: "u2")
        #expect(index.candidates(published: nil, descriptionHash: nil, undatedTitle: "Xi hosts Kim").isEmpty)
        #expect(index.candidates(published: nil, descriptionHash: nil, undatedTitle: "Xi hosts Kim Jong Un").map(\.articleKey) == ["u2"])
    }
}

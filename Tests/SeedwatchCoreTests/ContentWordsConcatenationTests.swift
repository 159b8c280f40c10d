import Testing
@testable import SeedwatchCore

/// A story fingerprint hashes an article's title, line feed and body without joining them
/// (issue 15: a 50 MB body is not copied once more): the same words as the joined text.
@Suite("Content words of a title and body read in place")
struct ContentWordsConcatenationTests {
    @Test("the content words of the pieces are those of the joined text")
    func sameAsJoined() {
        let title = "Kim Jong-un’s train reaches Vladivostok"
        let body = "Pyongyang’s leader met Putin.\nThe summit ended early."
        let expected: Set<UInt64> = Set(["kim", "jong", "un", "train", "reaches", "vladivostok", "pyongyang", "leader", "met", "putin",
                                         "summit", "ended", "early"].filter { !ContentWords.commonWords.contains($0) }.map(ContentWords.fnv1a))
        #expect(ContentWords.hashes(ofConcatenationOf: [title, "\n", body]) == expected)
        #expect(ContentWords.hashes(ofConcatenationOf: [title, "\n", body]) == ContentWords.hashes(of: title + "\n" + body))
        #expect(MinHashSignature(concatenationOf: [title, "\n", body]) == MinHashSignature(text: title + "\n" + body))
        // A word is not joined across the line feed: "vladivostok" and "pyongyang" stay apart.
        #expect(!ContentWords.hashes(ofConcatenationOf: ["Vladivostok", "\n", "Pyongyang"]).contains(ContentWords.fnv1a("vladivostokpyongyang")))
        #expect(ContentWords.hashes(ofConcatenationOf: ["", "\n", ""]) == [])
    }
}

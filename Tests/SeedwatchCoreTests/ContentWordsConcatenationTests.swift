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

    @Test("words read from the original bytes are those of the normalised text, non-ASCII stretches included")
    func originalBytesGiveTheNormalisedWords() {
        // A soft hyphen and a zero-width space inside words, a combining mark on an ASCII letter, a
        // ligature, a pound sign, NBSP, a dash, Cyrillic, a fullwidth letter, capitals and a backtick.
        let title = "Pu\u{00AD}tin’s £30m of\u{FB01}ce"
        let body = "Kime\u{0301} met Xi\u{200B}Jinping\u{00A0}in Vladi–vostok. Путин ＡＢＣ `quoted` x\u{0301}y\nend"
        let joined = title + "\n" + body
        let expected = ContentWords.hashes(of: Normalizer.normalize(joined))
        #expect(ContentWords.hashes(ofConcatenationOf: [title, "\n", body]) == expected)
        #expect(expected.contains(ContentWords.fnv1a("putin")))
        #expect(expected.contains(ContentWords.fnv1a("office")))
        #expect(expected.contains(ContentWords.fnv1a("kim\u{00E9}")))
        #expect(expected.contains(ContentWords.fnv1a("xijinping")))
        #expect(expected.contains(ContentWords.fnv1a("путин")))
        #expect(expected.contains(ContentWords.fnv1a("abc")))
        #expect(expected.contains(ContentWords.fnv1a("30m")))
        // A word split between two pieces, with a soft hyphen at the second one's start.
        #expect(ContentWords.hashes(ofConcatenationOf: ["Vladimir Pu", "\u{00AD}tin"]) == ContentWords.hashes(of: "Vladimir Putin"))
        var words: [String] = []
        ContentWords.forEachWord(inConcatenationOf: ["Kim Jong", "\u{00AD}un£", "\n", "Pu", "tin"]) { word, _ in
            words.append(String(decoding: word, as: UTF8.self))
            return true
        }
        #expect(words == ["kim", "jongun", "putin"])
    }
}

import Testing
@testable import SeedwatchCore

/// A story signature skips the words it saw shortly before (``RecentWords``) without changing the
/// set of content words: the same hashes as the words the `String`-based reference splits.
@Suite("Recently seen words in the content-word walk")
struct RecentWordsTests {
    /// A text of `count` words: 20,000 distinct ones (more than the table holds, so words leave
    /// it), of 1 to 20 letters and digits, in mixed case, some repeated, separated by ASCII
    /// punctuation, white space and now and then a non-ASCII scalar.
    static func text(words count: Int) -> String {
        var state: UInt64 = 0x5EED
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        let separators = [" ", " ", " ", ", ", ". ", "\n", "-", "'", "  ", "\u{00A0}", " é ", "—", "\u{0301} ", "Ж"]
        var words: [String] = []
        for _ in 0..<20_000 {
            let length = 1 + Int(next() % 20)
            words.append(String((0..<length).map { _ in letters[Int(next() % UInt64(letters.count))] }))
        }
        var out = ""
        for k in 0..<count {
            // Half the words from the 300 first (they repeat), half from all.
            let pick = k % 2 == 0 ? Int(next() % 300) : Int(next() % UInt64(words.count))
            out += words[pick]
            out += separators[Int(next() % UInt64(separators.count))]
        }
        return out
    }

    @Test("the content words of a long text are those of the reference split")
    func sameWordsAsTheReference() {
        let text = Self.text(words: 60_000)
        let expected = Set(ContentWordsBytesTests.reference(text).filter { !ContentWords.commonWords.contains($0) }.map(ContentWords.fnv1a))
        #expect(ContentWords.hashes(of: Normalizer.normalize(text)) == expected)
        #expect(ContentWords.hashes(ofConcatenationOf: [text]) == expected)
        let (title, body) = (String(text.prefix(500)), String(text.dropFirst(500)))
        #expect(ContentWords.hashes(ofConcatenationOf: [title, "\n", body]) == ContentWords.hashes(of: Normalizer.normalize(title + "\n" + body)))
    }

    @Test("a word seen before is recognised whatever its case, and no other word is")
    func seenBeforeIsExact() {
        let recent = RecentWords()
        defer { recent.deallocate() }
        func seen(_ word: String, padding: Int = 16) -> Bool {
            let bytes = Array(word.utf8) + [UInt8](repeating: 0x20, count: padding)
            return bytes.withUnsafeBufferPointer { recent.seenBefore($0.baseAddress!, count: word.utf8.count, readable: bytes.count) }
        }
        #expect(seen("a"))  // one letter: never a content word
        #expect(!seen("Pyongyang"))
        #expect(seen("pyongyang"))
        #expect(seen("PYONGYANG", padding: 1))
        #expect(!seen("pyongyan"))
        #expect(!seen("pyongyangs"))
        #expect(!seen("Sixteen1Letters2"))
        #expect(seen("sixteen1letters2", padding: 1))
        #expect(!seen("seventeen1letters"))
        #expect(!seen("seventeen1letters"))  // longer than 16 bytes: never kept
    }
}

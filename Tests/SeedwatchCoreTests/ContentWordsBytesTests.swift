import Testing
@testable import SeedwatchCore

/// ``ContentWords`` reads the normaliser's bytes: the same words as lower-casing the folded text
/// as a `String` and splitting its scalars (``reference(_:)``, the earlier implementation).
@Suite("Content words from bytes")
struct ContentWordsBytesTests {
    /// The words as the `String`-based implementation made them.
    static func reference(_ text: String) -> [String] {
        let folded = String(decoding: Normalizer.normalize(text).folded, as: UTF8.self).lowercased()
        var words: [String] = []
        var scalars = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                scalars.append(scalar)
            } else {
                if scalars.count > 1 { words.append(String(scalars)) }
                scalars = String.UnicodeScalarView()
            }
        }
        if scalars.count > 1 { words.append(String(scalars)) }
        return words
    }

    static let tricky = "ΣΟΦΙΑ Straße ﬁre x² İstanbul Ǆemal ½ Ⅻ ① Kim Jong-un’s e\u{0301}te 平壤阅兵 Пхеньян A b"

    @Test func wordsAreLowerCasedAndSplitAtNonWordScalars() {
        #expect(ContentWords.words(of: "ΣΟΦΙΑ Straße ﬁre x²") == ["σοφια", "straße", "fire", "x2"])
        // İ lower-cases to i + U+0307 (not alphabetic): "i" is a one-scalar word and dropped. NFKC
        // spells Ǆ as D and Ž.
        #expect(ContentWords.words(of: "İstanbul") == ["stanbul"])
        #expect(ContentWords.words(of: Self.tricky) == Self.reference(Self.tricky))
        #expect(ContentWords.words(of: Self.tricky) == ["σοφια", "straße", "fire", "x2", "stanbul", "d\u{17E}emal", "xii", "kim", "jong", "un", "éte", "平壤阅兵", "пхеньян"])
    }

    @Test func hashesMatchTheStringImplementation() {
        let text = String(repeating: Self.tricky + " The missile was said to fly. ", count: 50)
        let expected = Set(Self.reference(text).filter { !ContentWords.commonWords.contains($0) }.map(ContentWords.fnv1a))
        #expect(ContentWords.hashes(of: text) == expected)
        #expect(ContentWords.hashes(of: text, dropping: []) == Set(Self.reference(text).map(ContentWords.fnv1a)))
    }

    @Test func theLeadIsTheFirstWordsOfTheWholeBody() {
        // 3,000 words: the lead's 80 are read from a prefix of the body.
        let body = (0..<3000).map { "word\($0)" + ($0 % 7 == 0 ? "\u{0301}\n" : " ") }.joined()
        let expected = Set(Self.reference(body).prefix(80).map(ContentWords.fnv1a)).union([ContentWords.fnv1a("headline")])
        #expect(ContentWords.leadHashes(title: "Headline", body: body, leadWords: 80) == expected)
        #expect(ContentWords.leadPrefix(of: body, words: 80).utf8.count < body.utf8.count)
        #expect(ContentWords.leadHashes(title: "", body: "a bb cc", leadWords: 80) == [ContentWords.fnv1a("bb"), ContentWords.fnv1a("cc")])
    }

    @Test func aWordTableFindsOnlyItsOwnWords() {
        let table = WordHashTable(["said", "the", "σοφια"])
        for (word, expected) in [("said", true), ("σοφια", true), ("sai", false), ("saidx", false), ("missile", false)] {
            let bytes = Array(word.utf8)
            #expect(bytes.withUnsafeBufferPointer { table.contains($0, hash: ContentWords.fnv1a(word)) } == expected)
        }
        // A word with the hash of a table word is confirmed byte for byte: other bytes of the same or
        // another length are not in the table.
        for other in ["saix", "sai", "ſaid", "σοφιά", "the"] {
            let bytes = Array(other.utf8)
            #expect(bytes.withUnsafeBufferPointer { table.contains($0, hash: ContentWords.fnv1a("said")) } == false)
        }
        #expect(WordHashTable([]).contains(UnsafeBufferPointer(start: nil, count: 0), hash: ContentWords.fnv1a("")) == false)
    }
}

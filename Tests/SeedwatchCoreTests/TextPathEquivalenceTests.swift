import Foundation
import SeedwatchTesting
import Testing
@testable import SeedwatchCore

/// The byte-level text path (issue 15) equals the per-`Character` one it replaced
/// (``TextPathReference``) byte for byte: the same lines, titles, bodies, normalised bytes, folded
/// bytes and offsets, on hand-picked hard cases, on seeded random text over an alphabet of the
/// scalars that grapheme clustering and the normaliser treat specially, and on real articles.
@Suite("Byte-level text path equals the reference")
struct TextPathEquivalenceTests {
    /// Scalars and sequences that stress grapheme clustering, NFKC, whitespace and dashes.
    static let alphabet: [String] = [
        "a", "K", "z", "0", " ", "  ", "\t", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "`", "-", "'", ".", "\u{1C}",
        "\u{0301}", "\u{0308}", "\u{20DD}", "\u{200D}", "\u{200C}", "\u{200B}", "\u{2060}", "\u{FEFF}", "\u{00AD}",
        "\u{00A0}", "\u{202F}", "\u{3000}", "\u{1680}", "\u{2028}", "\u{2029}", "\u{205F}", "\u{0085}",
        "\u{2019}", "\u{2018}", "\u{02BC}", "\u{00B4}", "\u{1FFD}", "\u{1FEF}", "\u{FF07}",
        "ﬁ", "\u{FDFA}", "½", "é", "e\u{0301}", "Å", "\u{212B}", "\u{212A}", "ß", "İ", "Σ", "ς",
        "Путин", "Ы", "\u{0483}", "日本", "金正恩", "\u{F900}", "김정은", "\u{1100}", "\u{1161}", "\u{11A8}", "가",
        "プーチン", "\u{3099}", "ｶ", "\u{FF9E}", "Ｐ", "👍", "\u{1F3FB}", "🇰", "🇵", "\u{FE0F}", "\u{E0020}",
        "©", "‼", "\u{0600}", "क", "\u{094D}", "ष", "\u{2010}", "\u{2011}", "\u{2013}", "\u{2014}", "\u{2212}",
        "€", "£", "“", "”", "…", "\u{05D0}", "\u{0591}", "\u{0E33}",
    ]

    static func randomText(_ rng: inout SplitMix64, pieces: Int) -> String {
        var s = ""
        for _ in 0..<pieces { s += alphabet[Int(rng.next() % UInt64(alphabet.count))] }
        return s
    }

    static let handPicked: [String] = [
        "", " ", "\n", "\r\n\r\n", "Title\n\nBody", "  Kim\u{00A0}Jong\u{202F}Un\t\n\n  met\u{3000}Putin  ",
        "Kim met Xi in Chi-\nna on Tuesday.\nThe North-\nKorean leader\n\nNew para-\n  graph.\r\nEnds here -\nand goes on.",
        "A\u{00A0}\u{00A0}Putin\u{2019}s", "ＰＵＴＩＮ ﬁre", "a\u{0301}b", "`\u{0301}", "\u{00B4} \u{1FFD} \u{00B4}",
        "\u{1FFD}\u{00B4}", "\u{1FEF}`", "x\u{2010}\ny", "é\u{2010}\nétude", "Ж-\nж", "\u{FEFF}\u{FEFF}Title\nb",
        "가\u{11A8}", "\u{1100}가", "a\u{200C}b", "\u{0600}1", "👍\u{200D}‼", "a\u{200D}‼",
    ]

    static func expectSame(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let reference = TextPathReference.normalize(text)
        let rewritten = Normalizer.normalize(text)
        #expect(rewritten.bytes == reference.bytes, "bytes of \(text.debugDescription)", sourceLocation: sourceLocation)
        #expect(rewritten.folded == reference.folded, "folded of \(text.debugDescription)", sourceLocation: sourceLocation)
        #expect(rewritten.originalOffsets == reference.originalOffsets, "offsets of \(text.debugDescription)", sourceLocation: sourceLocation)
        #expect(PlainTextExtractor.extract(text) == TextPathReference.plainText(text), "plain text of \(text.debugDescription)",
                sourceLocation: sourceLocation)
        #expect(TextLines.cleanLines(text) == TextPathReference.cleanLines(text), "lines of \(text.debugDescription)",
                sourceLocation: sourceLocation)
        #expect(HardWrap.paragraphs(text) == TextPathReference.paragraphs(text), "paragraphs of \(text.debugDescription)",
                sourceLocation: sourceLocation)
    }

    @Test("hand-picked hard cases")
    func handPickedCases() {
        for text in Self.handPicked { Self.expectSame(text) }
        #expect(TextLines.collapse("\u{FEFF} a\u{00A0}\u{00A0}b \u{00AD}c ") == "a b c")
    }

    @Test("1,500 seeded random texts over the special scalars, and every range's original offsets")
    func randomTexts() {
        var rng = SplitMix64(state: 15)
        var mismatches = 0
        for _ in 0..<1500 {
            let text = Self.randomText(&rng, pieces: Int(rng.next() % 24))
            let reference = TextPathReference.normalize(text)
            let rewritten = Normalizer.normalize(text)
            let same = rewritten.bytes == reference.bytes && rewritten.folded == reference.folded
                && rewritten.originalOffsets == reference.originalOffsets
                && PlainTextExtractor.extract(text) == TextPathReference.plainText(text)
                && TextLines.cleanLines(text) == TextPathReference.cleanLines(text)
            if !same {
                mismatches += 1
                if mismatches <= 5 { Self.expectSame(text) }
                continue
            }
            for start in 0..<reference.bytes.count {
                for end in (start + 1)...reference.bytes.count
                where rewritten.originalRange(start, end) != TextPathReference.originalRange(reference, start, end) {
                    mismatches += 1
                }
            }
        }
        #expect(mismatches == 0)
    }

    @Test(.enabled(if: ExtractionCorpus.isAvailable, "../shared is absent: corpus tests skipped"))
    func corpusTexts() throws {
        let root = ExtractionCorpus.sharedRoot.appendingPathComponent("corpus")
        var folders = ["articles/kcna-2024", "articles/giveme5w1h/Giveme5W1H/examples/datasets/bbc/data_raw/politics"]
        folders.append("articles/bbc-world-2026")
        var texts: [String] = [WireStories.english, WireStories.german, WireStories.french, WireStories.spanish,
                               WireStories.portuguese, WireStories.italian]
        for folder in folders {
            let files = (FileManager.default.enumerator(atPath: root.appendingPathComponent(folder).path)?.compactMap { $0 as? String } ?? [])
                .filter { $0.hasSuffix(".txt") || $0.hasSuffix(".html") || $0.hasSuffix(".md") }.sorted().prefix(60)
            for file in files {
                let bytes = try ExtractionCorpus.bytes("corpus/" + folder + "/" + file)
                let document = Document(bytes: bytes, origin: .file(path: Array(file.utf8)), nameHint: file)
                for article in try ArticleExtractor.extract(document) { texts.append(article.extractedText) }
                texts.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        #expect(texts.count == 248)
        var mismatched: [String] = []
        for text in texts {
            let reference = TextPathReference.normalize(text)
            let rewritten = Normalizer.normalize(text)
            if rewritten.bytes != reference.bytes || rewritten.folded != reference.folded || rewritten.originalOffsets != reference.originalOffsets
                || PlainTextExtractor.extract(text) != TextPathReference.plainText(text) {
                mismatched.append(String(text.prefix(60)))
            }
        }
        #expect(mismatched == [])
    }
}

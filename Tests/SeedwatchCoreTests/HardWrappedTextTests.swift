import Foundation
import Testing
@testable import SeedwatchCore

/// Hard-wrapped and hyphenated plain text (reported against text-matcher and PyMuPDF): text pasted
/// from a PDF or an e-mail and dropped as `.txt`, wrapped at 60 columns, lost points because every
/// line was a sentence, and words split by a line-end hyphen ("Chi-⏎na") were not found.
@Suite("Hard-wrapped and hyphenated .txt and Markdown")
struct HardWrappedTextTests {
    static let title = "China is the true power in Putin and Kim's budding friendship"
    static let paragraphs = [
        "When Mr Putin went to Pyongyang, it was the first time since 2000. This was an opportunity for Russia and North Korea to show off their friendship.",
        "Mr Putin may refer to a close bond with Mr Kim, but he is aware of its boundaries. It is clear that President Xi Jinping of China is the ultimate constraint.",
        "Up until now, China has supported Mr Kim's attempts to improve his nuclear weapons program by preventing the United States from implementing sanctions against North Korea at the United Nations.",
    ]

    /// The paragraphs wrapped at `width` columns, each paragraph followed by a blank line.
    static func wrapped(width: Int) -> String {
        var out = title + "\n\n"
        for paragraph in paragraphs {
            var line = ""
            for word in paragraph.split(separator: " ").map(String.init) {
                if line.isEmpty { line = word; continue }
                if line.count + 1 + word.count <= width { line += " " + word; continue }
                out += line + "\n"
                line = word
            }
            out += line + "\n\n"
        }
        return out
    }

    static func evaluate(_ text: String, name: String = "pasted.txt") throws -> ArticleEvaluation {
        let article = try #require(try ArticleExtractor.extract(Document(bytes: Array(text.utf8), origin: .file(path: Array(name.utf8)), nameHint: name)).first)
        return CompiledWatch(model: try ShippedModel.model).evaluate(article, articleKey: "file:test", source: .file(path: Array(name.utf8), url: nil, guid: nil),
                                                                time: Date(timeIntervalSince1970: 1_787_288_400))
    }

    @Test("a .txt wrapped at 60 columns scores as the unwrapped text; evidence shows whole sentences")
    func wrappedAt60Columns() throws {
        let unwrapped = try Self.evaluate(Self.title + "\n\n" + Self.paragraphs.joined(separator: "\n\n") + "\n")
        let wrapped = try Self.evaluate(Self.wrapped(width: 60))
        let bodyLines = Self.wrapped(width: 60).components(separatedBy: "\n").dropFirst()
        #expect(bodyLines.allSatisfy { $0.count <= 60 })
        #expect(wrapped.decision.score == unwrapped.decision.score)
        #expect(wrapped.decision.score == 61.25)  // 57.25 + 4 title_key_points (the title names North Korea with a topic term)
        #expect(wrapped.level == .alert)
        #expect(wrapped.decision.evidence.map(\.text) == unwrapped.decision.evidence.map(\.text))
        #expect(wrapped.decision.evidence.map(\.text).contains(
                "Up until now, China has supported Mr Kim's attempts to improve his nuclear weapons program by preventing the United States from implementing sanctions against North Korea at the United Nations."))
    }

    /// The paragraphs as a PDF export hyphenates them at about 60 columns.
    static let hyphenated = """
        China is the true power in Putin and Kim's budding friendship

        When Mr Putin went to Pyong-
        yang, it was the first time since 2000. This was an op-
        portunity for Russia and North Korea to show off their
        friendship.

        Mr Putin may refer to a close bond with Mr Kim, but he is
        aware of its boundaries. It is clear that President Xi Jin-
        ping of Chi-
        na is the ultimate constraint.

        Up until now, China has supported Mr Kim's attempts to im-
        prove his nuclear weapons program by preventing the Uni-
        ted States from implementing sanctions against North Ko-
        rea at the United Nations.
        """

    @Test("words split by a line-end hyphen are joined when the rest is lower case; the score is the unwrapped text's")
    func lineEndHyphens() throws {
        let text = Self.hyphenated
        let unwrapped = try Self.evaluate(Self.title + "\n\n" + Self.paragraphs.joined(separator: "\n\n") + "\n")
        let hyphenated = try Self.evaluate(text)
        #expect(hyphenated.decision.score == unwrapped.decision.score)
        #expect(hyphenated.decision.evidence.map(\.text) == unwrapped.decision.evidence.map(\.text))
    }

    @Test("the joining rule: lower-case continuation joins, anything else keeps the hyphen; a blank line ends the paragraph")
    func joiningRule() throws {
        #expect(HardWrap.paragraphs("Kim met Xi in Chi-\nna on Tuesday.\nThe North-\nKorean leader\n\nNew para-\n  graph.\r\nEnds here -\nand goes on.")
                == ["Kim met Xi in China on Tuesday. The North-Korean leader", "New paragraph. Ends here - and goes on."])
        let article = try #require(try ArticleExtractor.extract(Document(bytes: Array("Title line\nfirst wrapped\nline.\n\nSecond.\n".utf8),
                                                                          origin: .file(path: Array("a.txt".utf8)), nameHint: "a.txt")).first)
        #expect(article == Article(title: "Title line", body: "first wrapped line.\nSecond."))
    }

    @Test("Markdown: a paragraph's soft line breaks join; headings, list items, quotes and hard breaks stay lines")
    func markdownParagraphs() throws {
        let text = """
            # Putin in Pyongyang

            Russia and North Korea signed a mutual de-
            fence treaty on
            Wednesday.
            ## Reactions
            - Seoul protested
              strongly.
            - Tokyo too.
            > Quoted line one
            > and two.

            Hard break here\\
            next line.
            """
        let article = try #require(try ArticleExtractor.extract(Document(bytes: Array(text.utf8), origin: .file(path: Array("a.md".utf8)), nameHint: "a.md")).first)
        #expect(article.title == "Putin in Pyongyang")
        #expect(article.body.split(separator: "\n").map(String.init) == [
            "Russia and North Korea signed a mutual defence treaty on Wednesday.", "Reactions", "Seoul protested strongly.",
            "Tokyo too.", "Quoted line one and two.", "Hard break here\\", "next line.",
        ])
    }

    @Test("the matcher finds hyphenated aliases and terms in their joined form")
    func hyphenatedAliasJoined() throws {
        #expect(try ShippedModel.actorIDs("Moon Jaein met envoys.").contains("moon_jae_in"))
        #expect(try ShippedModel.actorIDs("Moon Jae-in met envoys.").contains("moon_jae_in"))
        #expect(AliasTable.withoutWordHyphens("Moon Jae-in") == "Moon Jaein")
        #expect(AliasTable.withoutWordHyphens("ship-to-ship") == "shiptoship")
        #expect(AliasTable.withoutWordHyphens("Kim Jong Un") == nil)
        #expect(AliasTable.withoutWordHyphens("T-90 - tank") == nil)
        // U+2010 and U+2011 (no `-` byte) between letters are removed too; no hyphen byte at all: nil.
        #expect(AliasTable.withoutWordHyphens("Jae\u{2010}in Jae\u{2011}in") == "Jaein Jaein")
        #expect(AliasTable.withoutWordHyphens("Pyongyang \u{2014} Seoul") == nil)
    }
}

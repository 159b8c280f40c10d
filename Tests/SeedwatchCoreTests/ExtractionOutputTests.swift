import Foundation
import Testing
@testable import SeedwatchCore

/// What `seedwatch extract` prints per article (``ExtractionOutput``).
@Suite("Extraction output")
struct ExtractionOutputTests {
    static let article = Article(
        title: "Kim meets Putin in \"Vladivostok\"",
        body: "The two leaders met on Thursday.\nThey spoke of the war in Ukraine and of the sanctions.",
        published: Date(timeIntervalSince1970: 1_718_766_725.75),  // 2024-06-19T03:12:05.75Z
        url: "https://example.org/world/kim-putin")

    @Test func theReadableViewIsTheTitleLineThenTheBody() {
        #expect(ExtractionOutput.text(Self.article) == """
        Kim meets Putin in "Vladivostok"
        The two leaders met on Thursday.
        They spoke of the war in Ukraine and of the sanctions.

        """)
    }

    @Test func anArticleWithoutTitleStartsWithAnEmptyLine() {
        #expect(ExtractionOutput.text(Article(title: "", body: "Only a body.")) == "\nOnly a body.\n")
        #expect(ExtractionOutput.text(Article(title: "Only a title", body: "")) == "Only a title\n")
    }

    @Test func theJSONLineHoldsPathTitleTextPublishedURLAndLanguageInThatOrder() {
        let line = String(decoding: ExtractionOutput.jsonLine(path: Array("drop/kim.html".utf8), article: Self.article), as: UTF8.self)
        #expect(line == #"{"path":"drop/kim.html","title":"Kim meets Putin in \"Vladivostok\"","text":"The two leaders met on Thursday.\nThey spoke of the war in Ukraine and of the sanctions.","published":"2024-06-19T03:12:05Z","url":"https://example.org/world/kim-putin","language":"en"}"# + "\n")
    }

    @Test func missingFieldsAreNullAndAPathThatIsNotUTF8IsPercentEncoded() {
        let line = String(decoding: ExtractionOutput.jsonLine(path: [0x61, 0xFF, 0x25, 0x2E, 0x74, 0x78, 0x74], article: Article(title: "", body: "x")), as: UTF8.self)
        #expect(line == #"{"path":"a%FF%25.txt","title":"","text":"x","published":null,"url":null,"language":null}"# + "\n")
    }

    /// Escaped runs are copied whole; U+2027 (`E2 80 A7`) and U+2030 share U+2028's first bytes
    /// and are not escaped; U+2028/U+2029 at the very end are.
    @Test func theJSONLineEscapesOnlyQuotesBackslashesControlsAndLineSeparators() {
        let article = Article(title: "\"Ä\"\u{2027}\u{2030}\u{7F}\u{2029}", body: "a\\b\u{1}\r\nc €\u{2028}")
        let line = String(decoding: ExtractionOutput.jsonLine(path: Array("p".utf8), article: article), as: UTF8.self)
        #expect(line == #"{"path":"p","title":"\"Ä\"\#u{2027}\#u{2030}\#u{7F}\u2029","text":"a\\b\u0001\r\nc €\u2028","published":null,"url":null,"language":null}"# + "\n")
    }
}

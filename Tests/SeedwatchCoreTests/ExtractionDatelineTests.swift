import Testing
@testable import SeedwatchCore

/// Datelines under the headline (``HTMLDatelines``): dropped from the body among its first lines,
/// kept further down and when they read as a sentence.
@Suite("HTML extraction: datelines")
struct ExtractionDatelineTests {
    static func body(_ html: String) -> String {
        HTMLExtractor.extract(Array(html.utf8), headerCharset: nil).body
    }

    static let first = "Kim Jong Un inspected the new launch site near Sohae on Tuesday, state media reported."
    static let second = "Analysts in Seoul said the visit signalled another satellite launch within weeks."
    static let third = "China and Russia urged restraint at the Security Council on Wednesday afternoon."

    static func page(_ lines: [String]) -> String {
        "<html><head><title>Launch site</title></head><body><article><h1>Launch site</h1>"
            + lines.map { "<p>\($0)</p>" }.joined() + "</article></body></html>"
    }

    @Test("a dateline between the headline and the lede is dropped")
    func datelineUnderTheHeadline() {
        let html = Self.page(["22.04.2024 | 15:54", Self.first, Self.second, Self.third])
        #expect(Self.body(html) == [Self.first, Self.second, Self.third].joined(separator: "\n"))
    }

    @Test("published and updated lines with a year and a time of day are dropped")
    func publishedAndUpdated() {
        let html = Self.page(["Published on 30/04/2024 - 16:38", "Friday 22 November 2024 08:49 GMT",
                              "28. Juni 2025 - 16.03 Uhr", Self.first, Self.second, Self.third])
        #expect(Self.body(html) == [Self.first, Self.second, Self.third].joined(separator: "\n"))
    }

    @Test("a dated line past the first six lines, or one that ends like a sentence, is kept")
    func keptDates() {
        let sentence = "The talks ended on 22.04.2024."
        let late = "Updated 23.04.2024 09:10"
        let lines = [sentence, Self.first, Self.second, Self.third, Self.first, Self.second, late]
        #expect(Self.body(Self.page(lines)) == lines.joined(separator: "\n"))
    }

    @Test("HTMLDatelines.isDateline: numeric dates, a year with a time, word counts and endings")
    func predicate() {
        func dateline(_ s: String) -> Bool { Array(s.utf8).withUnsafeBufferPointer { HTMLDatelines.isDateline($0) } }
        #expect(dateline("2024/12/04 00:05"))
        #expect(dateline("Posted at 2013-12-30T14:42:01-0700"))
        #expect(dateline("17:41 JST, October 13, 2024"))
        #expect(dateline("公開日：2025/01/31 11:30"))
        #expect(!dateline("October 13, 2024"))
        #expect(dateline("In 2024 at 10.30"))
        #expect(!dateline("Rooms 12.30 and 2024"))
        #expect(!dateline("A1/2/2024 is a code"))
        #expect(!dateline("On 22.04.2024 the ministers of nine states met in Geneva for talks"))
        #expect(!dateline("He said: “22.04.2024”"))
    }
}

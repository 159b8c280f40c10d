import Foundation
import Testing
@testable import SeedwatchCore

/// The one Content-Type reader behind feeds (HTTP header), fetched pages (HTTP header) and
/// `<meta http-equiv="Content-Type">`.
@Suite("Content-Type charset")
struct ContentTypeTests {
    @Test("the charset parameter, unquoted and trimmed", arguments: [
        ("text/xml; charset=ISO-8859-1", "ISO-8859-1"),
        ("text/html;charset=\"windows-1251\"", "windows-1251"),
        ("application/rss+xml; Charset = 'utf-8' ", "utf-8"),
        ("text/html; boundary=x; charset=koi8-r; charset=utf-8", "koi8-r"),
    ])
    func charset(value: String, expected: String) {
        #expect(ContentType.charset(value) == expected)
    }

    @Test("no charset: absent, empty, or only a media type", arguments: ["text/xml", "text/xml; charset=", "text/xml; charset=\"\"", "charset=utf-8", ""])
    func noCharset(value: String) {
        #expect(ContentType.charset(value) == nil)
    }

    @Test("nil Content-Type has no charset")
    func nilValue() {
        #expect(ContentType.charset(nil) == nil)
    }

    /// The one behaviour this reader changes: a `<meta http-equiv>` whose content breaks the line
    /// before `charset=` (HTML's "extracting a character encoding from a meta element" skips ASCII
    /// whitespace, line breaks included). Page extraction used to trim only spaces and tabs there,
    /// missed the charset and read the Windows-1251 page as Windows-1252.
    @Test("a meta Content-Type with a line break before charset= is honoured")
    func metaWithLineBreak() throws {
        let head = Array("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html;\n charset=windows-1251\"><title>".utf8)
        let title: [UInt8] = [0xCF, 0xF5, 0xE5, 0xED, 0xFC, 0xFF, 0xED]  // "Пхеньян" in Windows-1251
        let bytes = head + title + Array("</title></head><body><p>x</p></body></html>".utf8)
        #expect(HTMLCharset.metaCharset(bytes) == "windows-1251")
        let article = HTMLExtractor.extract(bytes, headerCharset: nil)
        #expect(article.title == "Пхеньян")
    }
}

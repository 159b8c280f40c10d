import Foundation
@testable import SeedwatchCore
import Testing

/// The parser's shortcut for valid UTF-8 XML must give exactly what the decoding path gives.
@Suite("Feed parser: UTF-8 shortcut")
struct FeedUTF8FastPathTests {
    @Test("isValidUTF8 accepts exactly what String(validating:) accepts")
    func validationAgreesWithStandardLibrary() {
        let cases: [[UInt8]] = [
            [], Array("plain ascii text, longer than eight bytes".utf8), Array("café ’ 北 😀".utf8),
            [0xC0, 0x80], [0xC1, 0xBF], [0xC2, 0x80], [0xE0, 0x9F, 0x80], [0xE0, 0xA0, 0x80],
            [0xED, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80],
            [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF],
            Array("abcdefgh".utf8) + [0xE2, 0x80], Array("abcdefg".utf8) + [0x92] + Array("abcdefgh".utf8),
            Array("Kim Jong Un".utf8) + [0xE2, 0x80, 0x99] + Array("s".utf8), [0x80], [0xE2, 0x28, 0xA1],
        ]
        for bytes in cases {
            #expect(UTF8Bytes.isValidUTF8(bytes) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
        }
    }

    @Test("the shortcut applies only to UTF-8 markup that decoding would leave as it is")
    func shortcutConditions() {
        let rss = Array("\n <rss><channel><title>A</title></channel></rss>".utf8)
        #expect(FeedParser.utf8MarkupStart(rss, declared: [nil, nil]) == 2)
        #expect(FeedParser.utf8MarkupStart(rss, declared: ["utf-16", "utf-8"]) == 2) // UTF-16 without NULs is skipped
        #expect(FeedParser.utf8MarkupStart(rss, declared: ["iso-8859-1", nil]) == nil)
        #expect(FeedParser.utf8MarkupStart([0xEF, 0xBB, 0xBF] + rss, declared: [nil, nil]) == nil)
        #expect(FeedParser.utf8MarkupStart(rss + [0x92], declared: [nil, nil]) == nil)
        #expect(FeedParser.utf8MarkupStart(Array("{\"version\": 1}".utf8), declared: [nil, nil]) == nil)
        #expect(FeedParser.utf8MarkupStart([0x3C, 0xCC, 0x81], declared: [nil, nil]) == nil) // "<" + combining mark
    }

    @Test("the shortcut for a JSON Feed applies only to UTF-8 JSON that decoding would leave as it is")
    func jsonShortcutConditions() {
        let json = Array("\r\n {\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}".utf8)
        let brace = UInt8(ascii: "{")
        #expect(FeedParser.utf8Start(of: brace, in: json, declared: [nil, nil]) == 3)
        #expect(FeedParser.utf8Start(of: brace, in: json, declared: [nil, "utf-8"]) == 3)
        #expect(FeedParser.utf8Start(of: brace, in: json, declared: ["windows-1252", nil]) == nil)
        #expect(FeedParser.utf8Start(of: brace, in: [0xEF, 0xBB, 0xBF] + json, declared: [nil, nil]) == nil)
        #expect(FeedParser.utf8Start(of: brace, in: json + [0x92], declared: [nil, nil]) == nil)
        #expect(FeedParser.utf8Start(of: brace, in: [0x7B, 0xCC, 0x81], declared: [nil, nil]) == nil) // "{" + combining mark
        #expect(FeedParser.utf8Start(of: brace, in: Array("<rss/>".utf8), declared: [nil, nil]) == nil)
    }

    @Test("a UTF-8 JSON Feed is sniffed without a second copy of its bytes (issue 11)")
    func jsonBodyIsNotCopied() throws {
        let json = Array("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Kim’s\", \"items\": []}".utf8)
        let (body, encoding) = try FeedParser.sniff(json, contentType: "application/feed+json")
        guard case .json(let utf8) = body else { Issue.record("not sniffed as JSON: \(body)"); return }
        #expect(utf8 == json)
        #expect(encoding == "utf-8")
        let shared = json.withUnsafeBufferPointer { original in utf8.withUnsafeBufferPointer { $0.baseAddress == original.baseAddress } }
        #expect(shared, "the JSON body was copied")
    }

    @Test("a Windows-1252 byte in an undeclared JSON Feed still takes the decoding path")
    func invalidJSONByteIsDecodedAsWindows1252() throws {
        let bytes = Array("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Kim".utf8) + [0x92]
            + Array("s\", \"items\": [{\"id\": \"a\", \"title\": \"Putin\u{2019}s visit\"}]}".utf8)
        let feed = try FeedParser.parse(bytes)
        #expect(feed.title == "Kim’s")
        #expect(feed.encoding == "utf-8")
        #expect(feed.items.map(\.title) == ["Putin\u{2019}s visit"])
    }

    @Test("trimmingWhitespace on bytes gives what trimming whitespace characters gives")
    func trimmingAgreesWithCharacters() {
        func reference(_ text: String) -> String {
            var s = Substring(text)
            while let f = s.first, f.isWhitespace { s.removeFirst() }
            while let l = s.last, l.isWhitespace { s.removeLast() }
            return String(s)
        }
        let cases = ["", " ", "\r\n", " \t\n", "a", "  Kim Jong Un \n", "\r\n a b \r\n", " \u{301}a ", "\u{3000}x ",
                     " x\u{3000}", "\u{0600} ", " a\u{0600} ", "\u{00A0}a", " é ", " a é ", "\n\u{301}"]
        for text in cases {
            #expect(text.trimmingWhitespace() == reference(text), "\(text.debugDescription)")
        }
        #expect("  Kim Jong Un \n".trimmingWhitespace() == "Kim Jong Un")
    }

    @Test("a Windows-1252 byte in an undeclared feed still takes the decoding path")
    func invalidByteIsDecodedAsWindows1252() throws {
        let bytes = Array("<rss version=\"2.0\"><channel><title>Kim".utf8) + [0x92] + Array("s</title></channel></rss>".utf8)
        let feed = try FeedParser.parse(bytes)
        #expect(feed.title == "Kim’s")
        #expect(feed.encoding == "utf-8")
    }
}

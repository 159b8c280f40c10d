import Foundation
import Testing
@testable import SeedwatchCore

/// Which evidence decides a page's encoding (``HTMLExtractor``): the byte order mark, then the
/// HTTP header's charset, then the prescan's declaration, then UTF-8; and real pages of
/// `../shared/corpus/html` read in the encoding they declare.
@Suite("HTML decoding order")
struct HTMLDecodingOrderTests {
    /// "Пхеньян" in Windows-1251.
    static let pyongyang1251: [UInt8] = [0xCF, 0xF5, 0xE5, 0xED, 0xFC, 0xFF, 0xED]

    static func page(meta: String, title: [UInt8]) -> [UInt8] {
        Array("<html><head>\(meta)<title>".utf8) + title + Array("</title></head><body><p>x</p></body></html>".utf8)
    }

    @Test("a byte order mark wins over the meta declaration")
    func byteOrderMarkWins() {
        let bytes = [0xEF, 0xBB, 0xBF] + Self.page(meta: #"<meta charset="windows-1251">"#, title: Array("Пхеньян".utf8))
        #expect(HTMLExtractor.extract(bytes, headerCharset: nil).title == "Пхеньян")
    }

    @Test("the HTTP header's charset wins over the meta declaration")
    func headerWins() {
        let bytes = Self.page(meta: #"<meta charset="koi8-r">"#, title: Self.pyongyang1251)
        #expect(HTMLExtractor.extract(bytes, headerCharset: "windows-1251").title == "Пхеньян")
        #expect(HTMLExtractor.extract(bytes, headerCharset: nil).title == "оУЕМЭЪМ")
    }

    @Test("a meta declared after a comment holding another is the one used")
    func declarationAfterComment() {
        let bytes = Self.page(meta: #"<!-- <meta charset="koi8-r"> --><meta charset="windows-1251">"#, title: Self.pyongyang1251)
        #expect(HTMLExtractor.extract(bytes, headerCharset: nil).title == "Пхеньян")
    }

    @Test("valid UTF-8 with non-ASCII bytes is read as UTF-8 whatever the meta says; ASCII-only pages keep their declaration")
    func validUTF8Wins() {
        let converted = Self.page(meta: #"<meta charset="gb2312">"#, title: Array("人工智能".utf8))
        #expect(HTMLExtractor.declaredEncoding(converted) == "utf-8")
        #expect(HTMLExtractor.extract(converted, headerCharset: nil).title == "人工智能")
        #expect(HTMLExtractor.declaredEncoding(Self.page(meta: #"<meta charset="gb2312">"#, title: Array("AI".utf8))) == "gbk")
        #expect(HTMLExtractor.declaredEncoding(Self.page(meta: #"<meta charset="windows-1251">"#, title: Self.pyongyang1251)) == "windows-1251")
    }

    @Test("real pages: Windows-1252 declared as ISO-8859-1, GB2312 declared after 1 KB, UTF-8 declared as GB2312",
          .enabled(if: ExtractionCorpus.isAvailable, "../shared is absent: corpus tests skipped"))
    func corpusPages() throws {
        let root = "corpus/html/"
        let badische = try ExtractionCorpus.bytes(root + "trafilatura/tests/eval/badische-zeitung.de-Wohnungssuche.html")
        #expect(HTMLCharset.metaCharset(badische) == "windows-1252")
        let freiburg = HTMLExtractor.extract(badische, headerCharset: nil)
        #expect(freiburg.title == "Viele Studierende sind noch verzweifelt auf Wohnungssuche in Freiburg")
        #expect(freiburg.body.contains("Gesine aus Tübingen läuft die Zeit davon. Die 18-Jährige hat sich an der Uni Freiburg für ein Jurastudium eingeschrieben"))

        let xinhua = try ExtractionCorpus.bytes(root + "trafilatura/tests/eval/archive.org.he.xinhuanet.com.25340717.html")
        #expect(xinhua.withUnsafeBufferPointer { HTMLCharset.prescan(UnsafeBufferPointer(rebasing: $0.prefix(1024))) } == nil)
        #expect(HTMLCharset.metaCharset(xinhua) == "gbk")
        #expect(HTMLExtractor.extract(xinhua, headerCharset: nil).title == "话剧《约定无期限》河北各市巡演结束")

        let qq = try ExtractionCorpus.bytes(root + "readability/test/test-pages/qq/source.html")
        #expect(HTMLCharset.metaCharset(qq) == "gbk")
        let decoded = String(decoding: CharsetDecoder.decodeTextUTF8(qq, declared: [HTMLExtractor.declaredEncoding(qq)]), as: UTF8.self)
        #expect(decoded == String(decoding: qq, as: UTF8.self))
        #expect(HTMLExtractor.extract(qq, headerCharset: nil).title == "DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶_科技_腾讯网")
    }
}

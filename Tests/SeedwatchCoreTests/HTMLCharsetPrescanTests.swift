import Testing
@testable import SeedwatchCore

/// The HTML standard's "prescan a byte stream to determine its encoding" on bytes (WHATWG HTML
/// §13.2.3.2), its labels read through the Encoding Standard's table, and declarations after the
/// first 1,024 bytes.
@Suite("HTML charset prescan")
struct HTMLCharsetPrescanTests {
    static func sniff(_ html: String) -> String? {
        HTMLCharset.metaCharset(Array(html.utf8))
    }

    /// The standard's prescan alone, over all of `html`.
    static func prescan(_ html: String) -> String? {
        Array(html.utf8).withUnsafeBufferPointer { HTMLCharset.prescan($0) }
    }

    @Test("meta charset and http-equiv Content-Type, quoted or not, any case; the encoding's WHATWG name")
    func declarations() {
        #expect(Self.sniff(#"<html><head><META CHARSET="Windows-1251"><title>x</title>"#) == "windows-1251")
        #expect(Self.sniff("<meta charset=koi8-r>") == "koi8-r")
        #expect(Self.sniff("<meta/charset=koi8-r>") == "koi8-r")
        #expect(Self.sniff(#"<meta content="text/html; charset=ISO-8859-2" http-equiv="Content-Type">"#) == "iso-8859-2")
        #expect(Self.sniff(#"<meta http-equiv='content-type' content='text/html;charset="gb2312"'>"#) == "gbk")
        #expect(Self.sniff(#"<meta http-equiv="Content-Type" content="text/html; charset='koi8-r'">"#) == "koi8-r")
        #expect(Self.sniff(#"<meta http-equiv="Content-Type" content="text/html; CHARSET = koi8-r; x=y">"#) == "koi8-r")
    }

    @Test("labels through the Encoding Standard's table: aliases, white space, UTF-16 and x-user-defined overrides, failures")
    func labels() {
        #expect(Self.sniff(#"<meta charset="latin1">"#) == "windows-1252")
        #expect(Self.sniff(#"<meta charset="ISO-8859-1">"#) == "windows-1252")
        #expect(Self.sniff(#"<meta charset=" utf8 ">"#) == "utf-8")
        #expect(Self.sniff(#"<meta charset="shift-jis">"#) == "shift_jis")
        #expect(Self.sniff(#"<meta charset="UTF-16">"#) == "utf-8")
        #expect(Self.sniff(#"<meta charset="utf-16be">"#) == "utf-8")
        #expect(Self.sniff(#"<meta charset="x-user-defined">"#) == "windows-1252")
        #expect(Self.sniff(#"<meta charset="iso-2022-kr">"#) == "replacement")
        // Not labels of the standard, though iconv knows them: failure, and the scan goes on.
        #expect(Self.sniff(#"<meta charset="latin-1"><meta charset="koi8-r">"#) == "koi8-r")
        #expect(Self.sniff(#"<meta charset="no-such-charset">"#) == nil)
    }

    @Test("what the standard skips: comments, other tags' attributes, a content without http-equiv")
    func skipped() {
        #expect(Self.sniff(#"<!-- <meta charset="koi8-r"> --><meta charset="utf-8">"#) == "utf-8")
        #expect(Self.sniff(#"<!--><meta charset="koi8-r">"#) == "koi8-r")
        #expect(Self.sniff(#"<!-- a -- b <meta charset="koi8-r"> --><meta charset="windows-1250">"#) == "windows-1250")
        #expect(Self.sniff(#"<div title='<meta charset="koi8-r">'><meta charset="windows-1251">"#) == "windows-1251")
        #expect(Self.sniff(#"<!DOCTYPE html <meta charset="koi8-r">><meta charset="windows-1251">"#) == "windows-1251")
        #expect(Self.sniff(#"<meta content="text/html; charset=koi8-r">"#) == nil)
        #expect(Self.sniff(#"<meta http-equiv="refresh" content="text/html; charset=koi8-r">"#) == nil)
        #expect(Self.sniff("<p>no declaration</p>") == nil)
    }

    @Test("one meta's attributes: the first of a repeated name counts, charset= overrides content=, an unmatched quote names nothing")
    func attributes() {
        #expect(Self.sniff(#"<meta charset="koi8-r" charset="windows-1251">"#) == "koi8-r")
        #expect(Self.sniff(#"<meta http-equiv="Content-Type" content="text/html; charset=koi8-r" charset="windows-1251">"#) == "windows-1251")
        #expect(Self.sniff(#"<meta charset="windows-1251" http-equiv="Content-Type" content="text/html; charset=koi8-r">"#) == "windows-1251")
        #expect(Self.sniff(#"<meta http-equiv="Content-Type" content="text/html; charset='koi8-r">"#) == nil)
        #expect(Self.sniff(#"<meta http-equiv="Content-Type" content="text/html; charset">"#) == nil)
    }

    @Test("bytes that run out inside a meta end the prescan without an encoding")
    func truncated() {
        #expect(Self.prescan(#"<meta charset="koi8-r""#) == nil)
        #expect(Self.prescan("<meta charset=koi8-r") == nil)
        #expect(Self.prescan(#"<!-- <meta charset="koi8-r">"#) == nil)
    }

    @Test("an XML declaration at the first byte when no meta declares; UTF-16 XML declarations by their bytes")
    func xmlDeclaration() {
        #expect(Self.prescan(#"<?xml version="1.0" encoding="windows-1251"?><html><p>x</p>"#) == "windows-1251")
        #expect(Self.prescan(#"<?xml version="1.0" encoding="windows-1251"?><meta charset="koi8-r">"#) == "koi8-r")
        #expect(Self.prescan(#"<?xml version="1.0" encoding="utf-16"?><p>x</p>"#) == "utf-8")
        #expect(Self.prescan(#" <?xml version="1.0" encoding="windows-1251"?>"#) == nil)
        #expect(Self.prescan(#"<?xml version="1.0" encoding=windows-1251?>"#) == nil)
        let utf16LE: [UInt8] = [0x3C, 0, 0x3F, 0, 0x78, 0, 0x6D, 0]
        #expect(utf16LE.withUnsafeBufferPointer { HTMLCharset.prescan($0) } == "utf-16le")
        let utf16BE: [UInt8] = [0, 0x3C, 0, 0x3F, 0, 0x78, 0, 0x6D]
        #expect(utf16BE.withUnsafeBufferPointer { HTMLCharset.prescan($0) } == "utf-16be")
    }

    @Test("the prescan reads 1,024 bytes; a later meta counts up to 16 KB, as a browser's change of encoding, not beyond")
    func laterDeclarations() {
        let head = "<html><head><title>" + String(repeating: "long title ", count: 200) + "</title>"
        #expect(head.utf8.count > 1024)
        let page = head + #"<meta charset="iso-8859-2">"#
        #expect(Array(page.utf8).withUnsafeBufferPointer { HTMLCharset.prescan(UnsafeBufferPointer(rebasing: $0.prefix(1024))) } == nil)
        #expect(Self.sniff(page) == "iso-8859-2")
        let tooLate = "<html><head><title>" + String(repeating: "long title ", count: 1600) + "</title>"
        #expect(tooLate.utf8.count > 16_384)
        #expect(Self.sniff(tooLate + #"<meta charset="iso-8859-2">"#) == nil)
    }

    @Test("CharsetDecoder maps labels through the same table, and keeps iconv's other labels for XML declarations")
    func decoderLabels() {
        #expect(CharsetDecoder.encoding(forLabel: "ISO-8859-1") == .windows1252)
        #expect(CharsetDecoder.encoding(forLabel: "\"us-ascii\"") == .windows1252)
        #expect(CharsetDecoder.encoding(forLabel: "gb2312") == .other("gb18030"))
        #expect(CharsetDecoder.encoding(forLabel: "ks_c_5601-1987") == .other("cp949"))
        #expect(CharsetDecoder.encoding(forLabel: "unicode") == .utf16LE)
        #expect(CharsetDecoder.encoding(forLabel: "iso-2022-kr") == nil)
        #expect(CharsetDecoder.encoding(forLabel: "koi8-r") == .other("koi8-r"))
        #expect(EncodingLabels.name(forLabel: Array("\t Windows-1251\n".utf8)) == "windows-1251")
        #expect(EncodingLabels.name(forLabel: Array("windows 1251".utf8)) == nil)
    }
}

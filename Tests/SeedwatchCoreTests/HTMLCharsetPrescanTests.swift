import Testing
@testable import SeedwatchCore

/// The `<meta>` charset prescan on bytes (WHATWG HTML §13.2.3.2), and declarations after the
/// first 1,024 bytes.
@Suite("HTML charset prescan")
struct HTMLCharsetPrescanTests {
    static func sniff(_ html: String) -> String? {
        HTMLCharset.metaCharset(Array(html.utf8))
    }

    @Test("meta charset and http-equiv Content-Type, quoted or not, any case")
    func declarations() {
        #expect(Self.sniff(#"<html><head><META CHARSET="Windows-1251"><title>x</title>"#) == "windows-1251")
        #expect(Self.sniff("<meta charset=koi8-r>") == "koi8-r")
        #expect(Self.sniff(#"<meta content="text/html; charset=ISO-8859-2" http-equiv="Content-Type">"#) == "iso-8859-2")
        #expect(Self.sniff(#"<meta http-equiv='content-type' content='text/html;charset="gb2312"'>"#) == "gb2312")
    }

    @Test("what the standard skips: comments, other tags' attributes, a content without http-equiv, unknown labels")
    func skipped() {
        #expect(Self.sniff(#"<!-- <meta charset="koi8-r"> --><meta charset="utf-8">"#) == "utf-8")
        #expect(Self.sniff(#"<div title='<meta charset="koi8-r">'><meta charset="windows-1251">"#) == "windows-1251")
        #expect(Self.sniff(#"<meta content="text/html; charset=koi8-r">"#) == nil)
        #expect(Self.sniff(#"<meta charset="no-such-charset"><meta charset="koi8-r">"#) == "koi8-r")
        #expect(Self.sniff(#"<meta charset="UTF-16LE">"#) == "utf-8")
        #expect(Self.sniff("<p>no declaration</p>") == nil)
    }

    @Test("a declaration after the first 1,024 bytes still counts up to 16 KB; not beyond")
    func laterDeclarations() {
        let head = "<html><head><title>" + String(repeating: "long title ", count: 200) + "</title>"
        #expect(head.utf8.count > 1024)
        #expect(Self.sniff(head + #"<meta charset="iso-8859-2">"#) == "iso-8859-2")
        let tooLate = "<html><head><title>" + String(repeating: "long title ", count: 1600) + "</title>"
        #expect(tooLate.utf8.count > 16_384)
        #expect(Self.sniff(tooLate + #"<meta charset="iso-8859-2">"#) == nil)
    }
}

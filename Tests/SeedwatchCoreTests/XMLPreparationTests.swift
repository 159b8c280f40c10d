import Testing
@testable import SeedwatchCore

/// The preparation pass skips runs of bytes eight at a time; every byte it must act on is found at
/// every offset within such a run.
@Suite struct XMLPreparationTests {
    private func prepared(_ s: [UInt8]) -> [UInt8] { XMLPreparation.prepare(s) }

    @Test func forbiddenControlsAreDroppedAtEveryOffset() {
        for control in UInt8(0)...0x1F where control != 0x09 && control != 0x0A && control != 0x0D {
            for offset in 0..<17 {
                let text = Array(repeating: UInt8(ascii: "a"), count: offset) + [control] + Array(repeating: UInt8(ascii: "b"), count: 20)
                let out = prepared(Array("<t>".utf8) + text + Array("</t>".utf8))
                let expected = Array("<t>".utf8) + Array(repeating: UInt8(ascii: "a"), count: offset)
                    + Array(repeating: UInt8(ascii: "b"), count: 20) + Array("</t>".utf8)
                #expect(out == expected, "control \(control) at offset \(offset)")
            }
        }
    }

    @Test func tabsNewlinesAndReturnsStay() {
        let doc = Array("<t>\n\t\tKim\r\n\t</t>".utf8)
        #expect(prepared(doc) == doc)
    }

    @Test func referencesCommentsDoctypesAndC1AreSeenAtEveryOffset() {
        for offset in 0..<17 {
            let pad = String(repeating: "x", count: offset)
            func prep(_ s: String) -> String { String(decoding: prepared(Array(s.utf8)), as: UTF8.self) }
            #expect(prep("<t>\(pad)&eacute;yyyyyyyyyyyy</t>") == "<t>\(pad)&#233;yyyyyyyyyyyy</t>")
            #expect(prep("<t>\(pad)&amp;&lt;&gt;&quot;&apos;&#x2019;&#8217;&#146;</t>") == "<t>\(pad)&amp;&lt;&gt;&quot;&apos;&#8217;&#8217;&#8217;</t>")
            #expect(prep("<t>\(pad)<!-- &nbsp; -->yyyyyyyyyy</t>") == "<t>\(pad)<!-- &nbsp; -->yyyyyyyyyy</t>")
            #expect(prep("<t>\(pad)\u{92}yyyyyyyyyyyyyy</t>") == "<t>\(pad)\u{2019}yyyyyyyyyyyyyy</t>")
            #expect(prep("<t>\(pad)<![CDATA[&bogus; \u{93}x\u{94}]]>yyyyyyyy</t>") == "<t>\(pad)<![CDATA[&bogus; \u{201C}x\u{201D}]]>yyyyyyyy</t>")
            #expect(prep("<t>\(pad)a & b yyyyyyyyyyy</t>") == "<t>\(pad)a &amp; b yyyyyyyyyyy</t>")
        }
        #expect(String(decoding: prepared(Array("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY x \"boom\">]><rss>&x;</rss>".utf8)), as: UTF8.self)
                == "\n<rss></rss>")
    }
}

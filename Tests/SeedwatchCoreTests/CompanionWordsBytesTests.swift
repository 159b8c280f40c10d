import Testing
@testable import SeedwatchCore

/// The companion test reads the words around a term from the text's bytes: an ASCII window is split
/// in place, any other through `String` (``CompanionWords/lowercasedWords(_:)``), with the same words.
@Suite("Companion words from bytes")
struct CompanionWordsBytesTests {
    static func words(_ bytes: [UInt8], _ range: Range<Int>) -> [String] {
        bytes.withUnsafeBufferPointer { CompanionWords.lowercasedWords($0[range]) }
    }

    @Test("a topic term's requires and not_after phrases are split into the String path's words")
    func termPhrases() {
        var term = TopicTerm("pipeline", requires: ["Oil", "natural GAS", "Gazprom’s ΣΟΦΙΑ"], notAfter: ["prisoner of", "Korean"])
        #expect(term.requiredPhrases == [["oil"], ["natural", "gas"], ["gazprom", "s", "σοφια"]])
        #expect(term.notAfterPhrases == [["prisoner", "of"], ["korean"]])
        term.requires = ["LNG-rich\r\nfields"]
        term.notAfter = ["Straße"]
        #expect(term.requiredPhrases == [["lng", "rich", "fields"]])
        #expect(term.notAfterPhrases == [["straße"]])
        #expect(term.requiredPhrases == term.requires.map(CompanionWords.lowercasedWords(_:) as (String) -> [String]))
    }

    /// Every window of `bytes` (each cut), its first and last 1, 2 and 8 words, tests `phrases` as
    /// the `String` path's words do.
    static func expectSameWindowWords(_ bytes: [UInt8], _ phrases: [[String]]) {
        for lo in 0..<bytes.count {
            for hi in lo...bytes.count {
                let window = Array(bytes[lo..<hi])
                let all = CompanionWords.lowercasedWords(String(decoding: window, as: UTF8.self))
                for keep in [1, 2, 8] {
                    let last = WindowWords(window, .last, keep), first = WindowWords(window, .first, keep)
                    let lastWords = Array(all.suffix(keep)), firstWords = Array(all.prefix(keep))
                    #expect(last.count == lastWords.count && first.count == firstWords.count)
                    for phrase in phrases {
                        #expect(last.contains(phrase) == CompanionWords.contains(lastWords, phrase))
                        #expect(first.contains(phrase) == CompanionWords.contains(firstWords, phrase))
                        #expect(last.endsWith(phrase) == (Array(lastWords.suffix(phrase.count)) == phrase))
                    }
                }
            }
        }
    }

    @Test("ASCII windows give the String path's words")
    func asciiWindows() {
        let text = Array("Oil's PRICE rose 3.5%\r\nin Gas-rich\tRussia_2024 (LNG)... x".utf8)
        #expect(Self.words(text, 0..<text.count) == ["oil", "s", "price", "rose", "3", "5", "in", "gas", "rich", "russia", "2024", "lng", "x"])
        for lo in 0..<text.count {
            for hi in lo...text.count {
                #expect(Self.words(text, lo..<hi) == CompanionWords.lowercasedWords(String(decoding: text[lo..<hi], as: UTF8.self)))
            }
        }
    }

    @Test("windows with other bytes, cut inside a scalar too, give the String path's words")
    func otherWindows() {
        let text = Array("Gazprom’s ΣΟΦΙΑ pipeline — ½ e\u{0301}nergie ① Straße İstanbul".utf8)
        #expect(Self.words(text, 0..<text.count) == ["gazprom", "s", "σοφια", "pipeline", "½", "énergie", "①", "straße", "i̇stanbul"])
        for lo in 0..<text.count {
            for hi in lo...text.count {
                #expect(Self.words(text, lo..<hi) == CompanionWords.lowercasedWords(String(decoding: text[lo..<hi], as: UTF8.self)))
            }
        }
    }

    @Test("window words test phrases as the String path's words do, ASCII windows on bytes")
    func windowWords() {
        let phrases: [[String]] = [["oil"], ["gas", "rich"], ["russia", "2024"], ["s"], ["price", "rose"], ["rich", "russia"],
                                   ["lng", "x"], ["pipeline"], ["σοφια"], ["énergie"], ["straße"], ["oil", "s", "price"], ["x", "y"]]
        for text in ["Oil's PRICE rose 3.5%\r\nin Gas-rich\tRussia_2024 (LNG)... x",
                     "Gazprom’s ΣΟΦΙΑ pipeline — ½ e\u{0301}nergie oil gas rich Straße",
                     "naïve café-tude oil\u{0301} gas \u{0600} rich, ok.\r\nIt s X1 2 x"] {
            Self.expectSameWindowWords(Array(text.utf8), phrases)
        }
    }

    @Test("windows with separator scalars are split on bytes, as the String path splits them")
    func separatorWindows() {
        let text = "Oil at £45bn\u{A0}(€3) “gas”—oil’s 50°C price… ¥9 © x®y «z» a•b ¢1 –2 \u{FFFD}q"
        let bytes = Array(text.utf8)
        #expect(WindowWords.asciiWords(bytes, .first, 100).map { $0.map { String(decoding: bytes[$0], as: UTF8.self) } }
                == ["Oil", "at", "45bn", "3", "gas", "oil", "s", "50", "C", "price", "9", "x", "y", "z", "a", "b", "1", "2", "q"])
        let phrases: [[String]] = [["oil"], ["45bn"], ["gas", "oil"], ["s", "50"], ["price", "9"], ["c"], ["x", "y"], ["q"], ["1", "2"]]
        Self.expectSameWindowWords(bytes, phrases)
        // A window cut inside a separator, or holding another scalar, still takes the String path.
        #expect(WindowWords.asciiWords(Array(bytes[8...]), .first, 3) == nil)  // starts inside "£"
        #expect(WindowWords.asciiWords(Array("a é b".utf8), .first, 3) == nil)
        #expect(WindowWords.asciiWords(Array("a é b".utf8), .last, 1) == [5..<6])
    }

    @Test("each separator scalar is a character of its own beside ASCII, neither letter nor number, its own lower case")
    func separatorScalars() {
        let scalars = (0x80..<0x1_0000).filter { !(0xD800...0xDFFF).contains($0) && WindowWords.separatorScalar(UInt32($0)) }
        #expect(scalars.count == 19)
        for value in scalars {
            let scalar = Unicode.Scalar(UInt32(value))!
            let character = Character(scalar)
            #expect(!character.isLetter && !character.isNumber)
            #expect(String(scalar).lowercased() == String(scalar))
            #expect("a\(scalar)1 \(scalar)\(scalar)\r\n".count == 7)
        }
    }

    @Test("the hash accumulator knows what it holds, zero included")
    func accumulatorContains() {
        var gathered = HashAccumulator()
        for hash: UInt64 in [5, 0, 1 << 40, 5, 77] { gathered.insert(hash) }
        #expect(gathered.contains(5) && gathered.contains(0) && gathered.contains(1 << 40) && gathered.contains(77))
        #expect(!gathered.contains(6))
        #expect(gathered.set == [0, 5, 1 << 40, 77])
        for hash in 1000..<1100 { gathered.insert(UInt64(hash)) }
        #expect((1000..<1100).allSatisfy { gathered.contains(UInt64($0)) })
        #expect(!gathered.contains(1100))
    }
}

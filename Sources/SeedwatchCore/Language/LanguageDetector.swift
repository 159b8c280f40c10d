/// Tells the language of an article: a pure function of its text, no I/O.
///
/// Reads at most ``maxBytes`` of UTF-8 and counts letters by script:
/// - Hangul above half of the letters → `ko`; Han and Kana above half → `ja` when Kana (Hiragana,
///   Katakana) are at least a tenth of them, else `zh`;
/// - Cyrillic above half → `ru`, unless letters that Russian does not use appear (Ukrainian і ї є ґ,
///   Belarusian ў, Serbian and Macedonian ђ ј љ њ ћ џ ѓ ќ ѕ): then `nil`;
/// - Latin above half → the stop-word profile (``StopWordProfiles``) with the most word hits among
///   en, es, pt, fr, de and it, when it has at least ``minimumHits`` hits and at least twice as many
///   as the runner-up; otherwise `nil`.
///
/// The result is an ISO 639-1 code, or `nil` when the text is too short or too mixed to tell.
public enum LanguageDetector {
    /// Bytes of text read (UTF-8): a title and a lead, about 300 words, and a bound on the cost per article.
    public static let maxBytes = 2048
    /// Stop-word hits the best Latin-script profile needs.
    public static let minimumHits = 3
    /// Letters a text needs before its script decides anything.
    public static let minimumLetters = 8

    /// The language of `text`: `en`, `es`, `pt`, `fr`, `de`, `it`, `ru`, `ko`, `zh`, `ja` or `nil`.
    public static func detect(_ text: String) -> String? {
        var counts = Counts()
        var copy = text
        copy.withUTF8 { buffer in
            counts.read(UnsafeBufferPointer(rebasing: buffer.prefix(maxBytes)))
        }
        return counts.decide()
    }

    /// The language of an article: its title and the start of its body, ``maxBytes`` in all.
    public static func detect(title: String, body: String) -> String? {
        var counts = Counts()
        var title = title, body = body
        var remaining = maxBytes
        title.withUTF8 { buffer in
            let part = buffer.prefix(remaining)
            remaining -= part.count
            counts.read(UnsafeBufferPointer(rebasing: part))
        }
        if remaining > 0 {
            body.withUTF8 { counts.read(UnsafeBufferPointer(rebasing: $0.prefix(remaining))) }
        }
        return counts.decide()
    }

    /// The stop words as an open-addressing hash table (linear probing, 1,024 slots): the 64-bit
    /// FNV-1a hash of each word's lower-case UTF-8 bytes and its profile bits. A probe costs no
    /// allocation, so the detector can look up every word it reads.
    struct StopWordTable: Sendable {
        static let slotCount = 1024
        var keys = [UInt64](repeating: 0, count: slotCount)
        var bits = [UInt8](repeating: 0, count: slotCount)
        /// Longest stop word in bytes: longer words are not looked up.
        var maxWordBytes = 0

        init() {
            for (index, profile) in StopWordProfiles.all.enumerated() {
                for word in profile.words.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
                    var hash = LanguageDetector.fnvOffset
                    for b in word.utf8 { hash = (hash ^ UInt64(b)) &* LanguageDetector.fnvPrime }
                    var slot = Int(truncatingIfNeeded: hash) & (Self.slotCount - 1)
                    while keys[slot] != 0 && keys[slot] != hash { slot = (slot + 1) & (Self.slotCount - 1) }
                    keys[slot] = hash
                    bits[slot] |= UInt8(1) << UInt8(index)
                    maxWordBytes = max(maxWordBytes, word.utf8.count)
                }
            }
        }

        /// The profile bits of the word with `hash` (0 for a word of no profile).
        @inline(__always)
        func lookup(_ hash: UInt64) -> UInt8 {
            var slot = Int(truncatingIfNeeded: hash) & (Self.slotCount - 1)
            while keys[slot] != 0 {
                if keys[slot] == hash { return bits[slot] }
                slot = (slot + 1) & (Self.slotCount - 1)
            }
            return 0
        }
    }

    static let stopWords = StopWordTable()

    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3

    struct Counts {
        var latin = 0, cyrillic = 0, hangul = 0, han = 0, kana = 0, other = 0
        var nonRussianCyrillic = 0
        var hits = [Int](repeating: 0, count: StopWordProfiles.all.count)
        var hash = LanguageDetector.fnvOffset
        var wordBytes = 0
        var wordIsLatin = true
        let table = LanguageDetector.stopWords

        mutating func endWord() {
            if wordBytes > 0 && wordBytes <= table.maxWordBytes && wordIsLatin {
                let bits = table.lookup(hash)
                if bits != 0 {
                    for i in hits.indices where bits & (1 << UInt8(i)) != 0 { hits[i] += 1 }
                }
            }
            hash = LanguageDetector.fnvOffset
            wordBytes = 0
            wordIsLatin = true
        }

        @inline(__always)
        mutating func addToWord(_ byte: UInt8) {
            hash = (hash ^ UInt64(byte)) &* LanguageDetector.fnvPrime
            wordBytes += 1
        }

        mutating func read(_ bytes: UnsafeBufferPointer<UInt8>) {
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                if b < 0x80 {
                    if (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A {
                        latin += 1
                        addToWord(b | 0x20)
                    } else {
                        endWord()
                    }
                    i += 1
                    continue
                }
                var length = 1
                var v: UInt32 = 0
                if b & 0xE0 == 0xC0 { length = 2; v = UInt32(b & 0x1F) }
                else if b & 0xF0 == 0xE0 { length = 3; v = UInt32(b & 0x0F) }
                else if b & 0xF8 == 0xF0 { length = 4; v = UInt32(b & 0x07) }
                guard length > 1, i + length <= n else { endWord(); i += 1; continue }  // a cut character at the end
                for k in 1..<length { v = v << 6 | UInt32(bytes[i + k] & 0x3F) }
                i += length
                guard let scalar = Unicode.Scalar(v) else { endWord(); continue }
                classify(scalar)
            }
            endWord()
        }

        mutating func classify(_ s: Unicode.Scalar) {
            switch s.value {
            case 0x00C0...0x00FF where s.value != 0xD7 && s.value != 0xF7:
                latin += 1
                let lower = s.value <= 0xDE ? s.value + 0x20 : s.value  // Latin-1: upper case is 0x20 below
                addToWord(UInt8(0xC0 | (lower >> 6)))
                addToWord(UInt8(0x80 | (lower & 0x3F)))
            case 0x0100...0x024F where s.properties.isAlphabetic:
                latin += 1
                for b in String(s.properties.lowercaseMapping).utf8 { addToWord(b) }
            case 0x0300...0x036F:
                for b in String(s).utf8 { addToWord(b) }  // a combining accent stays in its word
            case 0x0400...0x04FF:
                cyrillic += 1
                wordIsLatin = false
                switch s.value {
                case 0x0406, 0x0456, 0x0407, 0x0457, 0x0404, 0x0454, 0x0490, 0x0491,  // і ї є ґ
                     0x040E, 0x045E,                                                   // ў
                     0x0402, 0x0452, 0x0408, 0x0458, 0x0409, 0x0459, 0x040A, 0x045A,   // ђ ј љ њ
                     0x040B, 0x045B, 0x040F, 0x045F, 0x0403, 0x0453, 0x040C, 0x045C,   // ћ џ ѓ ќ
                     0x0405, 0x0455:                                                   // ѕ
                    nonRussianCyrillic += 1
                default:
                    break
                }
            case 0x1100...0x11FF, 0x3130...0x318F, 0xAC00...0xD7AF:
                hangul += 1
                endWord()
            case 0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9D:
                kana += 1
                endWord()
            case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF:
                han += 1
                endWord()
            default:
                if s.properties.isAlphabetic {
                    other += 1
                    wordIsLatin = false
                } else {
                    endWord()
                }
            }
        }

        func decide() -> String? {
            let letters = latin + cyrillic + hangul + han + kana + other
            guard letters >= LanguageDetector.minimumLetters else { return nil }
            if hangul * 2 > letters { return "ko" }
            if (han + kana) * 2 > letters { return kana * 10 >= han + kana ? "ja" : "zh" }
            if cyrillic * 2 > letters { return nonRussianCyrillic > 0 ? nil : "ru" }
            guard latin * 2 > letters else { return nil }
            var best = -1, bestHits = 0, secondHits = 0
            for (i, h) in hits.enumerated() {
                if h > bestHits { secondHits = bestHits; bestHits = h; best = i } else if h > secondHits { secondHits = h }
            }
            guard best >= 0, bestHits >= LanguageDetector.minimumHits, bestHits >= 2 * secondHits else { return nil }
            return StopWordProfiles.all[best].code
        }
    }
}

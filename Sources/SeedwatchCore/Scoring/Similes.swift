/// Finds a state named only in a simile: "a North Korea-style performance", "Soviet-style
/// parades", "a China-like surveillance state". Such a compound likens something else to the
/// state and says nothing of what the state does, so the sentence does not count that mention as
/// naming the state (``SentenceFacts``), as a state in the war's name is not (``WarNames``).
///
/// The rule, on the text right after the mention: a hyphen (or a non-breaking hyphen) joins it to
/// "style" or "like" (English; Oxford, "-style" and "-like" as combining forms), or German "-Stil"
/// ("Nordkorea-Stil"); "North Korea's style" and "like North Korea" are no such compound.
enum Similes {
    /// The simile as written ("North Korea-style"), or nil when the mention at `range` (UTF-8 byte
    /// offsets into `utf8`) is not the first part of one.
    static func name(around range: Range<Int>, utf8: ExtractedTextBytes) -> String? {
        guard range.lowerBound >= 0, range.upperBound < utf8.count else { return nil }
        // Most mentions are not followed by a hyphen: decide on one byte first.
        let next = utf8[range.upperBound..<(range.upperBound + 1)][0]
        guard next == 0x2D || next == 0xE2 else { return nil }
        let after = String(decoding: utf8[range.upperBound..<min(utf8.count, range.upperBound + 12)], as: UTF8.self)
        guard let dash = after.first, dash == "-" || dash == "\u{2011}" || dash == "\u{2010}" else { return nil }
        let word = after.dropFirst().prefix { $0.isLetter }
        guard suffixes.contains(word.lowercased()) else { return nil }
        return String(decoding: utf8[range], as: UTF8.self) + String(dash) + word
    }

    /// The second parts of a simile compound (lowercased): en "style", "like"; de "stil".
    static let suffixes: Set<String> = ["style", "like", "stil"]
}

/// Finds a state named only as a party in the name of the war in Ukraine: "the Russia-Ukraine war",
/// "the Ukraine-Russia conflict", "the Russian-Ukrainian war", "la guerra Rusia-Ucrania", "der
/// Russland-Ukraine-Krieg". Such a name dates a story ("as the Russia-Ukraine war, Beijing's zero-Covid
/// measures and falling stock markets pummeled fortunes") and says nothing of what Russia does in
/// the sentence, so the sentence does not count that mention as naming the state (``SentenceFacts``);
/// "Russia's war in Ukraine", "Russia and Ukraine" and "the US-China trade war" are no such name.
///
/// The rule, on the text right around the mention: the mention and a form of Ukraine's name
/// (``ukraineForms``) are joined by a hyphen, dash or slash, in either order, and the compound is
/// followed by a word for war (``warWords``: "war", "conflict", "crisis"), ends in German "-Krieg",
/// or follows a word for war in es/pt/fr/it (``warWordsBefore``: "guerra", "guerre", "conflit").
enum WarNames {
    /// The war's name as written around the mention at `range` (UTF-8 byte offsets into `utf8`), or
    /// nil when the mention is not a party in it.
    static func name(around range: Range<Int>, utf8: ExtractedTextBytes) -> String? {
        guard range.lowerBound >= 0, range.upperBound <= utf8.count else { return nil }
        // Most mentions touch no hyphen, dash or slash: decide on the two bytes around them first.
        let next = range.upperBound < utf8.count ? utf8.byte(at: range.upperBound) : 0
        let previous = range.lowerBound > 0 ? utf8.byte(at: range.lowerBound - 1) : 0
        guard next == 0x2D || next == 0x2F || next == 0xE2 || [0x2D, 0x2F, 0x90, 0x91, 0x93, 0x94].contains(previous) else { return nil }
        let after = String(decoding: utf8[range.upperBound..<min(utf8.count, range.upperBound + 48)], as: UTF8.self)
        let before = String(decoding: utf8[max(0, range.lowerBound - 48)..<range.lowerBound], as: UTF8.self)
        let mention = String(decoding: utf8[range], as: UTF8.self)
        let wordBefore = lastWord(before)
        // "Russia-Ukraine war": the mention, a dash, Ukraine's name, a word for war.
        if let dash = after.first, dashes.contains(dash) {
            let rest = after.dropFirst()
            let other = rest.prefix { $0.isLetter || $0 == "-" }
            let parts = other.split(separator: "-")
            guard let party = parts.first, ukraineForms.contains(party.lowercased()) else { return nil }
            if parts.count >= 2, parts[1].lowercased() == "krieg" { return mention + String(dash) + other }
            let next = firstWord(rest.dropFirst(other.count))
            if warWords.contains(next.lowercased()) { return mention + String(dash) + other + " " + next }
            if warWordsBefore.contains(wordBefore.lowercased()) { return wordBefore + " " + mention + String(dash) + other }
            return nil
        }
        // "Ukraine-Russia conflict": Ukraine's name, a dash, the mention, a word for war.
        if let dash = before.last, dashes.contains(dash) {
            let party = lastWord(String(before.dropLast()))
            guard ukraineForms.contains(party.lowercased()) else { return nil }
            let next = firstWord(Substring(after))
            if warWords.contains(next.lowercased()) { return party + String(dash) + mention + " " + next }
            if after.hasPrefix("-Krieg") { return party + String(dash) + mention + "-Krieg" }
            let front = lastWord(String(before.dropLast(party.count + 1)))
            if warWordsBefore.contains(front.lowercased()) { return front + " " + party + String(dash) + mention }
        }
        return nil
    }

    static let dashes: Set<Character> = ["-", "\u{2010}", "\u{2011}", "\u{2013}", "\u{2014}", "/"]
    /// Ukraine's name and adjective in en, es, pt, fr, de, it (lowercased).
    static let ukraineForms: Set<String> = ["ukraine", "ukrainian", "ucrania", "ucrânia", "ucraina", "ukrainien", "ukrainienne", "ukrainische"]
    /// Words for war after the compound (English): "the Russia-Ukraine war".
    static let warWords: Set<String> = ["war", "wars", "conflict", "crisis"]
    /// Words for war before the compound (es, pt, fr, it): "la guerra Rusia-Ucrania".
    static let warWordsBefore: Set<String> = ["guerra", "guerre", "conflicto", "conflito", "conflit", "conflitto"]

    /// The letters of the first word of `text` after leading spaces.
    static func firstWord(_ text: Substring) -> String {
        String(text.drop { $0 == " " }.prefix { $0.isLetter })
    }

    /// The letters of the last word of `text` before trailing spaces.
    static func lastWord(_ text: String) -> String {
        let trimmed = text.reversed().drop { $0 == " " }
        return String(String(trimmed.prefix { $0.isLetter }).reversed())
    }
}

/// Finds the names of people and organisations that a seed writes out: runs of capitalised words,
/// with the title before them ("President", "Mr", "Prime Minister", "leader", "minister") and the
/// appositions that say whom they belong to ("President Xi Jinping of China", "North Korean leader
/// Kim Jong-un", "Spain's PM Pedro Sánchez").
public enum NamePhrases {
    /// A name found in one sentence.
    public struct Occurrence: Sendable, Hashable {
        /// The name's words as written, title and possessive `'s` removed ("Kim Jong-un").
        public var words: [String]
        /// The title written before the name, lower-cased ("president", "mr"), if any.
        public var title: String?
        /// The phrase that says whom the name belongs to, as written ("North Korean", "China"), if any.
        public var belongsTo: String?
        /// True when the run ends with an organisation word ("Council", "Ministry", …).
        public var isOrganization: Bool
        /// True when the name stands between commas ("the head of NK News, Andrei Lankov, is").
        public var apposition: Bool
        /// Index of the sentence in ``SeedText/sentences``.
        public var sentence: Int
    }

    /// Titles of people, lower-cased; two-word titles are listed as one string.
    public static let titles: Set<String> = [
        "president", "prime minister", "pm", "premier", "chancellor", "mr", "mrs", "ms", "dr", "king",
        "queen", "prince", "crown prince", "leader", "minister", "foreign minister", "defence minister",
        "defense minister", "interior minister", "secretary", "secretary of state", "chairman", "general",
        "gen", "senator", "governor", "spokesman", "spokeswoman", "envoy", "ambassador", "pope", "emir",
        "sheikh", "ayatollah", "vice president", "supreme leader", "commander", "mayor", "sir", "lord",
    ]
    /// Titles of Spanish, Portuguese, French and Italian, lower-cased, written before the name ("el
    /// presidente Gustavo Petro", "le président Emmanuel Macron", "o primeiro-ministro Luís
    /// Montenegro"; RAE, Le Robert, Priberam, Treccani): all formal.
    public static let romanceTitles: Set<String> = [
        "presidente", "presidenta", "président", "présidente", "ministro", "ministra", "ministre",
        "primer ministro", "primera ministra", "premier ministre", "primo ministro", "primeiro-ministro",
        "primeira-ministra", "canciller", "chanceler", "chancelier", "chancelière", "cancelliere", "rey", "rei", "roi",
    ]
    /// German titles, lower-cased, and the last parts of German compound titles (Duden): a capitalised
    /// word that is one of them or ends with one after at least three letters is a title, glued before
    /// the name as German writes it ("Bundeskanzler Olaf Scholz", "Wirtschaftsminister Robert Habeck",
    /// "Kremlchef Wladimir Putin", "Außenministerin Annalena Baerbock"). All formal but the last three.
    public static let germanTitleEndings: [String] = [
        "minister", "ministerin", "kanzler", "kanzlerin", "präsident", "präsidentin", "präsidenten", "chef", "chefin",
        "machthaber", "botschafter", "botschafterin", "staatssekretär", "staatssekretärin", "generalsekretär",
        "generalsekretärin", "bürgermeister", "bürgermeisterin", "könig", "königin", "sprecher", "sprecherin",
    ]
    /// German forms of address: titles of weak aliases only ("Herr Scholz").
    static let germanAddress: Set<String> = ["herr", "frau"]

    /// Whether a lower-cased word or two-word phrase is a title: English (``titles``), Romance
    /// (``romanceTitles``), German (``germanAddress``, ``germanTitleEndings`` alone or ending a
    /// compound of at least three more letters).
    public static func isTitle(_ lowered: String) -> Bool {
        if titles.contains(lowered) || romanceTitles.contains(lowered) || germanAddress.contains(lowered) { return true }
        guard !lowered.contains(" ") else { return false }
        return germanTitleEndings.contains { lowered == $0 || (lowered.hasSuffix($0) && lowered.count >= $0.count + 3) }
    }

    /// Titles that make a strong alias with the surname ("President Xi"); the others ("Mr Kim") make weak ones.
    public static let formalTitles: Set<String> = [
        "president", "prime minister", "pm", "premier", "chancellor", "king", "queen", "crown prince",
        "foreign minister", "defence minister", "defense minister", "supreme leader", "chairman", "pope", "emir",
    ]

    /// Whether title `lowered` (as ``isTitle(_:)`` accepts it) makes a strong alias with the surname:
    /// ``formalTitles``, the Romance titles and the German titles but forms of address and spokespeople.
    public static func isFormalTitle(_ lowered: String) -> Bool {
        if formalTitles.contains(lowered) || romanceTitles.contains(lowered) { return true }
        guard !titles.contains(lowered), !germanAddress.contains(lowered), !lowered.hasSuffix("sprecher"), !lowered.hasSuffix("sprecherin") else { return false }
        return isTitle(lowered)
    }
    /// Last words of organisation names.
    static let organizationWords: Set<String> = [
        "council", "organisation", "organization", "union", "agency", "ministry", "party", "army", "forces",
        "front", "bank", "fund", "court", "commission", "parliament", "congress", "assembly", "committee",
        "movement", "guard", "corps", "office", "department", "service", "institute",
    ]
    private static let abbreviations: Set<String> = ["mr", "mrs", "ms", "dr", "gen", "st", "sen", "gov"]
    private static let connectors: Set<String> = ["bin", "al", "de", "da", "del", "dos", "van", "von", "der", "la", "le", "ibn"]

    private struct Token {
        var text: String
        var capitalised: Bool
        var possessive: Bool
        var breakBefore: Bool   // punctuation (not a title's abbreviation point) before this token
        var commaBefore: Bool
    }

    private static func tokens(_ sentence: String) -> [Token] {
        var result: [Token] = []
        var word = ""
        var pendingBreak = false, pendingComma = false
        let chars = Array(sentence)
        func end() {
            guard !word.isEmpty else { return }
            var text = word
            var possessive = false
            for suffix in ["'s", "\u{2019}s", "'", "\u{2019}"] where text.hasSuffix(suffix) && text.count > suffix.count {
                text.removeLast(suffix.count)
                possessive = true
                break
            }
            while let last = text.last, last == "-" || last == "'" || last == "\u{2019}" { text.removeLast() }
            if !text.isEmpty {
                result.append(Token(text: text, capitalised: text.first!.isUppercase, possessive: possessive,
                                    breakBefore: pendingBreak || result.isEmpty, commaBefore: pendingComma))
            }
            pendingBreak = false
            pendingComma = false
            word = ""
        }
        for (i, ch) in chars.enumerated() {
            if ch.isLetter || ch.isNumber || ((ch == "-" || ch == "'" || ch == "\u{2019}") && !word.isEmpty) {
                word.append(ch)
                continue
            }
            let before = word
            end()
            if ch == "." && abbreviations.contains(before.lowercased()) { continue }
            if ch == " " || ch == "\u{00A0}" { continue }
            pendingBreak = true
            if ch == "," { pendingComma = true }
            _ = i
        }
        end()
        return result
    }

    /// The names of one sentence.
    public static func occurrences(in sentence: String, index: Int) -> [Occurrence] {
        let toks = tokens(sentence)
        var found: [Occurrence] = []
        var i = 0
        while i < toks.count {
            guard toks[i].capitalised else { i += 1; continue }
            // A run of capitalised words (connectors inside), ending at punctuation or a possessive.
            var j = i + 1
            while j < toks.count, !toks[j].breakBefore, !toks[j - 1].possessive,
                  toks[j].capitalised || (connectors.contains(toks[j].text) && j + 1 < toks.count && toks[j + 1].capitalised && !toks[j + 1].breakBefore) {
                j += 1
            }
            let run = Array(toks[i..<j])
            // The last title inside the run splits it into what the name belongs to and the name.
            var titleEnd = -1
            var title: String?
            for k in run.indices {
                let one = run[k].text.lowercased()
                let two = k + 1 < run.count ? one + " " + run[k + 1].text.lowercased() : ""
                if !two.isEmpty && isTitle(two) && k + 2 < run.count { titleEnd = k + 2; title = two }
                else if isTitle(one) && k + 1 < run.count { titleEnd = k + 1; title = one }
            }
            var prefix: [Token] = titleEnd > 0 ? Array(run[0..<(titleEnd - (title!.contains(" ") ? 2 : 1))]) : []
            var name = titleEnd >= 0 ? Array(run[titleEnd...]) : run
            // A lower-case title just before the run ("North Korean leader Kim", "the minister X").
            if title == nil, i > 1, toks[i].breakBefore ? toks[i].commaBefore : true, !toks[i - 1].breakBefore,
               !toks[i - 1].capitalised, !toks[i - 2].capitalised, romanceTitles.contains(toks[i - 2].text.lowercased()),
               !isTitle(toks[i - 1].text.lowercased()) {
                // A Romance title, the state's adjective, the name: "el presidente ruso, Vladimir Putin",
                // "le président chinois Xi Jinping".
                title = toks[i - 2].text.lowercased()
                prefix = [toks[i - 1]]
            } else if titleEnd == 1, let t = title, !titles.contains(t), !romanceTitles.contains(t), i > 0, !toks[i].breakBefore,
                      !toks[i - 1].capitalised, ["e", "en", "er", "es", "em"].contains(where: toks[i - 1].text.hasSuffix) {
                // The state's adjective before a German title: "der russische Präsident Wladimir Putin".
                prefix = [toks[i - 1]]
            }
            if title == nil, i > 0, !toks[i].breakBefore {
                let one = toks[i - 1].text.lowercased()
                let two = i > 1 ? toks[i - 2].text.lowercased() + " " + one : ""
                if isTitle(two) && !toks[i - 1].capitalised {
                    title = two
                } else if isTitle(one) && !toks[i - 1].capitalised {
                    title = one
                }
                if let t = title {
                    // What comes before the title: a capitalised run ("North Korean", "Spain's").
                    var k = i - (t.contains(" ") ? 2 : 1) - 1
                    var before: [Token] = []
                    while k >= 0, toks[k].capitalised, !toks[k + 1].breakBefore || toks[k].possessive {
                        before.insert(toks[k], at: 0)
                        if toks[k].breakBefore { break }
                        k -= 1
                    }
                    prefix = before
                }
            }
            if title != nil && prefix.isEmpty, i > 0, toks[i - 1].possessive, toks[i - 1].capitalised, titleEnd > 0 {
                prefix = [toks[i - 1]]   // "Spain's PM Pedro Sánchez"
            }
            // Leading sentence words that are not names ("When Mr Putin" is caught by the title;
            // "The" before a name is dropped).
            while let first = name.first, ["the", "a", "an"].contains(first.text.lowercased()) { name.removeFirst() }
            // "of China" after the name.
            var belongsTo = prefix.isEmpty ? nil : prefix.map(\.text).joined(separator: " ")
            if belongsTo == nil, j + 1 < toks.count, toks[j].text == "of", !toks[j].breakBefore, toks[j + 1].capitalised, !toks[j + 1].breakBefore {
                var k = j + 1
                var after: [String] = []
                while k < toks.count, toks[k].capitalised, k == j + 1 || !toks[k].breakBefore {
                    after.append(toks[k].text)
                    if toks[k].possessive { break }
                    k += 1
                }
                belongsTo = after.joined(separator: " ")
            }
            let isOrganization = name.last.map { organizationWords.contains($0.text.lowercased()) } ?? false
            let apposition = !name.isEmpty && toks[i].commaBefore && (j == toks.count || toks[j].commaBefore)
            if !name.isEmpty {
                found.append(Occurrence(words: name.map(\.text), title: title, belongsTo: belongsTo,
                                        isOrganization: isOrganization, apposition: apposition && title == nil, sentence: index))
            }
            i = j
        }
        return found
    }
}

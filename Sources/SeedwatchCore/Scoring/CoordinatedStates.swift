/// Tells two state mentions that are joined by a conjunction but do not act together: states named
/// as alternatives ("to prevent Russia or China from occupying …") and states that are together the
/// object of another actor ("while blocking Russia and China's ambitions", "compared it to North
/// Korea and Russia", "disrupted in China and Japan"). Neither says anything about relations between
/// the two states, so the core pattern and the subject test do not count them as a pair
/// (``ScoreRule/statesAsObjects``); two states that are the subject of a clause ("Russia and China
/// vetoed …", "… that Russia and China never gain …") or joined by a relation word ("between Russia
/// and China") still act together.
///
/// The rule, on the text between the two mentions (the gap) and the word before the first:
/// - the gap is a coordination: at most 3 words, each a conjunction or an article ("and", "or",
///   "and the", "et la", "und", "e a"), at least one of them a conjunction, no line break;
/// - with an alternative conjunction ("or", "nor", "ou", "oder", "ni", "né", es/it "o", "oppure") the
///   two are alternatives;
/// - with "and" (in any of the six languages), they are objects when the word before the first
///   mention (articles and "both" skipped) is a preposition or a verb acting on them
///   (``objectWords``); a comma, a clause word ("that", "que", "dass") or the start of the
///   sentence before them keeps them a subject;
/// - two coordinated states right before a verb of abstaining or dominating (``separateVerbs``: "as
///   Russia and China abstain"), and two states with one verb of a ranking between them
///   (``rankingVerbs``: "Russia overtakes China as leading arms seller"), are each on their own.
public enum CoordinatedStates {
    /// How two coordinated mentions are read.
    public enum Reading: Sendable, Hashable {
        /// Joined by an alternative conjunction (the word, lowercased).
        case alternatives(String)
        /// Both the object of the word before them (lowercased).
        case objects(of: String)
        /// Each the subject, on its own, of a verb of abstaining or of a ranking that follows them
        /// ("as Russia and China abstain", "Beijing and Moscow dominate global nuclear energy trade"),
        /// or ranked against each other by the verb between them ("Russia overtakes China as leading
        /// arms seller"): the verb, lowercased.
        case separately(String)
    }

    /// The reading of the mentions at `first` and `second` (UTF-8 byte ranges into `text`, `first`
    /// before `second`, not overlapping), or nil when they may act together. `headline`: the two
    /// are in a title, where a comma may stand for "and" (``reading(utf8:_:_:headline:)``).
    public static func reading(_ text: String, _ first: Range<Int>, _ second: Range<Int>, headline: Bool = false) -> Reading? {
        reading(utf8: ExtractedTextBytes(text: text), first, second, headline: headline)
    }

    /// The same on the text's UTF-8 bytes (what the scorer passes: the article's text in place, ``ExtractedTextBytes``).
    /// In a headline a bare comma joins two names as "and" does ("Putin, Xi to meet"); there it makes
    /// them objects only after a word of comparison (``comparisonWords``: "in the same category as
    /// Putin, Xi"), since after a preposition a headline's comma most often ends a clause ("In call
    /// with Putin, Xi says …").
    static func reading(utf8: ExtractedTextBytes, _ first: Range<Int>, _ second: Range<Int>, headline: Bool = false) -> Reading? {
        // Three short words fit in 40 bytes; a longer gap is no coordination.
        guard first.upperBound <= second.lowerBound, second.upperBound <= utf8.count,
              second.lowerBound - first.upperBound <= 40 else { return nil }
        let gap = String(decoding: utf8[first.upperBound..<second.lowerBound], as: UTF8.self)
        guard !gap.contains("\n") else { return nil }
        let commaOnly = headline && gap.filter { $0 == "," }.count == 1 && gap.allSatisfy { $0 == "," || $0 == " " }
        let words = ListedStates.words(gap).map { $0.lowercased() }.filter { !possessives.contains($0) }
        // Italian and Spanish "o" ("nave russa o cinese") is a conjunction only where no comma makes
        // it the Portuguese article ("a Rússia, o Japão").
        let isConjunction = { (word: String) in conjunctions.contains(word) || (word == "o" && !gap.contains(",")) }
        // One state ranked against the other by the one verb between them ("Russia overtakes China").
        if words.count == 1, !gap.contains(","), rankingVerbs.contains(words[0]) { return .separately(words[0]) }
        if !commaOnly {
            guard !words.isEmpty, words.count <= 3,
                  words.allSatisfy({ isConjunction($0) || articles.contains($0) }),
                  let conjunction = words.first(where: isConjunction) else { return nil }
            if alternatives.contains(conjunction) { return .alternatives(conjunction) }
        }
        if let verb = separateVerb(after: utf8, second) { return .separately(verb) }
        // The word before the first mention, articles and "both" skipped.
        let before = ListedStates.tokens(String(decoding: utf8[max(0, first.lowerBound - 80)..<first.lowerBound], as: UTF8.self))
        for (i, token) in before.enumerated().reversed() {
            let word = token.lowercased()
            // "as" compares after "same" or "such" ("the same category as", "such as"); elsewhere it
            // is "while" ("as Russia and China deepen ties") or the Portuguese article.
            let comparesAs = word == "as" && before[max(0, i - 3)..<i].contains { ["same", "such"].contains($0.lowercased()) }
            if !comparesAs && (articles.contains(word) || word == "both") { continue }
            let comparison = comparesAs || comparisonWords.contains(word)
            // "between" after a word of position places a third party between the two, as neighbours
            // or rivals ("a country that, caught between China and Russia, ..."): they are its
            // surroundings, not a relation ("ties between China and Russia" stays one).
            let placedBetween = word == "between" && i >= 1 && positionWords.contains(before[i - 1].lowercased())
            guard comparison || placedBetween || (!commaOnly && objectWords.contains(word)) else { return nil }
            return actTogether(after: utf8, second, object: word) ? nil : .objects(of: word)
        }
        return nil
    }

    /// Words of position before "between" that make the two states after it a third party's
    /// surroundings (English): "caught between", "sandwiched between", "squeezed between", "lies between".
    static let positionWords: Set<String> = [
        "caught", "sandwiched", "wedged", "squeezed", "squeezing", "nestled", "located", "situated", "lies", "lie", "lying",
        "torn", "balancing", "balanced", "perched", "landlocked",
    ]

    /// Words of comparison and example that make two names after them the things compared, never
    /// actors together ("like Russia and China", "unlike", "than", "including"); "as" too after
    /// "same" or "such".
    static let comparisonWords: Set<String> = ["like", "unlike", "than", "including", "versus", "vs"]

    /// Whether the words after the second mention make the two the actors after all: the subject of
    /// an infinitive ("an opportunity for Russia and North Korea to show off …") or the owners of a
    /// relation between them ("the true power in Putin and Kim's budding friendship").
    static func actTogether(after utf8: ExtractedTextBytes, _ second: Range<Int>, object word: String) -> Bool {
        let following = ListedStates.tokens(String(decoding: utf8[second.upperBound..<min(utf8.count, second.upperBound + 60)],
                                                   as: UTF8.self)).map { $0.lowercased() }
        guard let next = following.first else { return false }
        if word == "for" && next == "to" { return true }
        guard possessives.contains(next) else { return false }
        return following.dropFirst().prefix(3).contains(where: relationNouns.contains)
    }

    /// The verb right after the second of two coordinated states that makes each of them its subject
    /// on its own (``separateVerbs``), lowercased, or nil.
    static func separateVerb(after utf8: ExtractedTextBytes, _ second: Range<Int>) -> String? {
        let following = ListedStates.tokens(String(decoding: utf8[second.upperBound..<min(utf8.count, second.upperBound + 40)],
                                                   as: UTF8.self)).map { $0.lowercased() }
        guard let next = following.first, separateVerbs.contains(next) else { return nil }
        return next
    }

    /// Verbs whose coordinated subjects do not act together: abstaining on a vote is each member's
    /// own absence from it ("UN renews Sudan arms embargo as Russia and China abstain"), and two
    /// states that dominate or lead a market or a ranking are its rivals ("Beijing and Moscow
    /// dominate global nuclear energy trade"). English; "veto" and "vote" are not among them: two
    /// states that veto a resolution together act together.
    static let separateVerbs: Set<String> = [
        "abstain", "abstains", "abstained", "abstaining", "dominate", "dominates", "dominated", "dominating",
    ]

    /// Verbs of a ranking that put one state against the other, the one verb between them ("Russia
    /// overtakes China as leading arms seller in sub-Saharan Africa", "China surpasses Japan"):
    /// comparison, not relations. English.
    static let rankingVerbs: Set<String> = [
        "overtakes", "overtook", "overtaken", "surpasses", "surpassed", "outpaces", "outpaced", "outstrips", "outstripped",
        "eclipses", "eclipsed", "displaces", "displaced", "outranks", "outranked", "trails", "trailed",
    ]

    /// Nouns of a relation between two parties, after a possessive ("Russia and China's alliance").
    static let relationNouns: Set<String> = [
        "friendship", "alliance", "ties", "relations", "relationship", "partnership", "cooperation", "pact", "treaty",
        "bond", "bonds", "axis", "rapprochement", "summit", "talks", "deal", "agreement", "entente",
    ]

    /// "and" and "or" in en, fr, es, pt, de, it (es/it "o" is read apart, since Portuguese "o" is "the").
    static let conjunctions: Set<String> = ["and", "or", "nor", "et", "ou", "y", "e", "ed", "und", "oder", "ni", "né", "sowie", "oppure"]
    /// The alternative conjunctions among ``conjunctions``, and es/it "o".
    static let alternatives: Set<String> = ["or", "nor", "ou", "oder", "ni", "né", "o", "oppure"]
    /// Articles of the six languages that may stand before the second name ("Russia and the US").
    static let articles: Set<String> = ["the", "la", "le", "les", "l'", "l’", "el", "los", "las", "a", "as", "o", "os",
                                        "die", "der", "den", "dem", "des", "il", "lo", "gli"]
    /// The possessive ending that the tokenizer may leave as a word of its own ("Russia 's and China").
    static let possessives: Set<String> = ["'s", "’s", "s"]
    /// Words that make two coordinated states their object: prepositions of direction, place,
    /// opposition and comparison, and verbs of acting on others (block, counter, deter, contain,
    /// confront, join, compare, rescue), in the six languages. "between", "entre", "zwischen", "of"
    /// and "by" are not among them: the relation between two states, and two states as agents
    /// (German "von" is, for "Doppelgänger von Selenskyj und Kim Jong-un").
    static let objectWords: Set<String> = [
        // English
        "against", "from", "to", "toward", "towards", "on", "over", "about", "like", "unlike", "than", "with",
        "in", "into", "across", "at", "for", "including", "versus", "vs", "beyond",
        "block", "blocks", "blocking", "blocked", "counter", "counters", "countering", "deter", "deters", "deterring",
        "contain", "containing", "confront", "confronting", "join", "joins", "joined", "joining",
        "compare", "compared", "comparing", "rescue", "rescued", "rescues", "rescuing",
        // French
        "contre", "à", "au", "aux", "avec", "en", "vers", "dans", "comme",
        // Spanish and Portuguese
        "contra", "con", "hacia", "desde", "com", "em", "no", "na", "nos", "nas", "para", "ao", "como",
        // German
        "gegen", "mit", "nach", "gegenüber", "im", "wie", "von",
        // Italian, with the verbs of containing, blocking, countering, excluding others (Treccani):
        // "l'obiettivo è contenere Russia e Cina", "escludendo Russia e Cina"
        "contro", "verso", "nel", "nella", "come",
        "contenere", "contenendo", "contiene", "bloccare", "bloccando", "contrastare", "contrastando",
        "arginare", "isolare", "escludere", "escludendo", "esclude", "escluse", "esclusi",
    ]

    /// The thing two coordinated states own together, when the sentence names them only as its
    /// owners: "China and Russia's support for Iran", "l'aiuto di Cina e Russia all'Iran", "the
    /// abortion policies of China and North Korea". Two owners of aid, policies or threats may each
    /// deal with a third party; the sentence says nothing about a relation between them, so it is no
    /// pair (``StatePairs``). Nil when the owned noun is a relation between them, their people and
    /// forces acting, or their joint drills (``jointNouns``: "Russia and China's alliance", "the
    /// leaders of Russia and China", "China and Russia's naval drills"), or when the two are no "and"
    /// coordination.
    ///
    /// The rule: the gap is a coordination of at most 3 words, conjunctions and articles, with an
    /// "and" conjunction, or a bare comma; then either a possessive "'s" follows the second mention and none of the 3
    /// words after it is a joint noun (the owned thing is the first of them), or the word before the
    /// first mention (articles skipped) is a genitive preposition (``genitiveWords``: of, di, de, du,
    /// des, von, do, da …), the word before that, the owned thing, is no joint noun, and neither of
    /// the 2 words after the second mention is a relation noun (``relationNouns``).
    static func jointOwned(utf8: ExtractedTextBytes, _ first: Range<Int>, _ second: Range<Int>) -> String? {
        guard first.upperBound <= second.lowerBound, second.upperBound <= utf8.count,
              second.lowerBound - first.upperBound <= 40 else { return nil }
        let gap = String(decoding: utf8[first.upperBound..<second.lowerBound], as: UTF8.self)
        guard !gap.contains("\n") else { return nil }
        // A bare comma joins two owners as "and" does ("the policies of China, North Korea").
        let commaOnly = gap.filter { $0 == "," }.count == 1 && gap.allSatisfy { $0 == "," || $0 == " " }
        let words = ListedStates.words(gap).map { $0.lowercased() }.filter { !possessives.contains($0) }
        guard commaOnly || (!gap.contains(",") && !words.isEmpty && words.count <= 3
                            && words.allSatisfy({ conjunctions.contains($0) || articles.contains($0) })
                            && words.contains(where: { conjunctions.contains($0) && !alternatives.contains($0) })) else { return nil }
        let following = ListedStates.tokens(String(decoding: utf8[second.upperBound..<min(utf8.count, second.upperBound + 60)],
                                                   as: UTF8.self)).map { $0.lowercased() }
        if let next = following.first, possessives.contains(next) {
            let owned = following.dropFirst().prefix(3).filter { $0 != "," }
            guard let thing = owned.first, !owned.contains(where: jointNouns.contains) else { return nil }
            return thing
        }
        // Two English demonyms before one noun own it as "China and Russia's" does: "very real
        // Chinese, Russian threats", "ties to Chinese and Russian institutions" (but "Chinese and
        // Russian warplanes", "Chinese and Russian naval drills" act together).
        if isDemonym(utf8, first), isDemonym(utf8, second) {
            let owned = following.prefix(3).filter { $0 != "," }
            guard let thing = owned.first, thing.first?.isLetter == true,
                  !owned.contains(where: jointNouns.contains) else { return nil }
            return thing
        }
        // Two states right before a relation noun name its parties, whatever owns it: "the highs and
        // lows of Russia, North Korea relations" (one word between allowed: "China, Russia bilateral ties").
        if following.prefix(2).contains(where: relationNouns.contains) { return nil }
        let before = ListedStates.tokens(String(decoding: utf8[max(0, first.lowerBound - 80)..<first.lowerBound], as: UTF8.self))
            .map { $0.lowercased() }
        var i = before.count - 1
        while i >= 0, articles.contains(before[i]) || before[i] == "both" { i -= 1 }
        guard i >= 1, genitiveWords.contains(before[i]) else { return nil }
        // Italian and French elide the article: "dell'", "d'" are part of the preposition's word.
        // The owned noun, without an elided article ("l'aiuto").
        var thing = Substring(before[i - 1])
        if let apostrophe = thing.lastIndex(where: { $0 == "'" || $0 == "’" }), thing.distance(from: thing.startIndex, to: apostrophe) <= 4 {
            thing = thing[thing.index(after: apostrophe)...]
        }
        guard thing != ",", !thing.isEmpty, !jointNouns.contains(String(thing)) else { return nil }
        return String(thing)
    }

    /// Whether the mention at `range` is an English demonym ("Chinese", "Russian", "North Korean"):
    /// its last word ends in -ese, -ian or -ean, the endings of the model's states' adjectives (a
    /// state's name such as "Japan" or "Iran" does not).
    static func isDemonym(_ utf8: ExtractedTextBytes, _ range: Range<Int>) -> Bool {
        let word = String(decoding: utf8[range], as: UTF8.self).split(separator: " ").last.map { $0.lowercased() } ?? ""
        return word.count > 4 && (word.hasSuffix("ese") || word.hasSuffix("ian") || word.hasSuffix("ean"))
    }

    /// Prepositions of the genitive in the six languages, with their contracted forms.
    static let genitiveWords: Set<String> = ["of", "di", "del", "della", "dei", "degli", "delle", "dello", "de", "du", "des", "do", "da", "dos", "das", "von"]

    /// Nouns after which two owners act together: a relation between them (``relationNouns`` and
    /// their forms in the other five languages) and their people and forces acting ("the leaders of
    /// Russia and China", "China and Russia's navies").
    static let jointNouns: Set<String> = relationNouns.union([
        "leaders", "leader", "presidents", "heads", "ministers", "chiefs", "envoys", "diplomats", "officials",
        "militaries", "armies", "navies", "forces", "troops", "warships", "ships", "bombers", "jets", "vessels",
        "warplanes", "aircraft", "planes", "fighters", "submarines", "soldiers",
        "joint", "mutual", "bilateral", "relation", "meeting", "visit", "ties", "trade", "cooperation", "coordination",
        "drills", "drill", "exercises", "exercise", "patrols", "patrol", "manoeuvres", "maneuvers", "games", "war", "wargames",
        "statement", "declaration", "veto", "vetoes", "position", "stance", "talks", "summit",
        "esercitazioni", "manovre", "pattugliamenti", "exercices", "manœuvres", "patrouilles", "ejercicios", "maniobras",
        "exercícios", "manobras", "manöver", "übungen", "dichiarazione", "déclaration", "declaración", "declaração", "erklärung",
        "relazioni", "rapporti", "alleanza", "amicizia", "asse", "vertice", "incontro", "accordo", "patto", "leader",
        "relations", "alliance", "amitié", "axe", "sommet", "rencontre", "accord", "pacte", "dirigeants",
        "relaciones", "alianza", "amistad", "eje", "cumbre", "encuentro", "acuerdo", "pacto", "líderes",
        "relações", "aliança", "amizade", "eixo", "cúpula", "encontro", "acordo",
        "beziehungen", "allianz", "freundschaft", "achse", "gipfel", "treffen", "abkommen", "pakt",
    ])
}

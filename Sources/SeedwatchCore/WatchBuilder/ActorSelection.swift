/// Chooses a watch's actors from a seed: the states, organisations and people that it names, found
/// through the knowledge data and through its own name phrases (``NamePhrases``).
public enum ActorSelection {
    /// An actor chosen for the model, with the reason shown by `watch new --explain`.
    public struct Choice: Sendable {
        public var actor: Actor
        public var exclusions: [Exclusion]
        /// Why it was chosen: counts, positions, the knowledge entry or the phrase used.
        public var reason: String
        /// True when it comes from the knowledge data; false when only from the seed's phrases.
        public var fromKnowledge: Bool
        /// How many of the first aliases are the forms of the ``KnowledgeBase`` entry the actor names
        /// with `knowledge:` (the model file lists only the others).
        public var inheritedAliases: Int = 0
    }

    /// Chooses the actors.
    /// - Parameters:
    ///   - seed: the seed, in sentences.
    ///   - knowledge: the knowledge entries, compiled.
    ///   - background: how common words are, to tell names from ordinary capitalised words.
    /// - Returns: states first (knowledge order), then organisations, then people, each once.
    public static func choose(seed: SeedText, knowledge: KnowledgeIndex, background: BackgroundFrequency) -> [Choice] {
        let text = seed.article.extractedText
        let hasTitle = !seed.article.title.isEmpty
        let known = knowledge.match(text, hasTitle: hasTitle)

        // 1. Knowledge entries the seed names.
        var perEntry: [Int: [MatchResult.Mention]] = [:]
        for m in known.mentions { perEntry[m.actor, default: []].append(m) }
        var choices: [Choice] = []
        var knownIDs: Set<String> = []
        for index in perEntry.keys.sorted() {
            let entry = knowledge.entries[index]
            let mentions = perEntry[index]!
            let names = Array(Set(mentions.map { entry.aliases[$0.alias].text })).sorted()
            let places = Array(Set(mentions.map(\.sentence))).sorted().prefix(6).map { seed.place($0) }
            choices.append(Choice(actor: entry.actor, exclusions: entry.exclusions,
                                  reason: "knowledge entry \(entry.knowledgeKey ?? entry.id) (\(entry.source)): \(mentions.count) mentions as \(names.map { "\"\($0)\"" }.joined(separator: ", ")); \(places.joined(separator: ", "))",
                                  fromKnowledge: true, inheritedAliases: entry.inheritedAliases))
            knownIDs.insert(entry.id)
        }
        // Persons and organisations of the knowledge need their state in the model.
        for choice in choices where choice.actor.kind != .state {
            if let state = choice.actor.affiliation, !knownIDs.contains(state),
               let entry = knowledge.entries.first(where: { $0.id == state }) {
                choices.append(Choice(actor: entry.actor, exclusions: entry.exclusions,
                                      reason: "knowledge entry \(entry.knowledgeKey ?? entry.id) (\(entry.source)): the state of \(choice.actor.id)",
                                      fromKnowledge: true, inheritedAliases: entry.inheritedAliases))
                knownIDs.insert(state)
            }
        }

        // 2. Names the knowledge does not hold: people and organisations from the seed's phrases.
        var occurrences: [NamePhrases.Occurrence] = []
        for (i, s) in seed.sentences.enumerated() { occurrences += NamePhrases.occurrences(in: s.text, index: i) }
        let unknown = occurrences.filter { occ in
            let phrase = occ.words.joined(separator: " ")
            return knowledge.entry(named: phrase) == nil && (occ.isOrganization || knowledge.match(phrase, hasTitle: false).mentions.isEmpty)
        }
        let rare: (String) -> Bool = { background.share($0.lowercased()) < 0.003 }
        // Surnames written with a title ("Mr Lankov"), to recognise the full names that end or start with them.
        let titledSingles = Set(unknown.filter { $0.words.count == 1 && $0.title != nil }.map { Identifier.nameKey($0.words) })

        var persons: [String: PersonDraft] = [:]
        var order: [String] = []
        var organizations: [String: (words: [String], sentences: [Int], belongsTo: [String])] = [:]
        var organizationOrder: [String] = []
        for occ in unknown where occ.words.count >= 2 {
            let key = Identifier.nameKey(occ.words)
            if occ.isOrganization {
                if organizations[key] == nil { organizationOrder.append(key); organizations[key] = (occ.words, [], []) }
                organizations[key]!.sentences.append(occ.sentence)
                if let b = occ.belongsTo { organizations[key]!.belongsTo.append(b) }
                continue
            }
            // People's names are neither common words nor acronyms ("BBC Verify" is not a person).
            guard occ.words.count <= 4, occ.words.contains(where: rare),
                  !occ.words.contains(where: { $0.count > 1 && $0.allSatisfy { $0.isUppercase } }) else { continue }
            let first = Identifier.nameKey([occ.words.first!]), last = Identifier.nameKey([occ.words.last!])
            // A name between commas ("the head of NK News, Andrei Lankov, said") is a person only
            // when the seed names it again; credits ("reporting by X, Y, Z") name each once.
            let appositionAgain = occ.apposition && unknown.filter { Identifier.nameKey($0.words) == key }.count >= 2
            let isPerson = occ.title != nil || appositionAgain || titledSingles.contains(first) || titledSingles.contains(last)
                || persons[key] != nil
            guard isPerson else { continue }
            if persons[key] == nil { order.append(key); persons[key] = PersonDraft(words: occ.words) }
            persons[key]!.add(occ)
        }
        // Surnames with a title join the full name that starts or ends with them ("Mr Kim" → Kim Jong Un).
        for occ in unknown where occ.words.count == 1 && occ.title != nil {
            let single = Identifier.nameKey(occ.words)
            let owner = order.first { key in
                let words = key.split(separator: " ").map(String.init)
                return words.first == single || words.last == single
            }
            if let owner {
                persons[owner]!.add(occ)
                persons[owner]!.surname = occ.words[0]
            }
        }
        let stateIDs = Set(choices.filter { $0.actor.kind == .state }.map(\.actor.id))
        var taken = Set(choices.map(\.actor.id))
        for key in organizationOrder {
            let org = organizations[key]!
            let name = org.words.joined(separator: " ")
            let state = (org.belongsTo + [name]).lazy.flatMap { knowledge.states(in: $0) }.first { stateIDs.contains($0) }
            let id = Identifier.unique(Identifier.snakeCase(name), in: taken)
            taken.insert(id)
            choices.append(Choice(actor: Actor(id: id, name: name, kind: .organization, affiliation: state, aliases: [Alias(name)]),
                                  exclusions: [],
                                  reason: "organisation name in the seed: \(org.sentences.count) mentions (\(Array(Set(org.sentences)).sorted().prefix(6).map { seed.place($0) }.joined(separator: ", ")))"
                                      + (state.map { "; belongs to \($0)" } ?? "; no state found: set `affiliation` if it has one"),
                                  fromKnowledge: false))
        }
        for key in order {
            let draft = persons[key]!
            var votes: [String: Int] = [:]
            for phrase in draft.belongsTo {
                if let s = knowledge.states(in: phrase).first(where: { stateIDs.contains($0) }) { votes[s, default: 0] += 1 }
            }
            let state = votes.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
            let id = Identifier.unique(Identifier.snakeCase(draft.words.joined(separator: " ")), in: taken)
            taken.insert(id)
            choices.append(Choice(actor: Actor(id: id, name: draft.words.joined(separator: " "), kind: .person,
                                               affiliation: state,
                                               aliases: draft.aliases(familyNameFirst: state.map { familyNameFirst(state: $0, knowledge) } ?? false)),
                                  exclusions: [],
                                  reason: draft.reason(seed) + (state.map { "; belongs to \($0) (\(draft.belongsTo.joined(separator: ", ")))" }
                                      ?? "; no state found in the seed: set `affiliation` if the person speaks for one"),
                                  fromKnowledge: false))
        }
        // An exclusion that is another chosen actor's name would silence it ("Kim Yo Jong").
        let chosen = choices.map(\.actor)
        for i in choices.indices { choices[i].exclusions = ActorKnowledge.exclusions(choices[i].exclusions, besides: chosen) }
        let kindOrder: [Actor.Kind: Int] = [.state: 0, .organization: 1, .person: 2]
        return choices.enumerated().sorted { a, b in
            let ka = kindOrder[a.element.actor.kind]!, kb = kindOrder[b.element.actor.kind]!
            return ka != kb ? ka < kb : a.offset < b.offset
        }.map(\.element)
    }
}

/// Whether people of the state with actor id `state` write the family name first: China, Taiwan,
/// Hong Kong, Macao, North and South Korea (AP Stylebook, "Chinese names" and "Korean names";
/// Chicago Manual of Style 8.14), so that "President Moon Jae-in" is "President Moon".
func familyNameFirst(state: String, _ knowledge: KnowledgeIndex) -> Bool {
    guard let code = knowledge.entries.first(where: { $0.id == state && $0.kind == .state })?.knowledgeKey else { return false }
    return ["CN", "TW", "HK", "MO", "KP", "KR"].contains(code)
}

/// A person found in the seed's phrases, gathered over its mentions.
struct PersonDraft {
    var words: [String]
    var surname: String?
    var titles: [String] = []
    var belongsTo: [String] = []
    var sentences: [Int] = []
    var spellings: [String] = []

    init(words: [String]) { self.words = words }

    mutating func add(_ occ: NamePhrases.Occurrence) {
        sentences.append(occ.sentence)
        if let t = occ.title, !titles.contains(t) { titles.append(t) }
        if let b = occ.belongsTo { belongsTo.append(b) }
        if occ.words.count > 1 {
            let spelling = occ.words.joined(separator: " ")
            if !spellings.contains(spelling) { spellings.append(spelling) }
        }
    }

    /// Full name and its spellings (strong), title forms (strong for formal titles such as
    /// "President", weak for "Mr"), the surname alone (weak, case-sensitive: the first word when
    /// `familyNameFirst` or when the given name is hyphenated as in Korean romanisation, "Moon
    /// Jae-in"; else the last), and the German genitive of the full name (Duden: proper names without
    /// article take -s; "Moon Jae-ins"), tagged `de`.
    func aliases(familyNameFirst: Bool = false) -> [Alias] {
        let full = words.joined(separator: " ")
        var result = [Alias(full)]
        var seen: Set<String> = [Identifier.nameKey(words)]
        for s in spellings where seen.insert(Identifier.nameKey([s])).inserted { result.append(Alias(s)) }
        // A Korean given name: "Jae-in", "Jong-un" (capital, then lower-case syllables; not "al-Sharaa").
        let parts = words.last!.split(separator: "-")
        let hyphenatedGivenName = words.count >= 2 && parts.count == 2 && parts[0].first!.isUppercase
            && parts[0].dropFirst().allSatisfy(\.isLowercase) && parts[1].allSatisfy(\.isLowercase)
        let family = surname ?? (familyNameFirst || hyphenatedGivenName ? words.first! : words.last!)
        for t in titles {
            let written = t == "pm" ? "PM" : t.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
            let formal = NamePhrases.isFormalTitle(t)
            result.append(Alias("\(written) \(family)", weak: !formal))
            if ["mr", "mrs", "ms", "dr"].contains(t) { result.append(Alias("\(written). \(family)", weak: true)) }
        }
        result.append(Alias(family, caseSensitive: true, weak: true))
        if let genitive = Inflection.germanGenitive(full, kind: .person) {
            result.append(Alias(genitive, languages: LanguageSet(codes: ["de"])!))
        }
        return result
    }

    func reason(_ seed: SeedText) -> String {
        let places = Array(Set(sentences)).sorted().prefix(6).map { seed.place($0) }
        var why = "name in the seed: \(sentences.count) mentions (\(places.joined(separator: ", ")))"
        if !titles.isEmpty { why += ", titled \(titles.joined(separator: "/"))" }
        return why
    }
}

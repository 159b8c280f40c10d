/// What the scorer needs to know per sentence of one ``MatchResult``: the states named (persons and
/// organizations count for their affiliation), the actors, the strongest counted term of each topic
/// (ambiguous terms without a companion dropped), and whether its core states are only listed. Built
/// once per article (``ArticleFacts``) and shared by every rule of `Rules/`: a class, so that
/// the rules read it by reference (a struct of this many arrays costs a retain per field at every copy).
final class SentenceFacts {
    /// The names of the 0-point notes the facts write: an ambiguous term without a companion
    /// (``CompanionWords``), states named only as list items (``ListedStates``), as alternatives or
    /// as shared objects (``CoordinatedStates``).
    static let noteNames: [ScoreRule] = [.requires, .listedStates, .statesAsObjects, .incidentTitle, .warName, .simile]

    let result: MatchResult
    let rules: ScoringRules
    /// States named per sentence.
    let states: [Set<String>]
    /// Actor indices per sentence, in order of first mention.
    let actors: [[Int]]
    /// Per sentence: topic index → the strongest counted term and its weight.
    let topics: [[Int: (term: Int, weight: Double)]]
    /// Per sentence: true when it names two or more core states, but only as items of lists,
    /// alternatives or shared objects (``StatePairs``): no pair of them acts together.
    let coreListed: [Bool]
    /// Per sentence: the pairs of its states that do not act together there, and why (``StatePairs``).
    let apart: [[StatePair: PairApartness]]
    /// 0-point components: ambiguous terms without a companion, listed states.
    let notes: [ScoreComponent]
    /// The `incident_title_terms` word of a title that names two or more states ("snow" in "Russia's
    /// Far East buried in snow, transport disrupted in China and Japan"), or nil: such a title gets no
    /// relation points (``CorePatternRule``, ``KeyRelationRule``).
    let incidentWord: String?
    /// Number of body sentences (the title excluded).
    let bodyCount: Int
    /// The sentences naming two core states that are not only items of lists, alternatives or
    /// shared objects (``coreListed``), in order: worked out once for ``ArticleFacts`` and
    /// ``storyIsSubject(keyStates:)``.
    private(set) lazy var corePairSentences: [Int] = {
        let core = Set(rules.coreStates)
        return states.indices.filter { s in !coreListed[s] && states[s].count >= 2 && states[s].intersection(core).count >= 2 }
    }()
    /// ``storyParagraphSentences(keyStates:pairs:)``'s last arguments and result: ``ArticleFacts``
    /// and ``SubjectRule`` ask the same of a long article, whose every window it reads.
    var storyParagraphMemo: (keyStates: Set<String>, pairs: [Int], sentences: [Int])?
    /// The model's topic ids, by index.
    let topicIDs: [String]

    init(_ result: MatchResult, model: WatchModel) {
        self.result = result
        rules = model.rules
        topicIDs = model.topics.map(\.id)
        let n = result.sentences.count
        bodyCount = result.sentences.filter { !$0.isTitle }.count
        // Per sentence, one reference each: the sets, lists and dictionaries of the sentences are
        // built one sentence at a time and shared between sentences that hold the same ones (an
        // article that names the same states in every sentence holds one set of them, not one per
        // sentence: issue 15, peak memory of one article).
        var states = Array(repeating: Set<String>(), count: n)
        var actors = Array(repeating: [Int](), count: n)
        var topics = Array(repeating: [Int: (term: Int, weight: Double)](), count: n)
        var coreListed = Array(repeating: false, count: n)
        var apart = Array(repeating: [StatePair: PairApartness](), count: n)
        var notes: [ScoreComponent] = []
        var apartNotes: [ScoreComponent] = []
        var incidentWord: String?
        let place = { (s: Int) in result.sentences[s].isTitle ? "title" : "sentence \(result.sentences[s].bodyIndex + 1)" }
        // The text's bytes, read in place (a copy of a 10 MB article's text would be 10 MB more at the peak).
        let utf8 = result.bytes
        let core = model.rules.coreStates
        let relevant = { (state: String) in model.rules.weight(of: state) > 0 || model.rules.allianceStates.contains(state) }
        let coreSet = Set(core)
        var sharedStates: [Set<String>: Set<String>] = [:]
        var sharedActors: [[Int]: [Int]] = [:]
        var sharedApart: [[StatePair: PairApartness]: [StatePair: PairApartness]] = [:]
        var sharedTopics: [[Int]: [Int: (term: Int, weight: Double)]] = [:]
        func shared<T: Hashable>(_ value: T, _ pool: inout [T: T]) -> T {
            if let known = pool[value] { return known }
            pool[value] = value
            return value
        }
        do {
            // Mentions in sentence order (the matcher's are; a stable sort keeps each sentence's
            // order of first mention otherwise).
            let mentions = Self.inSentenceOrder(result.mentions, sentence: \.sentence)
            var k = mentions.startIndex
            while k < mentions.endIndex {
                let s = mentions[k].sentence
                var sentenceStates = Set<String>()
                var sentenceActors: [Int] = []
                var mentionRanges: [String: [Range<Int>]] = [:]
                var notNamed: Set<String> = []
                while k < mentions.endIndex, mentions[k].sentence == s {
                    let m = mentions[k]
                    let actor = model.actors[m.actor]
                    // A state named only as a party in the war's name is no actor of the sentence.
                    if let state = actor.stateID, relevant(state), let name = WarNames.name(around: m.range, utf8: utf8) {
                        if notNamed.insert(state).inserted {
                            apartNotes.append(ScoreComponent(rule: .warName, points: 0,
                                                             detail: "\(place(s)): \(state) in the war's name \"\(name)\" not counted",
                                                             sentence: s))
                        }
                        k += 1
                        continue
                    }
                    // So is a state named only in a simile ("a North Korea-style performance").
                    if let state = actor.stateID, relevant(state), let name = Similes.name(around: m.range, utf8: utf8) {
                        if notNamed.insert(state).inserted {
                            apartNotes.append(ScoreComponent(rule: .simile, points: 0,
                                                             detail: "\(place(s)): \(state) in the simile \"\(name)\" not counted",
                                                             sentence: s))
                        }
                        k += 1
                        continue
                    }
                    if !sentenceActors.contains(m.actor) { sentenceActors.append(m.actor) }
                    if let state = actor.stateID {
                        sentenceStates.insert(state)
                        mentionRanges[state, default: []].append(m.range)
                    }
                    k += 1
                }
                states[s] = shared(sentenceStates, &sharedStates)
                actors[s] = shared(sentenceActors, &sharedActors)
                guard mentionRanges.count >= 2 else { continue }
                let sentenceApart = StatePairs.apart(mentionRanges, core: coreSet, utf8: utf8, headline: result.sentences[s].isTitle)
                guard !sentenceApart.isEmpty else { continue }
                apart[s] = shared(sentenceApart, &sharedApart)
                let named = core.filter { sentenceStates.contains($0) }
                var corePairs: [StatePair] = []
                for (i, a) in named.enumerated() { for b in named[(i + 1)...] { corePairs.append(StatePair(a, b)) } }
                var noted: Set<StatePair> = []
                if named.count >= 2 && corePairs.allSatisfy({ sentenceApart[$0] != nil }) {
                    coreListed[s] = true
                    if corePairs.allSatisfy({ sentenceApart[$0] == .listItems }) {
                        noted = Set(corePairs)
                        apartNotes.append(ScoreComponent(rule: .listedStates, points: 0,
                                                         detail: "\(place(s)): \(named.sorted().joined(separator: ", ")) named as items of a list: no pair",
                                                         sentence: s))
                    }
                }
                for (pair, reason) in sentenceApart.sorted(by: { $0.key.description < $1.key.description })
                where !noted.contains(pair) && relevant(pair.first) && relevant(pair.second) {
                    apartNotes.append(ScoreComponent(rule: reason.rule, points: 0,
                                                     detail: "\(place(s)): \(pair) named as \(reason.phrase): no pair", sentence: s))
                }
            }
            let termHits = Self.inSentenceOrder(result.termHits, sentence: \.sentence)
            k = termHits.startIndex
            while k < termHits.endIndex {
                let s = termHits[k].sentence
                var sentenceTopics: [Int: (term: Int, weight: Double)] = [:]
                while k < termHits.endIndex, termHits[k].sentence == s {
                    let h = termHits[k]
                    k += 1
                    let term = model.topics[h.topic].terms[h.term]
                    if let best = sentenceTopics[h.topic], best.weight >= term.weight { continue }
                    guard term.requires.isEmpty || CompanionWords.present(for: term, at: h.range, utf8: utf8) else {
                        notes.append(ScoreComponent(rule: .requires, points: 0,
                                                    detail: "\(place(h.sentence)): \(model.topics[h.topic].id) \"\(term.text)\" not counted: none of "
                                                        + "\(Self.companionList(term.requires)) within \(term.within) words", sentence: h.sentence))
                        continue
                    }
                    if let word = CompanionWords.preceded(for: term, at: h.range, utf8: utf8) {
                        notes.append(ScoreComponent(rule: .requires, points: 0,
                                                    detail: "\(place(h.sentence)): \(model.topics[h.topic].id) \"\(term.text)\" not counted after \"\(word)\"",
                                                    sentence: h.sentence))
                        continue
                    }
                    sentenceTopics[h.topic] = (h.term, term.weight)
                }
                let key = sentenceTopics.sorted { $0.key < $1.key }
                    .flatMap { [$0.key, $0.value.term, Int(truncatingIfNeeded: $0.value.weight.bitPattern)] }
                if let known = sharedTopics[key] {
                    topics[s] = known
                } else {
                    sharedTopics[key] = sentenceTopics
                    topics[s] = sentenceTopics
                }
            }
            notes += apartNotes
            if !model.rules.incidentTitleTerms.isEmpty, let t = result.sentences.indices.first(where: { result.sentences[$0].isTitle }),
               states[t].count >= 2 {
                let range = result.sentences[t].range
                let title = CompanionWords.lowercasedWords(String(decoding: utf8[range.clamped(to: 0..<utf8.count)], as: UTF8.self))
                incidentWord = model.rules.incidentTitleTerms.first { CompanionWords.contains(title, CompanionWords.lowercasedWords($0)) }
                if let word = incidentWord {
                    notes.append(ScoreComponent(rule: .incidentTitle, points: 0,
                                                detail: "title: a headline on an incident or a contest (\"\(word)\"): "
                                                    + "\(states[t].sorted().joined(separator: ", ")) get no relation points there", sentence: t))
                }
            }
        }
        self.states = states
        self.actors = actors
        self.topics = topics
        self.coreListed = coreListed
        self.apart = apart
        self.notes = notes
        self.incidentWord = incidentWord
    }

    /// `items` ordered by `sentence`, stably: as they are when already in that order (the matcher's
    /// mentions and term hits are in text order), else a sorted copy.
    static func inSentenceOrder<T>(_ items: [T], sentence: (T) -> Int) -> [T] {
        var sorted = true
        for i in items.indices.dropFirst() where sentence(items[i - 1]) > sentence(items[i]) {
            sorted = false
            break
        }
        if sorted { return items }
        return items.enumerated().sorted { (sentence($0.element), $0.offset) < (sentence($1.element), $1.offset) }.map(\.element)
    }

    /// Companion words as a note writes them: all of them up to 15, else the first 10 and how many
    /// there are ("North Korea, North Korean, …, sanctioned, … (39 in all)").
    static func companionList(_ words: [String]) -> String {
        words.count <= 15 ? words.joined(separator: ", ") : words.prefix(10).joined(separator: ", ") + ", … (\(words.count) in all)"
    }

    /// Whether states `a` and `b`, both named in sentence `s`, act together there (not only as list
    /// items, alternatives or shared objects: ``StatePairs``).
    func actTogether(_ s: Int, _ a: String, _ b: String) -> Bool {
        apart[s][StatePair(a, b)] == nil
    }

    func isLead(_ s: Int) -> Bool {
        let sentence = result.sentences[s]
        return !sentence.isTitle && sentence.bodyIndex < rules.leadSentences
    }

    func isHeadOrLead(_ s: Int) -> Bool { result.sentences[s].isTitle || isLead(s) }

    func place(_ s: Int) -> String {
        let sentence = result.sentences[s]
        return sentence.isTitle ? "title" : "sentence \(sentence.bodyIndex + 1)"
    }

    /// Whether a key state, two core states acting together, or a partner state (weighted, not core)
    /// with a term of a `subject_topics` topic is in the title or lead — or the key state, or the related pair, in at
    /// least `subject_share` of the body sentences. A sentence where the key state stands only apart
    /// from the other states it names (``onlyApart(_:in:)``) does not count for it.
    func storyIsSubject(keyStates: Set<String>) -> Bool {
        let n = result.sentences.count
        func shareReached(_ count: Int) -> Bool { bodyCount > 0 && Double(count) >= rules.subjectShare * Double(bodyCount) && count > 0 }
        for key in keyStates {
            let sentences = (0..<n).filter { states[$0].contains(key) && !onlyApart(key, in: $0) }
            if sentences.contains(where: isHeadOrLead) || shareReached(sentences.filter { !result.sentences[$0].isTitle }.count) { return true }
        }
        let pairs = corePairSentences
        if pairs.contains(where: isHeadOrLead) || shareReached(pairs.filter { !result.sentences[$0].isTitle }.count) { return true }
        return partnerSubjectInHeadOrLead || paragraphOnStory(keyStates: keyStates, pairs: pairs)
    }

    /// Whether every other weighted state that sentence `s` names stands apart from `state` there
    /// (items of a list, alternatives or shared objects: "the US joined Russia and North Korea in
    /// voting against it"): the state is named beside others, not as a subject of the sentence. False
    /// when the sentence names no other weighted state.
    func onlyApart(_ state: String, in s: Int) -> Bool {
        let others = states[s].filter { $0 != state && rules.weight(of: $0) > 0 }
        return !others.isEmpty && others.allSatisfy { apart[s][StatePair(state, $0)] != nil }
    }

    /// Whether the article has a paragraph on the story (``storyParagraphSentences(keyStates:pairs:)``).
    func paragraphOnStory(keyStates: Set<String>, pairs: [Int]) -> Bool {
        !storyParagraphSentences(keyStates: keyStates, pairs: pairs).isEmpty
    }

    /// Whether a sentence of the title or lead names a partner state (weighted, not core) and a term
    /// of a `subject_topics` topic: a partner state's defence news (drills, talks). A partner state
    /// that stands there only apart from the other states (``onlyApart(_:in:)``: an item of a list
    /// of four or more) is not the sentence's subject.
    var partnerSubjectInHeadOrLead: Bool {
        let subjectTopics = Set(rules.subjectTopics)
        guard !subjectTopics.isEmpty else { return false }
        let core = Set(rules.coreStates)
        return (0..<result.sentences.count).contains { s in
            isHeadOrLead(s) && states[s].contains { rules.weight(of: $0) > 0 && !core.contains($0) && !onlyApart($0, in: s) }
                && topics[s].keys.contains { subjectTopics.contains(topicIDs[$0]) }
        }
    }
}

import Foundation

/// The actor and topic model of one seed watch (`seeds/<watch>/model.yaml`, DESIGN §4).
public struct WatchModel: Sendable, Codable {
    /// The watch name: the folder that holds `model.yaml`, e.g. `china-russia-north-korea`.
    public var watch: String
    /// First 12 hex digits of SHA-256 of `model.yaml`'s bytes (DESIGN §7). Part of every alert id,
    /// so a changed model may alert again on an article it scores differently.
    public var version: String
    public var actors: [Actor]
    /// Phrases that claim their span so that no alias inside it fires ("Xi'an", "Kim Kardashian").
    public var exclusions: [Exclusion]
    public var topics: [Topic]
    public var rules: ScoringRules

    public init(watch: String, version: String, actors: [Actor], exclusions: [Exclusion], topics: [Topic], rules: ScoringRules) {
        self.watch = watch
        self.version = version
        self.actors = actors
        self.exclusions = exclusions
        self.topics = topics
        self.rules = rules
    }

    /// The actor with `id`, if any.
    public func actor(_ id: String) -> Actor? { actors.first { $0.id == id } }
    /// The topic with `id`, if any.
    public func topic(_ id: String) -> Topic? { topics.first { $0.id == id } }
}

/// A person, state or organization the watch follows.
public struct Actor: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case person, state, organization
    }

    /// Stable snake_case id (`vladimir_putin`); alerts and tests refer to it.
    public var id: String
    /// Display name (`Vladimir Putin`).
    public var name: String
    public var kind: Kind
    /// For persons and organizations: the id of the state they belong to (`russia`), else `nil`.
    public var affiliation: String?
    public var aliases: [Alias]
    /// The knowledge entry (``KnowledgeBase``) whose forms were merged into ``aliases`` (`KP`,
    /// `vladimir_putin`), when the model names one with `knowledge:`.
    public var knowledge: String?

    public init(id: String, name: String, kind: Kind, affiliation: String? = nil, aliases: [Alias], knowledge: String? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.affiliation = affiliation
        self.aliases = aliases
        self.knowledge = knowledge
    }

    /// The state this actor stands for: itself for a state, its affiliation otherwise.
    public var stateID: String? { kind == .state ? id : affiliation }
}

/// One way an actor is written in text.
public struct Alias: Sendable, Hashable, Codable {
    /// The alias as written in the model; normalised (DESIGN §5) before matching.
    public var text: String
    /// When true the alias matches only with the same letter case ("Xi" but not "XI").
    public var caseSensitive: Bool
    /// A weak alias ("Mr Kim", "Kim", "Moon") counts only when the actor itself, or its affiliated
    /// state, is also matched by a strong alias in the same article.
    public var weak: Bool
    /// The languages that write the alias so: it counts only in articles detected as one of them,
    /// or whose language is undetected. Empty (the default) means every language.
    public var languages: LanguageSet
    /// Actor ids whose strong match in the article also confirms this weak alias (`confirmed_by`):
    /// "the North" is North Korea beside South Korea ("Seoul says the North fired two missiles").
    /// Empty (the default): only the alias's own actor, state or people confirm it.
    public var confirmedBy: [String]

    public init(_ text: String, caseSensitive: Bool = false, weak: Bool = false, languages: LanguageSet = LanguageSet(),
                confirmedBy: [String] = []) {
        self.text = text
        self.caseSensitive = caseSensitive
        self.weak = weak
        self.languages = languages
        self.confirmedBy = confirmedBy
    }
}

/// A phrase whose matches claim their span, so that shorter aliases inside it do not fire.
public struct Exclusion: Sendable, Hashable, Codable {
    public var text: String
    public var caseSensitive: Bool

    public init(_ text: String, caseSensitive: Bool = false) {
        self.text = text
        self.caseSensitive = caseSensitive
    }
}

/// A subject of the story (sanctions, arms transfer, …) with its weighted terms.
public struct Topic: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var terms: [TopicTerm]

    public init(id: String, name: String, terms: [TopicTerm]) {
        self.id = id
        self.name = name
        self.terms = terms
    }
}

/// A word or phrase that signals a topic, with the points one occurrence contributes.
public struct TopicTerm: Sendable, Hashable, Codable {
    public var text: String
    /// Points per sentence that holds the term (before the rules' caps and position weights).
    public var weight: Double
    public var caseSensitive: Bool
    /// The languages of the term: it counts only in articles detected as one of them, or whose
    /// language is undetected. Empty (the default) means every language.
    public var languages: LanguageSet
    /// Companion words of an ambiguous term: when not empty, an occurrence counts only when one of
    /// these words or phrases (case-insensitive, whole words) stands within ``within`` words before
    /// or after it ("pipeline" counts for energy trade only near "oil", "gas" or "energy").
    public var requires: [String] { didSet { requiredPhrases = requires.map(Self.phraseWords) } }
    /// ``requires`` as lowercased words, split once here: the companion test compares them with the
    /// words near every occurrence of the term.
    public private(set) var requiredPhrases: [[String]]
    /// How many words either side of the term are searched for a companion (default 8).
    public var within: Int
    /// Words or phrases that make another thing of the term when they stand right before it
    /// (`not_after`, case-insensitive, whole words): "war" is not the war in Ukraine after
    /// "Korean", "Cold", "World", "trade" or "prisoner of" — the name of another war.
    public var notAfter: [String] { didSet { notAfterPhrases = notAfter.map(Self.phraseWords) } }
    /// ``notAfter`` as lowercased words, split once here.
    public private(set) var notAfterPhrases: [[String]]

    public init(_ text: String, weight: Double = 1, caseSensitive: Bool = false, languages: LanguageSet = LanguageSet(),
                requires: [String] = [], within: Int = 8, notAfter: [String] = []) {
        self.text = text
        self.weight = weight
        self.caseSensitive = caseSensitive
        self.languages = languages
        self.requires = requires
        self.requiredPhrases = requires.map(Self.phraseWords)
        self.within = within
        self.notAfter = notAfter
        self.notAfterPhrases = notAfter.map(Self.phraseWords)
    }

    /// The lower-cased words of a `requires` or `not_after` phrase (``CompanionWords/lowercasedWords(_:)``),
    /// split on its UTF-8 bytes: an ASCII phrase (nearly every one) needs no `Character` tests, which
    /// took 3 % of the CPU of a `scan` of one article when the stored model was read. The words are the
    /// same either way (a non-ASCII phrase takes the `String` path).
    static func phraseWords(_ phrase: String) -> [String] {
        CompanionWords.lowercasedWords(phrase.utf8)
    }
}

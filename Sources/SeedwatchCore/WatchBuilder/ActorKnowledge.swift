/// What the watch builder knows about a state, an international organisation or a person: the
/// actor it becomes, with every name it goes by (other languages and scripts, demonyms, capitals
/// and government metonyms for a state) and where that comes from. Built from the shipped
/// ``KnowledgeBase`` (``BundledKnowledge``).
public struct ActorKnowledge: Sendable, Hashable {
    /// Stable snake_case id, used as the actor id (`north_korea`, `vladimir_putin`, `united_nations`).
    public var id: String
    /// Display name in English.
    public var name: String
    public var kind: Actor.Kind
    /// For a person or organisation: the state id it belongs to.
    public var affiliation: String?
    /// Every name, as model aliases (weak ones count only when confirmed, as in `model.yaml`).
    public var aliases: [Alias]
    /// Phrases that contain a name but do not mean the entry ("Kim Kardashian", "Xi'an").
    public var exclusions: [Exclusion]
    /// Where the entry comes from (a dataset and version, a reviewed source), shown by `--explain`.
    public var source: String
    /// The ``KnowledgeBase`` key (`KP`, `vladimir_putin`) when the entry is there: a built model names
    /// it with `knowledge:` instead of copying its forms.
    public var knowledgeKey: String?
    /// How many of the first ``aliases`` are that knowledge entry's forms (the rest are the builder's own).
    public var inheritedAliases: Int

    public init(id: String, name: String, kind: Actor.Kind, affiliation: String? = nil,
                aliases: [Alias], exclusions: [Exclusion] = [], source: String,
                knowledgeKey: String? = nil, inheritedAliases: Int = 0) {
        self.id = id
        self.name = name
        self.kind = kind
        self.affiliation = affiliation
        self.aliases = aliases
        self.exclusions = exclusions
        self.source = source
        self.knowledgeKey = knowledgeKey
        self.inheritedAliases = inheritedAliases
    }

    /// `exclusions` without those that `actors` name as an alias (compared as the matcher reads
    /// them): an exclusion claims its span before any alias, so it would silence that actor.
    public static func exclusions(_ exclusions: [Exclusion], besides actors: [Actor]) -> [Exclusion] {
        let names = Set(actors.flatMap { $0.aliases.map { Normalizer.normalizeAliasKey($0.text) } })
        return exclusions.filter { !names.contains(Normalizer.normalizeAliasKey($0.text)) }
    }

    /// The entry as a model actor.
    public var actor: Actor { Actor(id: id, name: name, kind: kind, affiliation: affiliation, aliases: aliases, knowledge: knowledgeKey) }
}

/// The knowledge entries compiled into one matcher, to find which of them a text names.
public struct KnowledgeIndex: Sendable {
    public let entries: [ActorKnowledge]
    let matcher: Matcher

    /// Compiles every entry's aliases and exclusions once. An exclusion written as another entry's
    /// alias ("Kim Yo Jong" beside Kim Jong Un's weak "Kim") is left out: that entry claims the span.
    public init(entries: [ActorKnowledge]) {
        self.entries = entries
        let model = WatchModel(watch: "knowledge", version: "", actors: entries.map(\.actor),
                               exclusions: ActorKnowledge.exclusions(entries.flatMap(\.exclusions), besides: entries.map(\.actor)),
                               topics: [], rules: ScoringRules())
        matcher = Matcher(model: model)
    }

    /// Every counted mention of a knowledge entry in `text` (title line first when `hasTitle`).
    public func match(_ text: String, hasTitle: Bool) -> MatchResult {
        matcher.match(text: text, hasTitle: hasTitle)
    }

    /// Ids of the states a short phrase names ("North Korean" → `north_korea`; "Spain's" → `spain`),
    /// directly or through a person or organisation affiliated to them, in text order.
    public func states(in phrase: String) -> [String] {
        var ids: [String] = []
        for m in match(phrase, hasTitle: false).mentions {
            let entry = entries[m.actor]
            if let state = entry.kind == .state ? entry.id : entry.affiliation, !ids.contains(state) { ids.append(state) }
        }
        return ids
    }

    /// The entry whose strong alias is exactly `phrase` (after the matcher's normaliser), if any.
    public func entry(named phrase: String) -> ActorKnowledge? {
        let result = match(phrase, hasTitle: false)
        let length = phrase.utf8.count
        return result.mentions.first { !$0.weak && $0.range.lowerBound == 0 && $0.range.upperBound == length }
            .map { entries[$0.actor] }
    }
}

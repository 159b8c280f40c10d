import Foundation

/// The knowledge `seedwatch watch new` builds actors from: the shipped ``KnowledgeBase`` (every
/// state's names in en/es/pt/fr/de/it/ru/ko/zh/ja from CLDR and iso-codes, and the reviewed
/// supplement `Knowledge/supplement.yaml` of short forms, adjectives, demonyms, capitals, metonyms,
/// organisations and people, a source on every entry), as builder actors.
public enum BundledKnowledge {
    /// The shipped entries: states, then organisations, then people, each ordered by id.
    /// - Throws: ``WatchBuilderError/badResource(_:_:)`` when the knowledge resources are missing or malformed.
    public static func entries() throws -> [ActorKnowledge] {
        let base: KnowledgeBase
        do { base = try KnowledgeBase.shipped() } catch { throw WatchBuilderError.badResource("Knowledge", "\(error)") }
        return entries(base)
    }

    /// The entries of `base` as builder actors: a state's actor id is its English name in snake_case
    /// (`KP` → `north_korea`), an organisation's or a person's its key; affiliations name those ids.
    /// Every alias is the knowledge entry's (``ActorKnowledge/inheritedAliases`` counts them all).
    public static func entries(_ base: KnowledgeBase) -> [ActorKnowledge] {
        var stateID: [String: String] = [:]
        for (key, e) in base.entries where e.kind == .state { stateID[key] = Identifier.snakeCase(e.name) }
        var result: [ActorKnowledge] = []
        for (key, e) in base.entries {
            let kind = Actor.Kind(rawValue: e.kind.rawValue) ?? .organization
            let aliases = e.aliases
            let source = (e.source ?? "CLDR / iso-codes state names") + (e.asOf.map { "; as of \($0)" } ?? "")
            result.append(ActorKnowledge(id: stateID[key] ?? key, name: e.name, kind: kind,
                                         affiliation: e.state.map { stateID[$0] ?? $0 },
                                         aliases: aliases, exclusions: e.exclusions, source: source,
                                         knowledgeKey: key, inheritedAliases: aliases.count))
        }
        let order: [Actor.Kind: Int] = [.state: 0, .organization: 1, .person: 2]
        return result.sorted { order[$0.kind]! != order[$1.kind]! ? order[$0.kind]! < order[$1.kind]! : $0.id < $1.id }
    }
}

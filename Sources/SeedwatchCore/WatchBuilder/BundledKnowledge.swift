import Foundation

/// The knowledge `seedwatch watch new` builds actors from: the shipped ``KnowledgeBase`` (every
/// state's names in en/es/pt/fr/de/it/ru/ko/zh/ja from CLDR and iso-codes, and the reviewed
/// supplement of adjectives, demonyms, capitals, metonyms, organisations and people), completed by
/// the builder's own reviewed data for what that holds for a few states only:
/// `Data/knowledge-supplement.tsv` (demonyms and capitals of further states, short forms and
/// metonyms, more organisations and heads of government, exclusions; a source on every row).
public enum BundledKnowledge {
    /// The shipped entries: states, then organisations, then people, each ordered by id.
    /// - Throws: ``WatchBuilderError/badResource(_:_:)`` when a file is missing or malformed.
    public static func entries() throws -> [ActorKnowledge] {
        let base: KnowledgeBase
        do { base = try KnowledgeBase.shipped() } catch { throw WatchBuilderError.badResource("Knowledge", "\(error)") }
        return combine(base,
                       try parse(BundledData.text("knowledge-supplement", "tsv"), name: "knowledge-supplement.tsv"))
    }

    /// Actors from `base` and the builder's rows (states keyed by ISO 3166-1 alpha-2 code, as in
    /// `base`): a state's actor id is its English name in snake_case (`KP` → `north_korea`), a
    /// person's or organisation's the key; a row whose key is already present adds its aliases not
    /// yet there, its exclusions and its source.
    public static func combine(_ base: KnowledgeBase, _ rows: [ActorKnowledge]) -> [ActorKnowledge] {
        var byKey: [String: ActorKnowledge] = [:]
        for (key, e) in base.entries {
            let kind = Actor.Kind(rawValue: e.kind.rawValue) ?? .organization
            let aliases = e.aliases
            let source = e.source ?? "CLDR / iso-codes state names"
            byKey[key] = ActorKnowledge(id: key, name: e.name, kind: kind, affiliation: e.state,
                                        aliases: aliases, source: source + (e.asOf.map { "; as of \($0)" } ?? ""),
                                        knowledgeKey: key, inheritedAliases: aliases.count)
        }
        for row in rows {
            if var known = byKey[row.id] {
                // Two aliases are alike when they match the same text: case-folded unless case-sensitive.
                func key(_ a: Alias) -> String { a.caseSensitive ? "=" + a.text : Normalizer.normalizeAliasKey(a.text) }
                let present = Set(known.aliases.map(key))
                let insensitive = Set(known.aliases.filter { !$0.caseSensitive }.map { Normalizer.normalizeAliasKey($0.text) })
                known.aliases += row.aliases.filter { !present.contains(key($0)) && !insensitive.contains(Normalizer.normalizeAliasKey($0.text)) }
                known.exclusions += row.exclusions
                known.source += "; \(row.source)"
                if known.affiliation == nil { known.affiliation = row.affiliation }
                byKey[row.id] = known
            } else {
                byKey[row.id] = row
            }
        }
        // Actor ids: states by their English name; affiliations follow.
        var stateID: [String: String] = [:]
        for (key, e) in byKey where e.kind == .state { stateID[key] = Identifier.snakeCase(e.name) }
        var result: [ActorKnowledge] = []
        for (key, var e) in byKey {
            if e.kind == .state { e.id = stateID[key]! }
            if let a = e.affiliation { e.affiliation = stateID[a] ?? a }
            result.append(e)
        }
        let order: [Actor.Kind: Int] = [.state: 0, .organization: 1, .person: 2]
        return result.sorted { order[$0.kind]! != order[$1.kind]! ? order[$0.kind]! < order[$1.kind]! : $0.id < $1.id }
    }

    /// Parses a builder knowledge file: `#` comment lines, then rows of id, kind, name, affiliation,
    /// aliases (` | `-separated; a leading `=` makes an alias case-sensitive, `~` weak; `!` marks an
    /// exclusion: a phrase that contains a name but does not mean the entry), source.
    /// - Throws: ``WatchBuilderError/badResource(_:_:)`` naming the line.
    public static func parse(_ text: String, name: String) throws -> [ActorKnowledge] {
        var entries: [ActorKnowledge] = []
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            let c = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard c.count == 6, let kind = Actor.Kind(rawValue: c[1]), !c[0].isEmpty else {
                throw WatchBuilderError.badResource(name, "line \(lineNumber): expected ID<TAB>KIND<TAB>NAME<TAB>AFFILIATION<TAB>ALIASES<TAB>SOURCE")
            }
            var aliases: [Alias] = []
            var exclusions: [Exclusion] = []
            for raw in c[4].split(separator: "|") {
                var text = raw.trimmingCharacters(in: .whitespaces)
                if text.hasPrefix("!") {
                    exclusions.append(Exclusion(String(text.dropFirst())))
                    continue
                }
                var caseSensitive = false, weak = false
                while let first = text.first, first == "=" || first == "~" {
                    if first == "=" { caseSensitive = true } else { weak = true }
                    text.removeFirst()
                }
                if !text.isEmpty { aliases.append(Alias(text, caseSensitive: caseSensitive, weak: weak)) }
            }
            entries.append(ActorKnowledge(id: c[0], name: c[2], kind: kind, affiliation: c[3].isEmpty ? nil : c[3],
                                          aliases: aliases, exclusions: exclusions, source: c[5]))
        }
        return entries
    }
}

import Crypto
import Foundation

/// Reads `model.yaml` (DESIGN §4) into a ``WatchModel``.
///
/// Aliases and terms are written either as a plain string (case-insensitive, strong, weight 1, every
/// language) or as a mapping `{text, case_sensitive, weak, language}` / `{text, weight,
/// case_sensitive, language, requires, within}`, where `language` is an ISO 639-1 code or a list of
/// them and `requires` lists companion words, one of which must stand within `within` words of the term;
/// `not_after` lists words or phrases after which the term does not count ("Korean" before "war").
///
/// An actor with `knowledge: KEY` gets the forms of knowledge entry `KEY` (``KnowledgeBase``) as
/// strong aliases tagged with their languages, after its own: a form written like any alias or
/// exclusion of the model (compared after normalisation and case folding) is left to the model.
public enum ModelLoader {
    /// Loads a model from the bytes of its file.
    ///
    /// - Parameters:
    ///   - bytes: the content of `model.yaml`, UTF-8.
    ///   - file: the path, for error messages.
    ///   - watch: the watch name (the folder holding the file).
    /// - Throws: `YAMLFileError` naming file, line and key for invalid YAML, unknown keys, missing
    ///   or duplicate ids, affiliations that name no state, unknown languages or knowledge keys, or
    ///   bad values.
    ///   - knowledge: the knowledge that `knowledge:` keys name; the shipped one when `nil`.
    public static func load(bytes: [UInt8], file: String, watch: String, knowledge: KnowledgeBase? = nil) throws -> WatchModel {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw YAMLFileError(file: file, line: nil, key: "", problem: .model(.notUTF8))
        }
        let root = try YAMLValue.parse(text, file: file)
        let top = try root.mapping(allowed: ["name", "description", "actors", "exclusions", "topics", "rules"])

        var actors: [Actor] = []
        var exclusions: [Exclusion] = []
        var seenIDs: [String: YAMLValue] = [:]
        var knowledgeValues: [YAMLValue?] = []
        guard let actorList = top["actors"] else { throw root.error(.missingKey("actors")) }
        for entry in try actorList.sequence() {
            let m = try entry.mapping(allowed: ["id", "name", "kind", "affiliation", "aliases", "exclusions", "knowledge", "note"])
            guard let idValue = m["id"] else { throw entry.error(.entryWithout(entry: "actor", key: "id")) }
            let id = try idValue.nonEmptyString()
            guard id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
                throw idValue.error(.actorIDNotSnakeCase(id: id))
            }
            if seenIDs[id] != nil { throw idValue.error(.duplicate(what: "actor id", id: id)) }
            seenIDs[id] = idValue
            let name = try m["name"]?.nonEmptyString() ?? id
            guard let kindValue = m["kind"] else { throw entry.error(.actorWithoutKind(id: id)) }
            guard let kind = Actor.Kind(rawValue: try kindValue.string()) else {
                throw kindValue.error(.unknownActorKind)
            }
            let affiliation = try m["affiliation"].map { try $0.nonEmptyString() }
            var aliases: [Alias] = []
            for a in try m["aliases"]?.sequence() ?? [] {
                aliases.append(contentsOf: try readAliases(a))
            }
            let knowledgeKey = try m["knowledge"].map { try $0.nonEmptyString() }
            guard !aliases.isEmpty || knowledgeKey != nil else { throw entry.error(.actorWithoutAliases(id: id)) }
            for e in try m["exclusions"]?.sequence() ?? [] {
                exclusions.append(try readExclusion(e))
            }
            actors.append(Actor(id: id, name: name, kind: kind, affiliation: affiliation, aliases: aliases, knowledge: knowledgeKey))
            knowledgeValues.append(m["knowledge"])
        }
        let stateIDs = Set(actors.filter { $0.kind == .state }.map(\.id))
        for (index, actor) in actors.enumerated() {
            if let aff = actor.affiliation, !stateIDs.contains(aff) {
                throw YAMLFileError(file: file, line: nil, key: "actors[\(index)].affiliation",
                                    problem: .model(.affiliationNotAState(affiliation: aff, actor: actor.id)))
            }
        }
        for e in try top["exclusions"]?.sequence() ?? [] {
            exclusions.append(try readExclusion(e))
        }
        try mergeKnowledge(into: &actors, values: knowledgeValues, exclusions: exclusions, knowledge: knowledge)

        var topics: [Topic] = []
        var topicIDs: Set<String> = []
        for entry in try top["topics"]?.sequence() ?? [] {
            let m = try entry.mapping(allowed: ["id", "name", "terms", "note"])
            guard let idValue = m["id"] else { throw entry.error(.entryWithout(entry: "topic", key: "id")) }
            let id = try idValue.nonEmptyString()
            guard topicIDs.insert(id).inserted else { throw idValue.error(.duplicate(what: "topic id", id: id)) }
            let name = try m["name"]?.nonEmptyString() ?? id
            var terms: [TopicTerm] = []
            for t in try m["terms"]?.sequence() ?? [] {
                terms.append(try readTerm(t))
            }
            guard !terms.isEmpty else { throw entry.error(.topicWithoutTerms(id: id)) }
            topics.append(Topic(id: id, name: name, terms: terms))
        }

        let stateList = actors.filter { $0.kind == .state }.map(\.id)
        let rules = try top["rules"].map { try ScoringRules.read($0, states: stateList) } ?? ScoringRules(states: stateList)
        return WatchModel(watch: watch, version: version(of: bytes), actors: actors, exclusions: exclusions, topics: topics, rules: rules)
    }

    /// The model version: first 12 hex digits of SHA-256 of the file's bytes (DESIGN §7).
    public static func version(of bytes: [UInt8]) -> String {
        String(Hex.encode(Array(SHA256.hash(data: bytes))).prefix(12))
    }

    /// Adds each `knowledge:` entry's forms to its actor (see the type's documentation).
    private static func mergeKnowledge(into actors: inout [Actor], values: [YAMLValue?], exclusions: [Exclusion],
                                       knowledge: KnowledgeBase?) throws {
        guard values.contains(where: { $0 != nil }) else { return }
        func folded(_ text: String) -> [UInt8] { Normalizer.normalizeAlias(text).folded }
        var taken = Set(actors.flatMap { $0.aliases.map { folded($0.text) } })
        taken.formUnion(exclusions.map { folded($0.text) })
        for (index, value) in values.enumerated() {
            guard let value, let key = actors[index].knowledge else { continue }
            let base: KnowledgeBase
            do { base = try knowledge ?? KnowledgeBase.shipped() } catch {
                throw value.error(.knowledgeUnreadable(detail: "\(error)"))
            }
            guard let entry = base.entry(key) else {
                throw value.error(.noKnowledgeEntry(key: key))
            }
            for alias in entry.aliases where taken.insert(folded(alias.text)).inserted {
                actors[index].aliases.append(alias)
            }
        }
    }

    /// One alias entry: a string, or `{text, case_sensitive, weak, language, confirmed_by, numbered}`.
    /// `numbered: [FIRST, LAST]` adds the alias written with each whole number from FIRST to LAST
    /// joined to it, as a dated name is written ("Juche113": year 113 of the Juche calendar in KCNA's
    /// dateline "[Juche113.8.2.]"); digits are word characters (DESIGN §5), so the bare alias does not
    /// match there. At most 1,000 numbers.
    /// - Throws: `YAMLFileError` for a missing `text`, an unknown key or a bad `numbered` range.
    private static func readAliases(_ v: YAMLValue) throws -> [Alias] {
        if v.isScalar { return [Alias(try v.nonEmptyString())] }
        let m = try v.mapping(allowed: ["text", "case_sensitive", "weak", "language", "confirmed_by", "numbered", "note"])
        guard let text = m["text"] else { throw v.error(.entryWithout(entry: "alias", key: "text")) }
        let alias = Alias(try text.nonEmptyString(),
                          caseSensitive: try m["case_sensitive"]?.bool() ?? false,
                          weak: try m["weak"]?.bool() ?? false,
                          languages: try readLanguages(m["language"]),
                          confirmedBy: try m["confirmed_by"]?.sequence().map { try $0.nonEmptyString() } ?? [])
        guard let numbered = m["numbered"] else { return [alias] }
        let bounds = try numbered.sequence().map { try $0.int() }
        guard bounds.count == 2, bounds[0] >= 0, bounds[0] <= bounds[1], bounds[1] - bounds[0] < 1000 else {
            throw numbered.error(.numberedRange)
        }
        return [alias] + (bounds[0]...bounds[1]).map { n in
            var numberedAlias = alias
            numberedAlias.text = "\(alias.text)\(n)"
            return numberedAlias
        }
    }

    /// `language: de` or `language: [es, pt]`: ISO 639-1 codes of ``LanguageSet/codes``.
    private static func readLanguages(_ v: YAMLValue?) throws -> LanguageSet {
        guard let v else { return LanguageSet() }
        let codes = v.isScalar ? [try v.nonEmptyString()] : try v.sequence().map { try $0.nonEmptyString() }
        guard !codes.isEmpty, let set = LanguageSet(codes: codes) else {
            throw v.error(.unknownLanguageInModel)
        }
        return set
    }

    private static func readExclusion(_ v: YAMLValue) throws -> Exclusion {
        if v.isScalar { return Exclusion(try v.nonEmptyString()) }
        let m = try v.mapping(allowed: ["text", "case_sensitive", "note"])
        guard let text = m["text"] else { throw v.error(.entryWithout(entry: "exclusion", key: "text")) }
        return Exclusion(try text.nonEmptyString(), caseSensitive: try m["case_sensitive"]?.bool() ?? false)
    }

    private static func readTerm(_ v: YAMLValue) throws -> TopicTerm {
        if v.isScalar { return TopicTerm(try v.nonEmptyString()) }
        let m = try v.mapping(allowed: ["text", "weight", "case_sensitive", "language", "requires", "within", "not_after", "note"])
        guard let text = m["text"] else { throw v.error(.entryWithout(entry: "term", key: "text")) }
        let weight = try m["weight"]?.double() ?? 1
        guard weight > 0 else { throw m["weight"]!.error(.weightNotPositive) }
        let requires = try m["requires"]?.sequence().map { try $0.nonEmptyString() } ?? []
        let within = try m["within"]?.int() ?? 8
        guard within > 0 else { throw m["within"]!.error(.withinBelowOneWord) }
        if m["within"] != nil && requires.isEmpty { throw m["within"]!.error(.withinWithoutRequires) }
        let notAfter = try m["not_after"]?.sequence().map { try $0.nonEmptyString() } ?? []
        return TopicTerm(try text.nonEmptyString(), weight: weight, caseSensitive: try m["case_sensitive"]?.bool() ?? false,
                         languages: try readLanguages(m["language"]), requires: requires, within: within, notAfter: notAfter)
    }
}

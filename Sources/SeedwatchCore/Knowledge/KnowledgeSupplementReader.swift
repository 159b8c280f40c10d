/// Reads `Knowledge/supplement.yaml` (its format is described at the top of the file) into
/// knowledge entries, deriving inflected forms by ``Inflection``'s rules.
enum KnowledgeSupplementReader {
    static func read(_ text: String, file: String, into entries: inout [String: KnowledgeEntry]) throws {
        let root = try YAMLValue.parse(text, file: file)
        let top = try root.mapping(allowed: ["states", "organizations", "people"])
        for (code, value) in try top["states"]?.entries() ?? [] {
            guard var entry = entries[code] else { throw value.error(.notAStateCode(code)) }
            let m = try value.mapping(allowed: ["source", "names", "adjectives", "demonyms", "capital", "metonyms", "exclusions", "note"])
            entry.source = try source(m, value)
            for (language, name) in try forms(m["names"]) {
                entry.forms.append(.init(text: name.text, language: language, caseSensitive: name.caseSensitive, role: .name, weak: name.weak))
            }
            for (language, base) in try forms(m["adjectives"]) {
                for text in Inflection.adjectiveForms(base.text, language: language) {
                    entry.forms.append(.init(text: text, language: language, caseSensitive: base.caseSensitive, role: .adjective))
                }
            }
            for (language, base) in try forms(m["demonyms"]) {
                for text in Inflection.demonymForms(base.text, language: language) {
                    entry.forms.append(.init(text: text, language: language, caseSensitive: base.caseSensitive, role: .demonym))
                }
            }
            entry.forms += try places(m["capital"], role: .capital)
            entry.forms += try places(m["metonyms"], role: .metonym)
            entry.exclusions = try exclusions(m["exclusions"])
            entries[code] = entry
        }
        for (key, value) in try top["organizations"]?.entries() ?? [] {
            let m = try value.mapping(allowed: ["source", "names", "state", "exclusions", "note"])
            let names = try forms(m["names"]).map {
                KnowledgeEntry.Form(text: $0.1.text, language: $0.0, caseSensitive: $0.1.caseSensitive, role: .name, weak: $0.1.weak)
            }
            // An organisation with a `state` speaks for it (a state's official news agency).
            let state = try m["state"].map { try $0.nonEmptyString() }
            if let state, entries[state]?.kind != .state { throw m["state"]!.error(.notAKnowledgeState(state)) }
            let organizationKey = try newKey(key, value, entries)
            entries[organizationKey] = KnowledgeEntry(
                key: key, kind: .organization, name: names.first?.text ?? key, forms: names, source: try source(m, value),
                state: state, exclusions: try exclusions(m["exclusions"]))
        }
        for (key, value) in try top["people"]?.entries() ?? [] {
            let m = try value.mapping(allowed: ["source", "names", "state", "role", "as_of", "exclusions", "note"])
            var personForms: [KnowledgeEntry.Form] = []
            for (language, name) in try forms(m["names"]) {
                personForms.append(.init(text: name.text, language: language, caseSensitive: name.caseSensitive, role: .name, weak: name.weak))
                if language == "de", !name.caseSensitive, !name.weak, let genitive = Inflection.germanGenitive(name.text, kind: .person) {
                    personForms.append(.init(text: genitive, language: language, caseSensitive: false, role: .genitive))
                }
            }
            let state = try m["state"].map { try $0.nonEmptyString() }
            if let state, entries[state]?.kind != .state { throw m["state"]!.error(.notAKnowledgeState(state)) }
            let personKey = try newKey(key, value, entries)
            entries[personKey] = KnowledgeEntry(
                key: key, kind: .person, name: personForms.first?.text ?? key, forms: personForms, source: try source(m, value),
                state: state, role: try m["role"].map { try $0.nonEmptyString() }, asOf: try m["as_of"].map { try $0.nonEmptyString() },
                exclusions: try exclusions(m["exclusions"]))
        }
    }

    private static func newKey(_ key: String, _ value: YAMLValue, _ entries: [String: KnowledgeEntry]) throws -> String {
        guard key.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
            throw value.error(.knowledgeKeyNotSnakeCase(key: key))
        }
        guard entries[key] == nil else { throw value.error(.duplicate(what: "knowledge key", id: key)) }
        return key
    }

    private static func source(_ m: [String: YAMLValue], _ value: YAMLValue) throws -> String {
        guard let s = m["source"] else { throw value.error(.entryWithout(entry: "entry", key: "source")) }
        return try s.nonEmptyString()
    }

    struct Written {
        var text: String
        var caseSensitive: Bool
        var weak = false
    }

    /// An entry's `exclusions:` list: strings (case-insensitive) or `{text, case_sensitive}`.
    private static func exclusions(_ value: YAMLValue?) throws -> [Exclusion] {
        guard let value else { return [] }
        return try value.sequence().map { item in
            if item.isScalar { return Exclusion(try item.nonEmptyString()) }
            let m = try item.mapping(allowed: ["text", "case_sensitive", "note"])
            guard let text = m["text"] else { throw item.error(.entryWithout(entry: "exclusion", key: "text")) }
            return Exclusion(try text.nonEmptyString(), caseSensitive: try m["case_sensitive"]?.bool() ?? false)
        }
    }

    /// A `{language: [form, …]}` mapping, in the file's order; a form is a string (case-sensitive
    /// when it is an acronym) or `{text, case_sensitive, weak}`.
    private static func forms(_ value: YAMLValue?) throws -> [(String, Written)] {
        guard let value else { return [] }
        var result: [(String, Written)] = []
        for (language, list) in try value.entries() {
            guard LanguageSet.bit(language) != nil else {
                throw list.error(.unknownLanguage(language))
            }
            for item in try list.sequence() {
                if item.isScalar {
                    let text = try item.nonEmptyString()
                    result.append((language, Written(text: text, caseSensitive: KnowledgeBase.isAcronym(text))))
                } else {
                    let m = try item.mapping(allowed: ["text", "case_sensitive", "weak", "note"])
                    guard let text = m["text"] else { throw item.error(.entryWithout(entry: "form", key: "text")) }
                    result.append((language, Written(text: try text.nonEmptyString(), caseSensitive: try m["case_sensitive"]?.bool() ?? false,
                                                     weak: try m["weak"]?.bool() ?? false)))
                }
            }
        }
        return result
    }

    /// A capital's or metonyms' forms, with the German genitive of one-word places (Moskaus, Kremls).
    private static func places(_ value: YAMLValue?, role: KnowledgeEntry.Role) throws -> [KnowledgeEntry.Form] {
        var result: [KnowledgeEntry.Form] = []
        for (language, place) in try forms(value) {
            result.append(.init(text: place.text, language: language, caseSensitive: place.caseSensitive, role: role))
            if language == "de", !place.caseSensitive, let genitive = Inflection.germanGenitive(place.text, kind: .place) {
                result.append(.init(text: genitive, language: language, caseSensitive: false, role: .genitive))
            }
        }
        return result
    }
}

/// A multilingual lexicon of events and subjects of international news (sanctions, summit, treaty,
/// missile launch, troops, ceasefire, tariff, election, protest, …), each with its forms in
/// English, Spanish, Portuguese, French, German and Italian and a weight.
///
/// Shipped as `Data/event-lexicon.tsv` (reviewed by hand; columns concept, weight, ISO 639-1
/// language, forms separated by ` | `). ``TopicSelection`` widens a seed's topics with every
/// concept the seed uses: a seed that says "sanctions" gets "sanciones", "sanções", "Sanktionen"….
public struct EventLexicon: Sendable {
    /// One concept with its forms.
    public struct Concept: Sendable, Hashable {
        /// snake_case id (`missile_launch`).
        public var id: String
        /// Points per sentence of each form (0.5–4, as topic-term weights in `model.yaml`).
        public var weight: Double
        /// Forms by ISO 639-1 language code, in file order.
        public var forms: [(language: String, text: String)]

        public static func == (a: Concept, b: Concept) -> Bool {
            a.id == b.id && a.weight == b.weight && a.forms.map(\.text) == b.forms.map(\.text)
        }
        public func hash(into h: inout Hasher) { h.combine(id) }

        /// Forms in one language.
        public func forms(in language: String) -> [String] {
            forms.filter { $0.language == language }.map(\.text)
        }
    }

    /// The languages every concept has forms in.
    public static let languages = ["en", "es", "pt", "fr", "de", "it"]

    public let concepts: [Concept]
    /// Families of concepts that news about one subject uses together (name → concept ids).
    public let families: [String: [String]]
    /// Words of a headline that reports an incident or a contest (weather, disaster, sport), in
    /// file order, each once: a built watch's `incident_title_terms` (``ScoringRules/incidentTitleTerms``).
    public let incidentWords: [String]
    /// Concepts of a security response (drills, deployments: lines `response<TAB>NAME<TAB>CONCEPTS`),
    /// in file order: in a built watch they join at full weight even as a family's relatives, and
    /// they are the `subject_topics` with which a partner state and a state named in most news (the
    /// United States) acting together are the story (``ScoringRules/generic(core:partners:incidentTerms:allianceStates:responseTopics:)``).
    public let responseConcepts: [String]

    public init(concepts: [Concept], families: [String: [String]] = [:], incidentWords: [String] = [],
                responseConcepts: [String] = []) {
        self.concepts = concepts
        self.families = families
        self.incidentWords = incidentWords
        self.responseConcepts = responseConcepts
    }

    /// The concepts of the families that hold at least two of `ids` (a family the seed really
    /// writes about, not one word of it), not among `ids`, in lexicon order.
    public func relatives(of ids: Set<String>) -> [Concept] {
        let related = Set(families.values.filter { ids.intersection($0).count >= 2 }.flatMap { $0 })
        return concepts.filter { related.contains($0.id) && !ids.contains($0.id) }
    }

    /// Parses the lexicon file (see the type's description); `#` lines are comments; a line
    /// `family<TAB>NAME<TAB>CONCEPT CONCEPT …` defines a family; a line
    /// `incident<TAB>KIND<TAB>LANGUAGE<TAB>FORMS` lists incident words (``incidentWords``); a line
    /// `response<TAB>NAME<TAB>CONCEPT CONCEPT …` names the concepts of a security response (``responseConcepts``).
    /// - Throws: ``WatchBuilderError/badResource(_:_:)`` for a malformed line, an unknown language,
    ///   a weight outside 0.5–4, or a concept missing one of the six languages.
    public static func parse(_ text: String, name: String = "event-lexicon.tsv") throws -> EventLexicon {
        var order: [String] = []
        var byID: [String: Concept] = [:]
        var families: [String: [String]] = [:]
        var incidentWords: [String] = []
        var responseConcepts: [String] = []
        var lineNumber = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let columns = raw.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if columns.count == 3, columns[0] == "family" {
                families[columns[1]] = columns[2].split(separator: " ").map(String.init)
                continue
            }
            if columns.count == 3, columns[0] == "response" {
                for id in columns[2].split(separator: " ").map(String.init) where !responseConcepts.contains(id) { responseConcepts.append(id) }
                continue
            }
            if columns.count == 4, columns[0] == "incident", languages.contains(columns[2]) {
                for form in columns[3].split(separator: "|").map({ $0.trimmingCharacters(in: .whitespaces) })
                where !form.isEmpty && !incidentWords.contains(form) { incidentWords.append(form) }
                continue
            }
            guard columns.count == 4, let weight = Double(columns[1]), (0.5...4).contains(weight),
                  languages.contains(columns[2]) else {
                throw WatchBuilderError.badResource(name, "line \(lineNumber): expected CONCEPT<TAB>WEIGHT (0.5-4)<TAB>LANGUAGE (\(languages.joined(separator: "/")))<TAB>FORMS")
            }
            let forms = columns[3].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if byID[columns[0]] == nil {
                order.append(columns[0])
                byID[columns[0]] = Concept(id: columns[0], weight: weight, forms: [])
            }
            byID[columns[0]]!.forms += forms.map { (columns[2], $0) }
        }
        for id in order {
            let present = Set(byID[id]!.forms.map(\.language))
            if let missing = languages.first(where: { !present.contains($0) }) {
                throw WatchBuilderError.badResource(name, "concept \(id) has no forms in '\(missing)'")
            }
        }
        for (name, members) in families {
            if let unknown = members.first(where: { byID[$0] == nil }) {
                throw WatchBuilderError.badResource(name, "family \(name) names unknown concept \(unknown)")
            }
        }
        if let unknown = responseConcepts.first(where: { byID[$0] == nil }) {
            throw WatchBuilderError.badResource(name, "response names unknown concept \(unknown)")
        }
        return EventLexicon(concepts: order.map { byID[$0]! }, families: families, incidentWords: incidentWords,
                            responseConcepts: responseConcepts)
    }

    /// The lexicon shipped with seedwatch (a package resource).
    public static func bundled() throws -> EventLexicon {
        try parse(BundledData.text("event-lexicon", "tsv"))
    }
}

import Foundation

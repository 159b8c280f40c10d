import Yams

/// How actor and topic evidence combine into a score, and the thresholds of the levels (DESIGN §4).
/// Read from the `rules:` mapping of `model.yaml`; every key is optional and named like the property
/// (snake_case). All values are points (unitless) unless stated otherwise. Nothing here names a
/// story's states: a model without `state_weights` weighs each of its `state` actors 1, and a model
/// without `core_states` takes every state of weight 1 or more as core.
///
/// The score is the sum of three kinds of components, one rule type each in `Scoring/Rules/`
/// (``StateCentralityRule``, ``TopicEvidenceRule``, ``CorePatternRule``; see ``Scorer``):
/// 1. **State centrality**, per state (persons and organizations count for their affiliation):
///    `title_points` when named in the title, `lead_points` when named in the first
///    `lead_sentences` body sentences, and `sentence_points` for every other body sentence naming it,
///    up to `sentence_cap` sentences — all multiplied by the state's weight in `state_weights`.
/// 2. **Topic evidence**, per sentence and topic: the weight of the strongest term of the topic in the
///    sentence, times `title_factor` (title) or `lead_factor` (lead), times `unanchored_factor`
///    when no weighted state is named in that sentence, or `partner_anchor_factor` when only states
///    outside `core_states` are named (then only `partner_topics` count, when that list is given);
///    at most `topic_cap` points per topic. Terms of `market_topics` count only when a core state is
///    in the title or a key state in the title or lead; terms of `key_state_topics` only in an article
///    that names a key state.
/// 3. **The core pattern**: `pair_points` for each sentence naming two different core states
///    (`core_states`) together with a topic term, or `pair_points × partner_factor` when one of the
///    two is a weighted state outside the core, or `pair_points × relation_factor` for two core
///    states in one sentence without a topic term (`title_relation_points` instead when that sentence
///    is the title and the value is above 0), or `pair_points × partner_pair_factor` for two partner
///    states with a term of `partner_topics`; at most `pair_cap` points in all. Core states named only as
///    items of one list ("ties with China, the West and Russia") are no pair of core states.
/// 4. **The headline** (``HeadlineRule``): `title_key_points` once for a title naming a key state
///    with a counted topic term, else `title_response_points` for a title on a security response
///    (``ArticleFacts/responsePairs``); (``KeyRelationRule``) `title_key_relation_points` once for a title
///    naming a key state and a state outside the core acting together.
///
/// Pairs: two states named only as list items, alternatives or shared objects (``StatePairs``) are
/// no pair anywhere, and a title on an incident or a contest (`incident_title_terms`) gets no relation points. `alliance_states` pair with partner states in `subject_topics` sentences. A
/// short item (`short_item_sentences`) anchors a state-less title by its lead and needs a title
/// naming an actor or a topic term (``ShortItemTitleRule``); a longer article anchors it by its first
/// `title_anchor_sentences`.
///
/// Length: in an article of more than `length_window` body sentences, every point from a sentence
/// after the lead is multiplied by √(`length_window` / body sentences) (0.67 for a piece of 66
/// sentences and a window of 30, 0.5 for 120), so passing mentions spread over a long piece do not
/// add up to what the same mentions say in a short one.
///
/// Level `alert` needs `alert_threshold` points and at least `alert_min_topic` topic points;
/// `notice` needs `notice_threshold` points and at least `notice_min_topic` topic points. With
/// `require_subject`, either level also needs the story to be a subject of the article (see
/// ``Scorer``): a key state or the core relation in the title or lead or across `subject_share` of
/// the body sentences, or a `subject_topics` term with a partner state in the title or lead, or a
/// paragraph on the story (`subject_paragraph` of `subject_paragraph_window` consecutive sentences).
public struct ScoringRules: Sendable, Hashable, Codable {
    /// Minimum score for level `alert`.
    public var alertThreshold: Double = 20
    /// Minimum score for level `notice` (not above `alertThreshold`).
    public var noticeThreshold: Double = 14
    /// Minimum topic points (components 2 and 3) for level `alert`: no alert without topic evidence.
    public var alertMinTopic: Double = 8
    /// Minimum topic points for level `notice`.
    public var noticeMinTopic: Double = 4

    /// Weight of each state in centrality and anchoring (0 when not listed). Default (when the model
    /// gives no `state_weights`): every `state` actor of the model weighs 1.
    public var stateWeights: [String: Double] = [:]
    /// The states whose pairing in one sentence with a topic is the core pattern. Default: every
    /// state of weight 1 or more.
    public var coreStates: [String] = []

    /// Points for a state named in the title.
    public var titlePoints: Double = 6
    /// Points for a state named in the lead.
    public var leadPoints: Double = 4
    /// How many body sentences form the lead.
    public var leadSentences: Int = 3
    /// Whether the title of an item with no body (a feed item that is only a headline) stands for its
    /// lead too: the states it names get `lead_points` as well, as they would if the feed repeated
    /// the headline as the description (as Google News items do). The same for a short item whose
    /// description names no weighted state ("North Korea fires missiles again amid unusual flurry of
    /// tests" over "It has conducted four launches in two weeks"): its description goes on about the
    /// headline's subject, and the item never scores below its headline alone.
    public var headlineOnlyLead = false
    /// Points per further body sentence naming a state.
    public var sentencePoints: Double = 1
    /// At most this many further sentences count per state.
    public var sentenceCap: Int = 6

    /// Topic points of a title sentence are multiplied by this.
    public var titleFactor: Double = 2
    /// Topic points of a lead sentence are multiplied by this.
    public var leadFactor: Double = 1.5
    /// Topic points of a sentence naming no weighted state are multiplied by this.
    public var unanchoredFactor: Double = 0.25
    /// Topic points of a sentence naming weighted states but no core state (South Korea or Japan
    /// alone) are multiplied by this: those states matter for politics and defence, not for all news.
    public var partnerAnchorFactor: Double = 0.5
    /// At most this many points per topic.
    public var topicCap: Double = 12

    /// Points per sentence with two different core states and a topic term.
    public var pairPoints: Double = 4
    /// Multiplier of `pairPoints` when one of the two states is weighted but not core.
    public var partnerFactor: Double = 0.5
    /// Multiplier of `pairPoints` for a sentence naming two different core states without any topic
    /// term: relations between the core states are themselves the story (rubric (a)).
    public var relationFactor: Double = 0.5
    /// Points, in place of `pairPoints × relationFactor`, for a title naming two different core states
    /// without a topic term ("Putin meets Kim Jong Un"): a headline pairing the core states is the
    /// story's core relation (rubric (a)). 0 keeps `pairPoints × relationFactor` for titles too.
    public var titleRelationPoints: Double = 0
    /// At most this many pair points in all.
    public var pairCap: Double = 16
    /// Points for a title that names a key state (`alert_key_states`, else a core state) with a
    /// counted topic term ("North Korea fires two ballistic missiles"): a headline about the key
    /// state doing something in a topic is the story, however short the item (0: off). They count
    /// as topic points.
    public var titleKeyPoints: Double = 0
    /// Points for a title on a security response (rubric (c)): a partner state acting together with
    /// another partner state or one of `alliance_states`, with a `subject_topics` term ("US and South
    /// Korea begin joint military exercises"), in a title that gets no `title_key_points`. They count
    /// as topic points (0: off).
    public var titleResponsePoints: Double = 0
    /// Multiplier of `pairPoints` for a sentence naming two partner states (weighted, not core) with a
    /// term of `partnerTopics` (US–Japan–South Korea defence talks); 0 turns it off.
    public var partnerPairFactor: Double = 0
    /// Topic ids whose terms count in a sentence that names partner states only; empty: every topic.
    public var partnerTopics: [String] = []
    /// States that weigh nothing alone but pair with a partner state (weighted, not core) in a
    /// sentence with a `subject_topics` term: the alliance of a security response (US–South Korea
    /// drills, rubric (c)). Such a pair counts `pair_points × partner_pair_factor`, its
    /// `subject_topics` terms count in full, and in the title it lets the article reach `alert`
    /// without a key state (``KeyStatesRule``).
    public var allianceStates: [String] = []
    /// Points for a title naming a key state and a state outside the core acting together ("South
    /// Korea to revive rail link to North Korea", "Trump meets Kim Jong Un"): the key state's relations
    /// with another state (rubric (d)). They count as topic points (0: off).
    public var titleKeyRelationPoints: Double = 0
    /// An article of at most this many body sentences is a short item (a feed item: a headline and a
    /// description). In a short item a title that names no state has its topic terms anchored by the
    /// states of the lead, and, with `require_subject`, the title must name an actor of the model or a counted topic
    /// term: an item headed by another story is not about this one because its description names
    /// the states (0: off).
    public var shortItemSentences: Int = 0
    /// A title that names no state is read with the first this many body sentences, as a short
    /// item's title is with its lead: their states anchor the title's topic terms, and two of them
    /// acting together there make the title's security response ("Allies open summer drills" over
    /// "South Korea and the United States began their annual exercise …": the lede says whom the
    /// headline is about). 0: off (a short item's title still takes its lead's states).
    public var titleAnchorSentences: Int = 0
    /// Words of a headline that reports an incident or a contest (weather, disaster, sport: "snow",
    /// "typhoon", "qualifier"), in any language of the model, matched as whole words regardless of
    /// case. States named together in such a title are where it happened or who played, not two
    /// states acting together: the title gets no `title_relation_points` (two core states without a
    /// topic term) and no `title_key_relation_points` (empty: off).
    public var incidentTitleTerms: [String] = []
    /// Topic ids of markets and trade (energy, commerce) whose terms count only when a core state is
    /// named in the title, or a key state in the title or lead: in business and commodity news about
    /// other countries the core states are only buyers and sellers.
    public var marketTopics: [String] = []
    /// Topic ids whose terms are a key state's own and count only in an article that names a key
    /// state (`alert_key_states`, else the core states) somewhere: "missile launch sites in Iran" are
    /// not North Korea's weapons programme.
    public var keyStateTopics: [String] = []

    /// Body sentences of a bounded window: in a longer article, points from sentences after the lead
    /// are multiplied by √(`lengthWindow` / body sentences) (0: no length factor).
    public var lengthWindow: Int = 0
    /// With `requireSubject`, no level unless a key state (or, with no key states, a core state), two
    /// core states in one sentence (not as list items) is in the title or lead, or in at least
    /// `subjectShare` of the body sentences; or a partner state with a term of `subjectTopics` is in
    /// the title or lead.
    public var requireSubject: Bool = false
    /// Fraction (0–1) of the body sentences that makes a state or relation a subject outside the title and lead.
    public var subjectShare: Double = 0.2
    /// Topic ids that make an article's subject when a sentence of the title or lead names one of
    /// their terms and a partner state (weighted, not core): South Korea–US drills.
    public var subjectTopics: [String] = []
    /// With `requireSubject`, the story is also a subject when at least this many of any
    /// `subjectParagraphWindow` consecutive body sentences name a key state or two core states
    /// acting together, or when one of them names two core states acting together and each of the
    /// two is named in this many: a paragraph on the story inside a longer piece (a liveblog entry),
    /// which the rubric counts. Its sentences count without the length factor (0: off).
    public var subjectParagraph: Int = 0
    /// The window of consecutive body sentences of `subjectParagraph`.
    public var subjectParagraphWindow: Int = 6

    /// States of which one, named anywhere in the article, lets it reach `alert` (e.g. `[north_korea]`).
    public var alertKeyStates: [String] = []
    /// Otherwise, how many distinct `core_states` the article must name to reach `alert`; an
    /// article that satisfies neither is capped at `notice` (0: no cap).
    public var alertMinCoreStates: Int = 0

    public init() {}

    /// Generic rules for a model with these state actors: each weighs 1 and is core.
    public init(states: [String]) {
        stateWeights = Dictionary(states.map { ($0, 1.0) }, uniquingKeysWith: { a, _ in a })
        coreStates = states
    }

    /// The weight of a state id (0 when not listed).
    public func weight(of state: String?) -> Double {
        guard let state else { return 0 }
        return stateWeights[state] ?? 0
    }

    /// The level that `score` and `topicPoints` reach by the thresholds alone (before the caps of
    /// `alert_key_states` / `alert_min_core_states` and `require_subject`), or `nil` below `notice`.
    public func level(score: Double, topicPoints: Double) -> AlertLevel? {
        if score >= alertThreshold && topicPoints >= alertMinTopic { return .alert }
        if score >= noticeThreshold && topicPoints >= noticeMinTopic { return .notice }
        return nil
    }

    /// Reads the `rules:` mapping.
    /// - Parameter states: the ids of the model's `state` actors, in model order: the default
    ///   `state_weights` (each 1) and `core_states` (weight 1 or more) when the mapping omits them.
    /// - Throws: `YAMLFileError` for unknown keys or bad values (negative points, notice above alert).
    public static func read(_ value: YAMLValue, states: [String]) throws -> ScoringRules {
        let m = try value.mapping(allowed: [
            "alert_threshold", "notice_threshold", "alert_min_topic", "notice_min_topic",
            "state_weights", "core_states",
            "title_points", "lead_points", "lead_sentences", "sentence_points", "sentence_cap",
            "title_factor", "lead_factor", "unanchored_factor", "partner_anchor_factor", "topic_cap",
            "pair_points", "partner_factor", "relation_factor", "title_relation_points", "pair_cap", "note", "alert_key_states", "alert_min_core_states",
            "partner_pair_factor", "partner_topics", "market_topics", "key_state_topics", "length_window", "require_subject", "subject_share", "subject_topics",
            "title_key_points", "subject_paragraph", "subject_paragraph_window",
            "alliance_states", "title_key_relation_points", "title_response_points", "short_item_sentences", "incident_title_terms", "headline_only_lead",
            "title_anchor_sentences",
        ])
        var r = ScoringRules(states: states)
        func number(_ key: String, _ target: inout Double) throws {
            guard let v = m[key] else { return }
            let d = try v.double()
            guard d >= 0 else { throw v.error(.negative(key: key)) }
            target = d
        }
        func count(_ key: String, _ target: inout Int) throws {
            guard let v = m[key] else { return }
            let i = try v.int()
            guard i >= 0 else { throw v.error(.negative(key: key)) }
            target = i
        }
        try number("alert_threshold", &r.alertThreshold)
        try number("notice_threshold", &r.noticeThreshold)
        try number("alert_min_topic", &r.alertMinTopic)
        try number("notice_min_topic", &r.noticeMinTopic)
        try number("title_points", &r.titlePoints)
        try number("lead_points", &r.leadPoints)
        try count("lead_sentences", &r.leadSentences)
        try number("sentence_points", &r.sentencePoints)
        try count("sentence_cap", &r.sentenceCap)
        try number("title_factor", &r.titleFactor)
        try number("lead_factor", &r.leadFactor)
        try number("unanchored_factor", &r.unanchoredFactor)
        try number("partner_anchor_factor", &r.partnerAnchorFactor)
        try number("topic_cap", &r.topicCap)
        try number("pair_points", &r.pairPoints)
        try number("partner_factor", &r.partnerFactor)
        try number("relation_factor", &r.relationFactor)
        try number("title_relation_points", &r.titleRelationPoints)
        try number("pair_cap", &r.pairCap)
        try number("title_key_points", &r.titleKeyPoints)
        try number("title_key_relation_points", &r.titleKeyRelationPoints)
        try number("title_response_points", &r.titleResponsePoints)
        try count("short_item_sentences", &r.shortItemSentences)
        try count("title_anchor_sentences", &r.titleAnchorSentences)
        try count("subject_paragraph", &r.subjectParagraph)
        try count("subject_paragraph_window", &r.subjectParagraphWindow)
        guard r.subjectParagraph <= r.subjectParagraphWindow else {
            throw m["subject_paragraph"]!.error(.subjectParagraphPastWindow)
        }
        try number("partner_pair_factor", &r.partnerPairFactor)
        try count("length_window", &r.lengthWindow)
        try number("subject_share", &r.subjectShare)
        guard r.subjectShare <= 1 else { throw m["subject_share"]!.error(.subjectShareNotFraction) }
        if let v = m["require_subject"] { r.requireSubject = try v.bool() }
        if let v = m["headline_only_lead"] { r.headlineOnlyLead = try v.bool() }
        func ids(_ key: String) throws -> [String]? { try m[key].map { try $0.sequence().map { try $0.nonEmptyString() } } }
        r.partnerTopics = try ids("partner_topics") ?? []
        r.marketTopics = try ids("market_topics") ?? []
        r.keyStateTopics = try ids("key_state_topics") ?? []
        r.subjectTopics = try ids("subject_topics") ?? []
        r.allianceStates = try ids("alliance_states") ?? []
        r.incidentTitleTerms = try ids("incident_title_terms") ?? []
        if let v = m["state_weights"] {
            var weights: [String: Double] = [:]
            guard case .mapping(let pairs) = v.node else { throw v.error(.expectedStateWeights) }
            let keys = Set(pairs.keys.compactMap(\.string))
            for (key, w) in try v.mapping(allowed: keys) {
                let d = try w.double()
                guard d >= 0 else { throw w.error(.negativeStateWeight) }
                weights[key] = d
            }
            r.stateWeights = weights
            r.coreStates = states.filter { (weights[$0] ?? 0) >= 1 } + weights.keys.filter { !states.contains($0) && weights[$0]! >= 1 }.sorted()
        }
        if let v = m["alert_key_states"] {
            r.alertKeyStates = try v.sequence().map { try $0.nonEmptyString() }
        }
        try count("alert_min_core_states", &r.alertMinCoreStates)
        if let v = m["core_states"] {
            r.coreStates = try v.sequence().map { try $0.nonEmptyString() }
        }
        guard r.noticeThreshold <= r.alertThreshold else {
            throw value.error(.noticeAboveAlert)
        }
        return r
    }
}

/// The rule that gave a ``ScoreComponent`` its points (or, for the 0-point notes, that withheld
/// them). The raw value is the name written in `scan --explain` and in `--json` (`"rule"`), and
/// the snake_case name of the ``ScoringRules`` parameter it comes from.
public enum ScoreRule: String, Sendable, Hashable, Codable, CaseIterable {
    /// A weighted state named in the title (`title_points` × the state's weight).
    case titlePoints = "title_points"
    /// A weighted state named in the lead (`lead_points` × weight).
    case leadPoints = "lead_points"
    /// A weighted state named in a later body sentence (`sentence_points` × weight, × the length factor).
    case sentencePoints = "sentence_points"
    /// The strongest term of a topic in a sentence.
    case topic = "topic"
    /// Two core states in one sentence with a topic term, or a core state with a partner state.
    case pairPoints = "pair_points"
    /// Two core states in one sentence without a topic term (`relation_factor`, or `title_relation_points` in the title).
    case relationFactor = "relation_factor"
    /// Two partner states (weighted, not core) in one sentence with a term of a `partner_topics` topic.
    case partnerPairPoints = "partner_pair_factor"
    /// A title naming a key state with a topic term (``HeadlineRule``).
    case titleKeyPoints = "title_key_points"
    /// A title on a security response: a partner state with another partner state or an alliance
    /// state, acting together, and a `subject_topics` term (``HeadlineRule``).
    case titleResponsePoints = "title_response_points"
    /// A title naming a key state and a state outside the core acting together (``KeyRelationRule``).
    case titleKeyRelation = "title_key_relation_points"
    /// 0 points: core states named only as items of a list ("ties with China, the West and Russia") get no pair points.
    case listedStates = "listed_states"
    /// 0 points: two states named as alternatives ("Russia or China") or together as the object of
    /// another actor ("blocking Russia and China's ambitions") get no pair points (``CoordinatedStates``).
    case statesAsObjects = "states_as_objects"
    /// 0 points: a security response of `alliance_states` with a partner state in the title lets the
    /// article reach `alert` without a key state.
    case allianceResponse = "alliance_states"
    /// 0 points: a title on an incident or a contest (`incident_title_terms`: "snow", "qualifier") got
    /// no relation points for the states it names.
    case incidentTitle = "incident_title_terms"
    /// 0 points: the sentences of a paragraph on the story in a long article count in full, without
    /// the length factor (`subject_paragraph`).
    case storyParagraph = "subject_paragraph"
    /// 0 points: an ambiguous term without any of its companion words nearby did not count.
    case requires = "requires"
    /// 0 points: a `market_topics` topic did not count, because no core state is in the title and no key state in the title or lead.
    case marketTopics = "market_topics"
    /// 0 points: a `key_state_topics` topic did not count, because the article names no key state.
    case keyStateTopics = "key_state_topics"
    /// 0 points: the level was capped at `notice` (neither a key state nor enough core states named).
    case alertMinCoreStates = "alert_min_core_states"
    /// 0 points: no level, because neither a key state nor the core relation is a subject of the article.
    case subject = "require_subject"
    /// 0 points: no level, because the title of a short item names no actor and no topic term.
    case shortItemTitle = "short_item_sentences"
    /// 0 points: a state named only inside the name of the war in Ukraine ("the Russia-Ukraine war",
    /// "la guerra Rusia-Ucrania") is not counted as named in that sentence (``WarNames``).
    case warName = "war_name"
    /// 0 points: a state named only in a simile ("a North Korea-style performance") is not counted
    /// as named in that sentence (``Similes``).
    case simile = "simile"
}

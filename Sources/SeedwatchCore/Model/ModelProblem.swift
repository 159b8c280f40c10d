/// The problems of a watch's `model.yaml` and of the knowledge supplement, beyond the YAML shapes
/// of ``YAMLFileError/Problem``: each names the id or key at fault and says what is expected. The
/// file, line and key path come with the ``YAMLFileError`` that carries it (``YAMLFileError/Problem/model(_:)``).
public enum ModelProblem: Sendable, Equatable, CustomStringConvertible {
    /// The model's bytes are not UTF-8.
    case notUTF8
    /// An entry lacks a required key: an `actor` or `topic` without `id`, an `alias`, `term`,
    /// `exclusion` or `form` without `text`, an `entry` without `source`.
    case entryWithout(entry: String, key: String)
    /// An actor id outside snake_case.
    case actorIDNotSnakeCase(id: String)
    /// A knowledge key (of the supplement) outside snake_case.
    case knowledgeKeyNotSnakeCase(key: String)
    /// An id listed twice: `what` is `actor id`, `topic id` or `knowledge key`.
    case duplicate(what: String, id: String)
    /// An actor without `kind`.
    case actorWithoutKind(id: String)
    /// A `kind` other than person, state or organization.
    case unknownActorKind
    /// An actor with neither aliases nor a knowledge entry.
    case actorWithoutAliases(id: String)
    /// An `affiliation` that is not the id of a state actor of the model.
    case affiliationNotAState(affiliation: String, actor: String)
    /// A topic without terms.
    case topicWithoutTerms(id: String)
    /// The shipped knowledge data cannot be read (`detail`: its error).
    case knowledgeUnreadable(detail: String)
    /// `knowledge:` names no entry of the knowledge data.
    case noKnowledgeEntry(key: String)
    /// A `language` outside the supported codes.
    case unknownLanguageInModel
    /// A supplement form's language outside the supported codes.
    case unknownLanguage(String)
    /// A term `weight` of 0 or less.
    case weightNotPositive
    /// A term `within` below 1 word.
    case withinBelowOneWord
    /// A term `within` without `requires`.
    case withinWithoutRequires
    /// A scoring number or count below 0 (`key`: its name).
    case negative(key: String)
    /// `subject_paragraph` above `subject_paragraph_window`.
    case subjectParagraphPastWindow
    /// `subject_share` outside 0…1.
    case subjectShareNotFraction
    /// `state_weights` is not a mapping of state ids to weights.
    case expectedStateWeights
    /// A state weight below 0.
    case negativeStateWeight
    /// `notice_threshold` above `alert_threshold`.
    case noticeAboveAlert
    /// An alias's `numbered` that is not `[FIRST, LAST]` with 0 ≤ FIRST ≤ LAST and at most 1,000 numbers.
    case numberedRange
    /// A supplement state code that `states.json` does not hold.
    case notAStateCode(String)
    /// A supplement `state:` that is not a state of the knowledge data.
    case notAKnowledgeState(String)

    public var description: String {
        switch self {
        case .notUTF8: return "model is not valid UTF-8"
        case .entryWithout(let entry, let key): return "\(entry) without '\(key)'"
        case .actorIDNotSnakeCase(let id): return "actor id '\(id)' must be snake_case (a-z, 0-9, _)"
        case .knowledgeKeyNotSnakeCase(let key): return "'\(key)' must be snake_case (a-z, 0-9, _)"
        case .duplicate(let what, let id): return "duplicate \(what) '\(id)'"
        case .actorWithoutKind(let id): return "actor '\(id)' without 'kind'"
        case .unknownActorKind: return "kind must be person, state or organization"
        case .actorWithoutAliases(let id): return "actor '\(id)' has no aliases"
        case .affiliationNotAState(let affiliation, let actor): return "affiliation '\(affiliation)' of '\(actor)' is not the id of a state actor"
        case .topicWithoutTerms(let id): return "topic '\(id)' has no terms"
        case .knowledgeUnreadable(let detail): return "the knowledge data cannot be read: \(detail)"
        case .noKnowledgeEntry(let key):
            return "no knowledge entry '\(key)' (a state is its ISO 3166-1 alpha-2 code, e.g. KP; organisations and people "
                + "are snake_case ids of Knowledge/supplement.yaml)"
        case .unknownLanguageInModel: return "language must be one or more of \(LanguageSet.codes.joined(separator: ", "))"
        case .unknownLanguage(let language): return "unknown language '\(language)' (known: \(LanguageSet.codes.joined(separator: " ")))"
        case .weightNotPositive: return "weight must be above 0"
        case .withinBelowOneWord: return "within must be at least 1 word"
        case .withinWithoutRequires: return "within needs requires (the companion words)"
        case .negative(let key): return "\(key) must not be negative"
        case .subjectParagraphPastWindow: return "subject_paragraph must not exceed subject_paragraph_window"
        case .subjectShareNotFraction: return "subject_share is a fraction from 0 to 1"
        case .expectedStateWeights: return "expected a mapping of state ids to weights"
        case .negativeStateWeight: return "state weight must not be negative"
        case .noticeAboveAlert: return "notice_threshold must not exceed alert_threshold"
        case .numberedRange: return "numbered must be [FIRST, LAST], whole numbers with 0 ≤ FIRST ≤ LAST, at most 1,000 of them"
        case .notAStateCode(let code): return "'\(code)' is not an ISO 3166-1 alpha-2 code of states.json"
        case .notAKnowledgeState(let state): return "'\(state)' is not a state of the knowledge data"
        }
    }
}

extension YAMLValue {
    /// An error at this node for a problem of a model or of the knowledge supplement.
    public func error(_ problem: ModelProblem) -> YAMLFileError {
        error(.model(problem))
    }
}

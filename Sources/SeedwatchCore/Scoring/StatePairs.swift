/// Two states named in one sentence, in id order.
struct StatePair: Hashable, Sendable, CustomStringConvertible {
    let first: String
    let second: String

    init(_ a: String, _ b: String) {
        (first, second) = a < b ? (a, b) : (b, a)
    }

    /// `first+second`, as written in details.
    var description: String { "\(first)+\(second)" }
}

/// Why two states named in one sentence do not act together there.
enum PairApartness: Hashable, Sendable {
    /// Items of one list of three or more (``ListedStates``).
    case listItems
    /// Joined by an alternative conjunction, the word given (``CoordinatedStates``).
    case alternatives(String)
    /// Both the object of the word given (``CoordinatedStates``).
    case objects(String)

    /// The 0-point note's rule.
    var rule: ScoreRule { self == .listItems ? .listedStates : .statesAsObjects }

    /// How the note says it.
    var phrase: String {
        switch self {
        case .listItems: "items of a list"
        case .alternatives(let word): "alternatives (\"\(word)\")"
        case .objects(let word): "objects of \"\(word)\""
        }
    }
}

/// Which pairs of the states named in one sentence do not act together: a pair is apart when no
/// mention of the one and mention of the other act together, each such pair of mentions being items
/// of one list (``ListedStates``; two core states in any list of three or more, other states only
/// in a list of four or more: "US, Japan and South Korea defence chiefs meet" is an alliance
/// acting, "an appeal to China, France, Japan, South Korea, Britain and others" an enumeration),
/// alternatives or shared objects (``CoordinatedStates``).
enum StatePairs {
    /// The apart pairs among the states of `ranges` (state id → its mentions' UTF-8 byte ranges in
    /// the article's text `utf8`), each with the reason of its first pair of mentions; lists part only
    /// two states of `core`.
    /// `headline`: the sentence is a title (``CoordinatedStates/reading(utf8:_:_:headline:)``).
    static func apart(_ ranges: [String: [Range<Int>]], core: Set<String>, utf8: ExtractedTextBytes,
                      headline: Bool = false) -> [StatePair: PairApartness] {
        let states = ranges.keys.sorted()
        var found: [StatePair: PairApartness] = [:]
        for (i, a) in states.enumerated() {
            for b in states[(i + 1)...] {
                let lists = core.contains(a) && core.contains(b)
                if let reason = apartness(ranges[a] ?? [], ranges[b] ?? [], lists: lists, utf8: utf8, headline: headline) { found[StatePair(a, b)] = reason }
            }
        }
        return found
    }

    /// nil when some mention in `a` and some in `b` act together, else the reason of the first pair.
    static func apartness(_ a: [Range<Int>], _ b: [Range<Int>], lists: Bool, utf8: ExtractedTextBytes, headline: Bool = false) -> PairApartness? {
        var first: PairApartness?
        for x in a {
            for y in b {
                let (one, two) = x.lowerBound < y.lowerBound ? (x, y) : (y, x)
                guard one.upperBound <= two.lowerBound else { return nil }
                let reason: PairApartness
                if lists ? ListedStates.areListItems(utf8: utf8, one, two) : ListedStates.areLongListItems(utf8: utf8, one, two) {
                    reason = .listItems
                } else if let reading = CoordinatedStates.reading(utf8: utf8, one, two, headline: headline) {
                    switch reading {
                    case .alternatives(let word): reason = .alternatives(word)
                    case .objects(let word): reason = .objects(word)
                    }
                } else {
                    return nil
                }
                if first == nil { first = reason }
            }
        }
        return first
    }
}

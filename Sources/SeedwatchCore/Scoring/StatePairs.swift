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
    /// Two core states named only as the joint owners of the thing given ("China and Russia's
    /// support for Iran": ``CoordinatedStates/jointOwned(utf8:_:_:)``).
    case owners(String)
    /// Each the subject of a verb on its own, or ranked against each other by it (``CoordinatedStates/Reading/separately(_:)``).
    case separately(String)

    /// The 0-point note's rule.
    var rule: ScoreRule { self == .listItems ? .listedStates : .statesAsObjects }

    /// How the note says it.
    var phrase: String {
        switch self {
        case .listItems: "items of a list"
        case .alternatives(let word): "alternatives (\"\(word)\")"
        case .objects(let word): "objects of \"\(word)\""
        case .owners(let thing): "the owners of \"\(thing)\""
        case .separately(let verb): "subjects of \"\(verb)\" each on its own"
        }
    }
}

/// Which pairs of the states named in one sentence do not act together: a pair is apart when no
/// mention of the one and mention of the other act together, each such pair of mentions being items
/// of one list (``ListedStates``; two core states in any list of three or more, other states only
/// in a list of four or more: "US, Japan and South Korea defence chiefs meet" is an alliance
/// acting, "an appeal to China, France, Japan, South Korea, Britain and others" an enumeration;
/// a list followed by a word of acting together acts: ``ListedStates/actJointly(utf8:after:)``),
/// alternatives or shared objects (``CoordinatedStates``), or — two core states — only as the joint
/// owners of a thing ("China and Russia's support for Iran"). Each mention is read as its name
/// phrase (``NamePhrase``: "Russia President Vladimir Putin", "President Xi"), so that "Trump,
/// Russia President Vladimir Putin and Chinese leader Xi Jinping" is a list of three leaders.
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
                let xs = (ranges[a] ?? []).map { NamePhrase.extend($0, sameState: ranges[a] ?? [], utf8: utf8) }
                let ys = (ranges[b] ?? []).map { NamePhrase.extend($0, sameState: ranges[b] ?? [], utf8: utf8) }
                if let reason = apartness(xs, ys, lists: lists, utf8: utf8, headline: headline) {
                    found[StatePair(a, b)] = reason
                } else if lists, let thing = jointlyOwned(xs, ys, utf8: utf8) {
                    found[StatePair(a, b)] = .owners(thing)
                }
            }
        }
        return found
    }

    /// The thing two core states own together when every pair of their mentions near each other
    /// (at most 40 bytes apart) that is no list, alternative or shared object names them as its joint
    /// owners (``CoordinatedStates/jointOwned(utf8:_:_:)``: "China and Russia's support for Iran",
    /// "l'aiuto di Cina e Russia"), else nil. `a` and `b` are name phrases (``NamePhrase``).
    static func jointlyOwned(_ a: [Range<Int>], _ b: [Range<Int>], utf8: ExtractedTextBytes) -> String? {
        var owned: String?
        for x in a {
            for y in b {
                let (one, two) = x.lowerBound < y.lowerBound ? (x, y) : (y, x)
                guard one.upperBound <= two.lowerBound, two.lowerBound - one.upperBound <= 40 else { continue }
                if let thing = CoordinatedStates.jointOwned(utf8: utf8, one, two) {
                    owned = owned ?? thing
                } else if !ListedStates.areListItems(utf8: utf8, one, two) && CoordinatedStates.reading(utf8: utf8, one, two) == nil {
                    return nil
                }
            }
        }
        return owned
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
                    // A list that does one thing together acts ("China, Russia, Iran team up for drills").
                    if ListedStates.actJointly(utf8: utf8, after: two) { return nil }
                    reason = .listItems
                } else if let reading = CoordinatedStates.reading(utf8: utf8, one, two, headline: headline) {
                    switch reading {
                    case .alternatives(let word): reason = .alternatives(word)
                    case .objects(let word): reason = .objects(word)
                    case .separately(let verb): reason = .separately(verb)
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

/// The name phrase of a mention: the mention with the titles before it ("President", "Prime
/// Minister", "leader", "Chairman") and the mentions of the same state that introduce it ("Russia
/// President Vladimir Putin", "Chinese leader Xi Jinping", "North Korean leader Kim Jong Un"), as a
/// reader takes them: one item of a list. Only words before the mention are taken, and only while
/// each is a title word (``titleWords``) or the end of another mention of the same state, with
/// nothing but spaces between them; at most 6 steps.
enum NamePhrase {
    /// `range` widened to the start of its name phrase (UTF-8 byte offsets into `utf8`); `sameState`
    /// holds the mentions of the same state in the sentence.
    static func extend(_ range: Range<Int>, sameState: [Range<Int>], utf8: ExtractedTextBytes) -> Range<Int> {
        // Six titles and names fit in 100 bytes before the mention.
        let base = max(0, range.lowerBound - 100)
        let window = utf8[base..<range.lowerBound]
        var start = range.lowerBound
        for _ in 0..<6 {
            var end = start
            while end > base, window[end - 1 - base] == 0x20 { end -= 1 }
            guard end < start else { break }
            if let other = sameState.first(where: { $0.upperBound == end && $0.lowerBound < end }) {
                guard other.lowerBound >= base else { break }
                start = other.lowerBound
                continue
            }
            var wordStart = end
            while wordStart > base, end - wordStart < 16, isWordByte(window[wordStart - 1 - base]) { wordStart -= 1 }
            guard wordStart < end else { break }
            let word = String(decoding: window[(wordStart - base)..<(end - base)], as: UTF8.self).lowercased()
            guard titleWords.contains(word) else { break }
            start = wordStart
        }
        return start..<range.upperBound
    }

    /// Letters of a word as the titles are written: ASCII letters, '.' ("Mr.") and the bytes of
    /// non-ASCII letters ("président").
    static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2E || b >= 0x80
    }

    /// Titles written before a leader's name, in en, fr, es, pt, de, it (lowercased; "prime" and
    /// "minister" are read one at a time: "Prime Minister", "Foreign Minister").
    static let titleWords: Set<String> = [
        "president", "leader", "premier", "prime", "minister", "chancellor", "chairman", "secretary", "general",
        "supreme", "foreign", "defence", "defense", "vice", "counterpart", "mr", "mr.", "mrs", "mrs.", "ms", "ms.",
        "président", "presidente", "präsident", "staatschef", "kanzler", "ministre", "ministro", "ministra",
        "primo", "líder", "chef", "capo", "dirigente",
    ]
}

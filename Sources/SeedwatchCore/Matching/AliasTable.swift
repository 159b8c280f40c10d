/// Every alias, exclusion and topic term of a model, normalised and compiled into one
/// ``PatternAutomaton``, with what each pattern stands for and which boundary tests it needs.
public struct AliasTable: Sendable {
    /// What a pattern stands for.
    public enum Target: Sendable, Hashable {
        /// Alias `alias` of actor `actor` (indices into ``WatchModel/actors`` and its `aliases`).
        case alias(actor: Int, alias: Int)
        /// A model exclusion: claims its span so that no alias inside it fires.
        case exclusion(Int)
        /// Term `term` of topic `topic`.
        case term(topic: Int, term: Int)
    }

    struct Pattern: Sendable {
        var target: Target
        /// Normalised (not folded) bytes, compared exactly for case-sensitive patterns
        /// (with `-` and space interchangeable).
        var exact: [UInt8]
        var caseSensitive: Bool
        var checkLeft: Bool
        var checkRight: Bool
        var firstScalar: Unicode.Scalar
        var lastScalar: Unicode.Scalar
        /// ``LanguageSet/mask`` of the alias or term; 0 for every language.
        var languages: UInt16
    }

    /// Every pattern: scanned for articles of a language other than English, or undetected.
    /// Loaded or compiled on first use (``OnFirstUse``): a process that scans only English
    /// articles never reads its 9 MB of tables.
    var automaton: PatternAutomaton { allAutomaton.value }
    /// Only the patterns that count in English (untagged or tagged `en`), with their indices in
    /// ``patterns``: scanned for English articles, the usual case, so that the forms of the other
    /// languages cost those articles nothing (a smaller DFA, fewer raw hits). Loaded or compiled on
    /// first use.
    var englishAutomaton: PatternAutomaton { englishOnlyAutomaton.value }
    let allAutomaton: OnFirstUse<PatternAutomaton>
    let englishOnlyAutomaton: OnFirstUse<PatternAutomaton>
    let englishIndices: [Int32]
    let patterns: [Pattern]
    /// Flat copies of what the scan's hot path reads per hit, so that it touches no array
    /// inside a struct (no reference counting per hit).
    let hot: [HotPattern]
    let exactBytes: [UInt8]
    let targets: [Target]

    struct HotPattern: Sendable {
        var length: Int32
        var exactOffset: Int32
        var caseSensitive: Bool
        var checkLeft: Bool
        var checkRight: Bool
        var firstScalar: Unicode.Scalar
        var lastScalar: Unicode.Scalar
        var languages: UInt16
    }

    /// Number of patterns compiled (aliases + exclusions + terms).
    public var patternCount: Int { patterns.count }
    /// Number of DFA states of the automaton.
    public var stateCount: Int { automaton.stateCount }

    /// Compiles a model's aliases, exclusions and topic terms. An alias or term with a hyphen
    /// between two letters ("Moon Jae-in", "test-fire") also matches with that hyphen removed
    /// ("Jaein", "testfire"): text hard-wrapped at that hyphen is joined so (``HardWrap``).
    /// - Parameter cache: where the two automata are loaded from when stored before, and stored
    ///   when compiled (``AutomatonCache``); `nil`: compiled, nothing read or written. The table is
    ///   the same either way.
    public init(model: WatchModel, cache: AutomatonCache? = nil) {
        var patterns: [Pattern] = []
        var folded: [[UInt8]] = []
        var compiled = Set<[UInt8]>()
        func add(_ text: String, _ caseSensitive: Bool, _ target: Target, _ languages: LanguageSet = LanguageSet()) {
            addPattern(text, caseSensitive, target, languages)
            if let joined = Self.withoutWordHyphens(text) { addPattern(joined, caseSensitive, target, languages, variant: true) }
        }
        func addPattern(_ text: String, _ caseSensitive: Bool, _ target: Target, _ languages: LanguageSet, variant: Bool = false) {
            let n = Normalizer.normalizeAlias(text)
            let exact = n.bytes  // rebuilt from the folded text at each read: read once
            guard !exact.isEmpty else { return }
            // A variant that is already a pattern of its own adds nothing.
            guard compiled.insert(n.folded).inserted || !variant else { return }
            let scalars = Array(String(decoding: exact, as: UTF8.self).unicodeScalars)
            let first = scalars.first!, last = scalars.last!
            let firstClass = WordBoundary.scriptClass(first)
            let lastClass = WordBoundary.scriptClass(last)
            patterns.append(Pattern(
                target: target, exact: exact, caseSensitive: caseSensitive,
                checkLeft: firstClass != .spaceless,
                checkRight: lastClass == .other,
                firstScalar: first, lastScalar: last, languages: languages.mask))
            folded.append(n.folded)
        }
        for (a, actor) in model.actors.enumerated() {
            for (i, alias) in actor.aliases.enumerated() {
                add(alias.text, alias.caseSensitive, .alias(actor: a, alias: i), alias.languages)
            }
        }
        for (e, exclusion) in model.exclusions.enumerated() {
            add(exclusion.text, exclusion.caseSensitive, .exclusion(e))
        }
        for (t, topic) in model.topics.enumerated() {
            for (i, term) in topic.terms.enumerated() {
                add(term.text, term.caseSensitive, .term(topic: t, term: i), term.languages)
            }
        }
        self.patterns = patterns
        // A pattern whose first scalar is of a script written with spaces (``WordBoundary/ScriptClass/other``)
        // never follows an ASCII letter or digit: the automaton drops those raw hits itself.
        let wordStart = patterns.map { WordBoundary.scriptClass($0.firstScalar) == .other }
        func compile(_ patterns: [[UInt8]], _ wordStart: [Bool]) -> OnFirstUse<PatternAutomaton> {
            OnFirstUse {
                guard let cache else { return PatternAutomaton(patterns: patterns, wordStart: wordStart) }
                return cache.automaton(patterns: patterns, wordStart: wordStart).0
            }
        }
        self.allAutomaton = compile(folded, wordStart)
        let english = LanguageSet.bit("en")!
        let englishIndices = patterns.indices.filter { patterns[$0].languages == 0 || patterns[$0].languages & english != 0 }
        self.englishOnlyAutomaton = compile(englishIndices.map { folded[$0] }, englishIndices.map { wordStart[$0] })
        self.englishIndices = englishIndices.map { Int32($0) }
        var hot: [HotPattern] = []
        var exactBytes: [UInt8] = []
        for p in patterns {
            hot.append(HotPattern(length: Int32(p.exact.count), exactOffset: Int32(exactBytes.count), caseSensitive: p.caseSensitive,
                                  checkLeft: p.checkLeft, checkRight: p.checkRight, firstScalar: p.firstScalar, lastScalar: p.lastScalar,
                                  languages: p.languages))
            exactBytes.append(contentsOf: p.exact)
        }
        self.hot = hot
        self.exactBytes = exactBytes
        self.targets = patterns.map(\.target)
    }

    /// `text` with every hyphen (`-`, U+2010, U+2011) that stands between two letters removed, or
    /// `nil` when it has none.
    static func withoutWordHyphens(_ text: String) -> String? {
        // Most aliases hold no hyphen: `-` is 0x2D in UTF-8, U+2010 and U+2011 start with 0xE2.
        guard text.utf8.contains(where: { $0 == 0x2D || $0 == 0xE2 }) else { return nil }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var removed = false
        for (i, scalar) in scalars.enumerated() {
            if scalar == "-" || scalar.value == 0x2010 || scalar.value == 0x2011, i > 0, i + 1 < scalars.count,
               scalars[i - 1].properties.isAlphabetic, scalars[i + 1].properties.isAlphabetic {
                removed = true
                continue
            }
            out.append(scalar)
        }
        return removed ? String(out) : nil
    }

    /// One accepted occurrence, in normalised byte offsets.
    public struct Occurrence: Sendable, Hashable {
        public var target: Target
        public var start: Int
        public var end: Int
    }

    /// Finds every occurrence that passes the language, case and word-boundary tests (overlaps not
    /// yet resolved).
    /// - Parameters:
    ///   - text: normalised text from ``Normalizer/normalize(_:)``.
    ///   - language: the article's ISO 639-1 code (``LanguageDetector``); a pattern tagged with other
    ///     languages only is skipped. `nil` (undetected) keeps every pattern.
    public func occurrences(in text: NormalizedText, language: String? = nil) -> [Occurrence] {
        var found: [Occurrence] = []
        forEachOccurrence(in: text, language: language) { index, start, end in
            found.append(Occurrence(target: targets[index], start: start, end: end))
        }
        return found
    }

    /// Calls `found(patternIndex, start, end)` (an index into ``targets``, normalised byte offsets)
    /// for every occurrence that ``occurrences(in:language:)`` returns, in the same order, without
    /// building them: the matcher keeps them compact (``Matcher/Hit``).
    func forEachOccurrence(in text: NormalizedText, language: String?, _ found: (Int, Int, Int) -> Void) {
        let languageBit = language.flatMap(LanguageSet.bit) ?? 0
        text.folded.withUnsafeBufferPointer { folded in
            hot.withUnsafeBufferPointer { hot in
                exactBytes.withUnsafeBufferPointer { patternBytes in
                    targets.withUnsafeBufferPointer { targets in
                        let isEnglish = language == "en"
                        let scanned = isEnglish ? englishAutomaton : automaton
                        englishIndices.withUnsafeBufferPointer { englishIndices in
                            scanned.scan(folded) { scannedIndex, end in
                                let index = isEnglish ? Int(englishIndices[scannedIndex]) : scannedIndex
                                let p = hot[index]
                                let length = Int(p.length)
                                let start = end - length
                                if languageBit != 0 && p.languages != 0 && p.languages & languageBit == 0 { return }
                                // Boundaries first: they reject most raw hits (short aliases inside longer
                                // words). Read in the folded text: folding keeps a scalar a letter, digit
                                // or neither, and its script class (FoldingKeepsBoundariesTests).
                                if p.checkLeft && !WordBoundary.separates(WordBoundary.scalar(before: start, in: folded), from: p.firstScalar) { return }
                                if p.checkRight && !WordBoundary.separates(WordBoundary.decode(at: end, in: folded), from: p.lastScalar) { return }
                                if p.caseSensitive {
                                    let base = Int(p.exactOffset)
                                    var exception = text.firstException(atOrAfter: start)
                                    for k in 0..<length {
                                        let a = text.exactByte(at: start + k, from: &exception), b = patternBytes[base + k]
                                        if a != b && !((a == 0x2D || a == 0x20) && (b == 0x2D || b == 0x20)) { return }
                                    }
                                }
                                found(index, start, end)
                            }
                        }
                    }
                }
            }
        }
    }

    /// ``PatternAutomaton/streamSplit(count:)`` of the automaton that ``forEachOccurrence(in:language:_:)``
    /// scans for a normalised text of `count` bytes in `language`.
    func streamSplit(count: Int, language: String?) -> Int? {
        (language == "en" ? englishAutomaton : automaton).streamSplit(count: count)
    }

    /// Counts raw automaton occurrences in already-normalised bytes: the scan alone, for benchmarks.
    public func rawOccurrenceCount(folded: [UInt8]) -> Int {
        folded.withUnsafeBufferPointer { automaton.countOccurrences($0) }
    }
}

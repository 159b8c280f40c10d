/// Finds actors and topic terms in an article: a pure function of (article, model), no I/O, no clock.
///
/// Steps: normalise the extracted text (DESIGN §5); scan it once with the model's
/// ``AliasTable`` automaton; keep occurrences that pass the language, case and word-boundary tests
/// (an alias or term tagged with languages counts only in an article of one of them, or of
/// undetected language);
/// resolve overlaps (the longest wins, so exclusions such as "Xi'an" claim their span); count weak
/// aliases only when their actor, its state, or (for a state) one of its people or organisations is
/// matched strongly, or an actor of the alias's `confirmed_by` (or one of its people); map every hit back to the
/// original UTF-8 offsets and to its sentence.
public struct Matcher: Sendable {
    public let model: WatchModel
    public let table: AliasTable

    /// Compiles the model's patterns once; reuse the matcher for every article.
    /// - Parameter cache: stored automata to load instead of compiling (``AliasTable/init(model:cache:)``);
    ///   `nil`: compile.
    public init(model: WatchModel, cache: AutomatonCache? = nil) {
        self.model = model
        self.table = AliasTable(model: model, cache: cache)
        maxPatternLength = Int(table.hot.map(\.length).max() ?? 0)
    }

    /// The longest alias, exclusion or term, in normalised bytes (``StreamingOverlaps/maxLength``).
    let maxPatternLength: Int

    /// Matches one article, in its detected language (``Article/language``).
    public func match(_ article: Article) -> MatchResult {
        match(article, language: article.language)
    }

    /// Matches one article whose language (ISO 639-1 code, `nil` when undetected) is already known.
    ///
    /// The title, a newline and the body are normalised in place (``Normalizer/normalize(concatenationOf:)``),
    /// and ``Article/extractedText`` is never built: sentences and the scorer read the title and
    /// body in place (``ExtractedTextBytes``), so an article of 50 MB is not copied once more.
    public func match(_ article: Article, language: String?) -> MatchResult {
        // The normalised text is released before the kept occurrences become mentions and term hits
        // and before the sentences are made (issue 15, peak memory of one article).
        var kept = keptOccurrences(in: Normalizer.normalize(article: article), language: language)
        return result(hits(from: &kept), bytes: ExtractedTextBytes(title: article.title, body: article.body),
                      hasTitle: !article.title.isEmpty)
    }

    /// Matches one article whose normalised text is already made: `normalized` must be
    /// ``Normalizer/normalize(article:)`` of `article` (the same result as ``match(_:language:)``,
    /// without normalising again for each watch and for the story signature).
    public func match(_ article: Article, normalized: NormalizedText, language: String?) -> MatchResult {
        result(hits(in: normalized, language: language), bytes: ExtractedTextBytes(title: article.title, body: article.body),
               hasTitle: !article.title.isEmpty)
    }

    /// Matches a text whose first line is a title when `hasTitle` is true, written in `language`
    /// (an ISO 639-1 code; `nil`, undetected, lets every alias and term count).
    public func match(text: String, hasTitle: Bool, language: String? = nil) -> MatchResult {
        var kept = keptOccurrences(in: Normalizer.normalize(text), language: language)
        return result(hits(from: &kept), bytes: ExtractedTextBytes(text: text), hasTitle: hasTitle)
    }

    /// The kept mentions and term hits of a normalised text, at original UTF-8 ranges, before their
    /// sentences are known (``MatchResult/Mention/sentence`` and ``MatchResult/TermHit/sentence`` are 0).
    struct Hits {
        var mentions: [MatchResult.Mention] = []
        var termHits: [MatchResult.TermHit] = []
        var unconfirmedWeakMentions = 0
    }

    /// One occurrence that passed the tests of ``AliasTable/forEachOccurrence(in:language:_:)``, in
    /// 16 bytes (an ``AliasTable/Occurrence`` takes 40): an article that names actors in every
    /// sentence holds a million of them (issue 15: peak memory of one article).
    struct Hit {
        /// Normalised byte offset of the occurrence's start.
        var start: Int
        /// Index into ``AliasTable/targets``.
        var pattern: Int32
        /// Length in normalised bytes.
        var length: Int32
        var end: Int { start + Int(length) }
    }

    func hits(in normalized: NormalizedText, language: String?) -> Hits {
        var kept = keptOccurrences(in: normalized, language: language)
        return hits(from: &kept)
    }

    /// The occurrences of `normalized` that pass overlap resolution, in 8 bytes each
    /// (``KeptOccurrences``), so that the normalised text can be released before they are made
    /// into mentions and term hits (``hits(from:)``).
    func keptOccurrences(in normalized: NormalizedText, language: String?) -> KeptOccurrences {
        // Overlap resolution, separately for actors (aliases + exclusions) and for topic terms:
        // leftmost first, the longest wins. Resolved as the occurrences arrive (``StreamingOverlaps``),
        // so that only the kept ones are held: an article that names actors in every sentence has a
        // million raw occurrences (issue 15, peak memory of one article).
        let targets = table.targets
        let split = table.streamSplit(count: normalized.folded.count, language: language) ?? Int.max
        var actorSide = StreamingOverlaps(targets: targets, maxLength: maxPatternLength, split: split)
        var termSide = StreamingOverlaps(targets: targets, maxLength: maxPatternLength, split: split)
        // The kept ones, before the second stream's cut and after it (``StreamingOverlaps``). A weak
        // alias's occurrence is kept too, and dropped in ``hits(from:)`` unless something confirms it.
        var kept = KeptOccurrences(map: KeptOccurrences.OffsetMap(normalized))
        // The functions below read the actors from here, not from `self`: one that reads `self`
        // copied the whole matcher for each occurrence (issue 15: 2 % of a `scan` of 55 MB).
        let actors = model.actors
        func record(_ o: Hit) -> UInt64 {
            let key = KeptOccurrences.pack(start: o.start, pattern: Int(o.pattern))
            let exact = normalized.originalRange(o.start, o.end)
            if kept.map.offset(o.start) != exact.lowerBound || kept.map.offset(o.end) != exact.upperBound {
                kept.exactRanges[key] = exact
            }
            return key
        }
        func keepActor(_ o: Hit, _ afterCut: Bool) {
            guard case .alias(let a, let i) = targets[Int(o.pattern)] else { return }
            if !actors[a].aliases[i].weak { kept.strong.insert(a) }
            let r = record(o)
            if afterCut { kept.actorsAfterCut.append(r) } else { kept.actorsFirst.append(r) }
        }
        func keepTerm(_ o: Hit, _ afterCut: Bool) {
            guard case .term = targets[Int(o.pattern)] else { return }
            let r = record(o)
            if afterCut { kept.termsAfterCut.append(r) } else { kept.termsFirst.append(r) }
        }
        table.forEachOccurrence(in: normalized, language: language) { index, start, end in
            let hit = Hit(start: start, pattern: Int32(truncatingIfNeeded: index), length: Int32(truncatingIfNeeded: end - start))
            if case .term = targets[index] { termSide.add(hit, keepTerm) } else { actorSide.add(hit, keepActor) }
        }
        actorSide.finish(keepActor)
        termSide.finish(keepTerm)
        return kept
    }

    /// The mentions and term hits of `kept`, in text order, weak mentions confirmed; empties `kept`
    /// chunk by chunk, into arrays of their exact size.
    func hits(from kept: inout KeptOccurrences) -> Hits {
        let targets = table.targets
        // Weak alias confirmation.
        let strong = kept.strong
        let strongIDs = Set(strong.map { model.actors[$0].id })
        // States whose people or organisations are matched strongly: a weak name of the state counts
        // beside them ("Kim Jong Un oversees a test … the North's leader said").
        let strongAffiliations = Set(strong.compactMap { model.actors[$0].affiliation })
        var found = Hits()
        let map = kept.map, exactRanges = kept.exactRanges
        func range(_ r: UInt64) -> (Int, Range<Int>) {
            let start = Int(r >> 32), pattern = Int(UInt32(truncatingIfNeeded: r))
            return (pattern, exactRanges[r] ?? map.range(start, start + Int(table.hot[pattern].length)))
        }
        found.mentions.reserveCapacity(kept.actorsFirst.count + kept.actorsAfterCut.count)
        func addMention(_ r: UInt64) {
            let (pattern, span) = range(r)
            guard case .alias(let a, let i) = targets[pattern] else { return }
            let actor = model.actors[a]
            let weak = actor.aliases[i].weak
            if weak {
                let confirmedBy = actor.aliases[i].confirmedBy
                let confirmed = strong.contains(a) || (actor.affiliation.map { strongIDs.contains($0) } ?? false)
                    || strongAffiliations.contains(actor.id)
                    || (!confirmedBy.isEmpty && confirmedBy.contains { strongIDs.contains($0) || strongAffiliations.contains($0) })
                if !confirmed { found.unconfirmedWeakMentions += 1; return }
            }
            found.mentions.append(MatchResult.Mention(actor: a, alias: i, weak: weak, range: span, sentence: 0))
        }
        kept.actorsFirst.drain(addMention)
        kept.actorsAfterCut.drain(addMention)
        found.termHits.reserveCapacity(kept.termsFirst.count + kept.termsAfterCut.count)
        func addTerm(_ r: UInt64) {
            let (pattern, span) = range(r)
            guard case .term(let t, let i) = targets[pattern] else { return }
            found.termHits.append(MatchResult.TermHit(topic: t, term: i, range: span, sentence: 0))
        }
        kept.termsFirst.drain(addTerm)
        kept.termsAfterCut.drain(addTerm)
        return found
    }

    /// The match result of `found` in `text`: its sentences, and each hit's sentence.
    func result(_ found: consuming Hits, bytes: ExtractedTextBytes, hasTitle: Bool) -> MatchResult {
        var sentences: [MatchResult.Sentence] = []
        let ranges = SentenceSplitter.split(bytes)
        let titleEnd = hasTitle ? bytes.firstLineFeed : -1
        var bodyIndex = 0
        sentences.reserveCapacity(ranges.count)
        for r in ranges {
            let isTitle = r.upperBound <= titleEnd
            sentences.append(MatchResult.Sentence(range: r, isTitle: isTitle, bodyIndex: isTitle ? -1 : bodyIndex))
            if !isTitle { bodyIndex += 1 }
        }
        func sentenceIndex(_ offset: Int) -> Int {
            var lo = 0, hi = ranges.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if ranges[mid].lowerBound <= offset { lo = mid + 1 } else { hi = mid }
            }
            return max(0, lo - 1)
        }
        // In place: `found` is this call's own, so the hits are not copied.
        for k in found.mentions.indices { found.mentions[k].sentence = sentenceIndex(found.mentions[k].range.lowerBound) }
        for k in found.termHits.indices { found.termHits[k].sentence = sentenceIndex(found.termHits[k].range.lowerBound) }
        return MatchResult(bytes: bytes, sentences: sentences, mentions: found.mentions, termHits: found.termHits,
                           unconfirmedWeakMentions: found.unconfirmedWeakMentions)
    }

    /// Leftmost-longest selection of non-overlapping occurrences.
    static func resolveOverlaps(_ occurrences: [AliasTable.Occurrence]) -> [AliasTable.Occurrence] {
        var targets: [AliasTable.Target] = []
        var hits: [Hit] = []
        for o in occurrences {
            hits.append(Hit(start: o.start, pattern: Int32(targets.count), length: Int32(o.end - o.start)))
            targets.append(o.target)
        }
        return resolveOverlaps(&hits, targets: targets).map { AliasTable.Occurrence(target: targets[Int($0.pattern)], start: $0.start, end: $0.end) }
    }

    /// ``resolveOverlaps(_:)`` of compact hits (`hits` is sorted in place): the kept ones, in order.
    /// The matcher resolves them as they arrive instead (``StreamingOverlaps``, the same result);
    /// this batch form is the reference its tests compare with.
    static func resolveOverlaps(_ hits: inout [Hit], targets: [AliasTable.Target]) -> [Hit] {
        func isExclusion(_ h: Hit) -> Bool {
            if case .exclusion = targets[Int(h.pattern)] { return true }
            return false
        }
        hits.sort { a, b in
            a.start != b.start ? a.start < b.start : (a.end != b.end ? a.end > b.end : isExclusion(a) && !isExclusion(b))
        }
        // Greedy over the sorted list; occurrences of one span are adjacent, so several patterns that
        // share the kept span (two aliases written alike) join it, unless an exclusion holds it.
        var result: [Hit] = []
        var lastEnd = -1
        var groupStart = -1
        var groupIsExclusion = false
        for o in hits {
            if o.start >= lastEnd {
                result.append(o)
                lastEnd = o.end
                groupStart = result.count - 1
                groupIsExclusion = isExclusion(o)
            } else if !groupIsExclusion, !isExclusion(o), o.start == result[groupStart].start, o.end == lastEnd,
                      !result[groupStart...].contains(where: { targets[Int($0.pattern)] == targets[Int(o.pattern)] }) {
                result.append(o)
            }
        }
        return result
    }
}

/// Leftmost-longest overlap resolution (``Matcher/resolveOverlaps(_:targets:)``) of occurrences
/// as the automaton reports them, holding only a window of them: the kept ones are handed on at
/// once and the others dropped (issue 15: an article that names actors in every sentence has a
/// million raw occurrences, which the batch resolution held all at once, 16 bytes each, beside
/// their sorted copy).
///
/// Input contract: ``PatternAutomaton/scan(_:report:)`` reports the occurrences ending at or
/// before ``split`` (its first stream) in the order of their end offsets, and those ending after it
/// (the second stream, interleaved with the first) in that order too. An occurrence is at most
/// ``maxLength`` bytes long, so once one ending at `e` has arrived, no later one of its stream
/// starts before `e - maxLength`: the occurrences starting before that are complete, and are put in
/// the batch resolution's order (start ascending, longer first, an exclusion before an alias of the
/// same span, then arrival order: a stable sort) and run through its greedy pass.
///
/// The first stream's occurrences all start before the second's and are resolved as they
/// complete. The second stream's are held until a *cut*: the first of them, in that order, that
/// starts at or after ``split`` and at or after the end of every occurrence before it. No
/// occurrence then spans the cut, so the greedy pass keeps the occurrence at the cut whatever it
/// kept before, and the rest of the second stream is resolved from there on its own; the held
/// ones are merged with the first stream's last ones at ``finish(_:)``. The kept occurrences are
/// handed on in text order within each part: first every one of the first part, then those of the
/// part after the cut (`emit(hit, afterCut)`), so that the caller appends the second part after
/// the first. The result equals the batch resolution's, occurrence for occurrence and in order
/// (StreamingOverlapsTests compare them on random occurrences).
struct StreamingOverlaps {
    typealias Hit = Matcher.Hit

    /// What each pattern index stands for (an exclusion claims its span alone).
    let targets: [AliasTable.Target]
    /// The longest occurrence, in normalised bytes.
    let maxLength: Int
    /// The last end offset of the automaton's first stream (``PatternAutomaton/streamSplit(count:)``);
    /// `Int.max` when the text is scanned as one stream.
    let split: Int

    private var firstPending: [Hit] = []
    private var secondPending: [Hit] = []
    private var firstRelease = StreamingOverlaps.releaseBatch
    private var secondRelease = StreamingOverlaps.releaseBatch
    /// The second stream's complete occurrences before the cut, in order.
    private var beforeCut: [Hit] = []
    private var beforeCutEnd = Int.min
    private var cutFound = false
    private var firstPass = Greedy()
    private var secondPass = Greedy()

    /// Pending occurrences sorted and released at a time (at least; more when a window holds more).
    static let releaseBatch = 64

    init(targets: [AliasTable.Target], maxLength: Int, split: Int) {
        self.targets = targets
        self.maxLength = maxLength
        self.split = split
    }

    /// Takes one reported occurrence; calls `emit(hit, afterCut)` for occurrences now known kept.
    mutating func add(_ hit: Hit, _ emit: (Hit, Bool) -> Void) {
        if hit.end <= split {
            firstPending.append(hit)
            guard firstPending.count >= firstRelease else { return }
            let limit = hit.end - maxLength
            let released = Self.release(&firstPending, before: limit, targets: targets)
            for h in released { firstPass.take(h, targets: targets) { emit($0, false) } }
            firstRelease = max(Self.releaseBatch, 2 * firstPending.count)
        } else {
            secondPending.append(hit)
            guard secondPending.count >= secondRelease else { return }
            let released = Self.release(&secondPending, before: hit.end - maxLength, targets: targets)
            for h in released { takeSecond(h, emit) }
            secondRelease = max(Self.releaseBatch, 2 * secondPending.count)
        }
    }

    /// Resolves what is still held, once every occurrence has been added.
    mutating func finish(_ emit: (Hit, Bool) -> Void) {
        let firstRest = Self.release(&firstPending, before: Int.max, targets: targets)
        for h in Self.release(&secondPending, before: Int.max, targets: targets) { takeSecond(h, emit) }
        // Both lists are in order and every one of their occurrences starts before the cut; no two
        // of them have the same span (an equal span means an equal end: the same stream).
        var merged = firstRest + beforeCut
        beforeCut = []
        merged.sort { Self.precedes($0, $1, targets) }
        for h in merged { firstPass.take(h, targets: targets) { emit($0, false) } }
        firstPass.flush { emit($0, false) }
        secondPass.flush { emit($0, true) }
    }

    private mutating func takeSecond(_ h: Hit, _ emit: (Hit, Bool) -> Void) {
        if !cutFound && h.start >= split && h.start >= beforeCutEnd { cutFound = true }
        if cutFound {
            secondPass.take(h, targets: targets) { emit($0, true) }
        } else {
            beforeCut.append(h)
            beforeCutEnd = max(beforeCutEnd, h.end)
        }
    }

    /// The batch resolution's order: start ascending, the longer first, an exclusion before another
    /// pattern of the same span.
    @inline(__always)
    static func precedes(_ a: Hit, _ b: Hit, _ targets: [AliasTable.Target]) -> Bool {
        a.start != b.start ? a.start < b.start
            : (a.end != b.end ? a.end > b.end : isExclusion(a, targets) && !isExclusion(b, targets))
    }

    @inline(__always)
    static func isExclusion(_ h: Hit, _ targets: [AliasTable.Target]) -> Bool {
        if case .exclusion = targets[Int(h.pattern)] { return true }
        return false
    }

    /// Sorts `pending` (stably) and removes and returns its occurrences that start before `limit`.
    private static func release(_ pending: inout [Hit], before limit: Int, targets: [AliasTable.Target]) -> [Hit] {
        pending.sort { precedes($0, $1, targets) }
        var k = 0
        while k < pending.count && pending[k].start < limit { k += 1 }
        guard k > 0 else { return [] }
        let released = Array(pending[..<k])
        pending.removeFirst(k)
        return released
    }

    /// The batch resolution's greedy pass over occurrences in its order: an occurrence that starts
    /// at or after the end of the kept span starts a new one; occurrences of exactly the kept span
    /// join it (two aliases written alike), unless it is an exclusion's or they are exclusions or
    /// repeat a pattern of it. A span's occurrences are handed on once the next span starts.
    struct Greedy {
        private var lastEnd = -1
        private var group: [Hit] = []
        private var groupIsExclusion = false

        mutating func take(_ o: Hit, targets: [AliasTable.Target], _ emit: (Hit) -> Void) {
            if o.start >= lastEnd {
                flush(emit)
                group.append(o)
                lastEnd = o.end
                groupIsExclusion = StreamingOverlaps.isExclusion(o, targets)
            } else if !groupIsExclusion, !StreamingOverlaps.isExclusion(o, targets), o.start == group[0].start, o.end == lastEnd,
                      !group.contains(where: { targets[Int($0.pattern)] == targets[Int(o.pattern)] }) {
                group.append(o)
            }
        }

        /// Hands on the kept span's occurrences.
        mutating func flush(_ emit: (Hit) -> Void) {
            for h in group { emit(h) }
            group.removeAll(keepingCapacity: true)
        }
    }
}

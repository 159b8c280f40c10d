/// A multi-pattern matcher over bytes: an Aho–Corasick automaton compiled into a dense DFA over
/// byte equivalence classes, so that scanning costs one table load per input byte.
///
/// Patterns are byte strings (here: normalised, case-folded UTF-8). The scan reports every
/// occurrence of every pattern, overlapping ones included, as (pattern index, end offset).
public struct PatternAutomaton: Sendable {
    /// Number of byte equivalence classes; class 0 holds every byte that occurs in no pattern.
    let classCount: Int
    /// Byte → equivalence class.
    let byteClass: [UInt8]
    /// `transitions[row + class]`, where `row = state * classCount`: the next state's row
    /// (premultiplied, so the scan needs no multiplication); negative (bitwise NOT of the row) when
    /// that state has outputs.
    let transitions: [Int32]
    /// Pattern indices reported on reaching each state (own pattern and those of its suffix links),
    /// as a flat list with per-state start offsets.
    let outputStart: [Int32]
    let outputList: [Int32]
    /// Length in bytes of each pattern.
    public let patternLengths: [Int]
    /// Length in bytes of the longest pattern.
    let maxPatternLength: Int

    /// Number of DFA states.
    public var stateCount: Int { outputStart.count - 1 }

    /// Compiles `patterns` (byte strings, each non-empty).
    public init(patterns: [[UInt8]]) {
        // Byte classes: every byte used in a pattern gets its own class.
        var used = [Bool](repeating: false, count: 256)
        for p in patterns { for b in p { used[Int(b)] = true } }
        var byteClass = [UInt8](repeating: 0, count: 256)
        var next = 1
        for b in 0..<256 where used[b] {
            byteClass[b] = UInt8(truncatingIfNeeded: next)
            next += 1
        }
        precondition(next <= 256, "too many distinct bytes in patterns")
        let classCount = next

        // Trie.
        var goto: [[Int32]] = [[Int32](repeating: -1, count: classCount)]
        var own: [[Int32]] = [[]]
        for (index, p) in patterns.enumerated() where !p.isEmpty {
            var s = 0
            for b in p {
                let c = Int(byteClass[Int(b)])
                if goto[s][c] < 0 {
                    goto.append([Int32](repeating: -1, count: classCount))
                    own.append([])
                    goto[s][c] = Int32(goto.count - 1)
                }
                s = Int(goto[s][c])
            }
            own[s].append(Int32(index))
        }
        let n = goto.count

        // Breadth-first failure links, completing the DFA as we go.
        var fail = [Int32](repeating: 0, count: n)
        var outputs = own
        var delta = [Int32](repeating: 0, count: n * classCount)
        var queue: [Int] = []
        queue.reserveCapacity(n)
        for c in 0..<classCount {
            let t = goto[0][c]
            if t >= 0 {
                fail[Int(t)] = 0
                delta[c] = t
                queue.append(Int(t))
            } else {
                delta[c] = 0
            }
        }
        var head = 0
        while head < queue.count {
            let s = queue[head]
            head += 1
            outputs[s].append(contentsOf: outputs[Int(fail[s])].filter { !outputs[s].contains($0) })
            for c in 0..<classCount {
                let t = goto[s][c]
                if t >= 0 {
                    fail[Int(t)] = delta[Int(fail[s]) * classCount + c]
                    delta[s * classCount + c] = t
                    queue.append(Int(t))
                } else {
                    delta[s * classCount + c] = delta[Int(fail[s]) * classCount + c]
                }
            }
        }
        // Premultiply by the row width and mark output states with the sign bit.
        for i in 0..<delta.count {
            let t = Int(delta[i])
            let row = Int32(t * classCount)
            delta[i] = outputs[t].isEmpty ? row : ~row
        }
        var start: [Int32] = [0]
        var list: [Int32] = []
        for s in 0..<n {
            list.append(contentsOf: outputs[s])
            start.append(Int32(list.count))
        }
        self.classCount = classCount
        self.byteClass = byteClass
        self.transitions = delta
        self.outputStart = start
        self.outputList = list
        self.patternLengths = patterns.map(\.count)
        self.maxPatternLength = patterns.map(\.count).max() ?? 0
    }

    /// Inputs shorter than this are scanned as one stream.
    static let interleaveMinimum = 256

    /// Scans `text` and calls `report(patternIndex, endOffset)` for every occurrence, where
    /// `endOffset` is the byte offset just past the occurrence's last byte. Occurrences are
    /// reported exactly once each, but not in text order.
    ///
    /// A DFA scan is bound by the latency of one table load per byte, each depending on the last.
    /// Longer inputs are therefore cut in two and both halves run through the automaton in the same
    /// loop, so that the two chains of loads overlap. The second half starts `maxPatternLength - 1`
    /// bytes early, in the start state: past that run-in its state equals that of a scan from the
    /// beginning (no trie path is longer), and it reports only occurrences ending after the middle.
    public func scan(_ text: UnsafeBufferPointer<UInt8>, report: (Int, Int) -> Void) {
        let n = text.count
        let mid = n / 2
        guard n >= Self.interleaveMinimum, maxPatternLength > 0, mid > maxPatternLength else {
            scanRange(text, from: 0, to: n, reportAfter: 0, report: report)
            return
        }
        transitions.withUnsafeBufferPointer { delta in
            byteClass.withUnsafeBufferPointer { classes in
                let k = classCount
                var rowA = 0, rowB = 0
                var a = 0
                var b = mid - (maxPatternLength - 1)
                let lengthA = mid
                var steps = 0
                while steps < lengthA {
                    let tA = Int(delta[rowA &+ Int(classes[Int(text[a])])])
                    let tB = Int(delta[rowB &+ Int(classes[Int(text[b])])])
                    a &+= 1
                    b &+= 1
                    steps &+= 1
                    if tA >= 0 { rowA = tA } else {
                        rowA = ~tA
                        emit(rowA / k, end: a, minimumEnd: 0, report)
                    }
                    if tB >= 0 { rowB = tB } else {
                        rowB = ~tB
                        emit(rowB / k, end: b, minimumEnd: mid + 1, report)
                    }
                }
                // The second stream's tail.
                while b < n {
                    let tB = Int(delta[rowB &+ Int(classes[Int(text[b])])])
                    b &+= 1
                    if tB >= 0 { rowB = tB } else {
                        rowB = ~tB
                        emit(rowB / k, end: b, minimumEnd: mid + 1, report)
                    }
                }
            }
        }
    }

    @inline(__always)
    private func emit(_ state: Int, end: Int, minimumEnd: Int, _ report: (Int, Int) -> Void) {
        guard end >= minimumEnd else { return }
        let lo = Int(outputStart[state]), hi = Int(outputStart[state + 1])
        for j in lo..<hi { report(Int(outputList[j]), end) }
    }

    private func scanRange(_ text: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, reportAfter: Int, report: (Int, Int) -> Void) {
        transitions.withUnsafeBufferPointer { delta in
            byteClass.withUnsafeBufferPointer { classes in
                let k = classCount
                var row = 0
                var i = start
                while i < end {
                    let t = Int(delta[row &+ Int(classes[Int(text[i])])])
                    i &+= 1
                    if t >= 0 {
                        row = t
                    } else {
                        row = ~t
                        emit(row / k, end: i, minimumEnd: reportAfter, report)
                    }
                }
            }
        }
    }

    /// Counts occurrences without reporting them: the raw scan cost, for benchmarks.
    public func countOccurrences(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        scan(text) { _, _ in count &+= 1 }
        return count
    }
}

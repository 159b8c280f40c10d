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
    /// `transitions[state * classCount + class]`: the next state; negative (bitwise NOT) when
    /// that state has outputs.
    let transitions: [Int32]
    /// Pattern indices reported on reaching each state (own pattern and those of its suffix links),
    /// as a flat list with per-state start offsets.
    let outputStart: [Int32]
    let outputList: [Int32]
    /// Length in bytes of each pattern.
    public let patternLengths: [Int]

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
        // Mark output states with the sign bit.
        for i in 0..<delta.count {
            let t = Int(delta[i])
            if !outputs[t].isEmpty { delta[i] = ~Int32(t) }
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
    }

    /// Scans `text` and calls `report(patternIndex, endOffset)` for every occurrence, where
    /// `endOffset` is the byte offset just past the occurrence's last byte.
    public func scan(_ text: UnsafeBufferPointer<UInt8>, report: (Int, Int) -> Void) {
        transitions.withUnsafeBufferPointer { delta in
            byteClass.withUnsafeBufferPointer { classes in
                let k = classCount
                var state = 0
                for i in 0..<text.count {
                    let t = delta[state &* k &+ Int(classes[Int(text[i])])]
                    if t >= 0 {
                        state = Int(t)
                    } else {
                        state = Int(~t)
                        let lo = Int(outputStart[state]), hi = Int(outputStart[state + 1])
                        for j in lo..<hi { report(Int(outputList[j]), i + 1) }
                    }
                }
            }
        }
    }

    /// Counts occurrences without reporting them: the raw scan cost, for benchmarks.
    public func countOccurrences(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        transitions.withUnsafeBufferPointer { delta in
            byteClass.withUnsafeBufferPointer { classes in
                let k = classCount
                var state = 0
                for i in 0..<text.count {
                    let t = delta[state &* k &+ Int(classes[Int(text[i])])]
                    if t >= 0 {
                        state = Int(t)
                    } else {
                        state = Int(~t)
                        count &+= Int(outputStart[state + 1] - outputStart[state])
                    }
                }
            }
        }
        return count
    }
}

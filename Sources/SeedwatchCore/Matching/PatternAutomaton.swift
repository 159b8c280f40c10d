/// A multi-pattern matcher over bytes: an Aho–Corasick automaton compiled into a dense DFA over
/// byte equivalence classes, so that scanning costs one table load per input byte.
///
/// Patterns are byte strings (here: normalised, case-folded UTF-8). The scan reports every
/// occurrence of every pattern, overlapping ones included, as (pattern index, end offset); a
/// pattern compiled as *word-start* is reported only where it starts the text or follows a byte
/// that is not an ASCII letter or digit.
///
/// The word-start test costs the scan nothing: the automaton reads the text as if a virtual
/// symbol *gate* followed every byte that is not an ASCII letter or digit (and stood before the
/// first byte), and a word-start pattern begins with the gate. Patterns are rewritten the same way
/// (a gate after each of their own such bytes), so every other occurrence is found as before, and
/// each transition on such a byte is composed with the gate's transition at compile time: one
/// table load per byte still.
public struct PatternAutomaton: Sendable {
    /// Number of byte equivalence classes (and the gate's column, when there is one).
    let classCount: Int
    /// Byte → equivalence class.
    let byteClass: [UInt8]
    /// `transitions[row + class]`, where `row = state * classCount`: the next state's row
    /// (premultiplied, so the scan needs no multiplication); negative (bitwise NOT of the row) when
    /// that state has outputs.
    let transitions: [Int32]
    /// The row the scan starts in: the root, after the gate that stands before the text.
    let startRow: Int
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

    /// Whether `b` is an ASCII letter or digit: the bytes after which no word starts.
    @inline(__always)
    static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A)
    }

    /// Compiles `patterns` (byte strings, each non-empty).
    /// - Parameter wordStart: for each pattern, whether it counts only at a word start (see the
    ///   type's description); `nil` or all false: anywhere.
    public init(patterns: [[UInt8]], wordStart: [Bool]? = nil) {
        let gated = wordStart?.contains(true) ?? false
        // Byte classes: every byte used in a pattern gets its own class; unused bytes share class 0,
        // and, when gated, unused letters and digits share a class of their own (no gate after them).
        var used = [Bool](repeating: false, count: 256)
        for p in patterns { for b in p { used[Int(b)] = true } }
        var byteClass = [UInt8](repeating: 0, count: 256)
        var gatedClass = [true]
        var next = 1
        var unusedWordClass = -1
        for b in 0..<256 {
            if used[b] {
                byteClass[b] = UInt8(truncatingIfNeeded: next)
                gatedClass.append(!Self.isWordByte(UInt8(b)))
                next += 1
            } else if gated && Self.isWordByte(UInt8(b)) {
                if unusedWordClass < 0 {
                    unusedWordClass = next
                    gatedClass.append(false)
                    next += 1
                }
                byteClass[b] = UInt8(truncatingIfNeeded: unusedWordClass)
            }
        }
        precondition(next <= 256, "too many distinct bytes in patterns")
        let gate = next
        let classCount = gated ? next + 1 : next

        // Trie over the rewritten patterns.
        var goto: [[Int32]] = [[Int32](repeating: -1, count: classCount)]
        var own: [[Int32]] = [[]]
        for (index, p) in patterns.enumerated() where !p.isEmpty {
            var symbols: [Int] = []
            if gated && wordStart![index] { symbols.append(gate) }
            for b in p {
                let c = Int(byteClass[Int(b)])
                symbols.append(c)
                if gated && gatedClass[c] { symbols.append(gate) }
            }
            var s = 0
            for c in symbols {
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
        // Compose each byte that a gate follows with the gate's transition. The state between the
        // two never has outputs: a rewritten pattern that ends with such a byte ends with its gate.
        var start = 0
        if gated {
            let plain = delta
            for s in 0..<n {
                for c in 0..<gate where gatedClass[c] {
                    let middle = Int(plain[s * classCount + c])
                    delta[s * classCount + c] = plain[middle * classCount + gate]
                }
            }
            start = Int(plain[gate])
        }
        // Premultiply by the row width and mark output states with the sign bit.
        for i in 0..<delta.count {
            let t = Int(delta[i])
            let row = Int32(t * classCount)
            delta[i] = outputs[t].isEmpty ? row : ~row
        }
        var starts: [Int32] = [0]
        var list: [Int32] = []
        for s in 0..<n {
            list.append(contentsOf: outputs[s])
            starts.append(Int32(list.count))
        }
        self.classCount = classCount
        self.byteClass = byteClass
        self.transitions = delta
        self.startRow = start * classCount
        self.outputStart = starts
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
    /// loop, so that the two chains of loads overlap. The second half starts `maxPatternLength`
    /// bytes early, at the root: past that run-in its state equals that of a scan from the
    /// beginning (no occurrence, with the byte before it that decides a word start, is longer), and
    /// it reports only occurrences ending after the middle.
    public func scan(_ text: UnsafeBufferPointer<UInt8>, report: (Int, Int) -> Void) {
        let n = text.count
        guard let mid = streamSplit(count: n), let base = text.baseAddress else {
            scanRange(text, from: 0, to: n, reportAfter: 0, report: report)
            return
        }
        var hits = HitBuffer()
        defer { hits.deallocate() }
        transitions.withUnsafeBufferPointer { delta in
            byteClass.withUnsafeBufferPointer { classes in
                let k = classCount
                var streams = Streams(rowA: startRow, a: 0, rowB: 0, b: mid - maxPatternLength)
                let lengthA = mid
                while streams.a < lengthA {
                    let count = Self.runTwo(delta.baseAddress!, classes.baseAddress!, base, &streams, endA: lengthA, hits)
                    // In the order the two streams met them: stream A's hit of a step before stream B's.
                    for j in 0..<count {
                        let row = hits.rows[j]
                        if row >= 0 {
                            emit(row / k, end: hits.ends[j], minimumEnd: 0, report)
                        } else {
                            emit(~row / k, end: hits.ends[j], minimumEnd: mid + 1, report)
                        }
                    }
                }
                // The second stream's tail.
                var row = streams.rowB
                var b = streams.b
                while b < n {
                    let count = Self.runOne(delta.baseAddress!, classes.baseAddress!, base, row: &row, at: &b, end: n, hits)
                    for j in 0..<count { emit(hits.rows[j] / k, end: hits.ends[j], minimumEnd: mid + 1, report) }
                }
            }
        }
    }

    /// Where ``scan(_:report:)`` cuts a text of `count` bytes in two: it reports the occurrences
    /// ending at or before the returned offset in the order of their ends, and those ending after
    /// it in that order too, the two interleaved; `nil` when it scans the text as one stream (every
    /// occurrence in the order of its end). ``StreamingOverlaps`` relies on this order.
    func streamSplit(count n: Int) -> Int? {
        let mid = n / 2
        guard n >= Self.interleaveMinimum, maxPatternLength > 0, mid > maxPatternLength else { return nil }
        return mid
    }

    @inline(__always)
    private func emit(_ state: Int, end: Int, minimumEnd: Int, _ report: (Int, Int) -> Void) {
        guard end >= minimumEnd else { return }
        let lo = Int(outputStart[state]), hi = Int(outputStart[state + 1])
        for j in lo..<hi { report(Int(outputList[j]), end) }
    }

    private func scanRange(_ text: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, reportAfter: Int, report: (Int, Int) -> Void) {
        guard start < end, let base = text.baseAddress else { return }
        var hits = HitBuffer()
        defer { hits.deallocate() }
        transitions.withUnsafeBufferPointer { delta in
            byteClass.withUnsafeBufferPointer { classes in
                let k = classCount
                var row = startRow
                var i = start
                while i < end {
                    let count = Self.runOne(delta.baseAddress!, classes.baseAddress!, base, row: &row, at: &i, end: end, hits)
                    for j in 0..<count { emit(hits.rows[j] / k, end: hits.ends[j], minimumEnd: reportAfter, report) }
                }
            }
        }
    }

    /// The two streams of ``scan(_:report:)``: each one's current row and the offset of its next byte.
    struct Streams {
        var rowA: Int
        var a: Int
        var rowB: Int
        var b: Int
    }

    /// Output states met by the automaton loops, gathered so that the loops themselves stay apart
    /// from the caller's verification (issue 15: with the caller's code inlined into the loop, the
    /// current rows lived on the stack, and each byte's dependent load waited for a store).
    struct HitBuffer {
        /// How many hits a loop gathers before it returns.
        static let capacity = 256
        /// Each hit's output row (premultiplied); in ``PatternAutomaton/runTwo``, the bitwise NOT
        /// of it for a hit of stream B.
        let rows = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
        /// Each hit's end offset (just past the byte that reached the state).
        let ends = UnsafeMutablePointer<Int>.allocate(capacity: capacity)

        func deallocate() {
            rows.deallocate()
            ends.deallocate()
        }

        /// Writes hit number `count` and counts it.
        @inline(__always)
        func record(_ row: Int, end: Int, at count: inout Int) {
            rows[count] = row
            ends[count] = end
            count &+= 1
        }
    }

    /// Runs both streams until stream A reaches `endA` or the buffer has no room for another
    /// step's two hits; returns the number of hits written to `hits`, in the order met.
    @inline(never)
    static func runTwo(_ delta: UnsafePointer<Int32>, _ classes: UnsafePointer<UInt8>, _ text: UnsafePointer<UInt8>,
                       _ streams: inout Streams, endA: Int, _ hits: HitBuffer) -> Int {
        var rowA = streams.rowA, a = streams.a, rowB = streams.rowB, b = streams.b
        var count = 0
        let limit = HitBuffer.capacity - 2
        while a < endA && count <= limit {
            let tA = Int(delta[rowA &+ Int(classes[Int(text[a])])])
            let tB = Int(delta[rowB &+ Int(classes[Int(text[b])])])
            a &+= 1
            b &+= 1
            if tA >= 0 { rowA = tA } else {
                rowA = ~tA
                hits.record(rowA, end: a, at: &count)
            }
            if tB >= 0 { rowB = tB } else {
                rowB = ~tB
                hits.record(~rowB, end: b, at: &count)
            }
        }
        streams = Streams(rowA: rowA, a: a, rowB: rowB, b: b)
        return count
    }

    /// Runs one stream from `row` at offset `i` until `end` or a full buffer; returns the number
    /// of hits written to `hits`, in text order.
    @inline(never)
    static func runOne(_ delta: UnsafePointer<Int32>, _ classes: UnsafePointer<UInt8>, _ text: UnsafePointer<UInt8>,
                       row: inout Int, at i: inout Int, end: Int, _ hits: HitBuffer) -> Int {
        var r = row, j = i
        var count = 0
        while j < end && count < HitBuffer.capacity {
            let t = Int(delta[r &+ Int(classes[Int(text[j])])])
            j &+= 1
            if t >= 0 { r = t } else {
                r = ~t
                hits.record(r, end: j, at: &count)
            }
        }
        row = r
        i = j
        return count
    }

    /// Counts occurrences without reporting them: the raw scan cost, for benchmarks.
    public func countOccurrences(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        scan(text) { _, _ in count &+= 1 }
        return count
    }
}

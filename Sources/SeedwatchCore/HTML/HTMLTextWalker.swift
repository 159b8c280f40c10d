/// Renders the visible text of an HTML subtree as lines by the rules of ``HTMLElements``: block
/// elements and `<br>` end a line, a table cell is followed by a space (one row, one line), inline
/// elements add nothing (so `Pyong<span>yang</span>` stays one word), whitespace collapses inside a
/// line (``Whitespace``, as ``TextLines/collapse(_:)``) and empty lines are dropped.
///
/// The lines are written over the tree's arena, front to back: a text node's bytes are read before
/// anything is written over them. Each text node adds at most one byte to what it is rewritten as
/// (a line break or a space before its first visible byte), and the arena keeps one spare byte before
/// each node (``HTMLDocumentTree``), so the writing never passes the reading.
struct HTMLTextWalker {
    typealias Tree = HTMLDocumentTree
    typealias Node = HTMLDocumentTree.Node

    /// Elements whose whole content is dropped: not text a reader sees as the article
    /// (``HTMLElements/neverText`` and ``HTMLElements/embedded``).
    static let droppedElements: Set<String> = HTMLElements.neverText.union(HTMLElements.embedded)

    let tree: Tree

    /// Decides, per element, whether its subtree is skipped (beyond `droppedElements`).
    var skip: (Node) -> Bool = { _ in false }

    /// When set, a line outside `pre` and headings of at most ``RepeatedLabels/maximumWords`` words that occurs
    /// this many times or more is dropped everywhere (``LineWriter/dropRepeatedLabels(minimumRepeats:)``).
    var repeatedLabelMinimum: Int?

    /// When true, datelines among the first lines are dropped (``HTMLDatelines``), after the
    /// repeated labels.
    var dropsLeadingDatelines = false

    init(tree: Tree) { self.tree = tree }

    /// Writes the lines of visible text under each of `roots` (siblings, in document order) at the
    /// start of the tree's arena, joined by `"\n"`; leading lines equal to `title` are dropped
    /// (pages often hold the headline as `<h1>` and again as a first paragraph). The arena's text is
    /// gone afterwards.
    /// - Returns: the number of bytes written.
    func write(_ roots: [Node], droppingLeadingLinesEqualTo title: String) -> Int {
        var writer = LineWriter(out: tree.arena, title: title)
        // Events: enter a node, leave a block element, or leave a table cell.
        enum Step { case enter(Node), leaveBlock, leaveCell }
        var stack: [Step] = roots.reversed().map { .enter($0) }
        var preDepth = 0
        var preStack: [Bool] = []
        // Headings are never labels (a recipe repeats "Pre-Workout Meal" as a section title).
        var headingDepth = 0
        var headingStack: [Bool] = []
        while let step = stack.popLast() {
            switch step {
            case .leaveBlock:
                writer.endLine()
                if preStack.popLast() == true { preDepth -= 1 }
                if headingStack.popLast() == true { headingDepth -= 1 }
            case .leaveCell:
                writer.space()
            case .enter(let node):
                if tree.isText(node) {
                    let text = tree.textBytes(node)
                    precondition(writer.position < tree.textOffset(node), "the text of a page is rewritten ahead of its reading")
                    if headingDepth > 0 { writer.markPreformatted() }
                    if preDepth > 0 {
                        writer.markPreformatted()
                        // Each "\n" ends a line inside `pre`; a CR LF pair is one character, not "\n".
                        var start = 0
                        for k in 0..<text.count where text[k] == 0x0A && (k == 0 || text[k - 1] != 0x0D) {
                            writer.append(UnsafeBufferPointer(rebasing: text[start..<k]))
                            writer.endLine()
                            writer.markPreformatted()
                            start = k + 1
                        }
                        writer.append(UnsafeBufferPointer(rebasing: text[start...]))
                    } else {
                        writer.append(text)
                    }
                    continue
                }
                guard tree.isElement(node) else { continue }
                let info = tree.info(node)
                if info.isDropped || skip(node) { continue }
                if info.name == "br" { writer.endLine(); continue }
                if info.isCell { stack.append(.leaveCell) }
                if info.isBlock {
                    writer.endLine()
                    stack.append(.leaveBlock)
                    preStack.append(info.name == "pre")
                    if info.name == "pre" { preDepth += 1 }
                    headingStack.append(info.isHeading)
                    if info.isHeading { headingDepth += 1 }
                }
                tree.pushChildrenReversed(of: node, onto: &stack) { .enter($0) }
            }
        }
        writer.endLine()
        if let repeatedLabelMinimum { writer.dropRepeatedLabels(minimumRepeats: repeatedLabelMinimum) }
        if dropsLeadingDatelines { writer.dropLeadingDatelines() }
        return writer.position
    }

    /// Labels repeated down a page: "Advertisement", "Publicidad", "Photo: … AP", "Now playing".
    enum RepeatedLabels {
        /// A label has at most this many words (runs between spaces)…
        static let maximumWords = 3
        /// …and at most this many bytes.
        static let maximumBytes = 64
    }

    /// Writes collapsed lines: runs of ``Whitespace`` spaces as one space, none at either end of a
    /// line, invisible scalars dropped, empty lines dropped, lines joined by `"\n"`, leading lines
    /// equal to the title dropped.
    struct LineWriter {
        let out: UnsafeMutablePointer<UInt8>
        let title: String
        /// Bytes written.
        private(set) var position = 0
        /// Where the current line's text starts, and where the line (with its "\n") starts.
        private var lineTextStart = 0
        private var lineStart = 0
        private var lineHasText = false
        private var pendingSpace = false
        private var keptLines = 0
        /// The kept lines: their text's range in `out`, and whether part of it is inside `pre`.
        private var lines: [(start: Int, end: Int, preformatted: Bool)] = []
        private var lineIsPreformatted = false

        init(out: UnsafeMutablePointer<UInt8>, title: String) {
            self.out = out
            self.title = title
        }

        /// Whitespace between two pieces of the line (after a table cell).
        mutating func space() { pendingSpace = lineHasText }

        /// Appends a piece of the current line (valid UTF-8, whole scalars).
        mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
            guard let p = text.baseAddress else { return }
            let n = text.count
            var i = 0
            while i < n {
                let b = p[i]
                let length: Int
                if b < 0x80 {
                    if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                        pendingSpace = lineHasText
                        i += 1
                        continue
                    }
                    length = 1
                } else {
                    length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                    switch UTF8Lines.kind(p, i, length) {
                    case .space:
                        pendingSpace = lineHasText
                        i += length
                        continue
                    case .invisible:
                        i += length
                        continue
                    case .other:
                        break
                    }
                }
                if !lineHasText {
                    lineStart = position
                    if keptLines > 0 { out[position] = 0x0A; position += 1 }
                    lineTextStart = position
                    lineHasText = true
                } else if pendingSpace {
                    out[position] = 0x20
                    position += 1
                }
                pendingSpace = false
                var end = i + length
                if length == 1 {
                    // The rest of a run of visible ASCII bytes needs no other check.
                    while end < n {
                        let c = p[end]
                        if c >= 0x80 || c == 0x20 || (c >= 0x09 && c <= 0x0D) { break }
                        end += 1
                    }
                }
                // Forward: the writing is never ahead of the reading (see the type's notes).
                for k in i..<end { out[position + k - i] = p[k] }
                position += end - i
                i = end
            }
        }

        /// Ends the current line: kept unless it is empty, or a leading line equal to the title
        /// (`String` equality: canonically equivalent text is equal).
        mutating func endLine() {
            if lineHasText {
                let isTitle = keptLines == 0 && !title.isEmpty
                    && String(decoding: UnsafeBufferPointer(start: out + lineTextStart, count: position - lineTextStart), as: UTF8.self) == title
                if isTitle {
                    position = lineStart
                } else {
                    keptLines += 1
                    lines.append((lineTextStart, position, lineIsPreformatted))
                }
            }
            lineHasText = false
            pendingSpace = false
            lineIsPreformatted = false
        }

        /// Marks the current line as (partly) inside `pre` or a heading: never a label (code repeats
        /// lines such as "}" that are text).
        mutating func markPreformatted() { lineIsPreformatted = true }

        /// Drops every line outside `pre` and headings that is a label (at most ``RepeatedLabels/maximumWords``
        /// words and ``RepeatedLabels/maximumBytes`` bytes, with a letter: a byte of an ASCII letter
        /// or a non-ASCII byte) and occurs at least `minimumRepeats` times, byte for byte; the kept
        /// lines move up, joined by `"\n"`.
        mutating func dropRepeatedLabels(minimumRepeats: Int) {
            let out = out
            func isLabel(_ line: (start: Int, end: Int, preformatted: Bool)) -> Bool {
                guard !line.preformatted, line.end - line.start <= RepeatedLabels.maximumBytes else { return false }
                var words = 1
                var letter = false
                for i in line.start..<line.end {
                    let b = out[i]
                    if b == 0x20 { words += 1 }
                    if b >= 0x80 || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) { letter = true }
                }
                return letter && words <= RepeatedLabels.maximumWords
            }
            func text(_ line: (start: Int, end: Int, preformatted: Bool)) -> String {
                String(decoding: UnsafeBufferPointer(start: out + line.start, count: line.end - line.start), as: UTF8.self)
            }
            var counts: [String: Int] = [:]
            for line in lines where isLabel(line) { counts[text(line), default: 0] += 1 }
            guard counts.values.contains(where: { $0 >= minimumRepeats }) else { return }
            keepLines { _, line in !(isLabel(line) && counts[text(line), default: 0] >= minimumRepeats) }
        }

        /// Drops the datelines (``HTMLDatelines/isDateline(_:)``) among the first
        /// ``HTMLDatelines/leadingLines`` kept lines.
        mutating func dropLeadingDatelines() {
            let out = out
            func isDateline(_ index: Int, _ line: (start: Int, end: Int, preformatted: Bool)) -> Bool {
                index < HTMLDatelines.leadingLines
                    && HTMLDatelines.isDateline(UnsafeBufferPointer(start: out + line.start, count: line.end - line.start))
            }
            guard lines.indices.contains(where: { isDateline($0, lines[$0]) }) else { return }
            keepLines { index, line in !isDateline(index, line) }
        }

        /// Keeps the lines for which `keep` (index among the kept lines, range) is true; they move
        /// up, joined by `"\n"`.
        private mutating func keepLines(_ keep: (Int, (start: Int, end: Int, preformatted: Bool)) -> Bool) {
            var written = 0
            var kept: [(start: Int, end: Int, preformatted: Bool)] = []
            for (index, line) in lines.enumerated() where keep(index, line) {
                if written > 0 { out[written] = 0x0A; written += 1 }
                // Forward: a kept line never moves down.
                for i in line.start..<line.end { out[written + i - line.start] = out[i] }
                kept.append((written, written + line.end - line.start, line.preformatted))
                written += line.end - line.start
            }
            position = written
            lines = kept
        }
    }
}

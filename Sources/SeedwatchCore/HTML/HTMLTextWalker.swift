/// Renders the visible text of an HTML subtree as lines by the rules of ``HTMLElements``: block
/// elements and `<br>` end a line, a table cell is followed by a space (one row, one line), inline
/// elements add nothing (so `Pyong<span>yang</span>` stays one word), whitespace collapses inside a
/// line (``Whitespace``) and empty lines are dropped.
struct HTMLTextWalker {
    typealias Tree = HTMLDocumentTree
    typealias Node = HTMLDocumentTree.Node

    /// Elements whose whole content is dropped: not text a reader sees as the article
    /// (``HTMLElements/neverText`` and ``HTMLElements/embedded``).
    static let droppedElements: Set<String> = HTMLElements.neverText.union(HTMLElements.embedded)

    /// Decides, per element, whether its subtree is skipped (beyond `droppedElements`).
    var skip: (Node) -> Bool = { _ in false }

    /// The lines of visible text under `root`.
    func lines(of root: Node) -> [String] {
        lines(of: [root])
    }

    /// The lines of visible text under each of `roots`, in that order (siblings, in document order).
    func lines(of roots: [Node]) -> [String] {
        var lines: [String] = []
        var current = ""
        func endLine() {
            let line = TextLines.collapse(current)
            if !line.isEmpty { lines.append(line) }
            current = ""
        }
        // Events: enter a node, leave a block element, or leave a table cell.
        enum Step { case enter(Node), leaveBlock, leaveCell }
        var stack: [Step] = roots.reversed().map { .enter($0) }
        var preDepth = 0
        var preStack: [Bool] = []
        while let step = stack.popLast() {
            switch step {
            case .leaveBlock:
                endLine()
                if preStack.popLast() == true { preDepth -= 1 }
            case .leaveCell:
                current += " "
            case .enter(let node):
                if Tree.isText(node) {
                    let text = Tree.text(node)
                    if preDepth > 0, text.contains("\n") {
                        let parts = text.split(separator: "\n", omittingEmptySubsequences: false)
                        for (i, part) in parts.enumerated() {
                            if i > 0 { endLine() }
                            current += part
                        }
                    } else {
                        current += text
                    }
                    continue
                }
                guard Tree.isElement(node) else { continue }
                let name = Tree.name(node)
                if Self.droppedElements.contains(name) || skip(node) { continue }
                if name == "br" { endLine(); continue }
                let isBlock = HTMLElements.blocks.contains(name)
                if HTMLElements.cells.contains(name) { stack.append(.leaveCell) }
                if isBlock {
                    endLine()
                    stack.append(.leaveBlock)
                    preStack.append(name == "pre")
                    if name == "pre" { preDepth += 1 }
                }
                for child in Tree.children(node).reversed() { stack.append(.enter(child)) }
            }
        }
        endLine()
        return lines
    }
}

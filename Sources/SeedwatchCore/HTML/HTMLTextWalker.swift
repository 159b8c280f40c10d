/// Renders the visible text of an HTML subtree as lines: block elements and `<br>` end a line,
/// inline elements add nothing (so `Pyong<span>yang</span>` stays one word), whitespace collapses
/// inside a line and empty lines are dropped.
struct HTMLTextWalker {
    typealias Tree = HTMLDocumentTree
    typealias Node = HTMLDocumentTree.Node

    /// Elements whose whole content is dropped: not text a reader sees as the article.
    static let droppedElements: Set<String> = [
        "script", "style", "noscript", "template", "svg", "head", "iframe", "button",
        "select", "textarea", "object", "embed", "canvas", "math", "dialog",
    ]

    /// Page furniture dropped by `ContentScope` unless the article's paragraphs lie inside it:
    /// libxml2's HTML 4 parser does not know `nav`, `aside`, `header` and `footer`, cannot close
    /// them over an unclosed `div`, and then nests the rest of the page in them; ASP.NET pages wrap
    /// everything in one `form`.
    static let furnitureElements: Set<String> = ["nav", "aside", "form", "header", "footer"]

    /// Elements that end a line before and after their content.
    static let blockElements: Set<String> = [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tr", "td", "th",
        "blockquote", "pre", "article", "section", "header", "footer", "main", "figure", "figcaption",
        "dl", "dt", "dd", "hr", "address", "body", "html", "caption", "thead", "tbody", "tfoot",
        "details", "summary", "center", "fieldset", "legend", "menu", "video", "audio", "picture", "hgroup",
    ]

    /// Decides, per element, whether its subtree is skipped (beyond `droppedElements`).
    var skip: (Node) -> Bool = { _ in false }

    /// The lines of visible text under `root`.
    func lines(of root: Node) -> [String] {
        var lines: [String] = []
        var current = ""
        func endLine() {
            let line = TextLines.collapse(current)
            if !line.isEmpty { lines.append(line) }
            current = ""
        }
        // Events: enter a node, or leave a block element.
        enum Step { case enter(Node), leaveBlock }
        var stack: [Step] = [.enter(root)]
        var preDepth = 0
        var preStack: [Bool] = []
        while let step = stack.popLast() {
            switch step {
            case .leaveBlock:
                endLine()
                if preStack.popLast() == true { preDepth -= 1 }
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
                if name == "img" || name == "input" { continue }
                let isBlock = Self.blockElements.contains(name)
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

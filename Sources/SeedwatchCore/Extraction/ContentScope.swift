import CLibXML2

/// Chooses which part of a page is the article, and which elements inside it are furniture.
///
/// 1. Furniture is recognised by tag (`HTMLTextWalker.droppedElements`) and attributes
///    (`BoilerplateClassifier`); its text counts nowhere.
/// 2. Every block's own text (outside links) scores for the block, fully for its parent and half
///    for its grandparent (paragraph-density scoring, as readability tools do); the best-scoring
///    element is where the article's paragraphs live.
/// 3. The scope is the innermost `article` or `main` element holding that element; without one,
///    the best-scoring element itself when it holds most of the page's paragraph text, else the
///    whole page without `header` and `footer`.
/// 4. Inside the scope, blocks whose text is mostly link text (lists of related links, "Read more:"
///    lines) are dropped, as are `footer` elements.
struct ContentScope {
    typealias Tree = HTMLDocumentTree
    typealias Node = HTMLDocumentTree.Node

    /// Per element: visible characters (non-space scalars) and how many of them are inside links.
    struct TextStatistics {
        var characters = 0
        var linkCharacters = 0
        var linkDensity: Double { characters == 0 ? 0 : Double(linkCharacters) / Double(characters) }
    }

    /// A block's own text must be at least this many characters to count as a paragraph.
    static let minimumParagraphCharacters = 25
    /// Blocks whose link characters exceed this share of their characters are link lists.
    static let maximumLinkDensity = 0.5
    /// Containers that may be dropped as link lists.
    static let linkListCandidates: Set<String> = ["div", "section", "ul", "ol", "dl", "table", "p", "li", "span", "h2", "h3", "h4", "h5", "h6"]

    private var statistics: [Node: TextStatistics] = [:]
    private var furniture: Set<Node> = []
    private var scores: [Node: Double] = [:]
    /// Document order of elements, to break score ties the same way on every run.
    private var order: [Node: Int] = [:]

    static func lines(root: Node) -> [String] {
        ContentScope(root: root).render(root: root)
    }

    private init(root: Node) {
        measure(root)
    }

    /// Post-order pass: furniture, text statistics and paragraph scores.
    private mutating func measure(_ root: Node) {
        enum Step { case enter(Node, inLink: Bool), leave(Node) }
        var stack: [Step] = [.enter(root, inLink: false)]
        var ownText: [Node: Int] = [:]
        var linkOwner: [Node: Bool] = [:]
        while let step = stack.popLast() {
            switch step {
            case .enter(let node, let inLink):
                if Tree.isText(node) {
                    let count = Tree.text(node).unicodeScalars.reduce(0) { $0 + (TextLines.isSpace($1) ? 0 : 1) }
                    guard count > 0, let parent = node.pointee.parent else { continue }
                    statistics[parent, default: TextStatistics()].characters += count
                    if inLink { statistics[parent, default: TextStatistics()].linkCharacters += count }
                    else if let block = Self.blockAncestor(of: node) { ownText[block, default: 0] += count }
                    continue
                }
                guard Tree.isElement(node) else { continue }
                let name = Tree.name(node)
                if HTMLTextWalker.droppedElements.contains(name) || BoilerplateClassifier.isFurniture(node) {
                    furniture.insert(node)
                    continue
                }
                order[node] = order.count
                let link = inLink || name == "a"
                linkOwner[node] = link
                stack.append(.leave(node))
                for child in Tree.children(node).reversed() { stack.append(.enter(child, inLink: link)) }
            case .leave(let node):
                // Children have been left already: fold this node's totals into its parent.
                guard let parent = node.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { continue }
                let own = statistics[node, default: TextStatistics()]
                statistics[parent, default: TextStatistics()].characters += own.characters
                statistics[parent, default: TextStatistics()].linkCharacters += own.linkCharacters
            }
        }
        for (block, count) in ownText where count >= Self.minimumParagraphCharacters {
            let score = Double(count)
            scores[block, default: 0] += score
            if let parent = block.pointee.parent, Tree.isElement(parent) {
                scores[parent, default: 0] += score
                if let grandparent = parent.pointee.parent, Tree.isElement(grandparent) {
                    scores[grandparent, default: 0] += score / 2
                }
            }
        }
    }

    /// The nearest ancestor that is a block element (the paragraph a text node belongs to).
    private static func blockAncestor(of node: Node) -> Node? {
        var current = node.pointee.parent
        while let c = current, Tree.isElement(c) {
            if HTMLTextWalker.blockElements.contains(Tree.name(c)) { return c }
            current = c.pointee.parent
        }
        return nil
    }

    private static func largestSemanticElement(under root: Node, statistics: [Node: TextStatistics]) -> Node? {
        Tree.elements(under: root)
            .filter { ["article", "main"].contains(Tree.name($0)) }
            .max { (statistics[$0]?.characters ?? 0) < (statistics[$1]?.characters ?? 0) }
    }

    private func render(root: Node) -> [String] {
        let order = self.order
        let best = scores.max { a, b in
            a.value < b.value || (a.value == b.value && order[a.key, default: 0] > order[b.key, default: 0])
        }?.key
        var scope = root
        var insideSemanticScope = false
        if let best {
            var current: Node? = best
            while let c = current, Tree.isElement(c) {
                if ["article", "main"].contains(Tree.name(c)) { scope = c; insideSemanticScope = true; break }
                current = c.pointee.parent
            }
        } else if let largest = Self.largestSemanticElement(under: root, statistics: statistics) {
            // No paragraph long enough to score: fall back on the `article`/`main` with the most text.
            scope = largest
            insideSemanticScope = true
        }
        var walker = HTMLTextWalker()
        let furniture = self.furniture
        let statistics = self.statistics
        walker.skip = { node in
            if node == scope { return false }
            if furniture.contains(node) { return true }
            let name = Tree.name(node)
            if name == "footer" { return true }
            if !insideSemanticScope, name == "header" { return true }
            if Self.linkListCandidates.contains(name), let s = statistics[node], s.characters > 0,
               s.linkDensity > Self.maximumLinkDensity {
                return true
            }
            return false
        }
        return walker.lines(of: scope)
    }
}

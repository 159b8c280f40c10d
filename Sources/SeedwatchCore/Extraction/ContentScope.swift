import CLibXML2
import Foundation

/// Chooses which part of a page is the article, and which elements inside it are furniture.
///
/// 1. Furniture is recognised by tag (`nav`, `aside`, `form`, `header`, `footer`) and by attributes
///    (`BoilerplateClassifier`). Invisible elements (`HTMLTextWalker.droppedElements`) count nowhere.
/// 2. Every block's own text (outside links, at least `minimumParagraphCharacters`) scores for the
///    block, fully for its parent and half for its grandparent (paragraph-density scoring, as
///    readability tools do); text inside furniture scores a fifth. The best-scoring element is where
///    the article's paragraphs live, and furniture around it is kept: libxml2's HTML 4 parser nests
///    whole pages inside an unclosed `aside`, and ASP.NET wraps pages in one `form`.
/// 3. The scope is the innermost `article` or `main` element holding that element. Without one, it is
///    that element and its siblings that score at least `siblingScoreShare` of it with at most
///    `maximumSiblingLinkDensity` link text, and everything between them (readability's sibling
///    rule: article text split by an advertisement or a pull quote), so that teaser lists, comments
///    and footers around the article are left out. When no paragraph scores, the `article`/`main`
///    with most text.
/// 4. Inside the scope, furniture is dropped (a `header` inside an `article`/`main` is kept: it holds
///    headline and lead), and so are figures with their captions and credits (unless the article's
///    paragraphs are inside one), and blocks whose text is mostly link text (lists of related links,
///    "Read more:" lines).
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
    /// Weight of paragraph text inside furniture.
    static let furnitureParagraphWeight = 0.2
    /// Blocks whose link characters exceed this share of their characters are link lists.
    static let maximumLinkDensity = 0.5
    /// Share of the best element's score a sibling needs to count as more of the article
    /// (readability's sibling rule: a fifth of the top candidate's score).
    static let siblingScoreShare = 0.2
    /// Siblings whose link characters exceed this share of their characters are not article text.
    static let maximumSiblingLinkDensity = 0.25
    /// Figures and their captions: photo credits, gallery counters and captions, not the article's text.
    static let figures: Set<String> = ["figure", "figcaption"]
    /// Blocks that may be dropped as link lists.
    static let linkListCandidates: Set<String> = [
        "div", "section", "ul", "ol", "dl", "table", "p", "li", "span", "h2", "h3", "h4", "h5", "h6",
    ]

    private let root: Node
    private var furniture: Set<Node> = []
    private var statistics: [Node: TextStatistics] = [:]
    private var scores: [Node: Double] = [:]
    /// Document order of elements, to break score ties the same way on every run.
    private var order: [Node: Int] = [:]
    private var best: Node?
    /// The best-scoring element and its ancestors.
    private var holdsArticle: Set<Node> = []

    /// The article's text lines under `root`.
    static func lines(root: Node) -> [String] {
        var scope = ContentScope(root: root)
        scope.score()
        scope.measureVisibleText()
        return scope.render()
    }

    private init(root: Node) { self.root = root }

    private static func isFurniture(_ node: Node, name: String) -> Bool {
        HTMLElements.furniture.contains(name) || BoilerplateClassifier.isFurniture(node)
    }

    /// Pass 1: furniture marks, paragraph scores, the best-scoring element.
    private mutating func score() {
        var ownText: [Node: Int] = [:]
        var inFurniture: [Node: Bool] = [:]
        var stack: [(node: Node, inLink: Bool, inFurniture: Bool)] = [(root, false, false)]
        while let (node, inLink, furnitureAbove) = stack.popLast() {
            if Tree.isText(node) {
                guard !inLink, let block = Self.blockAncestor(of: node) else { continue }
                ownText[block, default: 0] += Self.visibleCharacters(Tree.text(node))
                if furnitureAbove { inFurniture[block] = true }
                continue
            }
            guard Tree.isElement(node) else { continue }
            let name = Tree.name(node)
            if HTMLTextWalker.droppedElements.contains(name) { continue }
            order[node] = order.count
            var isFurniture = furnitureAbove
            if Self.isFurniture(node, name: name) { furniture.insert(node); isFurniture = true }
            for child in Tree.children(node).reversed() {
                stack.append((child, inLink || name == "a", isFurniture))
            }
        }
        for (block, count) in ownText where count >= Self.minimumParagraphCharacters {
            let score = Double(count) * (inFurniture[block] == true ? Self.furnitureParagraphWeight : 1)
            scores[block, default: 0] += score
            if let parent = block.pointee.parent, Tree.isElement(parent) {
                scores[parent, default: 0] += score
                if let grandparent = parent.pointee.parent, Tree.isElement(grandparent) {
                    scores[grandparent, default: 0] += score / 2
                }
            }
        }
        let order = self.order
        best = scores.max { a, b in
            a.value < b.value || (a.value == b.value && order[a.key, default: 0] > order[b.key, default: 0])
        }?.key
        var ancestor = best
        while let a = ancestor, Tree.isElement(a) { holdsArticle.insert(a); ancestor = a.pointee.parent }
    }

    /// Whether the walk drops `node` as furniture.
    private func isDroppedFurniture(_ node: Node, insideSemanticScope: Bool) -> Bool {
        guard furniture.contains(node), !holdsArticle.contains(node) else { return false }
        return !(Tree.name(node) == "header" && insideSemanticScope)
    }

    /// Pass 2: characters and link characters per element, furniture not counted.
    private mutating func measureVisibleText() {
        enum Step { case enter(Node, inLink: Bool), leave(Node) }
        var stack: [Step] = [.enter(root, inLink: false)]
        while let step = stack.popLast() {
            switch step {
            case .enter(let node, let inLink):
                if Tree.isText(node) {
                    let count = Self.visibleCharacters(Tree.text(node))
                    guard count > 0, let parent = node.pointee.parent else { continue }
                    statistics[parent, default: TextStatistics()].characters += count
                    if inLink { statistics[parent, default: TextStatistics()].linkCharacters += count }
                    continue
                }
                guard Tree.isElement(node) else { continue }
                let name = Tree.name(node)
                if HTMLTextWalker.droppedElements.contains(name) || isDroppedFurniture(node, insideSemanticScope: false) {
                    continue
                }
                stack.append(.leave(node))
                for child in Tree.children(node).reversed() { stack.append(.enter(child, inLink: inLink || name == "a")) }
            case .leave(let node):
                // Children have been left already: fold this node's totals into its parent.
                guard let parent = node.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { continue }
                let own = statistics[node, default: TextStatistics()]
                statistics[parent, default: TextStatistics()].characters += own.characters
                statistics[parent, default: TextStatistics()].linkCharacters += own.linkCharacters
            }
        }
    }

    private static func visibleCharacters(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + (Whitespace.isSpace($1) ? 0 : 1) }
    }

    /// The nearest ancestor that is a block element or a table cell (the paragraph a text node belongs to).
    private static func blockAncestor(of node: Node) -> Node? {
        var current = node.pointee.parent
        while let c = current, Tree.isElement(c) {
            if HTMLElements.blocks.contains(Tree.name(c)) || HTMLElements.cells.contains(Tree.name(c)) { return c }
            current = c.pointee.parent
        }
        return nil
    }

    private static func isSemantic(_ node: Node) -> Bool { ["article", "main"].contains(Tree.name(node)) }

    /// The best-scoring element and those of its siblings that hold the article's paragraphs too,
    /// with everything between them, in document order.
    private func region(of best: Node) -> [Node] {
        guard let parent = best.pointee.parent, Tree.isElement(parent) else { return [best] }
        let siblings = Tree.children(parent)
        let threshold = (scores[best] ?? 0) * Self.siblingScoreShare
        let kept = siblings.indices.filter { i in
            let sibling = siblings[i]
            if sibling == best { return true }
            guard Tree.isElement(sibling), !furniture.contains(sibling) else { return false }
            let density = statistics[sibling]?.linkDensity ?? 0
            return (scores[sibling] ?? 0) >= threshold && density <= Self.maximumSiblingLinkDensity
        }
        guard let first = kept.first, let last = kept.last else { return [best] }
        return Array(siblings[first...last])
    }

    /// Pass 3: the scope's text, furniture and link lists dropped.
    private func render() -> [String] {
        var scope = root
        var roots: [Node] = [root]
        var insideSemanticScope = false
        if let best {
            if let semantic = Tree.elements(under: root).filter(Self.isSemantic).last(where: holdsArticle.contains) {
                scope = semantic
                roots = [semantic]
                insideSemanticScope = true
            } else {
                roots = region(of: best)
            }
        } else if let largest = Tree.elements(under: root).filter(Self.isSemantic)
            .max(by: { (statistics[$0]?.characters ?? 0) < (statistics[$1]?.characters ?? 0) }) {
            // No paragraph long enough to score: the `article`/`main` with the most text.
            scope = largest
            roots = [largest]
            insideSemanticScope = true
        }
        var walker = HTMLTextWalker()
        walker.skip = { [self] node in
            if node == scope { return false }
            if isDroppedFurniture(node, insideSemanticScope: insideSemanticScope) { return true }
            if !insideSemanticScope, Tree.name(node) == "header", !holdsArticle.contains(node) { return true }
            if Self.figures.contains(Tree.name(node)), !holdsArticle.contains(node) { return true }
            if Self.linkListCandidates.contains(Tree.name(node)), let s = statistics[node], s.characters > 0,
               s.linkDensity > Self.maximumLinkDensity {
                return true
            }
            return false
        }
        return walker.lines(of: roots)
    }
}

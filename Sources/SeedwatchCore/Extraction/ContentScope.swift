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
///    and footers around the article are left out; elements elsewhere with the best element's tag and
///    `class` that score as such siblings do join it (an article cut into same-class chunks between
///    advertisements). When no paragraph scores, the `article`/`main` with most text.
/// 4. Inside the scope, furniture is dropped (a `header` inside an `article`/`main` is kept: it holds
///    headline and lead), and so are figures with their captions and credits (unless the article's
///    paragraphs are inside one), and blocks whose text is mostly link text (lists of related links,
///    "Read more:" lines).
///
/// Per-node figures are arrays indexed by node (the tree's nodes are numbered in document order).
struct ContentScope {
    typealias Tree = HTMLDocumentTree
    typealias Node = HTMLDocumentTree.Node

    /// Per element: visible characters (non-space scalars) and how many of them are inside links.
    struct TextStatistics {
        var characters: Int32 = 0
        var linkCharacters: Int32 = 0
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
    /// A short line (``HTMLTextWalker/RepeatedLabels``) that occurs this many times is a label of the
    /// page's layout ("Advertisement", a photo credit), not the article's text.
    static let repeatedLabelMinimum = 3
    /// Blocks that may be dropped as link lists.
    static let linkListCandidates: Set<String> = [
        "div", "section", "ul", "ol", "dl", "table", "p", "li", "span", "h2", "h3", "h4", "h5", "h6",
    ]

    let tree: Tree
    let root: Node
    private static let furnitureFlag: UInt8 = 1
    private static let holdsArticleFlag: UInt8 = 2
    static let teaserFlag: UInt8 = 4
    /// Per node: furniture, and the best-scoring element and its ancestors (holds the article).
    var flags: [UInt8]
    private var statistics: [TextStatistics]
    /// Per node: its paragraph score (0 when it has none).
    private var scores: [Double]
    /// Per text node: its visible characters (``visibleCharacters(_:)``), counted once by pass 0.
    var visible: [Int32]
    /// Per element name (``HTMLDocumentTree/nameIndex(_:)``): ``figureName``, ``linkListName``, ``headerName``.
    private let nameFlags: [UInt8]
    private static let figureName: UInt8 = 1
    private static let linkListName: UInt8 = 2
    private static let headerName: UInt8 = 4
    private var best: Node?

    /// Writes the article's text lines under `root` into the tree's arena, joined by `"\n"`,
    /// leading lines equal to `title` dropped (``HTMLTextWalker/write(_:droppingLeadingLinesEqualTo:)``).
    /// - Returns: the number of bytes written at the start of the arena.
    static func write(tree: Tree, root: Node, droppingLeadingLinesEqualTo title: String) -> Int {
        var scope = ContentScope(tree: tree, root: root)
        scope.markTeasers()
        scope.score()
        scope.measureVisibleText()
        return scope.render(droppingLeadingLinesEqualTo: title)
    }

    private init(tree: Tree, root: Node) {
        self.tree = tree
        self.root = root
        flags = Array(repeating: 0, count: tree.nodeCount)
        statistics = Array(repeating: TextStatistics(), count: tree.nodeCount)
        scores = Array(repeating: 0, count: tree.nodeCount)
        visible = Array(repeating: 0, count: tree.nodeCount)
        nameFlags = tree.nameInfos.map { info in
            (Self.figures.contains(info.name) ? Self.figureName : 0)
                | (Self.linkListCandidates.contains(info.name) ? Self.linkListName : 0)
                | (info.name == "header" ? Self.headerName : 0)
        }
    }

    private func hasName(_ node: Node, _ flag: UInt8) -> Bool { nameFlags[tree.nameIndex(node)] & flag != 0 }

    private func isFurniture(_ node: Node) -> Bool { flags[Int(node)] & Self.furnitureFlag != 0 }
    private func isTeaser(_ node: Node) -> Bool { flags[Int(node)] & Self.teaserFlag != 0 }

    private func holdsArticle(_ node: Node) -> Bool { flags[Int(node)] & Self.holdsArticleFlag != 0 }

    /// Pass 1: furniture marks, paragraph scores, the best-scoring element.
    private mutating func score() {
        // Per block: own visible characters outside links, and whether any of them lies in furniture.
        var ownText: [Int32] = Array(repeating: 0, count: tree.nodeCount)
        var inFurniture: [Bool] = Array(repeating: false, count: tree.nodeCount)
        var verdicts: [String: Bool] = [:]
        var stack: [(node: Node, inLink: Bool, inFurniture: Bool, inTeaser: Bool)] = [(root, false, false, false)]
        while let (node, inLink, furnitureAbove, teaserAbove) = stack.popLast() {
            if tree.isText(node) {
                guard !inLink, !teaserAbove, let block = blockAncestor(of: node) else { continue }
                ownText[Int(block)] += visible[Int(node)]
                if furnitureAbove { inFurniture[Int(block)] = true }
                continue
            }
            guard tree.isElement(node) else { continue }
            let info = tree.info(node)
            if info.isDropped { continue }
            var isFurniture = furnitureAbove
            if info.isFurniture || BoilerplateClassifier.isFurniture(node, in: tree, classOrIDVerdicts: &verdicts) {
                flags[Int(node)] |= Self.furnitureFlag
                isFurniture = true
            }
            let isLink = inLink || info.isLink
            let inTeaser = teaserAbove || isTeaser(node)
            tree.pushChildrenReversed(of: node, onto: &stack) { ($0, isLink, isFurniture, inTeaser) }
        }
        // Blocks in document order: each score is summed in the same order on every run.
        for index in ownText.indices where ownText[index] >= Self.minimumParagraphCharacters {
            let block = Node(index)
            let score = Double(ownText[index]) * (inFurniture[index] ? Self.furnitureParagraphWeight : 1)
            scores[Int(block)] += score
            if let parent = tree.parent(block), tree.isElement(parent) {
                scores[Int(parent)] += score
                if let grandparent = tree.parent(parent), tree.isElement(grandparent) {
                    scores[Int(grandparent)] += score / 2
                }
            }
        }
        // The highest score; on a tie, the first in document order.
        var bestScore = 0.0
        for node in scores.indices where scores[node] > bestScore {
            bestScore = scores[node]
            best = Node(node)
        }
        var ancestor = best
        while let a = ancestor, tree.isElement(a) { flags[Int(a)] |= Self.holdsArticleFlag; ancestor = tree.parent(a) }
    }

    /// Whether the walk drops `node` as furniture.
    private func isDroppedFurniture(_ node: Node, insideSemanticScope: Bool) -> Bool {
        guard isFurniture(node), !holdsArticle(node) else { return false }
        return !(hasName(node, Self.headerName) && insideSemanticScope)
    }

    /// Pass 2: characters and link characters per element, furniture not counted.
    private mutating func measureVisibleText() {
        enum Step { case enter(Node, inLink: Bool), leave(Node) }
        var stack: [Step] = [.enter(root, inLink: false)]
        while let step = stack.popLast() {
            switch step {
            case .enter(let node, let inLink):
                if tree.isText(node) {
                    // Pass 0 counted every text node outside dropped elements; this pass reads fewer.
                    let count = visible[Int(node)]
                    guard count > 0, let parent = tree.parent(node) else { continue }
                    statistics[Int(parent)].characters += count
                    if inLink { statistics[Int(parent)].linkCharacters += count }
                    continue
                }
                guard tree.isElement(node) else { continue }
                if tree.info(node).isDropped || isDroppedFurniture(node, insideSemanticScope: false) {
                    continue
                }
                stack.append(.leave(node))
                let isLink = inLink || tree.info(node).isLink
                tree.pushChildrenReversed(of: node, onto: &stack) { .enter($0, inLink: isLink) }
            case .leave(let node):
                // Children have been left already: fold this node's totals into its parent.
                guard let parent = tree.parent(node), tree.isElement(parent) else { continue }
                let own = statistics[Int(node)]
                statistics[Int(parent)].characters += own.characters
                statistics[Int(parent)].linkCharacters += own.linkCharacters
            }
        }
    }

    /// The number of scalars of valid UTF-8 `text` that are not whitespace (``Whitespace/isSpace(_:)``).
    static func visibleCharacters(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        guard let p = text.baseAddress else { return 0 }
        var count = 0
        var i = 0
        let n = text.count
        while i < n {
            let b = p[i]
            if b < 0x80 {
                if !(b == 0x20 || (b >= 0x09 && b <= 0x0D)) { count += 1 }
                i += 1
                continue
            }
            let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
            if !Whitespace.isSpace(UTF8Lines.scalar(at: i, in: p)) { count += 1 }
            i += length
        }
        return count
    }

    /// The nearest ancestor that is a block element or a table cell (the paragraph a text node belongs to).
    private func blockAncestor(of node: Node) -> Node? {
        var current = tree.parent(node)
        while let c = current, tree.isElement(c) {
            let info = tree.info(c)
            if info.isBlock || info.isCell { return c }
            current = tree.parent(c)
        }
        return nil
    }

    private func isSemantic(_ node: Node) -> Bool { tree.info(node).isSemantic }

    /// The best-scoring element and those of its siblings that hold the article's paragraphs too,
    /// with everything between them, in document order.
    private func region(of best: Node) -> [Node] {
        guard let parent = tree.parent(best), tree.isElement(parent) else { return [best] }
        let siblings = tree.children(parent)
        let threshold = scores[Int(best)] * Self.siblingScoreShare
        let kept = siblings.indices.filter { i in
            let sibling = siblings[i]
            if sibling == best { return true }
            guard tree.isElement(sibling), !isFurniture(sibling) else { return false }
            let density = statistics[Int(sibling)].linkDensity
            return scores[Int(sibling)] >= threshold && density <= Self.maximumSiblingLinkDensity
        }
        guard let first = kept.first, let last = kept.last else { return [best] }
        let region = Array(siblings[first...last])
        return (region + sameClassChunks(of: best, besides: region)).sorted()
    }

    /// Elements elsewhere in the page with the best element's tag and `class` that score as the
    /// region's siblings must: an article cut into chunks between advertisements, each chunk in a
    /// container of its own (`<div class="article__content">` four times, sidebars between). None
    /// inside furniture other than wrappers like the best element's own, none overlapping `region`.
    private func sameClassChunks(of best: Node, besides region: [Node]) -> [Node] {
        guard let bestClass = tree.attribute(best, "class"), !bestClass.isEmpty else { return [] }
        let name = tree.name(best)
        let threshold = scores[Int(best)] * Self.siblingScoreShare
        var taken = Set(region)
        var chunks: [Node] = []
        // The best element's own wrappers, by tag and class: the same wrappers around another chunk
        // are the same template (`article-widget article-widget-text` around each part of the text).
        var template: Set<String> = []
        var up = tree.parent(best)
        while let a = up, tree.isElement(a) {
            template.insert(tree.name(a) + " " + (tree.attribute(a, "class") ?? ""))
            up = tree.parent(a)
        }
        for index in scores.indices where scores[index] >= threshold {
            let node = Node(index)
            guard !taken.contains(node), tree.isElement(node), tree.name(node) == name,
                  tree.attribute(node, "class") == bestClass, !isFurniture(node),
                  statistics[index].linkDensity <= Self.maximumSiblingLinkDensity else { continue }
            var ancestor = tree.parent(node)
            var free = true
            while let a = ancestor, tree.isElement(a) {
                if taken.contains(a) { free = false; break }
                if isFurniture(a), !holdsArticle(a), !template.contains(tree.name(a) + " " + (tree.attribute(a, "class") ?? "")) {
                    free = false
                    break
                }
                ancestor = tree.parent(a)
            }
            // A chunk holding a region element would repeat it.
            if free, region.contains(where: { isAncestor(node, of: $0) }) { free = false }
            guard free else { continue }
            taken.insert(node)
            chunks.append(node)
        }
        return chunks
    }

    private func isAncestor(_ a: Node, of b: Node) -> Bool {
        var current = tree.parent(b)
        while let c = current, tree.isElement(c) {
            if c == a { return true }
            current = tree.parent(c)
        }
        return false
    }

    /// Pass 3: the scope's text, furniture and link lists dropped, written into the arena.
    private func render(droppingLeadingLinesEqualTo title: String) -> Int {
        var scope = root
        var roots: [Node] = [root]
        var insideSemanticScope = false
        if let best {
            if let semantic = tree.elements(under: root).filter(isSemantic).last(where: holdsArticle) {
                scope = semantic
                roots = [semantic]
                insideSemanticScope = true
            } else {
                roots = region(of: best)
            }
        } else if let largest = tree.elements(under: root).filter(isSemantic)
            .max(by: { statistics[Int($0)].characters < statistics[Int($1)].characters }) {
            // No paragraph long enough to score: the `article`/`main` with the most text.
            scope = largest
            roots = [largest]
            insideSemanticScope = true
        }
        var walker = HTMLTextWalker(tree: tree)
        walker.repeatedLabelMinimum = Self.repeatedLabelMinimum
        walker.dropsLeadingDatelines = true
        walker.skip = { [self] node in
            if node == scope { return false }
            if isDroppedFurniture(node, insideSemanticScope: insideSemanticScope) { return true }
            if !insideSemanticScope, hasName(node, Self.headerName), !holdsArticle(node) { return true }
            if hasName(node, Self.figureName), !holdsArticle(node) { return true }
            if isTeaser(node), !holdsArticle(node) { return true }
            let s = statistics[Int(node)]
            if hasName(node, Self.linkListName), s.characters > 0, s.linkDensity > Self.maximumLinkDensity {
                return true
            }
            return false
        }
        return walker.write(roots, droppingLeadingLinesEqualTo: title)
    }
}

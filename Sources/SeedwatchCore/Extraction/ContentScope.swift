/// Chooses which part of a page is the article and renders it as lines.
enum ContentScope {
    typealias Tree = HTMLDocumentTree
    typealias Node = HTMLDocumentTree.Node

    static func lines(root: Tree.Node) -> [String] {
        let elements = Tree.elements(under: root)
        let candidates = elements.filter { ["article", "main"].contains(Tree.name($0)) }
        let walker = HTMLTextWalker()
        if !candidates.isEmpty {
            var best: [String] = []
            var bestLength = -1
            for candidate in candidates {
                let lines = walker.lines(of: candidate)
                let length = lines.reduce(0) { $0 + $1.count }
                if length > bestLength { best = lines; bestLength = length }
            }
            if bestLength > 0 { return best }
        }
        var pageWalker = HTMLTextWalker()
        pageWalker.skip = { ["header", "footer"].contains(Tree.name($0)) }
        return pageWalker.lines(of: root)
    }
}

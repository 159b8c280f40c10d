/// Recognises page furniture (navigation, sharing, comments, teasers, ads, cookie banners…) by an
/// element's tag, `class`, `id`, `role` and hiding attributes. General rules only: no site names.
enum BoilerplateClassifier {
    typealias Tree = HTMLDocumentTree
    typealias Node = HTMLDocumentTree.Node

    /// Lower-cased words that, at the start of a `class` or `id` word, mark furniture.
    /// A word is a run of letters and digits; `socialShare` gives `socialshare`, `post-page__row`
    /// gives `post`, `page`, `row`.
    static let furniturePrefixes: [String] = [
        "comment", "related", "share", "sharing", "social", "newsletter", "subscri", "promo", "advert",
        "sponsor", "sidebar", "breadcrumb", "cookie", "consent", "teaser", "recommend", "popular", "trending",
        "mostread", "readmore", "morestories", "moreon", "navbar", "navigation", "menu", "pagination", "pager",
        "tagcloud", "taglist", "widget", "banner", "modal", "popup", "signup", "login", "toolbar",
        "footer", "masthead", "skiplink", "sronly", "screenreader", "visuallyhidden", "outbrain",
        "taboola", "disqus", "byline", "author", "rating", "print", "dateline", "timestamp", "meta",
    ]

    /// Two adjacent words of a `class`/`id` token that together mark furniture.
    static let furnitureCompounds: Set<String> = [
        "readmore", "mostread", "morestories", "moreon", "sronly", "tagcloud", "taglist", "skiplink",
        "visuallyhidden", "screenreader", "alsoread", "seealso", "moreinfo", "relatedposts",
    ]

    /// Whole `class`/`id` tokens (before splitting) or words that mark furniture only as a whole:
    /// `hidden` (but not Bootstrap's responsive `hidden-xs`), `nav` (but not `navy`), `ad`.
    static let furnitureTokens: Set<String> = [
        "hidden", "sr-only", "visually-hidden", "screen-reader-text", "invisible", "nav", "ad", "ads", "tags",
    ]

    /// `class`/`id` words that are content even though they begin like furniture.
    static let contentWords: Set<String> = ["commentary", "metadata", "shareholder", "shareholders", "printable"]

    /// Elements never judged by their attributes.
    static let structuralElements: Set<String> = ["html", "body", "main", "article"]

    /// ARIA roles of furniture.
    static let furnitureRoles: Set<String> = [
        "navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog", "alert",
    ]

    /// Whether the element, judged by its own attributes, is furniture.
    static func isFurniture(_ node: Node, in tree: Tree) -> Bool {
        // Page-level containers carry layout classes (`has-sidebar`, `navbar-is-fixed`) about
        // their surroundings, not about themselves.
        if structuralElements.contains(tree.name(node)) { return false }
        if tree.attribute(node, "hidden") != nil { return true }
        if tree.attribute(node, "aria-hidden")?.lowercased() == "true" { return true }
        if let style = tree.attribute(node, "style")?.lowercased().filter({ $0 != " " }),
           style.contains("display:none") || style.contains("visibility:hidden") {
            return true
        }
        if let role = tree.attribute(node, "role")?.lowercased(), furnitureRoles.contains(role) { return true }
        for attribute in ["class", "id"] {
            guard let value = tree.attribute(node, attribute) else { continue }
            if isFurniture(classOrID: value) { return true }
        }
        return false
    }

    /// Whether a `class` or `id` value names furniture: a whole token in `furnitureTokens`, a word
    /// starting with one of `furniturePrefixes` (and not in `contentWords`), or two adjacent words
    /// forming one of `furnitureCompounds` (`read-more`, `sr-only`).
    static func isFurniture(classOrID value: String) -> Bool {
        for token in value.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            if furnitureTokens.contains(String(token)) { return true }
            let words = token.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
            for word in words where !contentWords.contains(word) {
                if furniturePrefixes.contains(where: { word.hasPrefix($0) }) { return true }
            }
            if words.count > 1 {
                for i in 0..<(words.count - 1) where furnitureCompounds.contains(words[i] + words[i + 1]) { return true }
            }
        }
        return false
    }
}

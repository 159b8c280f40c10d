import Foundation

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
        // Text for screen readers only (`h-offscreen`), and the captions and credits of photos, as
        // `figure`/`figcaption` are.
        "offscreen", "caption", "credit",
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

    /// Words that, after a furniture word, make the token a state of the element rather than its
    /// name: `comments-enabled` and `sidebar-open` mark a page or an article that has comments or a
    /// sidebar somewhere, not the comments or the sidebar themselves.
    static let stateWordsAfter: Set<String> = [
        "enabled", "disabled", "open", "opened", "closed", "active", "inactive", "visible", "loaded", "ready", "allowed",
    ]

    /// Words that, before a furniture word, make the token a state: `has-sidebar`, `with-comments`,
    /// `no-sidebar`, `is-sticky-share`.
    static let stateWordsBefore: Set<String> = ["has", "with", "without", "no", "is", "can", "allow", "enable", "disable"]

    /// Elements never judged by their attributes.
    static let structuralElements: Set<String> = ["html", "body", "main", "article"]

    /// ARIA roles of furniture.
    static let furnitureRoles: Set<String> = [
        "navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog", "alert",
        // A control, as `button` is (its label: "Box aufklappen", a name on a toggle).
        "button",
    ]

    /// The part of a BEM token (`block__element--modifier`) that names the element itself: the
    /// element after the last `__`, without its modifier. `sidebar-grid__content` is the content of
    /// a grid that has a sidebar; `article__share` is a share box. A token without `__` is whole.
    /// A CSS-modules name (`Component_local__hash`, with a single `_` before the `__`) is judged
    /// by what precedes its hash: `Byline_author-wrapper__Q7jj1` is a byline.
    static func bemElement(_ token: Substring) -> Substring {
        guard let separator = token.range(of: "__", options: .backwards) else { return token }
        let before = token[..<separator.lowerBound]
        if before.replacingOccurrences(of: "__", with: "").contains("_") { return before }
        let element = token[separator.upperBound...]
        guard let modifier = element.range(of: "--") else { return element.isEmpty ? token : element }
        let name = element[..<modifier.lowerBound]
        return name.isEmpty ? token : name
    }

    /// Whether the element, judged by its own attributes, is furniture.
    static func isFurniture(_ node: Node, in tree: Tree) -> Bool {
        var verdicts: [String: Bool] = [:]
        return isFurniture(node, in: tree, classOrIDVerdicts: &verdicts)
    }

    /// ``isFurniture(_:in:)`` with the verdicts of ``isFurniture(classOrID:)`` kept in `verdicts`
    /// (a page repeats a few `class` values on most of its elements).
    static func isFurniture(_ node: Node, in tree: Tree, classOrIDVerdicts verdicts: inout [String: Bool]) -> Bool {
        // Page-level containers carry layout classes (`has-sidebar`, `navbar-is-fixed`) about
        // their surroundings, not about themselves.
        if tree.info(node).isStructural { return false }
        if tree.hasAttribute(node, .hidden) { return true }
        if tree.attribute(node, .ariaHidden)?.lowercased() == "true" { return true }
        if let style = tree.attribute(node, .style)?.lowercased().filter({ $0 != " " }),
           style.contains("display:none") || style.contains("visibility:hidden") {
            return true
        }
        if let role = tree.attribute(node, .role)?.lowercased(), furnitureRoles.contains(role) { return true }
        func verdict(_ value: String) -> Bool {
            if let known = verdicts[value] { return known }
            let furniture = isFurniture(classOrID: value)
            verdicts[value] = furniture
            return furniture
        }
        if let value = tree.attribute(node, .class), verdict(value) { return true }
        if let value = tree.attribute(node, .id), verdict(value), !isHeadingAnchor(value, of: node, in: tree) {
            return true
        }
        return false
    }

    /// Whether `id` is the anchor of the heading that opens `node`: documentation generators and
    /// Markdown renderers name a section after its heading (`<div id="sharing-with-a-developer">`
    /// holding `<h2>Sharing with a developer</h2>`), whatever words the heading has. Compared on
    /// letters and digits only, lower-cased.
    static func isHeadingAnchor(_ id: String, of node: Node, in tree: Tree) -> Bool {
        guard let heading = tree.children(node).first(where: { tree.isElement($0) }),
              ["h1", "h2", "h3", "h4", "h5", "h6"].contains(tree.name(heading)) else { return false }
        func letters(_ s: String) -> String { String(s.lowercased().filter { $0.isLetter || $0.isNumber }) }
        let anchor = letters(id)
        return !anchor.isEmpty && anchor == letters(tree.textContent(heading))
    }

    /// Whether a `class` or `id` value names furniture: a whole token in `furnitureTokens`, a word
    /// starting with one of `furniturePrefixes` (and not in `contentWords`, and not a state:
    /// `stateWordsBefore` / `stateWordsAfter` beside it), or two adjacent words forming one of
    /// `furnitureCompounds` (`read-more`, `sr-only`).
    static func isFurniture(classOrID value: String) -> Bool {
        for token in value.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            if furnitureTokens.contains(String(token)) { return true }
            let words = bemElement(token).split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
            for (i, word) in words.enumerated() where !contentWords.contains(word) {
                guard furniturePrefixes.contains(where: { word.hasPrefix($0) }) else { continue }
                if i + 1 < words.count, stateWordsAfter.contains(words[i + 1]) { continue }
                if i > 0, stateWordsBefore.contains(words[i - 1]) { continue }
                return true
            }
            if words.count > 1 {
                for i in 0..<(words.count - 1) where furnitureCompounds.contains(words[i] + words[i + 1]) { return true }
            }
        }
        return false
    }
}

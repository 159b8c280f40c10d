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
    ///
    /// A value of ASCII bytes other than CR (nearly every one) is judged on its bytes
    /// (``isFurniture(asciiClassOrID:)``), with the same verdict; any other value by its characters.
    static func isFurniture(classOrID value: String) -> Bool {
        var value = value
        if let verdict = value.withUTF8({ bytes in bytes.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) ? isFurniture(asciiClassOrID: bytes) : nil }) {
            return verdict
        }
        return isFurniture(classOrIDCharacters: value)
    }

    /// ``isFurniture(classOrID:)`` by `Character`s: the definition, for every value.
    static func isFurniture(classOrIDCharacters value: String) -> Bool {
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

    /// ``furniturePrefixes`` as bytes.
    static let furniturePrefixBytes: [[UInt8]] = furniturePrefixes.map { Array($0.utf8) }

    /// ``isFurniture(classOrIDCharacters:)`` of a value of ASCII bytes without CR (so that every
    /// byte is one `Character`, and the lower-casing, the splits and ``bemElement(_:)``'s searches
    /// act byte by byte): the same verdict, without Foundation's searches or `Character` properties.
    static func isFurniture(asciiClassOrID raw: UnsafeBufferPointer<UInt8>) -> Bool {
        let lower = raw.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let n = lower.count
        var i = 0
        while i < n {
            while i < n && (lower[i] == 0x20 || lower[i] == 0x09 || lower[i] == 0x0A) { i += 1 }
            guard i < n else { break }
            var j = i
            while j < n && !(lower[j] == 0x20 || lower[j] == 0x09 || lower[j] == 0x0A) { j += 1 }
            if isFurniture(asciiToken: lower[i..<j]) { return true }
            i = j
        }
        return false
    }

    /// One lower-cased token of ``isFurniture(asciiClassOrID:)``.
    private static func isFurniture(asciiToken token: ArraySlice<UInt8>) -> Bool {
        if furnitureTokens.contains(String(decoding: token, as: UTF8.self)) { return true }
        let element = asciiBEMElement(token)
        var words: [ArraySlice<UInt8>] = []
        var k = element.startIndex
        while k < element.endIndex {
            while k < element.endIndex && !isASCIILetterOrDigit(element[k]) { k += 1 }
            guard k < element.endIndex else { break }
            var end = k
            while end < element.endIndex && isASCIILetterOrDigit(element[end]) { end += 1 }
            words.append(element[k..<end])
            k = end
        }
        let strings = words.map { String(decoding: $0, as: UTF8.self) }
        for (i, word) in words.enumerated() where !contentWords.contains(strings[i]) {
            guard furniturePrefixBytes.contains(where: { word.count >= $0.count && word.starts(with: $0) }) else { continue }
            if i + 1 < words.count, stateWordsAfter.contains(strings[i + 1]) { continue }
            if i > 0, stateWordsBefore.contains(strings[i - 1]) { continue }
            return true
        }
        if words.count > 1 {
            for i in 0..<(words.count - 1) where furnitureCompounds.contains(strings[i] + strings[i + 1]) { return true }
        }
        return false
    }

    @inline(__always)
    private static func isASCIILetterOrDigit(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A)
    }

    /// ``bemElement(_:)`` of an ASCII token: the last `__` (the one that starts last), a single `_`
    /// left once the `__`s before it are removed from left to right, and the first `--` after it.
    static func asciiBEMElement(_ token: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let underscore: UInt8 = 0x5F, hyphen: UInt8 = 0x2D
        var separator = -1
        var k = token.endIndex - 2
        while k >= token.startIndex {
            if token[k] == underscore && token[k + 1] == underscore { separator = k; break }
            k -= 1
        }
        guard separator >= 0 else { return token }
        // `before.replacingOccurrences(of: "__", with: "").contains("_")`
        var m = token.startIndex
        while m < separator {
            if token[m] == underscore {
                if m + 1 < separator && token[m + 1] == underscore { m += 2; continue }
                return token[token.startIndex..<separator]
            }
            m += 1
        }
        let element = token[(separator + 2)...]
        var modifier = -1
        var e = element.startIndex
        while e + 1 < element.endIndex {
            if element[e] == hyphen && element[e + 1] == hyphen { modifier = e; break }
            e += 1
        }
        guard modifier >= 0 else { return element.isEmpty ? token : element }
        let name = element[element.startIndex..<modifier]
        return name.isEmpty ? token : name
    }
}

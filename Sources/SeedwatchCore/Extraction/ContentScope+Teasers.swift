/// Teaser cards of other articles (``ContentScope``'s pass 0): news tickers and "More" lists beside
/// or inside the article, which readability's paragraph scoring would read as the article's text.
extension ContentScope {
    /// A teaser card (``isTeaser(_:)``) has at most this many visible characters…
    static let teaserMaximumCharacters: Int32 = 800
    /// …at least this many of them in links (the headline)…
    static let teaserMinimumLinkCharacters: Int32 = 10
    /// …and at least this many outside links (the excerpt).
    static let teaserMinimumExcerptCharacters: Int32 = 30
    /// What pass 0 reads of each node's visible text (dropped elements left out, furniture in).
    private struct Outline {
        var characters: Int32 = 0
        var linkCharacters: Int32 = 0
        /// 1 when its first visible text is inside a link, 0 when not, -1 when it has none.
        var firstTextInLink: Int8 = -1
        /// Its last text node with visible text, or -1.
        var lastText: Node = -1
    }

    /// Pass 0: the visible characters of every text node, and the teaser cards (``isTeaser(_:)``).
    mutating func markTeasers() {
        var outline = Array(repeating: Outline(), count: tree.nodeCount)
        enum Step { case enter(Node, inLink: Bool), leave(Node) }
        var stack: [Step] = [.enter(root, inLink: false)]
        while let step = stack.popLast() {
            switch step {
            case .enter(let node, let inLink):
                if tree.isText(node) {
                    let count = Int32(Self.visibleCharacters(tree.textBytes(node)))
                    visible[Int(node)] = count
                    if count > 0 {
                        outline[Int(node)] = Outline(characters: count, linkCharacters: inLink ? count : 0,
                                                     firstTextInLink: inLink ? 1 : 0, lastText: node)
                    }
                    continue
                }
                guard tree.isElement(node), !tree.info(node).isDropped else { continue }
                stack.append(.leave(node))
                let isLink = inLink || tree.info(node).isLink
                tree.pushChildrenReversed(of: node, onto: &stack) { .enter($0, inLink: isLink) }
            case .leave(let node):
                var o = Outline()
                var child = tree.firstChild(node)
                while child >= 0 {
                    let c = outline[Int(child)]
                    if c.lastText >= 0 {
                        o.characters += c.characters
                        o.linkCharacters += c.linkCharacters
                        if o.firstTextInLink < 0 { o.firstTextInLink = c.firstTextInLink }
                        o.lastText = c.lastText
                    }
                    child = tree.nextSibling(child)
                }
                outline[Int(node)] = o
                if isTeaser(o) { flags[Int(node)] |= Self.teaserFlag }
            }
        }
    }

    /// A teaser card of another article: a small element (``teaserMaximumCharacters``) that opens
    /// with a link (its headline or section, at least ``teaserMinimumLinkCharacters``) and ends
    /// with an excerpt cut short by an ellipsis (`…` or `...`, at least
    /// ``teaserMinimumExcerptCharacters`` outside links): "More" lists and news tickers beside the
    /// article. Its text scores nothing and is left out, unless it holds the article.
    private func isTeaser(_ o: Outline) -> Bool {
        o.firstTextInLink == 1 && o.characters <= Self.teaserMaximumCharacters
            && o.linkCharacters >= Self.teaserMinimumLinkCharacters
            && o.characters - o.linkCharacters >= Self.teaserMinimumExcerptCharacters
            && Self.endsWithEllipsis(tree.textBytes(o.lastText))
    }

    /// Whether UTF-8 text ends with `…` (U+2026) or `...`, spaces and no-break spaces after it aside.
    static func endsWithEllipsis(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var end = text.count
        while end > 0 {
            let b = text[end - 1]
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) { end -= 1; continue }
            if b == 0xA0, end >= 2, text[end - 2] == 0xC2 { end -= 2; continue }
            break
        }
        guard end >= 3 else { return false }
        let a = text[end - 3], b = text[end - 2], c = text[end - 1]
        return (a == 0xE2 && b == 0x80 && c == 0xA6) || (a == 0x2E && b == 0x2E && c == 0x2E)
    }
}

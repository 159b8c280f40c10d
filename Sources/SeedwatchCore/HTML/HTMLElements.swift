/// What each HTML element means for the text a reader sees: the one element table behind page
/// extraction (``HTMLTextWalker``, ``ContentScope``) and feed fragments (``HTMLText``, its scanner
/// and ``HTMLText/OpenBlocks``). Names are lower-case ASCII, as libxml2's HTML parser reports them.
///
/// Pages and feed titles drop ``neverText`` and ``embedded``; feed descriptions drop only
/// ``neverText``: fragments often leave an `iframe` or `object` unclosed, and libxml2 then nests
/// the text that follows inside it. Everyone ends a line at ``blocks`` and `br`, and puts a space
/// after ``cells``.
enum HTMLElements {
    /// Elements that end a line before and after their content: the block-level elements of HTML's
    /// rendering (§15.3: `display: block`, list items, tables and their rows, `hr`), and the
    /// sectioning elements libxml2 2.9's HTML 4 table does not know.
    static let blocks: Set<String> = [
        "html", "body", "address", "article", "aside", "blockquote", "center", "details", "div", "dl", "dd", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
        "hr", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "ul", "table", "caption",
        "thead", "tbody", "tfoot", "tr", "picture",
    ]

    /// Table cells: a cell's text is followed by a space, so the cells of one row read as one line.
    static let cells: Set<String> = ["td", "th"]

    /// Elements whose content is never text a reader sees: scripts, styles, templates, the document
    /// head and its title, and what shows only without scripts.
    static let hidden: Set<String> = ["script", "style", "noscript", "template", "head", "title"]

    /// Form controls and dialogs: labels of buttons and options, never prose.
    static let controls: Set<String> = ["button", "select", "textarea", "dialog"]

    /// What every reader drops with its content: ``hidden`` and ``controls``.
    static let neverText: Set<String> = hidden.union(controls)

    /// Embedded content (HTML §4.8) whose content is fallback or a nested document, never the
    /// article's text. `embed` is not here: HTML makes it void, and the text libxml2 2.9 nests
    /// inside an unclosed one is the text that follows it.
    static let embedded: Set<String> = [
        "applet", "object", "iframe", "frameset", "frame", "noframes", "noembed", "canvas", "audio", "video", "svg", "math",
    ]

    /// The elements libxml2 2.9's HTML table makes empty: they never hold content and are never open
    /// (`br` and `hr` also end a line).
    static let voids: Set<String> = [
        "br", "hr", "img", "input", "meta", "link", "area", "col", "param", "base", "basefont", "isindex",
    ]

    /// Page furniture dropped by ``ContentScope`` unless the article's paragraphs lie inside it:
    /// libxml2's HTML 4 parser does not know `nav`, `aside`, `header` and `footer`, cannot close
    /// them over an unclosed `div`, and then nests the rest of the page in them; ASP.NET pages wrap
    /// everything in one `form`.
    static let furniture: Set<String> = ["nav", "aside", "form", "header", "footer"]
}

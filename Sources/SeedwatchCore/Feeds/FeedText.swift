import Foundation

/// How element content becomes text, per element kind (CDATA and entities decoded exactly once).
enum FeedText {
    /// An RSS `title` (or `dc:title`): the XML text plus exactly one HTML-entity pass, whitespace
    /// collapsed; tags are kept as written. Markup written as child elements is reduced to its text.
    static func rssTitle(_ e: XMLElement) -> String {
        if e.hasElementChildren { return HTMLText.text(fromElement: e).collapsingWhitespace() }
        return HTMLEntities.decodeOnce(e.textContent).collapsingWhitespace()
    }

    /// An RSS `description` or `content:encoded`: HTML reduced to text (the HTML parse is the one entity pass).
    static func rssHTML(_ e: XMLElement) -> String {
        if let text = e.withLeafText({ HTMLText.text(fromHTMLBytes: $0) }) { return text }
        return HTMLText.text(fromElement: e)
    }

    /// An Atom text construct (RFC 4287 §3.1; Atom 0.3 `mode`/MIME `type`). `type="text"` gets no
    /// entity pass; `type="html"` is parsed as HTML once (that parse is the one entity pass)
    /// and reduced to text; `type="xhtml"` is the text of its `div`. Titles declared as HTML or XHTML
    /// are reduced to one line of text without the content of non-text elements (`script`, `applet`,
    /// `object`, `iframe`, …; see ``HTMLText/title(fromHTML:)``); a title of a binary MIME type is its
    /// decoded text as written, like `type="text"`.
    static func atomText(_ e: XMLElement, isTitle: Bool) -> String {
        if e.attribute("src") != nil && !isTitle { return "" }
        let type = (e.attribute("type") ?? "text").lowercased().trimmingWhitespace()
        let mode = e.attribute("mode")?.lowercased()
        var raw = e.textContent
        // RFC 4287 §4.1.3.3: a MIME type that is neither text/*, XML nor HTML means base64 content.
        let isBinaryType = type.contains("/") && !type.hasPrefix("text/") && !type.hasSuffix("/xml") && !type.hasSuffix("+xml")
        var isBinary = isBinaryType
        if mode == "base64" || (isBinaryType && mode == nil) {
            // Kept as written unless it decodes to UTF-8 text (a custom type may hold plain text).
            if let data = Data(base64Encoded: raw.filter { !$0.isWhitespace }),
               let decoded = String(validating: Array(data), as: UTF8.self) {
                raw = decoded
            } else {
                isBinary = false
            }
        }
        // Atom 0.3 `mode="escaped"` holds markup as escaped text, whatever its type: it is parsed as HTML.
        let isXHTML = ((type == "xhtml" || type.hasSuffix("xhtml+xml")) && mode != "escaped") || (mode == "xml" && e.hasElementChildren)
        let isHTML = type == "html" || type == "text/html"
        if isXHTML || (e.hasElementChildren && mode != "base64" && !isBinaryType) {
            if isTitle {
                // Undeclared markup written as elements is reduced to its text, as in RSS titles.
                let declaresMarkup = isXHTML || type.contains("html")
                return declaresMarkup ? HTMLText.title(fromElement: e) : HTMLText.text(fromElement: e).collapsingWhitespace()
            }
            return HTMLText.text(fromElement: e)
        }
        if isHTML || type.contains("html") {
            return isTitle ? HTMLText.title(fromHTML: raw) : HTMLText.text(fromHTML: raw)
        }
        if isBinary && !isTitle { return HTMLText.text(fromHTML: raw) }
        return isTitle ? raw.collapsingWhitespace() : HTMLText.lines(raw)
    }
}

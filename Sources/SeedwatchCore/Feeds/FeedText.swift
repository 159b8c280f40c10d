import Foundation

/// How element content becomes text, per element kind (case 04: CDATA and entities decoded exactly once).
enum FeedText {
    /// An RSS `title` (or `dc:title`): the XML text plus exactly one HTML-entity pass, whitespace
    /// collapsed; tags are kept as written. Markup written as child elements is reduced to its text.
    static func rssTitle(_ e: XMLElement) -> String {
        if e.hasElementChildren { return HTMLText.text(fromElement: e).collapsingWhitespace() }
        return HTMLEntities.decodeOnce(e.textContent).collapsingWhitespace()
    }

    /// An RSS `description` or `content:encoded`: HTML reduced to text (the HTML parse is the one entity pass).
    static func rssHTML(_ e: XMLElement) -> String {
        if e.hasElementChildren { return HTMLText.text(fromElement: e) }
        return HTMLText.text(fromHTML: e.textContent)
    }

    /// An Atom text construct (RFC 4287 §3.1; Atom 0.3 `mode`/MIME `type`). `type="text"` gets no
    /// entity pass; `type="html"` gets one (titles keep their tags, other constructs are reduced to
    /// text); `type="xhtml"` is the text of its `div`.
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
        let isXHTML = type == "xhtml" || type.hasSuffix("xhtml+xml") || (mode == "xml" && e.hasElementChildren)
        let isHTML = type == "html" || type == "text/html"
        if isXHTML || (e.hasElementChildren && mode != "base64" && !isBinaryType) {
            let text = HTMLText.text(fromElement: e)
            return isTitle ? text.collapsingWhitespace() : text
        }
        if isHTML || type.contains("html") || isBinary {
            return isTitle ? HTMLEntities.decodeOnce(raw).collapsingWhitespace() : HTMLText.text(fromHTML: raw)
        }
        return isTitle ? raw.collapsingWhitespace() : HTMLText.lines(raw)
    }
}

import Foundation

/// Writes a feed list as an OPML 2.0 subscription list (opml.org/spec2.opml): `<head>` with
/// `title` and `dateCreated` (an RFC 822 date-time, as the spec requires, in the RFC 1123 form
/// `Sun, 06 Dec 2026 13:45:00 GMT`), and one `<outline type="rss" text=… title=… xmlUrl=…/>` per
/// feed in `<body>`. Attribute values are XML-escaped (XML 1.0 §2.4, §3.3.3: `&`, `<`, `>`, `"`,
/// and tab, line feed, carriage return as character references so they survive attribute
/// normalisation).
public enum OPMLWriter {
    /// The document, UTF-8 text ending with a newline.
    /// - Parameters:
    ///   - feeds: the feeds in order; a feed without a title gets its URL as `text` (the spec
    ///     requires `text`).
    ///   - title: the list's title.
    ///   - created: `dateCreated`.
    public static func document(feeds: [OPMLFeed], title: String, created: Date) -> String {
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="2.0">
          <head>
            <title>\(escape(title))</title>
            <dateCreated>\(HTTPDate.format(created))</dateCreated>
          </head>
          <body>

        """
        for feed in feeds {
            let text = escape(feed.title ?? feed.url)
            var line = "    <outline type=\"rss\" text=\"\(text)\""
            if feed.title != nil { line += " title=\"\(text)\"" }
            line += " xmlUrl=\"\(escape(feed.url))\"/>\n"
            out += line
        }
        out += "  </body>\n</opml>\n"
        return out
    }

    /// `text` escaped for an attribute value or element text (``MarkupEscape``).
    public static func escape(_ text: String) -> String {
        MarkupEscape.escape(text, attributeWhitespace: true)
    }
}

import Foundation

/// The e-mail message of one alert (DESIGN §11 `{type: email}`): an RFC 5322 message with a MIME
/// `multipart/alternative` body (RFC 2046) of plain text and HTML, both UTF-8 in base64 (RFC 2045),
/// lines ending in CRLF. The subject names the level and the title (RFC 2047 encoded-word when not
/// ASCII); `Message-ID` is built from the alert `id`, so a resent alert is recognisably the same
/// message. The body gives the title, level, score, watch, published date, the source link, the
/// actors and topics, and the evidence quoted; every text in the HTML is escaped.
public enum AlertEmail {
    /// The message bytes for `entry`.
    /// - Parameters:
    ///   - story: the story of `entry` as far as it goes up to `entry` (its first alert and the
    ///     members after it, `entry` last), when `entry` joined an earlier alert's story: the
    ///     message then says so and threads under the first alert's message (`In-Reply-To`,
    ///     `References`, RFC 5322 §3.6.4).
    ///   - from: the `From:` address as configured.
    ///   - to: the `To:` addresses.
    ///   - date: the `Date:` header's instant.
    ///   - boundary: the MIME boundary (must not occur in base64 text: any string with `=` or `_` is safe).
    ///   - namingWatch: name the watch in the subject (``subject(_:namingWatch:)``): when more than one
    ///     watch is configured, so that one article alerting two watches makes two distinguishable messages.
    public static func message(_ entry: AlertLogEntry, story: StoryGroup? = nil, from: String, to: [String], date: Date,
                               boundary: String = "=_seedwatch_part", namingWatch: Bool = false) -> [UInt8] {
        let story = story.flatMap { $0.first.id == entry.id ? nil : $0 }
        var head = ["Message-ID: <\(entry.id).\(entry.watch)@seedwatch>"]
        if let story {
            head.append("In-Reply-To: <\(story.first.id).\(story.first.watch)@seedwatch>")
            head.append("References: <\(story.first.id).\(story.first.watch)@seedwatch>")
        }
        return mime(from: from, to: to, subject: subject(entry, namingWatch: namingWatch), date: date, extraHeaders: head,
                    text: plainText(entry, story: story), html: html(entry, story: story), boundary: boundary)
    }

    /// An RFC 5322 message with a `multipart/alternative` body of `text` and `html` (each UTF-8,
    /// base64), lines ending in CRLF.
    /// - Parameter extraHeaders: complete header lines (`Message-ID: <…>`), after `Date:`.
    public static func mime(from: String, to: [String], subject: String, date: Date, extraHeaders: [String],
                            text plain: String, html: String, boundary: String = "=_seedwatch_part") -> [UInt8] {
        var head: [String] = []
        head.append("From: \(from)")
        head.append("To: \(to.joined(separator: ", "))")
        head.append("Subject: \(encodedHeader(subject))")
        head.append("Date: \(rfc5322Date(date))")
        head += extraHeaders
        head.append("MIME-Version: 1.0")
        head.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
        var text = head.joined(separator: "\r\n") + "\r\n\r\n"
        for (type, body) in [("text/plain", plain), ("text/html", html)] {
            text += "--\(boundary)\r\nContent-Type: \(type); charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            text += base64Lines(Array(body.utf8)) + "\r\n"
        }
        text += "--\(boundary)--\r\n"
        return Array(text.utf8)
    }

    /// The story lines of an update (``StoryGroup``): "Story: update to “first title”, first
    /// alerted TIME" and "+N sources: host, …".
    static func storyLines(_ story: StoryGroup) -> [String] {
        ["Story: update to “\(story.first.title)”, first alerted \(AlertTimestamp.format(story.first.time))"]
            + (story.sourcesLine().map { [$0] } ?? [])
    }

    /// The subject: `[seedwatch] ALERT: <title>`, or `[seedwatch] [<watch>] ALERT: <title>` when
    /// `namingWatch` (several watches configured: tryout F14).
    public static func subject(_ entry: AlertLogEntry, namingWatch: Bool = false) -> String {
        "[seedwatch] \(namingWatch ? "[\(entry.watch)] " : "")\((entry.level?.rawValue ?? "none").uppercased()): \(entry.title)"
    }

    /// The link to the article: the source's `url`, else its feed, else its path.
    public static func link(_ entry: AlertLogEntry) -> String? {
        entry.source.url ?? entry.source.path ?? entry.source.feed
    }

    /// The plain-text part.
    public static func plainText(_ entry: AlertLogEntry, story: StoryGroup? = nil) -> String {
        var lines = [entry.title, ""]
        lines.append("\((entry.level?.rawValue ?? "none").uppercased())  score \(String(format: "%.2f", entry.score))  watch \(entry.watch)")
        if let published = entry.published { lines.append("Published: \(AlertTimestamp.format(published))") }
        if let link = link(entry) { lines.append("Source: \(link)") }
        if !entry.actors.isEmpty { lines.append("Actors: " + entry.actors.map(\.name).joined(separator: ", ")) }
        if !entry.topics.isEmpty { lines.append("Topics: " + entry.topics.map(\.name).joined(separator: ", ")) }
        if let story { lines += storyLines(story) }
        if !entry.evidence.isEmpty {
            lines.append("")
            lines.append("Evidence:")
            for sentence in entry.evidence { lines.append("> " + sentence) }
        }
        lines.append("")
        lines.append("Alert \(entry.id), decided \(AlertTimestamp.format(entry.time)).")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// The HTML part.
    public static func html(_ entry: AlertLogEntry, story: StoryGroup? = nil) -> String {
        let e = escape
        var s = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>\(e(subject(entry)))</title></head><body>"
        if let link = link(entry), link.hasPrefix("http://") || link.hasPrefix("https://") {
            s += "<h2><a href=\"\(e(link))\">\(e(entry.title))</a></h2>"
        } else {
            s += "<h2>\(e(entry.title))</h2>"
        }
        s += "<p><strong>\(e((entry.level?.rawValue ?? "none").uppercased()))</strong> score \(String(format: "%.2f", entry.score)) · watch \(e(entry.watch))</p><ul>"
        if let published = entry.published { s += "<li>Published: \(e(AlertTimestamp.format(published)))</li>" }
        if let link = link(entry) { s += "<li>Source: \(e(link))</li>" }
        if !entry.actors.isEmpty { s += "<li>Actors: \(e(entry.actors.map(\.name).joined(separator: ", ")))</li>" }
        if !entry.topics.isEmpty { s += "<li>Topics: \(e(entry.topics.map(\.name).joined(separator: ", ")))</li>" }
        for line in story.map(storyLines) ?? [] { s += "<li>\(e(line))</li>" }
        s += "</ul>"
        for sentence in entry.evidence { s += "<blockquote>\(e(sentence))</blockquote>" }
        s += "<p><small>Alert \(e(entry.id)), decided \(e(AlertTimestamp.format(entry.time))).</small></p></body></html>"
        return s
    }

    /// `text` with `&`, `<`, `>`, `"` and `'` as character references (``MarkupEscape``).
    public static func escape(_ text: String) -> String {
        MarkupEscape.escape(text, apostrophe: true)
    }

    /// A header value: as is when printable ASCII, else one RFC 2047 `=?utf-8?B?…?=` word per
    /// at most 45 bytes of whole characters, folded with CRLF and a space.
    public static func encodedHeader(_ value: String) -> String {
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return value }
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in value {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?utf-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?utf-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words.joined(separator: "\r\n ")
    }

    /// Base64 in lines of 76 characters joined by CRLF (RFC 2045 §6.8).
    static func base64Lines(_ bytes: [UInt8]) -> String {
        let text = Data(bytes).base64EncodedString()
        var lines: [Substring] = []
        var start = text.startIndex
        while start < text.endIndex {
            let end = text.index(start, offsetBy: 76, limitedBy: text.endIndex) ?? text.endIndex
            lines.append(text[start..<end])
            start = end
        }
        return lines.joined(separator: "\r\n")
    }

    /// An RFC 5322 §3.3 date in UTC: `Sun, 06 Dec 2026 09:30:00 +0000`.
    public static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}

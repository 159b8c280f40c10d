import Foundation

/// The message of an e-mail digest (`digest: hourly|daily`, issue 14): the ``Digest`` of the
/// alerts queued for the output, rendered by ``DigestRenderer`` (the renderer of
/// `seedwatch digest`) as the plain-text and HTML parts of one ``AlertEmail/mime(from:to:subject:date:extraHeaders:text:html:boundary:)``
/// message.
///
/// The subject names the schedule, the period in UTC and the counts:
/// `[seedwatch] daily digest 2026-12-05 07:00 - 2026-12-06 07:00 UTC: 3 alerts, 1 notice` (ASCII,
/// so a mail client shows it unencoded).
/// `Message-ID` is built from the output's name and the period's end, so a digest sent again
/// after a crash is recognisably the same message.
public enum DigestEmail {
    /// The subject line (before RFC 2047 encoding).
    /// - Parameter schedule: `hourly` or `daily`.
    public static func subject(_ digest: Digest, schedule: String) -> String {
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        var counts = [count(digest.alerts, "alert")]
        if digest.notices > 0 { counts.append(count(digest.notices, "notice")) }
        return "[seedwatch] \(schedule) digest \(minute(digest.since)) - \(minute(digest.until)) UTC: \(counts.joined(separator: ", "))"
    }

    /// `2026-12-06 07:00` in UTC.
    static func minute(_ date: Date) -> String {
        String(AlertTextFormatter.timestamp(date).prefix(16))
    }

    /// The `Message-ID` without angle brackets: `digest.<output>.<period end as 20261206T070000Z>@seedwatch`,
    /// the output's name with every character outside `A-Z a-z 0-9 - _` as `-` (RFC 5322 §3.6.4 dot-atom).
    public static func messageID(output: String, periodEnd: Date) -> String {
        let name = String(output.unicodeScalars.map { s -> Character in
            s.isASCII && (CharacterSet.alphanumerics.contains(s) || s == "-" || s == "_") ? Character(s) : "-"
        })
        let stamp = AlertTimestamp.format(periodEnd).filter { $0 != "-" && $0 != ":" }
        return "digest.\(name).\(stamp)@seedwatch"
    }

    /// The message bytes.
    /// - Parameters:
    ///   - output: the output's name (for the `Message-ID`).
    ///   - schedule: `hourly` or `daily`.
    ///   - date: the `Date:` header's instant.
    public static func message(_ digest: Digest, output: String, schedule: String, from: String, to: [String], date: Date) -> [UInt8] {
        AlertEmail.mime(from: from, to: to, subject: subject(digest, schedule: schedule), date: date,
                        extraHeaders: ["Message-ID: <\(messageID(output: output, periodEnd: digest.until))>"],
                        text: DigestRenderer.text(digest).replacingOccurrences(of: "\n", with: "\r\n"),
                        html: DigestRenderer.html(digest))
    }
}

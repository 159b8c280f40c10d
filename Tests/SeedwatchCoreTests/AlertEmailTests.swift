import Foundation
import SeedwatchCore
import Testing

@Suite("Alert e-mail message")
struct AlertEmailTests {
    static let entry = AlertLogEntry(
        id: "3f7c0a9d2e4b1c58", time: Date(timeIntervalSince1970: 1_795_000_000), watch: "china-russia-north-korea",
        level: .alert, score: 41.5,
        source: .init(type: "feed", feed: "https://news.example/rss.xml", url: "https://news.example/a?x=1&y=<2>"),
        title: "Putin & Kim sign “pact”", published: Date(timeIntervalSince1970: 1_718_755_200),
        actors: [.init(id: "vladimir_putin", name: "Vladimir Putin", mentions: 7)],
        topics: [.init(id: "russia_nk_alliance", name: "Russia–North Korea alliance", score: 12)],
        evidence: ["Putin and Kim signed a <mutual> defence pact."])

    @Test func plainTextQuotesTheEvidenceAndLinksTheSource() {
        #expect(AlertEmail.plainText(Self.entry) == [
            "Putin & Kim sign “pact”", "",
            "ALERT  score 41.50  watch china-russia-north-korea",
            "Published: 2024-06-19T00:00:00Z",
            "Source: https://news.example/a?x=1&y=<2>",
            "Actors: Vladimir Putin",
            "Topics: Russia–North Korea alliance", "",
            "Evidence:",
            "> Putin and Kim signed a <mutual> defence pact.", "",
            "Alert 3f7c0a9d2e4b1c58, decided 2026-11-18T11:06:40Z.",
        ].joined(separator: "\r\n") + "\r\n")
    }

    @Test func htmlEscapesEveryText() {
        let html = AlertEmail.html(Self.entry)
        #expect(html.contains("<h2><a href=\"https://news.example/a?x=1&amp;y=&lt;2&gt;\">Putin &amp; Kim sign “pact”</a></h2>"))
        #expect(html.contains("<blockquote>Putin and Kim signed a &lt;mutual&gt; defence pact.</blockquote>"))
        #expect(!html.contains("<mutual>"))
    }

    @Test func subjectIsEncodedWhenNotASCII() {
        #expect(AlertEmail.subject(Self.entry) == "[seedwatch] ALERT: Putin & Kim sign “pact”")
        // With several watches configured the subject names the alert's watch (tryout F14).
        #expect(AlertEmail.subject(Self.entry, namingWatch: true) == "[seedwatch] [china-russia-north-korea] ALERT: Putin & Kim sign “pact”")
        let message = String(decoding: AlertEmail.message(Self.entry, from: "a@x", to: ["b@x"], date: Date(timeIntervalSince1970: 0),
                                                         namingWatch: true), as: UTF8.self)
        #expect(message.contains("Subject: " + AlertEmail.encodedHeader("[seedwatch] [china-russia-north-korea] ALERT: Putin & Kim sign “pact”")))
        #expect(AlertEmail.encodedHeader("[seedwatch] ALERT: Putin & Kim sign “pact”")
            == "=?utf-8?B?W3NlZWR3YXRjaF0gQUxFUlQ6IFB1dGluICYgS2ltIHNpZ24g4oCccGFjdA==?=\r\n =?utf-8?B?4oCd?=")
        #expect(AlertEmail.encodedHeader("plain ASCII") == "plain ASCII")
    }

    @Test func messageHasHeadersAndTwoBase64Parts() {
        let text = String(decoding: AlertEmail.message(Self.entry, from: "seedwatch@example.org", to: ["a@example.org", "b@example.org"],
                                                       date: Date(timeIntervalSince1970: 1_795_000_000)), as: UTF8.self)
        let head = text.components(separatedBy: "\r\n\r\n")[0]
        #expect(head == """
            From: seedwatch@example.org\r
            To: a@example.org, b@example.org\r
            Subject: =?utf-8?B?W3NlZWR3YXRjaF0gQUxFUlQ6IFB1dGluICYgS2ltIHNpZ24g4oCccGFjdA==?=\r
             =?utf-8?B?4oCd?=\r
            Date: Wed, 18 Nov 2026 11:06:40 +0000\r
            Message-ID: <3f7c0a9d2e4b1c58.china-russia-north-korea@seedwatch>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/alternative; boundary="=_seedwatch_part"
            """)
        #expect(text.components(separatedBy: "Content-Transfer-Encoding: base64").count == 3)
        #expect(text.hasSuffix("--=_seedwatch_part--\r\n"))
        #expect(!text.split(separator: "\r\n").contains { $0.utf8.count > 998 })
    }

    /// An alert that joined an earlier alert's story says so, names the sources that carried the
    /// story (the grouping of `seedwatch alerts`) and threads under the story's first message.
    @Test func anUpdateOfAStoryNamesItAndThreadsUnderItsFirstMessage() {
        var first = Self.entry
        first.story = first.id
        var copy = Self.entry
        copy.id = "00000000000000b2"
        copy.source = .init(type: "feed", feed: "https://www.yna.co.kr/rss.xml", url: "https://www.yna.co.kr/view/1")
        copy.story = first.id
        copy.isRepeat = true
        var update = Self.entry
        update.id = "00000000000000c3"
        update.title = "Putin and Kim add a clause on Ukraine"
        update.source = .init(type: "feed", feed: "https://nknews.org/feed", url: "https://nknews.org/2026/pact")
        update.story = first.id
        let story = StoryGroup(first: first, members: [copy, update])
        let text = AlertEmail.plainText(update, story: story)
        #expect(text.contains("\r\nTopics: Russia–North Korea alliance\r\n"
            + "Story: update to “Putin & Kim sign “pact””, first alerted 2026-11-18T11:06:40Z\r\n"
            + "+2 sources: yna.co.kr, nknews.org\r\n\r\nEvidence:"))
        #expect(AlertEmail.html(update, story: story).contains(
            "<li>Story: update to “Putin &amp; Kim sign “pact””, first alerted 2026-11-18T11:06:40Z</li><li>+2 sources: yna.co.kr, nknews.org</li></ul>"))
        let message = String(decoding: AlertEmail.message(update, story: story, from: "s@example.org", to: ["a@example.org"],
                                                          date: Date(timeIntervalSince1970: 1_795_000_000)), as: UTF8.self)
        #expect(message.contains("\r\nMessage-ID: <00000000000000c3.china-russia-north-korea@seedwatch>\r\n"
            + "In-Reply-To: <3f7c0a9d2e4b1c58.china-russia-north-korea@seedwatch>\r\n"
            + "References: <3f7c0a9d2e4b1c58.china-russia-north-korea@seedwatch>\r\nMIME-Version: 1.0\r\n"))
        // The story's first alert itself has no story lines and no thread headers.
        let own = String(decoding: AlertEmail.message(first, story: StoryGroup(first: first), from: "s@example.org", to: ["a@example.org"],
                                                      date: Date(timeIntervalSince1970: 1_795_000_000)), as: UTF8.self)
        #expect(!own.contains("In-Reply-To:") && !AlertEmail.plainText(first).contains("Story:"))
    }
}

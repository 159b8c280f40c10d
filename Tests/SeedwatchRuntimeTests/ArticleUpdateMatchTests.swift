import Foundation
import GRDB
import SeedwatchCore
import SeedwatchRuntime
import Testing

@Suite("Title similarity and update matching (edits of a seen article)")
struct ArticleUpdateMatchTests {
    @Test("comparable titles: folded, lower-cased, punctuation runs as one space")
    func comparableForm() {
        #expect(String(String.UnicodeScalarView(TitleSimilarity.comparable("  Kim Jong-un — visits BEIJING!! "))) == "kim jong un visits beijing")
        #expect(String(String.UnicodeScalarView(TitleSimilarity.comparable("Kim’s 2nd trip: Pyongyang→Beijing"))) == "kim s 2nd trip pyongyang beijing")
        #expect(TitleSimilarity.comparable("…").isEmpty)
    }

    @Test("Dice coefficient of character bigrams, exact values")
    func exactScores() {
        // 24 and 25 bigrams, 23 shared: 46/49.
        #expect(TitleSimilarity.score("Kim Jong Un vists Beijing", "Kim Jong Un visits Beijing") == 46.0 / 49.0)
        // A different city: 36/49 = 0.7347, below the threshold.
        #expect(TitleSimilarity.score("Kim Jong Un visits Beijing", "Kim Jong Un visits Moscow") == 36.0 / 49.0)
        // An appended clause: 25/31 = 0.8065.
        #expect(TitleSimilarity.score("Kim Jong Un visits Beijing", "Kim Jong Un visits Beijing, meets Putin") == 25.0 / 31.0)
        #expect(TitleSimilarity.score("Kim Jong Un visits Beijing", "Xi Jinping and Putin hold talks in Moscow") == 14.0 / 65.0)
        // Case, hyphens and punctuation do not count.
        #expect(TitleSimilarity.score("Kim Jong Un visits Beijing", "Kim Jong-un visits BEIJING!") == 1.0)
        // Symmetric; repeated bigrams count as often as they occur in both ("aa aa": aa, a␠, ␠a, aa).
        #expect(TitleSimilarity.score("aa aa", "aa") == 2.0 / 5.0)
        #expect(TitleSimilarity.score("aa", "aa aa") == 2.0 / 5.0)
        // Fewer than two characters: equal or not.
        #expect(TitleSimilarity.score("A", "a") == 1.0)
        #expect(TitleSimilarity.score("A", "b") == 0.0)
        #expect(TitleSimilarity.score("", "") == 1.0)
        #expect(TitleSimilarity.score("", "Kim") == 0.0)
        #expect(TitleSimilarity.updateThreshold == 0.8)
        #expect(TitleSimilarity.isUpdate("Kim Jong Un vists Beijing", "Kim Jong Un visits Beijing"))
        #expect(!TitleSimilarity.isUpdate("Kim Jong Un visits Beijing", "Kim Jong Un visits Moscow"))
    }

    @Test("description hash: normalised and case-folded; empty never matches")
    func descriptionHash() {
        let a = ArticleUpdateMatch.descriptionHash("The North Korean leader arrived by train on Saturday.")
        #expect(a == ArticleUpdateMatch.descriptionHash("  The north korean leader\narrived by train on Saturday. "))
        #expect(a?.count == 64)
        #expect(a != ArticleUpdateMatch.descriptionHash("The North Korean leader arrived by plane on Saturday."))
        #expect(ArticleUpdateMatch.descriptionHash("") == nil)
        // Boilerplate never identifies an article: fewer than six words give no hash.
        #expect(ArticleUpdateMatch.descriptionHash("Read more") == nil)
        #expect(ArticleUpdateMatch.descriptionHash("Continue reading on our website…") == nil)
        #expect(ArticleUpdateMatch.descriptionHash("Continue reading this story on our website") != nil)
        #expect(ArticleUpdateMatch.descriptionHash(" \n\u{00A0}\u{200B}") == nil)
    }

    static let date = Date(timeIntervalSince1970: 1_796_018_400)  // 2026-11-28T06:00:00Z
    static let stored = [
        ArticleUpdateMatch.StoredVersion(articleKey: "k1", originalKey: "k1", title: "Kim Jong Un visits Beijing",
                                         published: date, descriptionHash: "h1"),
        ArticleUpdateMatch.StoredVersion(articleKey: "k2", originalKey: "k2", title: "Typhoon nears Okinawa",
                                         published: date, descriptionHash: "boiler"),
        ArticleUpdateMatch.StoredVersion(articleKey: "k3", originalKey: "k3", title: "Markets close higher",
                                         published: date.addingTimeInterval(60), descriptionHash: "boiler"),
    ]

    @Test("feed items: description hash, or same date and similar title; guards")
    func feedItemRule() {
        let m = ArticleUpdateMatch.self
        // Same description, even with another title and date.
        #expect(m.feedItemOriginal(title: "Something else", published: nil, descriptionHash: "h1", stored: Self.stored) == "k1")
        // Same date and a similar title.
        #expect(m.feedItemOriginal(title: "Kim Jong Un vists Beijing", published: Self.date, descriptionHash: "x", stored: Self.stored) == "k1")
        // A correction that also moved the date (within 48 h) with a title scoring ≥ 0.9 and the same numbers.
        #expect(m.feedItemOriginal(title: "Kim Jong Un vists Beijing", published: Self.date.addingTimeInterval(3 * 3600),
                                   descriptionHash: "x", stored: Self.stored) == "k1")
        // Moved by more than 48 h: new.
        #expect(m.feedItemOriginal(title: "Kim Jong Un vists Beijing", published: Self.date.addingTimeInterval(49 * 3600),
                                   descriptionHash: "x", stored: Self.stored) == nil)
        // Moved date and a title between 0.8 and 0.9: new (the same date would have taken 0.8).
        let looser = "Kim Jong Un visits Beijing by train"
        let score = TitleSimilarity.score(looser, "Kim Jong Un visits Beijing")
        #expect(score >= 0.8 && score < 0.9, "\(score)")
        #expect(m.feedItemOriginal(title: looser, published: Self.date.addingTimeInterval(3600), descriptionHash: "x", stored: Self.stored) == nil)
        #expect(m.feedItemOriginal(title: looser, published: Self.date, descriptionHash: "x", stored: Self.stored) == "k1")
        // A daily item whose number changed is another item, however similar the title.
        let digest = [ArticleUpdateMatch.StoredVersion(articleKey: "d1", originalKey: "d1", title: "Korea morning brief 28 November 2026",
                                                       published: Self.date, descriptionHash: nil)]
        #expect(TitleSimilarity.score("Korea morning brief 29 November 2026", "Korea morning brief 28 November 2026") >= 0.9)
        #expect(m.feedItemOriginal(title: "Korea morning brief 29 November 2026", published: Self.date.addingTimeInterval(86400),
                                   descriptionHash: nil, stored: digest) == nil)
        // Same date, dissimilar title: new.
        #expect(m.feedItemOriginal(title: "Kim Jong Un visits Moscow", published: Self.date, descriptionHash: nil, stored: Self.stored) == nil)
        // A description two stored originals share identifies neither.
        #expect(m.feedItemOriginal(title: "Other", published: nil, descriptionHash: "boiler", stored: Self.stored) == nil)
        // A description another item of the same document has identifies nothing.
        #expect(m.feedItemOriginal(title: "Other", published: nil, descriptionHash: "h1", descriptionShared: true, stored: Self.stored) == nil)
        // An original still in the document is another item, not an earlier version.
        #expect(m.feedItemOriginal(title: "Kim Jong Un vists Beijing", published: Self.date, descriptionHash: "h1",
                                   stored: Self.stored, present: ["k1"]) == nil)
        // A later version resolves to its original.
        let linked = Self.stored + [.init(articleKey: "k9", originalKey: "k1", title: "Kim Jong Un visits Beijing, meets Putin",
                                          published: Self.date, descriptionHash: "h9")]
        #expect(m.feedItemOriginal(title: "x", published: nil, descriptionHash: "h9", stored: linked) == "k1")
    }

    @Test("files: the most similar title at the same path, with the same numbers")
    func fileRule() {
        let m = ArticleUpdateMatch.self
        #expect(m.fileOriginal(title: "Kim Jong Un vists Beijing", stored: Self.stored) == "k1")
        #expect(m.fileOriginal(title: "Putin arrives in Pyongyang", stored: Self.stored) == nil)
        #expect(m.fileOriginal(title: "Kim Jong Un visits Beijing", stored: []) == nil)
        // A brief rewritten daily at one path is a new article each day; a typo fix is an edit.
        let brief = [ArticleUpdateMatch.StoredVersion(articleKey: "b7", originalKey: "b7", title: "North Korea daily brief: 7 December",
                                                      published: nil, descriptionHash: nil)]
        #expect(TitleSimilarity.score("North Korea daily brief: 8 December", "North Korea daily brief: 7 December") >= 0.9)
        #expect(m.fileOriginal(title: "North Korea daily brief: 8 December", stored: brief) == nil)
        #expect(m.fileOriginal(title: "North Korea daily brief: 7 Decmber", stored: brief) == "b7")
    }

    @Test("feed items dated without a time of day: the same day and a similar title is not enough, the same title is")
    func dateOnlyItems() {
        let m = ArticleUpdateMatch.self
        let midnight = Date(timeIntervalSince1970: 1_796_601_600)  // 2026-12-07T00:00:00Z
        let stored = [ArticleUpdateMatch.StoredVersion(articleKey: "a", originalKey: "a",
                                                       title: "North Korea fires ballistic missile into sea, Japan says",
                                                       published: midnight, descriptionHash: "ha")]
        let another = "North Korea fires another ballistic missile into sea, Japan says"
        #expect(TitleSimilarity.score(another, stored[0].title) >= 0.9)
        #expect(m.feedItemOriginal(title: another, published: midnight, descriptionHash: "hb", stored: stored) == nil)
        #expect(m.feedItemOriginal(title: another, published: midnight.addingTimeInterval(86_400), descriptionHash: "hb", stored: stored) == nil)
        #expect(m.feedItemOriginal(title: "North Korea fires ballistic missile into sea - Japan says", published: midnight,
                                   descriptionHash: "hb", stored: stored) == "a")
        // With a time of day the same instant and a similar title still make an edit.
        let timed = [ArticleUpdateMatch.StoredVersion(articleKey: "t", originalKey: "t", title: stored[0].title,
                                                      published: midnight.addingTimeInterval(5400), descriptionHash: "ht")]
        #expect(m.feedItemOriginal(title: another, published: midnight.addingTimeInterval(5400), descriptionHash: "hb", stored: timed) == "t")
    }

    @Test("a description that shares no word of four letters with its title is a tagline and identifies nothing")
    func taglineDescriptions() {
        let m = ArticleUpdateMatch.self
        let tagline = "Get the latest breaking news and analysis from our world desk, updated around the clock."
        #expect(m.identifyingDescriptionHash(title: "North Korea fires ballistic missile towards Sea of Japan", summary: tagline, content: "") == nil)
        #expect(m.descriptionHash(tagline) != nil)
        let teaser = "The North Korean leader arrived by train on Saturday for talks."
        #expect(m.identifyingDescriptionHash(title: "Kim Jong Un in Vladivostok: leader arrives by train", summary: teaser, content: "")
                == m.descriptionHash(teaser))
        // The content stands in for an empty summary; a title without a long word is not tested.
        #expect(m.identifyingDescriptionHash(title: "Kim on TV", summary: "", content: teaser) == m.descriptionHash(teaser))
        // Titles in a script without spaces are not tested.
        #expect(m.identifyingDescriptionHash(title: "金正恩访问北京", summary: tagline, content: "") == m.descriptionHash(tagline))
    }

    @Test("a v2 database migrates to v3; its seen articles stay seen and new decisions record versions")
    func migratesVersion2Database() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("state.sqlite")
        let key = ArticleIdentity.feedKey(feedURL: "https://news.example.com/rss", itemKey: "a")
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in
                try db.execute(sql: """
                    CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                    INSERT INTO grdb_migrations VALUES ('v1-state'), ('v2-feed-last-success');
                    CREATE TABLE seen_article (article_key BLOB NOT NULL, watch TEXT NOT NULL, first_seen REAL NOT NULL,
                        last_seen REAL NOT NULL, content_hash TEXT NOT NULL, alert_id TEXT,
                        PRIMARY KEY (article_key, watch)) WITHOUT ROWID;
                    CREATE INDEX seen_article_last_seen ON seen_article(last_seen);
                    CREATE TABLE feed_state (url TEXT PRIMARY KEY NOT NULL, current_url TEXT, etag TEXT, last_modified TEXT,
                        next_poll REAL, consecutive_failures INTEGER NOT NULL DEFAULT 0, last_error TEXT, last_status INTEGER,
                        last_fetch REAL, disabled INTEGER NOT NULL DEFAULT 0, last_success REAL);
                    CREATE TABLE processed_file (device INTEGER NOT NULL, inode INTEGER NOT NULL, path BLOB NOT NULL,
                        size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, content_hash TEXT NOT NULL, processed_at REAL NOT NULL,
                        PRIMARY KEY (device, inode));
                    CREATE TABLE outbox (alert_id TEXT PRIMARY KEY NOT NULL, watch TEXT NOT NULL, article_key BLOB NOT NULL,
                        line BLOB NOT NULL, state TEXT NOT NULL CHECK (state IN ('pending', 'written')),
                        created_at REAL NOT NULL, written_at REAL);
                    """)
                try db.execute(sql: "INSERT INTO seen_article VALUES (?, 'w', 1, 1, 'c', 'abcdef0123456789')",
                               arguments: [Data(key.utf8)])
            }
            try queue.close()
        }
        let store = try StateStore(path: path)
        #expect(try store.appliedMigrations() == ["v1-state", "v2-feed-last-success", "v3-article-versions",
                                                 "v4-item-keys-without-tracking", "v4-feed-last-full-fetch",
                                                 "v5-history-and-daemon-status", "v6-output-deliveries",
                                                 "v7-story-members", "v8-output-digests", "v9-story-lead",
                                                 "v10-story-undated", "v11-story-compact", "v12-story-summary",
                                                 "v13-story-span", "v14-feed-state-current-url", "v15-article-version-text", "v16-feed-identity-notes"])
        #expect(try store.isSeen(articleKey: key, watch: "w"))
        #expect(try store.seenDecision(articleKey: key, watch: "w") == SeenDecision(alertID: "abcdef0123456789", alertedActorIDs: nil))
        #expect(try store.articleVersion(articleKey: key) == nil)
        let version = ArticleVersion(scope: ArticleVersion.feedScope(feedURL: "https://news.example.com/rss"), title: "T",
                                     link: "https://news.example.com/b", published: Self.date, descriptionHash: "h")
        let key2 = ArticleIdentity.feedKey(feedURL: "https://news.example.com/rss", itemKey: "b")
        #expect(try store.commitDecision(articleKey: key2, watch: "w", contentHash: "c2", alertID: nil, alertLine: nil,
                                         version: version, alertedActorIDs: []))
        #expect(try store.articleVersion(articleKey: key2)?.originalKey == key2)
        #expect(try store.seenDecision(articleKey: key2, watch: "w") == SeenDecision(alertID: nil, alertedActorIDs: []))
        #expect(try store.storedVersions(scope: version.scope, published: Self.date, descriptionHash: nil).map(\.articleKey) == [key2])
        try store.close()
    }
}

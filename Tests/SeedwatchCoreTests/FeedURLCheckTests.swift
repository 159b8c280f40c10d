import SeedwatchCore
import Testing

/// One rule for feed and webhook URLs: `seedwatch feeds add URL`, `feeds import` and the
/// configuration (`feeds[].url`, webhook `url`) refuse the same URLs, saying what is wrong.
@Suite("Feed URL check")
struct FeedURLCheckTests {
    @Test func whatIsWrongWithAFeedURL() {
        #expect(FeedURLCheck.problem("not a url") == "it has no scheme: a feed URL starts with http:// or https://")
        #expect(FeedURLCheck.problem("www.nknews.org/feed/") == "it has no scheme: a feed URL starts with http:// or https://")
        #expect(FeedURLCheck.problem("ftp://example.org/feed.xml") == "its scheme is 'ftp:'; a feed URL starts with http:// or https://")
        #expect(FeedURLCheck.problem("https://example.org/my feed.xml") == "it holds a space or a control character (write a space as %20)")
        #expect(FeedURLCheck.problem("https:///feed.xml") == "it has no host: a feed URL is http://HOST/PATH or https://HOST/PATH")
        #expect(FeedURLCheck.problem("http:feed.xml") == "it has no host: a feed URL is http://HOST/PATH or https://HOST/PATH")
        #expect(FeedURLCheck.problem("  ") == "it is empty")
    }

    @Test func feedURLsTheConfigurationAccepts() {
        for url in ["https://www.nknews.org/feed/", "HTTP://Example.org:8080/rss?x=1#top", "http://127.0.0.1:9/f.xml"] {
            #expect(FeedURLCheck.problem(url) == nil, "\(url)")
        }
    }

    static let head = """
        watches: [seeds/w]
        drop_folder: {path: drop}
        alerts: {log: log/alerts.jsonl}
        state: {path: state.sqlite}

        """

    /// The configuration's error for `body` appended to a minimal file, or "accepted".
    static func configurationError(_ body: String) -> String {
        do {
            _ = try ConfigurationReader.parse(head + body, file: "/etc/seedwatch/seedwatch.yaml")
            return "accepted"
        } catch {
            return "\(error)"
        }
    }

    /// A URL with a space, in a configuration written before the rule was shared (the configuration
    /// took it; libcurl then refused it at every poll): refused at start-up, naming file, line, key and URL.
    @Test func theConfigurationRefusesWhatFeedsAddRefuses() {
        #expect(Self.configurationError("feeds:\n  - url: https://example.org/world.xml\n  - url: https://example.org/my feed.xml\n")
            == "/etc/seedwatch/seedwatch.yaml:7: feeds[1].url: feed url 'https://example.org/my feed.xml' is refused: "
            + "it holds a space or a control character (write a space as %20)")
        #expect(Self.configurationError("feeds:\n  - url: \"https://example.org/a\\tb.xml\"\n")
            == "/etc/seedwatch/seedwatch.yaml:6: feeds[0].url: feed url 'https://example.org/a\tb.xml' is refused: "
            + "it holds a space or a control character (write a space as %20)")
        #expect(Self.configurationError("feeds:\n  - url: www.nknews.org/feed/\n")
            == "/etc/seedwatch/seedwatch.yaml:6: feeds[0].url: feed url 'www.nknews.org/feed/' is refused: "
            + "it has no scheme: a feed URL starts with http:// or https://")
        #expect(Self.configurationError("feeds:\n  - url: \"https:///feed.xml\"\n")
            == "/etc/seedwatch/seedwatch.yaml:6: feeds[0].url: feed url 'https:///feed.xml' is refused: "
            + "it has no host: a feed URL is http://HOST/PATH or https://HOST/PATH")
        #expect(Self.configurationError("outputs:\n  - {type: webhook, url: \"http://hooks.example/in box\"}\n")
            == "/etc/seedwatch/seedwatch.yaml:6: outputs[0].url: webhook url 'http://hooks.example/in box' is refused: "
            + "it holds a space or a control character (write a space as %20)")
        #expect(Self.configurationError("feeds:\n  - url: https://example.org/my%20feed.xml\n") == "accepted")
        #expect(Self.configurationError("outputs:\n  - {type: webhook, url: \"HTTP://Hooks.example:8080/in?x=1\"}\n") == "accepted")
    }

    @Test func anImportSkipsWhatTheConfigurationRefuses() {
        let plan = FeedImportPlan(imported: [OPMLFeed(url: "https://example.org/my feed.xml", title: nil),
                                             OPMLFeed(url: "https://example.org/ok.xml", title: nil)], configured: [])
        #expect(plan.invalid == [.init(url: "https://example.org/my feed.xml", reason: "it holds a space or a control character (write a space as %20)")])
        #expect(plan.added.map(\.url) == ["https://example.org/ok.xml"])
    }
}

import Foundation
import Logging
import SeedwatchCore
import SeedwatchRuntime
import SeedwatchTesting
import Testing

/// `full_text: true` pages that are consent walls or paywalls (reported against morss and
/// NetNewsWire): such a page replaced the item's summary, and an item that its summary made an
/// alert got no level at all.
@Suite("full_text: consent walls and paywalls keep the summary, through the FeedPoller over loopback")
struct FeedFullTextWallTests {
    static let summary = "Russia and North Korea signed a mutual defence treaty in Pyongyang on Wednesday."

    static func rss(_ base: String) -> String {
        """
        <rss version="2.0"><channel><title>Desk</title>
        <item><guid>w-1</guid><title>Putin visits Pyongyang</title><link>\(base)/consent?continue=/world/w-1</link>
         <description>\(summary)</description></item>
        <item><guid>w-2</guid><title>Kim Jong Un meets Xi Jinping in Beijing</title><link>\(base)/world/w-2</link>
         <description>Kim Jong Un met Xi Jinping.</description></item>
        <item><guid>w-3</guid><title>Xi Jinping hosts Putin</title><link>\(base)/world/w-3</link>
         <description>\(summary)</description></item>
        </channel></rss>
        """
    }

    static let consentPage = """
        <html><head><title>Before you continue</title></head><body><h1>Before you continue</h1>
        <p>We use cookies and data to deliver and maintain our services. If you choose to Accept all, we will also use
        cookies for advertising. Select Reject all to decline. Manage preferences or sign in.</p>
        <button>Reject all</button><button>Accept all</button></body></html>
        """

    static let articlePage = """
        <html><head><title>Kim Jong Un meets Xi Jinping in Beijing - Desk</title></head><body><article>
        <h1>Kim Jong Un meets Xi Jinping in Beijing</h1>
        <p>Kim Jong Un met Xi Jinping in Beijing on Tuesday, state media said.</p>
        <p>China is North Korea's main trading partner and has resisted new sanctions at the United Nations.</p>
        <p>The two leaders discussed sanctions relief and closer economic ties, according to Pyongyang's KCNA.</p>
        </article></body></html>
        """

    /// A subscriber-only teaser: a short page of paywall phrases.
    static let paywallPage = """
        <html><head><title>Subscribe</title></head><body><article><h1>Subscribe to read</h1>
        <p>This article is for subscribers only.</p></article></body></html>
        """

    static func evidence(_ alert: [String: Any]) -> [String] {
        ((alert["evidence"] as? [[String: Any]]) ?? []).compactMap { $0["text"] as? String }
    }

    @Test("a consent page and a paywall teaser are not used (debug line says why); a real page is matched with the summary")
    func consentWallKeepsSummary() async throws {
        let routes = FeedRoutes()
        let server = try routes.server()
        defer { server.stop() }
        routes.set("/feed.xml") { _, _ in
            LoopbackHTTPReply(status: 200, headers: [("Content-Type", "application/rss+xml")], body: .bytes(Array(Self.rss(server.baseURL).utf8)))
        }
        let html = [("Content-Type", "text/html; charset=utf-8")]
        routes.set("/consent?continue=/world/w-1") { _, _ in LoopbackHTTPReply(status: 200, headers: html, body: .bytes(Array(Self.consentPage.utf8))) }
        routes.set("/world/w-2") { _, _ in LoopbackHTTPReply(status: 200, headers: html, body: .bytes(Array(Self.articlePage.utf8))) }
        routes.set("/world/w-3") { _, _ in LoopbackHTTPReply(status: 200, headers: html, body: .bytes(Array(Self.paywallPage.utf8))) }
        let fetcher = CurlFetcher()
        defer { fetcher.shutdown() }
        let fixture = try FeedPollerFixture(watches: [PipelineTestModel.watch()])
        defer { fixture.folder.remove() }
        var feed = feedConfig(server.baseURL + "/feed.xml")
        feed.fullText = true
        let report = await fixture.poller([feed], fetcher: fetcher).poll(feed)
        #expect(report.alerts.map(\.title) == ["Putin visits Pyongyang", "Kim Jong Un meets Xi Jinping in Beijing", "Xi Jinping hosts Putin"])

        let alerts = fixture.alertObjects()
        #expect(alerts.count == 3)
        #expect(Self.evidence(alerts[0]).contains(Self.summary))
        #expect(Self.evidence(alerts[2]).contains(Self.summary))
        #expect(Self.evidence(alerts[1]).contains("China is North Korea's main trading partner and has resisted new sanctions at the United Nations."))
        #expect(!alerts.flatMap(Self.evidence).contains { $0.contains("cookies") || $0.contains("subscribers") })

        let skipped = fixture.recorder.lines(.debug, "full text not used; matching the summary")
        #expect(skipped.map { $0.metadata["link"] ?? "" } == [server.baseURL + "/consent?continue=/world/w-1", server.baseURL + "/world/w-3"])
        #expect(skipped.map { $0.metadata["reason"] ?? "" } == [
            "the page looks like a consent or login page (path /consent)",
            "the page looks like a consent or login page (\"subscribe to read\", \"subscribers only\")",
        ])
        // `seedwatch why LINK` reads the same reason from the history.
        let consentHistory = try fixture.store.events(subject: Array((server.baseURL + "/consent?continue=/world/w-1").utf8))
        #expect(consentHistory.filter { $0.kind == .fullTextNotUsed }.map(\.detail) == [
            "not used, the summary is matched: the page looks like a consent or login page (path /consent)"])
        let realPageHistory = try fixture.store.events(subject: Array((server.baseURL + "/world/w-2").utf8))
        #expect(realPageHistory.filter { $0.kind == .fullTextNotUsed }.isEmpty)
    }
}

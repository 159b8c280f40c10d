import Foundation
import SeedwatchCore
import SeedwatchRuntime
import SeedwatchTesting
import Testing

/// ``CurlFetcher`` against a loopback server: conditional GET, redirects, content coding, caps, time limits.
@Suite("CurlFetcher over loopback")
struct FeedFetcherTests {
    @Test("sends the exact conditional GET headers and reads 304")
    func conditionalGet() async throws {
        let routes = FeedRoutes()
        let body = Array("<rss version=\"2.0\"><channel><title>T</title></channel></rss>".utf8)
        routes.set("/feed") { request, _ in
            FeedRoutes.conditional(request, body: body, etag: "\"v1\"", lastModified: "Wed, 19 Aug 2026 14:33:00 GMT")
        }
        let server = try routes.server()
        defer { server.stop() }
        let fetcher = CurlFetcher(concurrency: 4)
        defer { fetcher.shutdown() }

        let first = await fetcher.fetch(FeedRequest(url: server.baseURL + "/feed"))
        #expect(first.error == nil)
        #expect(first.status == 200)
        #expect(first.body == body)
        #expect(first.etag == "\"v1\"")
        #expect(first.lastModified == "Wed, 19 Aug 2026 14:33:00 GMT")
        #expect(first.contentType == "application/rss+xml; charset=utf-8")
        #expect(first.redirects.isEmpty)

        let second = await fetcher.fetch(FeedRequest(url: server.baseURL + "/feed", etag: first.etag, lastModified: first.lastModified))
        #expect(second.status == 304)
        #expect(second.body.isEmpty)
        #expect(second.error == nil)

        let requests = server.requests
        #expect(requests.count == 2)
        #expect(requests[0].header("If-None-Match") == nil)
        #expect(requests[0].header("If-Modified-Since") == nil)
        #expect(requests[1].header("If-None-Match") == "\"v1\"")
        #expect(requests[1].header("If-Modified-Since") == "Wed, 19 Aug 2026 14:33:00 GMT")
        #expect(requests[1].header("User-Agent") == "seedwatch/\(SeedwatchVersion.string) (+https://github.com/seedwatch/seedwatch)")
        let accepted = Set((requests[0].header("Accept-Encoding") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        #expect(accepted.isSuperset(of: ["gzip", "deflate"]))
    }

    /// A queued transfer starts as soon as a slot frees: with one slot, 20 transfers queued at once
    /// used to wait out the fetcher's one-second poll timeout after each completion (about 19 s).
    @Test("queued transfers start when a slot frees, not after the poll timeout")
    func queuedTransfersStartWhenASlotFrees() async throws {
        let routes = FeedRoutes()
        let body = Array("<rss version=\"2.0\"><channel><title>T</title></channel></rss>".utf8)
        for k in 0..<20 {
            routes.set("/f\(k)") { request, _ in FeedRoutes.conditional(request, body: body, etag: "\"\(k)\"", lastModified: "Wed, 19 Aug 2026 14:33:00 GMT") }
        }
        let server = try routes.server()
        defer { server.stop() }
        let fetcher = CurlFetcher(concurrency: 1)
        defer { fetcher.shutdown() }
        let started = Date()
        let statuses = await withTaskGroup(of: Int.self) { group in
            for k in 0..<20 { group.addTask { await fetcher.fetch(FeedRequest(url: server.baseURL + "/f\(k)")).status } }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 20))
        #expect(server.requests.count == 20)
        // Generous: the transfers take milliseconds; the old behaviour took about 19 s.
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test("reports every redirect hop with its status and the final URL")
    func redirectChain() async throws {
        let routes = FeedRoutes()
        routes.set("/old") { _, _ in FeedRoutes.redirect(301, to: "/middle") }
        routes.set("/middle") { _, _ in FeedRoutes.redirect(308, to: "/new") }
        routes.set("/tmp") { _, _ in FeedRoutes.redirect(302, to: "/new?cache=81") }
        routes.set("/new") { _, _ in FeedRoutes.document(Array("<rss/>".utf8), etag: "\"n\"", lastModified: "Thu, 20 Aug 2026 05:24:00 GMT") }
        routes.set("/new?cache=81") { _, _ in FeedRoutes.document(Array("<rss/>".utf8), etag: "\"c\"", lastModified: "Thu, 20 Aug 2026 05:24:00 GMT") }
        let server = try routes.server()
        defer { server.stop() }
        let fetcher = CurlFetcher()
        defer { fetcher.shutdown() }

        let moved = await fetcher.fetch(FeedRequest(url: server.baseURL + "/old"))
        #expect(moved.status == 200)
        #expect(moved.finalURL == server.baseURL + "/new")
        #expect(moved.redirects == [RedirectHop(status: 301, location: "/middle"), RedirectHop(status: 308, location: "/new")])
        #expect(moved.redirects.movesPermanently)
        #expect(moved.etag == "\"n\"")

        let temporary = await fetcher.fetch(FeedRequest(url: server.baseURL + "/tmp"))
        #expect(temporary.status == 200)
        #expect(temporary.finalURL == server.baseURL + "/new?cache=81")
        #expect(temporary.redirects == [RedirectHop(status: 302, location: "/new?cache=81")])
        #expect(!temporary.redirects.movesPermanently)
    }

    @Test("a redirect loop stops after 5 redirects; a redirect to file:// is refused")
    func loopAndScheme() async throws {
        let routes = FeedRoutes()
        routes.set("/a") { _, _ in FeedRoutes.redirect(302, to: "/b") }
        routes.set("/b") { _, _ in FeedRoutes.redirect(302, to: "/a") }
        routes.set("/passwd") { _, _ in FeedRoutes.redirect(301, to: "file:///etc/passwd") }
        let server = try routes.server()
        defer { server.stop() }
        let fetcher = CurlFetcher()
        defer { fetcher.shutdown() }

        let loop = await fetcher.fetch(FeedRequest(url: server.baseURL + "/a"))
        #expect(loop.error == .tooManyRedirects(limit: 5))
        #expect(loop.error?.description == "too many redirects (more than 5)")
        #expect(loop.body.isEmpty)
        #expect(server.requests.map(\.target) == ["/a", "/b", "/a", "/b", "/a", "/b"])

        let scheme = await fetcher.fetch(FeedRequest(url: server.baseURL + "/passwd"))
        guard case .protocolRefused = scheme.error else {
            Issue.record("expected protocolRefused, got \(String(describing: scheme.error))")
            return
        }
        #expect(scheme.body.isEmpty)
        let direct = await fetcher.fetch(FeedRequest(url: "file:///etc/hostname"))
        guard case .protocolRefused = direct.error else {
            Issue.record("expected protocolRefused, got \(String(describing: direct.error))")
            return
        }
    }

    @Test("a gzip body is decoded before anyone sees it")
    func gzipBody() async throws {
        let xml = Array("<rss version=\"2.0\"><channel><title>Z</title><item><guid>z-1</guid><title>Putin meets Kim Jong Un</title></item></channel></rss>".utf8)
        let compressed = try gzip(xml)
        #expect(compressed.prefix(2) == [0x1F, 0x8B])
        let routes = FeedRoutes()
        routes.set("/gz") { _, _ in
            LoopbackHTTPReply(status: 200, headers: [("Content-Type", "application/rss+xml; charset=utf-8"),
                                                     ("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")],
                              body: .bytes(compressed))
        }
        let server = try routes.server()
        defer { server.stop() }
        let fetcher = CurlFetcher()
        defer { fetcher.shutdown() }
        let response = await fetcher.fetch(FeedRequest(url: server.baseURL + "/gz"))
        #expect(response.error == nil)
        #expect(response.body == xml)
        let feed = try FeedParser.parse(response.body, contentType: response.contentType, baseURL: response.finalURL)
        #expect(feed.items.map(\.title) == ["Putin meets Kim Jong Un"])
    }

    @Test("a body of several megabytes arrives whole and in order, kept in 1 MiB pieces and joined once")
    func largeBodyArrivesWhole() async throws {
        // 3.5 MiB of a pattern that repeats every 251 bytes: a piece lost, doubled or swapped changes it.
        let body = (0..<(3 * 1_048_576 + 524_288)).map { UInt8($0 % 251) }
        let routes = FeedRoutes()
        routes.set("/large") { _, _ in
            LoopbackHTTPReply(status: 200, headers: [("Content-Type", "application/rss+xml")], body: .bytes(body))
        }
        let server = try routes.server()
        defer { server.stop() }
        let fetcher = CurlFetcher()
        defer { fetcher.shutdown() }
        let response = await fetcher.fetch(FeedRequest(url: server.baseURL + "/large"))
        #expect(response.error == nil)
        #expect(response.body.count == 3_670_016)
        #expect(response.body == body)
    }

    @Test("a gzip bomb stops at the cap on decoded bytes; a 50 MB body is refused at the default cap")
    func caps() async throws {
        let bomb = try gzip([UInt8](repeating: 0x20, count: 100 * 1024 * 1024))
        #expect(bomb.count < 1_000_000)
        let routes = FeedRoutes()
        routes.set("/bomb") { _, _ in
            LoopbackHTTPReply(status: 200, headers: [("Content-Type", "application/rss+xml"), ("Content-Encoding", "gzip")],
                              body: .bytes(bomb))
        }
        routes.set("/huge") { _, _ in
            LoopbackHTTPReply(status: 200, headers: [("Content-Type", "application/rss+xml")], body: .repeated(byte: 0x41, count: 50_000_000))
        }
        routes.set("/small") { _, _ in FeedRoutes.document(Array("<rss/>".utf8), etag: "\"s\"", lastModified: "Thu, 20 Aug 2026 05:24:00 GMT") }
        let server = try routes.server()
        defer { server.stop() }
        let fetcher = CurlFetcher()
        defer { fetcher.shutdown() }

        let inflated = await fetcher.fetch(FeedRequest(url: server.baseURL + "/bomb", maxBytes: 32 * 1024 * 1024))
        #expect(inflated.error == .bodyTooLarge(maxBytes: 33_554_432))
        #expect(inflated.error?.description == "body too large: exceeds max_bytes (33554432 bytes)")
        #expect(inflated.body.isEmpty)

        let huge = await fetcher.fetch(FeedRequest(url: server.baseURL + "/huge"))
        #expect(huge.error == .bodyTooLarge(maxBytes: 33_554_432))
        #expect(huge.body.isEmpty)

        let tight = await fetcher.fetch(FeedRequest(url: server.baseURL + "/small", maxBytes: 5))
        #expect(tight.error == .bodyTooLarge(maxBytes: 5))
        let exact = await fetcher.fetch(FeedRequest(url: server.baseURL + "/small", maxBytes: 6))
        #expect(exact.error == nil)
        #expect(exact.body == Array("<rss/>".utf8))
    }

    @Test("a slow body still arrives; the low-speed limit aborts a stalled one; a slow host does not hold up others")
    func slowBodies() async throws {
        let routes = FeedRoutes()
        let chunks = (0..<4).map { Array("<!-- part \($0) -->".utf8) }
        routes.set("/slow") { _, _ in LoopbackHTTPReply(status: 200, body: .slow(chunks: chunks, delay: 0.2)) }
        // Stalled long past every bound below: its first byte would come after 25 s (the total timeout is 30 s).
        routes.set("/stalled") { _, _ in LoopbackHTTPReply(status: 200, body: .slow(chunks: [[0x3C], [0x3E]], delay: 25)) }
        routes.set("/fast") { _, _ in FeedRoutes.document(Array("<rss/>".utf8), etag: "\"f\"", lastModified: "Thu, 20 Aug 2026 05:24:00 GMT") }
        let server = try routes.server()
        defer { server.stop() }
        var limits = CurlFetcher.Limits()
        limits.lowSpeedSeconds = 5
        let fetcher = CurlFetcher(concurrency: 4, limits: limits)
        defer { fetcher.shutdown() }

        let start = Date()
        async let stalled = fetcher.fetch(FeedRequest(url: server.baseURL + "/stalled"))
        async let slow = fetcher.fetch(FeedRequest(url: server.baseURL + "/slow"))
        try await Task.sleep(for: .milliseconds(50))
        let fast = await fetcher.fetch(FeedRequest(url: server.baseURL + "/fast"))
        let fastSeconds = Date().timeIntervalSince(start)
        #expect(fast.status == 200)
        #expect(fastSeconds < 4)  // before the stalled transfer's 5 s low-speed abort: it did not wait for it

        let slowResponse = await slow
        #expect(slowResponse.error == nil)
        #expect(slowResponse.body == chunks.flatMap { $0 })

        let stalledResponse = await stalled
        guard case .timedOut = stalledResponse.error else {
            Issue.record("expected timedOut, got \(String(describing: stalledResponse.error))")
            return
        }
        #expect(stalledResponse.body.isEmpty)
        // Aborted by the low-speed limit (about 5–6 s), not by the 30 s total timeout: 15 s leaves a
        // loaded machine ample room on both sides.
        #expect(Date().timeIntervalSince(start) < 15)
    }
}

import SeedwatchRuntime
import Testing

/// The inflater and the feed-body step on exact bytes (gzip members written with mtime 0, OS 3).
@Suite("Gzip inflation with a cap on the inflated bytes")
struct GzipTests {
    /// gzip of `<rss/>` (26 bytes).
    static let rss: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xB3, 0x29, 0x2A, 0x2E, 0xD6,
                               0xB7, 0x03, 0x00, 0x67, 0x29, 0x28, 0xBD, 0x06, 0x00, 0x00, 0x00]
    /// gzip of `Putin ` and of `meets Kim`: two members.
    static let putin: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x0B, 0x28, 0x2D, 0xC9, 0xCC,
                                 0x53, 0x00, 0x00, 0x6E, 0x67, 0x35, 0xEF, 0x06, 0x00, 0x00, 0x00]
    static let meetsKim: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xCB, 0x4D, 0x4D, 0x2D, 0x29,
                                    0x56, 0xF0, 0xCE, 0xCC, 0x05, 0x00, 0x1C, 0x6A, 0xA0, 0x7F, 0x09, 0x00, 0x00, 0x00]
    /// gzip of nothing.
    static let empty: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x03, 0x00, 0x00, 0x00, 0x00,
                                 0x00, 0x00, 0x00, 0x00, 0x00]

    @Test("one member, concatenated members, an empty member and zero padding inflate exactly")
    func inflates() throws {
        #expect(try Gzip.inflate(Self.rss, maxBytes: 100) == Array("<rss/>".utf8))
        #expect(try Gzip.inflate(Self.putin + Self.meetsKim, maxBytes: 100) == Array("Putin meets Kim".utf8))
        #expect(try Gzip.inflate(Self.putin + Self.empty + Self.meetsKim, maxBytes: 100) == Array("Putin meets Kim".utf8))
        #expect(try Gzip.inflate(Self.empty, maxBytes: 0) == [])
        #expect(try Gzip.inflate(Self.rss + [0, 0, 0, 0], maxBytes: 100) == Array("<rss/>".utf8))
    }

    @Test("the cap counts inflated bytes: exactly max_bytes passes, one more fails, also across members")
    func cap() throws {
        #expect(try Gzip.inflate(Self.rss, maxBytes: 6) == Array("<rss/>".utf8))
        #expect(throws: GzipError.tooLarge(maxBytes: 5)) { try Gzip.inflate(Self.rss, maxBytes: 5) }
        #expect(try Gzip.inflate(Self.putin + Self.meetsKim, maxBytes: 15).count == 15)
        #expect(throws: GzipError.tooLarge(maxBytes: 14)) { try Gzip.inflate(Self.putin + Self.meetsKim, maxBytes: 14) }
        #expect(GzipError.tooLarge(maxBytes: 5).description == "gzip data inflates past 5 bytes")
    }

    @Test("a 20 MiB bomb of under 100 KB stops at a 1 MiB cap")
    func bomb() throws {
        let bomb = try gzip([UInt8](repeating: 0x20, count: 20 << 20))
        #expect(bomb.count < 100_000)
        #expect(throws: GzipError.tooLarge(maxBytes: 1 << 20)) { try Gzip.inflate(bomb, maxBytes: 1 << 20) }
        #expect(try Gzip.inflate(bomb, maxBytes: 20 << 20).count == 20 << 20)
    }

    @Test("a bad CRC, a bad length, a bad method, a cut stream and trailing bytes are refused with zlib's reason")
    func corrupt() throws {
        var badCRC = Self.rss
        badCRC[18] ^= 0xFF
        #expect(throws: GzipError.corrupt(detail: "incorrect data check")) { try Gzip.inflate(badCRC, maxBytes: 100) }
        var badLength = Self.rss
        badLength[22] = 7
        #expect(throws: GzipError.corrupt(detail: "incorrect length check")) { try Gzip.inflate(badLength, maxBytes: 100) }
        var badMethod = Self.rss
        badMethod[2] = 7
        #expect(throws: GzipError.corrupt(detail: "unknown compression method")) { try Gzip.inflate(badMethod, maxBytes: 100) }
        #expect(throws: GzipError.truncated(inputBytes: 20)) { try Gzip.inflate(Array(Self.rss.prefix(20)), maxBytes: 100) }
        #expect(throws: GzipError.truncated(inputBytes: 2)) { try Gzip.inflate([0x1F, 0x8B], maxBytes: 100) }
        #expect(throws: GzipError.trailingData(offset: 26)) { try Gzip.inflate(Self.rss + Array("xyz".utf8), maxBytes: 100) }
        #expect(throws: GzipError.trailingData(offset: 26)) { try Gzip.inflate(Self.rss + [0x1F, 0x00], maxBytes: 100) }
        #expect(GzipError.corrupt(detail: "incorrect data check").description == "corrupt gzip data: incorrect data check")
        #expect(GzipError.truncated(inputBytes: 20).description == "truncated gzip data: it ends inside a member after 20 bytes")
    }

    @Test("FeedBody inflates only bodies that start with 1F 8B, with the fetcher's errors")
    func feedBody() throws {
        let url = "https://news.example/feed.xml.gz"
        #expect(try FeedBody.unpacked(Self.rss, from: url, maxBytes: 100) == Array("<rss/>".utf8))
        #expect(try FeedBody.unpacked(Array("<rss/>".utf8), from: url, maxBytes: 3) == Array("<rss/>".utf8))
        #expect(try FeedBody.unpacked([0x1F], from: url, maxBytes: 100) == [0x1F])
        #expect(throws: FeedFetchError.bodyTooLarge(maxBytes: 5)) { try FeedBody.unpacked(Self.rss, from: url, maxBytes: 5) }
        var badCRC = Self.rss
        badCRC[18] ^= 0xFF
        do {
            _ = try FeedBody.unpacked(badCRC, from: url, maxBytes: 100)
            Issue.record("a corrupt body was accepted")
        } catch {
            #expect(error == .corruptGzip(url: url, detail: "corrupt gzip data: incorrect data check"))
            #expect(error.description
                    == "cannot gunzip the body of https://news.example/feed.xml.gz: corrupt gzip data: incorrect data check")
        }
    }

    @Test("a dropped NAME.gz is read as NAME; other names and plain bytes are left alone")
    func compressedFile() throws {
        let unpacked = try CompressedFile.unpack(name: "world.XML.GZ", bytes: Self.rss, maxBytes: 100)
        #expect(unpacked?.name == "world.XML")
        #expect(unpacked?.bytes == Array("<rss/>".utf8))
        #expect(try CompressedFile.unpack(name: "world.xml", bytes: Self.rss, maxBytes: 100) == nil)
        #expect(try CompressedFile.unpack(name: "world.xml.gz", bytes: Array("<rss/>".utf8), maxBytes: 100) == nil)
        #expect(try CompressedFile.unpack(name: ".gz", bytes: Self.rss, maxBytes: 100) == nil)
        #expect(throws: GzipError.tooLarge(maxBytes: 2)) { try CompressedFile.unpack(name: "a.txt.gz", bytes: Self.rss, maxBytes: 2) }
    }
}

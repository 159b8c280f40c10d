/// The UTF-8 bytes of an article's extracted text (``Article/extractedText``: the title, a line
/// feed, the body) read in place from the article's two strings, never joined: the matcher's
/// sentences and the scorer's look at the words around a match read windows of it by UTF-8 byte
/// offset. A 50 MB body is held once, not once more as the joined text (issue 15: peak memory of
/// one article ≤ 3× its bytes).
public struct ExtractedTextBytes: Sendable {
    /// The text before the joining line feed, or `nil` when the text is one piece (an article
    /// without a title, or a whole text handed to ``Matcher/match(text:hasTitle:language:)``).
    let head: String?
    /// The text after the joining line feed (the body), or the whole text.
    let tail: String
    /// `head`'s length in UTF-8 bytes: the offset of the joining line feed.
    let headCount: Int
    /// The whole text's length in UTF-8 bytes.
    public let count: Int

    /// One text, as it is.
    public init(text: String) {
        self.init(head: nil, tail: text)
    }

    /// `title`, a line feed and `body`, as ``Article/extractedText`` joins them (`body` alone when
    /// `title` is empty).
    public init(title: String, body: String) {
        self.init(head: title.isEmpty ? nil : title, tail: body)
    }

    private init(head: String?, tail: String) {
        self.head = head
        self.tail = tail
        headCount = head?.utf8.count ?? 0
        count = head == nil ? tail.utf8.count : headCount + 1 + tail.utf8.count
    }

    /// Where ``tail`` starts, in bytes of the whole text.
    var tailStart: Int { head == nil ? 0 : headCount + 1 }

    /// The bytes at UTF-8 offsets `range` of the whole text (`0 ≤ lowerBound ≤ upperBound ≤ count`),
    /// copied: a window near a match, or one sentence.
    public subscript(range: Range<Int>) -> [UInt8] {
        guard let head else { return Self.bytes(of: tail, range) }
        var result: [UInt8] = []
        result.reserveCapacity(range.count)
        if range.lowerBound < headCount {
            result += Self.bytes(of: head, range.lowerBound..<min(range.upperBound, headCount))
        }
        if range.contains(headCount) { result.append(0x0A) }
        let start = tailStart
        if range.upperBound > start {
            result += Self.bytes(of: tail, (max(range.lowerBound, start) - start)..<(range.upperBound - start))
        }
        return result
    }

    /// The byte at UTF-8 offset `i` of the whole text (`0 ≤ i < count`), read in place: no window
    /// is copied to test one byte.
    public func byte(at i: Int) -> UInt8 {
        guard let head else { return Self.byte(of: tail, i) }
        if i < headCount { return Self.byte(of: head, i) }
        if i == headCount { return 0x0A }
        return Self.byte(of: tail, i - tailStart)
    }

    /// The whole text as one string (a copy: for tools and tests).
    public var string: String {
        guard let head else { return tail }
        return head + "\n" + tail
    }

    /// The UTF-8 offset of the first line feed of the whole text, or ``count`` when it has none.
    var firstLineFeed: Int {
        if let head {
            return head.utf8.firstIndex(of: 0x0A).map { head.utf8.distance(from: head.utf8.startIndex, to: $0) } ?? headCount
        }
        return tail.utf8.firstIndex(of: 0x0A).map { tail.utf8.distance(from: tail.utf8.startIndex, to: $0) } ?? count
    }

    private static func byte(of text: String, _ i: Int) -> UInt8 {
        if let byte = text.utf8.withContiguousStorageIfAvailable({ $0[i] }) { return byte }
        return text.utf8[text.utf8.index(text.utf8.startIndex, offsetBy: i)]
    }

    private static func bytes(of text: String, _ range: Range<Int>) -> [UInt8] {
        if let bytes = text.utf8.withContiguousStorageIfAvailable({ Array($0[range]) }) { return bytes }
        let utf8 = text.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        return Array(utf8[lower..<utf8.index(lower, offsetBy: range.count)])
    }
}

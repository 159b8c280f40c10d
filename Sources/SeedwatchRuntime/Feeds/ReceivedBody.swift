/// A response body as libcurl hands it over, kept in pieces of ``chunkSize`` bytes and joined once
/// at the end (issue 11): an array grown by doubling copies the body at every growth step, so a
/// 30 MB feed briefly held about twice its size while it arrived. Joined, the pieces are released
/// one by one as they are copied, so the body is never held much more than once.
struct ReceivedBody {
    /// The size of each full piece, in bytes.
    static let chunkSize = 1 << 20
    private var chunks: [[UInt8]] = []
    /// The bytes received so far.
    private(set) var count = 0

    /// Appends `bytes` (any length), filling the last piece before starting another.
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        var start = 0
        while start < bytes.count {
            // A piece grows as arrays do (a small body stays small) up to chunkSize bytes.
            if chunks.isEmpty || chunks[chunks.count - 1].count == Self.chunkSize { chunks.append([]) }
            let end = min(bytes.count, start + Self.chunkSize - chunks[chunks.count - 1].count)
            chunks[chunks.count - 1].append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
            start = end
        }
        count += bytes.count
    }

    /// The body as one array; empties this one. A body of one piece is returned without a copy.
    mutating func take() -> [UInt8] {
        defer { chunks = []; count = 0 }
        if chunks.count == 1 { return chunks.removeLast() }
        var body: [UInt8] = []
        body.reserveCapacity(count)
        for k in chunks.indices {
            body.append(contentsOf: chunks[k])
            chunks[k] = []
        }
        return body
    }
}

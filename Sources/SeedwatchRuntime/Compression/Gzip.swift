import CZlib

/// Why a gzip stream (RFC 1952) could not be inflated.
package enum GzipError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The inflated bytes would exceed the cap (`maxBytes`, in bytes); inflation stopped there.
    case tooLarge(maxBytes: Int)
    /// zlib refused the data: a bad header, an invalid deflate block, or a CRC-32 or ISIZE
    /// mismatch in a member's trailer. `detail` is zlib's message.
    case corrupt(detail: String)
    /// The input ended inside a member, after `inputBytes` bytes.
    case truncated(inputBytes: Int)
    /// After a complete member, the bytes from `offset` (0-based, in the compressed input) start
    /// no other member and are not zero padding.
    case trailingData(offset: Int)

    package var description: String {
        switch self {
        case .tooLarge(let maxBytes): return "gzip data inflates past \(maxBytes) bytes"
        case .corrupt(let detail): return "corrupt gzip data: \(detail)"
        case .truncated(let inputBytes): return "truncated gzip data: it ends inside a member after \(inputBytes) bytes"
        case .trailingData(let offset): return "bytes after the gzip data that start no gzip member, at byte \(offset)"
        }
    }
}

/// gzip (RFC 1952) inflation with the system zlib, bounded by a cap on the inflated bytes, so a
/// "gzip bomb" (a small file that inflates to gigabytes) stops at the cap.
package enum Gzip {
    /// The first two bytes of every gzip member, ID1 and ID2 (RFC 1952 §2.3.1).
    package static let magic: [UInt8] = [0x1F, 0x8B]

    /// Whether `bytes` start with the gzip magic `1F 8B`.
    package static func hasMagic(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// Inflates a gzip stream: one member or several concatenated (RFC 1952 §2.2; what `cat a.gz b.gz`
    /// makes), the members' data joined in order. Zero bytes after the last member are ignored, as
    /// gzip(1) does with tape padding. Every member's CRC-32 and ISIZE are checked by zlib.
    ///
    /// - Parameters:
    ///   - compressed: the gzip bytes.
    ///   - maxBytes: the most inflated bytes accepted, in bytes; exactly `maxBytes` is accepted.
    /// - Returns: the inflated bytes.
    /// - Throws: ``GzipError/tooLarge(maxBytes:)`` as soon as the output would pass `maxBytes`
    ///   (at most `maxBytes` are ever held); ``GzipError/corrupt(detail:)``,
    ///   ``GzipError/truncated(inputBytes:)`` or ``GzipError/trailingData(offset:)`` for bad input.
    package static func inflate(_ compressed: [UInt8], maxBytes: Int) throws(GzipError) -> [UInt8] {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        guard sw_inflate_init_gzip(stream) == Z_OK else {
            throw .corrupt(detail: stream.pointee.msg.map { String(cString: $0) } ?? "zlib cannot start inflating")
        }
        defer { inflateEnd(stream) }
        let result: Result<[UInt8], GzipError> = compressed.withUnsafeBufferPointer { input in
            inflateMembers(stream, input: input, maxBytes: maxBytes)
        }
        return try result.get()
    }

    /// The inflate loop over an initialised stream; `input` stays pinned for its whole run.
    private static func inflateMembers(_ stream: UnsafeMutablePointer<z_stream>, input: UnsafeBufferPointer<UInt8>,
                                       maxBytes: Int) -> Result<[UInt8], GzipError> {
        guard let base = input.baseAddress, !input.isEmpty else { return .failure(.truncated(inputBytes: 0)) }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: base)
        stream.pointee.avail_in = 0
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            var consumed = base.distance(to: stream.pointee.next_in)
            if stream.pointee.avail_in == 0 {
                stream.pointee.avail_in = UInt32(min(input.count - consumed, Int(UInt32.max)))
            }
            var produced = 0
            let code = chunk.withUnsafeMutableBufferPointer { out -> Int32 in
                stream.pointee.next_out = out.baseAddress
                stream.pointee.avail_out = UInt32(out.count)
                let code = CZlib.inflate(stream, Z_NO_FLUSH)
                produced = out.count - Int(stream.pointee.avail_out)
                return code
            }
            guard produced <= maxBytes - output.count else { return .failure(.tooLarge(maxBytes: maxBytes)) }
            output.append(contentsOf: chunk[0..<produced])
            consumed = base.distance(to: stream.pointee.next_in)
            switch code {
            case Z_OK:
                continue
            case Z_STREAM_END:
                let rest = input[consumed...]
                if rest.allSatisfy({ $0 == 0 }) { return .success(output) }
                guard rest.starts(with: magic) else { return .failure(.trailingData(offset: consumed)) }
                guard inflateReset(stream) == Z_OK else { return .failure(.corrupt(detail: "zlib cannot start the next member")) }
            case Z_BUF_ERROR where consumed == input.count:
                return .failure(.truncated(inputBytes: input.count))
            case Z_BUF_ERROR where stream.pointee.avail_in == 0:
                continue  // more input than one UInt32 count: refilled at the top
            default:
                let detail = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(code)"
                return .failure(.corrupt(detail: detail))
            }
        }
    }
}

/// Where alert lines go: the alert log in production, memory in tests (DESIGN §2, seams).
public protocol AlertSink: Sendable {
    /// Appends one complete line (ending in `"\n"`) durably: when this returns, the line is on disk.
    /// - Returns: warnings about the destination (rotation, truncation); the line was written.
    /// - Throws: when the line may not have been written durably; the caller keeps the alert pending.
    @discardableResult
    func append(_ line: [UInt8]) throws -> [AlertLogWarning]

    /// Appends several complete lines, in order, durably when this returns (see the default below).
    @discardableResult
    func appendLines(_ lines: [[UInt8]]) throws -> [AlertLogWarning]

    /// Whether a line carrying alert id `id` was already written (the recent tail is enough:
    /// pending alerts are at most a crash old).
    /// - Throws: when the destination cannot be read; the caller must not guess.
    func containsAlertID(_ id: String) throws -> Bool
}

extension AlertSink {
    /// Appends several complete lines, in order, durably: by default one ``append(_:)`` each.
    /// A sink may sync once for all of them (``AlertLogWriter``).
    /// - Throws: as ``append(_:)``; lines before the failing one may have been written.
    @discardableResult
    public func appendLines(_ lines: [[UInt8]]) throws -> [AlertLogWarning] {
        var warnings: [AlertLogWarning] = []
        for line in lines { warnings += try append(line) }
        return warnings
    }
}

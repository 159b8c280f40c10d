import Foundation
import SeedwatchRuntime
import Synchronization

/// A ``DurableAlertSink`` that keeps lines in memory, for tests and benchmarks.
public final class InMemoryAlertSink: DurableAlertSink {
    /// Thrown by ``append(_:)`` while failures are armed with ``failNextAppends(_:)``.
    public struct SimulatedFailure: Error, Equatable {}

    private struct Contents {
        var lines: [[UInt8]] = []
        var failuresLeft = 0
    }

    private let contents = Mutex(Contents())

    public init(lines: [[UInt8]] = []) {
        contents.withLock { $0.lines = lines }
    }

    /// The lines appended so far, in order.
    public var lines: [[UInt8]] {
        contents.withLock { $0.lines }
    }

    /// The lines as strings.
    public var lineTexts: [String] {
        lines.map { String(decoding: $0, as: UTF8.self) }
    }

    /// Makes the next `count` appends throw ``SimulatedFailure`` without storing anything.
    public func failNextAppends(_ count: Int) {
        contents.withLock { $0.failuresLeft = count }
    }

    @discardableResult
    public func append(_ line: [UInt8]) throws -> [AlertLogWarning] {
        try contents.withLock { c in
            if c.failuresLeft > 0 {
                c.failuresLeft -= 1
                throw SimulatedFailure()
            }
            c.lines.append(line)
        }
        return []
    }

    public func containsAlertID(_ id: String) throws -> Bool {
        let needle = "\"id\":\"\(id)\""
        return lineTexts.contains { $0.contains(needle) }
    }
}

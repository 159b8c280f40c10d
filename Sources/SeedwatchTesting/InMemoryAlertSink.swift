import Foundation
import SeedwatchRuntime
import Synchronization

/// A ``DurableAlertSink`` that keeps lines in memory, for tests and benchmarks.
package final class InMemoryAlertSink: DurableAlertSink {
    /// Thrown by ``append(_:)`` while failures are armed with ``failNextAppends(_:)``.
    package struct SimulatedFailure: Error, Equatable {}

    private struct Contents {
        var lines: [[UInt8]] = []
        var failuresLeft = 0
    }

    private let contents = Mutex(Contents())

    package init(lines: [[UInt8]] = []) {
        contents.withLock { $0.lines = lines }
    }

    /// The lines appended so far, in order.
    package var lines: [[UInt8]] {
        contents.withLock { $0.lines }
    }

    /// The lines as strings.
    package var lineTexts: [String] {
        lines.map { String(decoding: $0, as: UTF8.self) }
    }

    /// Makes the next `count` appends throw ``SimulatedFailure`` without storing anything.
    package func failNextAppends(_ count: Int) {
        contents.withLock { $0.failuresLeft = count }
    }

    @discardableResult
    package func append(_ line: [UInt8]) throws -> [AlertLogWarning] {
        try contents.withLock { c in
            if c.failuresLeft > 0 {
                c.failuresLeft -= 1
                throw SimulatedFailure()
            }
            c.lines.append(line)
        }
        return []
    }

    package func containsAlertID(_ id: String) throws -> Bool {
        let needle = "\"id\":\"\(id)\""
        return lineTexts.contains { $0.contains(needle) }
    }
}

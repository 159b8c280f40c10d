import Foundation
import SeedwatchCore
import SeedwatchRuntime

/// `scan`'s inputs read and extracted on a thread of their own (``InputFiles/articles(_:maxBytes:)``),
/// ahead of the matching, and handed over in input order: the reading and extraction of the next
/// files overlap the compiling of the watches and the matching of the files before them (on two
/// cores, the HTML set's 889 pages are extracted while the watch model loads).
///
/// Memory stays bounded: at most ``maximumQueued`` inputs wait, and the reader waits while the
/// waiting inputs or the one being matched hold ``maximumQueuedBytes`` bytes of article text or
/// more (an input above that size is read alone, as without read-ahead: a 10 MB file is never
/// held beside the next one).
final class ScanReadAhead: @unchecked Sendable {
    /// At most this many read inputs wait for the matcher.
    static let maximumQueued = 32
    /// Bytes of article text (titles and bodies, UTF-8) that may wait or be matched at once.
    static let maximumQueuedBytes = 4 << 20
    /// The reading thread's stack size in bytes (as the main thread's).
    static let stackSize = 8 << 20

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var queue: [(articles: InputFiles.Articles, bytes: Int)] = []
    private var head = 0
    private var queuedBytes = 0
    private var matchedBytes = 0
    private var finished = false

    /// Starts reading `inputs` (paths, or `-` for standard input) at once, each as `scan` reads it
    /// with the drop folder's `maxBytes` limit (bytes).
    init(inputs: [String], maxBytes: Int) {
        let thread = Thread { [self] in
            for input in inputs { self.put(InputFiles.articles(input, maxBytes: maxBytes)) }
            self.condition.lock()
            self.finished = true
            self.condition.broadcast()
            self.condition.unlock()
        }
        thread.stackSize = Self.stackSize
        thread.start()
    }

    /// The next input's articles, in the order of `inputs`; `nil` after the last. The input
    /// returned before this one counts as matched from here on.
    func next() -> InputFiles.Articles? {
        condition.lock()
        defer { condition.unlock() }
        matchedBytes = 0
        condition.broadcast()
        while head == queue.count && !finished { condition.wait() }
        guard head < queue.count else { return nil }
        let (articles, bytes) = queue[head]
        queue[head] = (.read([]), 0)
        head += 1
        if head == queue.count { queue.removeAll(keepingCapacity: true); head = 0 }
        queuedBytes -= bytes
        matchedBytes = bytes
        condition.broadcast()
        return articles
    }

    private func put(_ articles: InputFiles.Articles) {
        var bytes = 0
        if case .read(let read) = articles {
            for incoming in read { bytes += incoming.article.title.utf8.count + incoming.article.body.utf8.count }
        }
        condition.lock()
        queue.append((articles, bytes))
        queuedBytes += bytes
        condition.broadcast()
        // Wait before reading the next input while enough is read ahead.
        while queue.count - head >= Self.maximumQueued
            || (queue.count > head && queuedBytes + matchedBytes >= Self.maximumQueuedBytes) {
            condition.wait()
        }
        // An input being matched above the limit is matched before the next one is read.
        while matchedBytes >= Self.maximumQueuedBytes { condition.wait() }
        condition.unlock()
    }
}

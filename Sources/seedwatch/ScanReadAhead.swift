import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SeedwatchCore
import SeedwatchRuntime

/// `scan`'s inputs read and extracted on a thread of their own (``InputFiles/articles(_:maxBytes:)``),
/// ahead of the matching, and handed over in input order: the reading and extraction of the next
/// files overlap the compiling of the watches and the matching of the files before them (on two
/// cores, the HTML set's 889 pages are extracted while the watch model loads).
///
/// Memory stays bounded: at most ``maximumQueued`` inputs wait, and the reader waits while the
/// waiting inputs or the one being matched hold ``maximumQueuedBytes`` bytes of article text or
/// more. A file of ``largeFileBytes`` or more, and standard input, is read by the matching thread
/// itself when its turn comes, as without read-ahead: a 10 MB page is never parsed beside the
/// model's compilation or the next file, nor in another thread's `malloc` arena.
final class ScanReadAhead: @unchecked Sendable {
    /// At most this many read inputs wait for the matcher.
    static let maximumQueued = 32
    /// Bytes of article text (titles and bodies, UTF-8) that may wait or be matched at once.
    static let maximumQueuedBytes = 4 << 20
    /// Files of at least this many bytes are read alone (``isLarge(_:)``).
    static let largeFileBytes = 1 << 20
    /// The reading thread's stack size in bytes (as the main thread's).
    static let stackSize = 8 << 20

    private let condition = NSCondition()
    // Guarded by `condition`.
    /// Read inputs, or `nil` for an input left to the matching thread (``isLarge(_:)``).
    private var queue: [(articles: InputFiles.Articles?, input: String, bytes: Int)] = []
    private var head = 0
    private var queuedBytes = 0
    private var matchedBytes = 0
    private var finished = false

    /// Starts reading `inputs` (paths, or `-` for standard input) at once, each as `scan` reads it
    /// with the drop folder's `maxBytes` limit (bytes).
    init(inputs: [String], maxBytes: Int) {
        let thread = Thread { [self] in
            for input in inputs {
                self.put(Self.isLarge(input) ? nil : InputFiles.articles(input, maxBytes: maxBytes), input: input)
            }
            self.condition.lock()
            self.finished = true
            self.condition.broadcast()
            self.condition.unlock()
        }
        thread.stackSize = Self.stackSize
        thread.start()
    }

    /// The next input's articles, in the order of `inputs` (a large one read here, with the drop
    /// folder's `maxBytes` limit); `nil` after the last. The input returned before this one counts
    /// as matched from here on.
    func next(maxBytes: Int) -> InputFiles.Articles? {
        condition.lock()
        matchedBytes = 0
        condition.broadcast()
        while head == queue.count && !finished { condition.wait() }
        guard head < queue.count else { condition.unlock(); return nil }
        let (articles, input, bytes) = queue[head]
        queue[head] = (nil, "", 0)
        head += 1
        if head == queue.count { queue.removeAll(keepingCapacity: true); head = 0 }
        queuedBytes -= bytes
        // An input left to this thread holds the reader back while it is matched.
        matchedBytes = articles == nil ? Self.maximumQueuedBytes : bytes
        condition.broadcast()
        condition.unlock()
        return articles ?? InputFiles.articles(input, maxBytes: maxBytes)
    }

    /// Whether `input` is standard input or a file of at least ``largeFileBytes`` bytes.
    static func isLarge(_ input: String) -> Bool {
        if input == "-" { return true }
        var info = stat()
        guard stat(input, &info) == 0 else { return false }
        return Int(info.st_size) >= largeFileBytes
    }

    private func put(_ articles: InputFiles.Articles?, input: String) {
        var bytes = 0
        if case .read(let read)? = articles {
            for incoming in read { bytes += incoming.article.title.utf8.count + incoming.article.body.utf8.count }
        }
        condition.lock()
        queue.append((articles, input, bytes))
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

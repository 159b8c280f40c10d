import Synchronization

/// A value made on first use, once, by whichever thread asks first; later calls return the same value.
///
/// For what a command may never need: a watch's automaton of every language (9 MB of stored tables
/// for the shipped model, unused by a `scan` of English articles) and its story-lead words (used only
/// when an article alerts). The value is the same whenever it is made, so laziness changes no match.
final class OnFirstUse<Value: Sendable>: Sendable {
    private let make: @Sendable () -> Value
    private let made = Mutex<Value?>(nil)

    /// - Parameter make: makes the value; called at most once, under a lock.
    init(_ make: @escaping @Sendable () -> Value) {
        self.make = make
    }

    /// The value: made at the first call, then kept.
    var value: Value {
        made.withLock { made in
            if let made { return made }
            let value = make()
            made = value
            return value
        }
    }
}

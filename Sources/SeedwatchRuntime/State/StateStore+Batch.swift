import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// Decisions committed together: one write transaction (one WAL sync) for many decisions, instead
/// of one each (issue 11: 100,000 new items of one feed cost 100,000 `fsync`s).
extension StateStore {
    /// An alert committed `pending` inside a batch, to deliver once the batch has committed.
    package struct BatchedAlert: Sendable, Hashable {
        package var id: String
        package var line: [UInt8]
    }

    /// Runs `body` inside one write transaction of this store. Every read and write of this store
    /// that `body` makes on this thread joins it: reads see the batch's own writes, and each write
    /// (a decision) is a savepoint, so a decision that fails rolls back alone, as it would in its
    /// own transaction. Nothing is durable before the batch commits, when `body` returns; a commit
    /// that fails loses every decision of the batch (they are decided again later), never part of one.
    ///
    /// Alerts must not be delivered before their decision is durable (DESIGN §7), so the
    /// ``OutboxDelivery`` defers the delivery of alerts committed in a batch: they are returned.
    /// - Returns: `body`'s value and the alerts committed `pending` in the batch, in commit order.
    /// - Throws: `body`'s error, or ``StateStoreError/operationFailed(path:operation:reason:)``
    ///   when the transaction cannot begin or commit; nothing of the batch is committed then.
    package func batch<T>(_ operation: String, _ body: () throws -> T) throws -> (value: T, alerts: [BatchedAlert]) {
        precondition(currentBatch == nil, "batches of one store do not nest")
        var outcome: Result<T, any Error>?
        var alerts: [BatchedAlert] = []
        // Story members and band-key holders read or recorded inside a batch that fails never
        // existed (StoryMemberCache, StoryBandBook).
        var committed = false
        defer { if !committed { forgetStoryState() } }
        try writeAccess(operation) { db in
            let context = BatchContext(store: ObjectIdentifier(self), database: db)
            BatchContext.current = context
            defer { BatchContext.current = nil }
            do {
                outcome = .success(try body())
            } catch {
                outcome = .failure(error)
                throw error
            }
            alerts = context.alerts
        }
        committed = true
        guard case .success(let value) = outcome else {
            if case .failure(let error) = outcome { throw error }
            fatalError("unreachable: the batch body ran")
        }
        return (value, alerts)
    }

    /// Whether this thread is inside a ``batch(_:_:)`` of this store.
    package var isInBatch: Bool { currentBatch != nil }

    /// This store's batch on this thread, if any.
    var currentBatch: BatchContext? {
        guard let context = BatchContext.current, context.store == ObjectIdentifier(self) else { return nil }
        return context
    }

    /// Marks many outbox alerts `written` in one transaction (DESIGN §7, step 3). Unknown ids are ignored.
    ///
    /// The transaction skips the WAL sync (`synchronous=NORMAL`, as ``recordEvents(_:)``; the next
    /// decision's commit syncs it), so a group commit costs one WAL sync and one `fdatasync` of the
    /// alert log, not two WAL syncs (issue 15). Exactly once still holds: a mark lost to a power cut
    /// leaves the alert pending with its line in the log, and reconciliation finds the line there
    /// and only marks it (``OutboxDelivery/reconcile()``).
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func markWritten(alertIDs: [String], at: Date = Date()) throws {
        guard !alertIDs.isEmpty else { return }
        try writeAccess("mark alerts written", transaction: false) { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            defer { try? db.execute(sql: "PRAGMA synchronous = FULL") }
            try db.inTransaction {
                let statement = try db.cachedStatement(sql: "UPDATE outbox SET state = 'written', written_at = ? WHERE alert_id = ? AND state = 'pending'")
                for id in alertIDs { try statement.execute(arguments: [at.timeIntervalSince1970, id]) }
                return .commit
            }
        }
    }
}

/// The open batch of the current thread: the writer connection inside its transaction and the
/// alerts committed pending so far. Thread-local (a batch runs synchronously on one thread, inside
/// GRDB's write closure), so other threads using the store are not affected.
final class BatchContext {
    let store: ObjectIdentifier
    let database: Database
    var alerts: [StateStore.BatchedAlert] = []

    init(store: ObjectIdentifier, database: Database) {
        self.store = store
        self.database = database
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "cannot create the batch thread key")
        return key
    }()

    /// The batch open on the calling thread (retained by ``StateStore/batch(_:_:)`` while open).
    static var current: BatchContext? {
        get {
            pthread_getspecific(key).map { Unmanaged<BatchContext>.fromOpaque($0).takeUnretainedValue() }
        }
        set {
            if let old = pthread_getspecific(key) { Unmanaged<BatchContext>.fromOpaque(old).release() }
            pthread_setspecific(key, newValue.map { Unmanaged.passRetained($0).toOpaque() })
        }
    }
}

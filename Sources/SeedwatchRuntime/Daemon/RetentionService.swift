import Foundation
import Logging
import ServiceLifecycle

/// The one service that makes the state database forget (DESIGN §7 retention, DESIGN §11 stories):
/// at start and then every ``interval`` seconds, seen items of polled feeds past `state.retention`
/// (with the outbox rows, deliveries and history of that age: ``StateStore/pruneSeen(olderThan:)``)
/// and story members and their band keys recorded before `stories.window`
/// (``StateStore/pruneStories(olderThan:)``). It runs with or without feeds. Each pass reads the
/// settings afresh (``RetentionSettings``), so a reload's values apply from the next pass.
/// A failed prune is logged and tried again at the next pass; nothing else waits on it.
struct RetentionService: Service {
    let store: StateStore
    let settings: RetentionSettings
    /// The time source and sleeper (the wall clock in the daemon).
    var clock: any FeedPollClock = SystemFeedPollClock()
    let logger: Logger
    /// Seconds between passes: 3600.
    var interval: Double = 3600

    /// What one pass forgot; `nil` where that prune failed.
    struct Pass: Equatable {
        var seen: Int?
        var storyMembers: Int?
    }

    func run() async throws {
        await cancelWhenGracefulShutdown { await pruneEveryInterval() }
    }

    /// Prunes now, then every ``interval`` seconds, until the task is cancelled.
    func pruneEveryInterval() async {
        while !Task.isCancelled {
            let now = clock.now()
            prune(now: now)
            do {
                try await clock.sleep(until: now.addingTimeInterval(interval))
            } catch {
                return
            }
        }
    }

    /// One pass at `now`, with the settings of now.
    @discardableResult
    func prune(now: Date) -> Pass {
        var pass = Pass()
        do {
            let removed = try store.pruneSeen(olderThan: now.addingTimeInterval(-settings.retentionSeconds))
            pass.seen = removed
            if removed > 0 { logger.info("pruned seen articles past retention", metadata: ["removed": "\(removed)"]) }
        } catch {
            logger.error("cannot prune seen articles", metadata: ["error": "\(error)"])
        }
        do {
            let removed = try store.pruneStories(olderThan: now.addingTimeInterval(-settings.storiesWindowSeconds))
            pass.storyMembers = removed
            if removed > 0 { logger.info("pruned story members past stories.window", metadata: ["removed": "\(removed)"]) }
        } catch {
            logger.error("cannot prune story members", metadata: ["error": "\(error)"])
        }
        return pass
    }
}

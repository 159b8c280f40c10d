import Foundation
import SeedwatchCore

/// The story tables of the state database (`story_member`, `story_band`), opened for the separate
/// `Benchmarks` package: fill the window with many members, then time the daemon's lookup.
/// (See ``FeedPollingProbe`` for why the Runtime exposes probes rather than its types.)
public final class StoryStateProbe {
    private let store: StateStore

    /// Opens (or creates) the state database at `path`, migrating it as the daemon does.
    /// - Throws: ``StateStoreError`` when it cannot be opened.
    public init(path: String) throws {
        store = try StateStore(path: path)
    }

    /// Records the members, each at its time, in one transaction (one fsync).
    /// - Throws: ``StateStoreError`` when the transaction fails (nothing of it is kept).
    public func record(_ members: [(member: StoryMember, at: Date)]) throws {
        _ = try store.batch("fill stories") {
            for (member, time) in members { try store.recordStoryMember(member, at: time) }
        }
    }

    /// The stored members that the daemon would compare a new article with: its band collisions,
    /// its canonical link, and the members published within `eventWindow` (seconds) of it.
    /// - Throws: ``StateStoreError`` when the query fails.
    public func candidates(watch: String, fingerprint: StoryFingerprint, eventWindow: TimeInterval) throws -> [StoryMember] {
        try store.storyCandidates(watch: watch, fingerprint: fingerprint, eventWindow: eventWindow)
    }

    /// What `story` holds so far, as the decide path reads it when an article joins a story.
    /// - Throws: ``StateStoreError`` when the query fails.
    public func storySummary(story: String) throws -> StorySummary? {
        try store.storySummary(story: story)
    }

    /// Closes the database (checkpointing its WAL).
    /// - Throws: ``StateStoreError`` when the close fails.
    public func close() throws {
        try store.close()
    }
}

import Foundation
import SeedwatchCore

/// Puts each alert of the decide path into its story (issue 12, DESIGN §11): finds the candidate
/// members in the state store, applies ``StoryRule``, gives the alert its story keys, records it
/// as a member once its decision is committed, and prunes members older than `stories.window`.
public struct StoryKeeper: Sendable {
    /// `stories.window`, in seconds (default 7 days).
    public var windowSeconds: Double
    /// The rule (``StoryRule/standard``).
    public var rule: StoryRule
    /// How often, in seconds, members past the window are pruned (at most): 3600.
    public static let pruneInterval: Double = 3600
    private var lastPrune: Date?

    public init(windowSeconds: Double = 7 * 86400, rule: StoryRule = .standard) {
        self.windowSeconds = windowSeconds
        self.rule = rule
    }

    /// The story keys of an alert about to be committed, and the member to record once it is.
    /// - Parameters:
    ///   - record: the alert (its id, watch, level, actors and topics are used).
    ///   - article: the article (title, body, link, published date).
    ///   - at: the decision time (the member's time when the article has no published date).
    /// - Throws: ``StateStoreError`` when the candidates cannot be read.
    public func keys(for record: AlertRecord, article: Article, in store: StateStore,
                     at: Date) throws -> (keys: StoryKeys, member: StoryMember) {
        let actors = Set(record.actors.map(\.id))
        let fingerprint = StoryFingerprint(title: article.title, body: article.body, url: article.url,
                                           published: article.published, seen: at, actors: actors,
                                           topics: Set(record.topics.map(\.id)))
        let candidates = try store.storyCandidates(watch: record.watch, fingerprint: fingerprint, eventWindow: rule.eventWindow)
            .filter { $0.alertID != record.id }
        var joining: (story: String, relation: StoryRelation, summary: StorySummary)?
        if let (member, relation) = StoryAssignment.story(of: fingerprint, among: candidates, rule: rule),
           let summary = try store.storySummary(story: member.story) {
            joining = (member.story, relation, summary)
        }
        let keys = StoryAssignment.keys(alertID: record.id, actors: actors, level: record.level, joining: joining)
        let member = StoryMember(alertID: record.id, watch: record.watch, story: keys.story, level: record.level,
                                 fingerprint: fingerprint)
        return (keys, member)
    }

    /// Prunes members recorded before `now` − ``windowSeconds``, at most once per ``pruneInterval``.
    /// - Returns: the number of members forgotten.
    /// - Throws: ``StateStoreError``.
    @discardableResult
    public mutating func pruneIfDue(in store: StateStore, now: Date) throws -> Int {
        if let lastPrune, now.timeIntervalSince(lastPrune) < Self.pruneInterval { return 0 }
        lastPrune = now
        return try store.pruneStories(olderThan: now.addingTimeInterval(-windowSeconds))
    }
}

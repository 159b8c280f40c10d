import Foundation

/// Where the members of a watch's stories within `stories.window` are kept, for ``StoryAssignment``:
/// the state database in the daemon (`StateStore`, SeedwatchRuntime), a ``StoryBook`` in memory
/// for one `seedwatch scan` run. Both select candidates the same way.
public protocol StoryMemberSource {
    /// The members of `watch`'s stories that an alert with `fingerprint` could join: those sharing
    /// an LSH band key (``LSHBands/keys(_:)``, at most 16 of them: those sharing the most keys, then
    /// the earliest recorded) or the canonical link, and the
    /// 20 latest at or before the fingerprint's time and the 20 earliest after it within
    /// `eventWindow` seconds; each once, earliest first.
    /// - Throws: the source's read error (the state database's ``StateStoreError`` in the daemon).
    func storyCandidates(watch: String, fingerprint: StoryFingerprint, eventWindow: TimeInterval) throws -> [StoryMember]

    /// What `story` (its first alert's id) holds so far, or `nil` when none of its members is left.
    /// - Throws: the source's read error.
    func storySummary(story: String) throws -> StorySummary?

    /// The published instants of the earliest and the latest dated member of `story` (its first
    /// alert's id) still in the window, or `nil` when none of them is dated.
    /// - Throws: the source's read error.
    func storySpan(story: String) throws -> ClosedRange<Date>?
}

extension StoryAssignment {
    /// The story keys of an alert about to be written, and the member to record once it is: the
    /// candidates of `members` (``StoryMemberSource``), the story ``story(of:among:rule:accepts:)`` chooses
    /// (a candidate with the alert's own id is skipped), and ``keys(alertID:actors:level:joining:)``.
    /// A dated article joins a story as the same event only while the story's dated members,
    /// with it, span at most ``StoryRule/eventWindow`` (``StoryRule/keepsEventSpan(_:adding:)``):
    /// each report of the next day's event is within 48 h of the one before, but the story of
    /// one event is not a chain of them (a week of KCNA items, one a day, naming the same leaders).
    /// - Parameters:
    ///   - alertID: the alert's id (16 hex digits).
    ///   - watch: the alert's watch (stories are per watch).
    ///   - level: the level the alert reached.
    ///   - fingerprint: the article's fingerprint (``StoryFingerprint/init(alert:article:)``).
    ///   - members: the stories kept so far.
    ///   - rule: the story rule (``StoryRule/standard``).
    /// - Throws: the source's read error.
    public static func assign(alertID: String, watch: String, level: AlertLevel, fingerprint: StoryFingerprint,
                              in members: some StoryMemberSource,
                              rule: StoryRule = .standard) throws -> (keys: StoryKeys, member: StoryMember) {
        let candidates = try members.storyCandidates(watch: watch, fingerprint: fingerprint, eventWindow: rule.eventWindow)
            .filter { $0.alertID != alertID }
        var joining: (story: String, relation: StoryRelation, summary: StorySummary)?
        let chosen = try story(of: fingerprint, among: candidates, rule: rule) { member, relation in
            guard relation == .sameEvent else { return true }
            return rule.keepsEventSpan(try members.storySpan(story: member.story), adding: fingerprint)
        }
        if let (member, relation) = chosen,
           let summary = try members.storySummary(story: member.story) {
            joining = (member.story, relation, summary)
        }
        let keys = keys(alertID: alertID, actors: fingerprint.actors, level: level, joining: joining)
        return (keys, StoryMember(alertID: alertID, watch: watch, story: keys.story, level: level, fingerprint: fingerprint))
    }

    /// The story keys of an alert on an edit of a seen article (DESIGN §7 edits, ``EditAlertRule``):
    /// it joins the story of its original's alert, whose member is `original` (relation
    /// ``StoryRelation/edit``), with that story's `summary`.
    public static func assignEdit(alertID: String, watch: String, level: AlertLevel, fingerprint: StoryFingerprint,
                                  original: StoryMember, summary: StorySummary) -> (keys: StoryKeys, member: StoryMember) {
        let keys = keys(alertID: alertID, actors: fingerprint.actors, level: level,
                        joining: (original.story, .edit, summary))
        return (keys, StoryMember(alertID: alertID, watch: watch, story: keys.story, level: level, fingerprint: fingerprint))
    }
}

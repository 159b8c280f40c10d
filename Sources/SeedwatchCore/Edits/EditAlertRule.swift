/// When an edit of a seen article gets an alert line of its own. Pure.
///
/// An edit of a seen article (recognised by ``ArticleUpdateMatch``) is decided under its own
/// article key but belongs to its original: it alerts only when it reaches `notice` AND names an
/// actor that none of the article's alert lines named so far (a headline fix alerts nothing; a
/// correction that adds Kim Jong Un to a Putin story does). Its line names the original alert's id
/// in `updates`.
public struct EditAlertRule: Sendable, Hashable {
    /// Whether the edit gets an alert line.
    public var alerts: Bool
    /// The edit's actor ids that no earlier alert line of the article named, in the edit's order.
    public var newActorIDs: [String]
    /// The article's alerted actor ids after the edit, sorted: with the edit's actors when it
    /// alerts, else those before it.
    public var alertedActorIDs: [String]

    /// - Parameters:
    ///   - level: the edit's level (`nil` below `notice`).
    ///   - actorIDs: the actor ids of the edit's alert record, in its order.
    ///   - alertedBefore: the actor ids of the article's alert lines so far (`nil` when unknown:
    ///     counted as none).
    public init(level: AlertLevel?, actorIDs: [String], alertedBefore: [String]?) {
        let before = Set(alertedBefore ?? [])
        newActorIDs = actorIDs.filter { !before.contains($0) }
        alerts = level != nil && !newActorIDs.isEmpty
        alertedActorIDs = alerts ? before.union(actorIDs).sorted() : before.sorted()
    }
}

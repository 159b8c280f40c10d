/// The decision recorded for one article and watch.
package struct SeenDecision: Sendable, Hashable {
    /// The alert id recorded with the seen mark: the article's (original) alert, or `nil` when it
    /// never reached `notice`.
    package var alertID: String?
    /// On an original: the actor ids of the alert lines written for the article so far, sorted;
    /// `nil` when unknown (a version linked to an original, or a database from before v3).
    package var alertedActorIDs: [String]?

    package init(alertID: String?, alertedActorIDs: [String]?) {
        self.alertID = alertID
        self.alertedActorIDs = alertedActorIDs
    }
}

import Foundation

/// What the state store remembers about one article version.
public struct StoredArticleVersion: Sendable, Hashable {
    /// The key of the article's first version (the version's own key for an original).
    public var originalKey: String
    /// For an original: the newest version's title; for a later version: its own title.
    public var title: String
    /// For an original: the newest version's link; for a later version: its own link.
    public var link: String?
    public var published: Date?
    public var descriptionHash: String?
}

/// The decision recorded for one article and watch.
public struct SeenDecision: Sendable, Hashable {
    /// The alert id recorded with the seen mark: the article's (original) alert, or `nil` when it
    /// never reached `notice`.
    public var alertID: String?
    /// On an original: the actor ids of the alert lines written for the article so far, sorted;
    /// `nil` when unknown (a version linked to an original, or a database from before v3).
    public var alertedActorIDs: [String]?

    public init(alertID: String?, alertedActorIDs: [String]?) {
        self.alertID = alertID
        self.alertedActorIDs = alertedActorIDs
    }
}

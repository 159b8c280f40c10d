/// One thing an article lacked for an alert, in the words of the model's scoring rules: what
/// `scan --explain` prints for an article that did not alert. A ``Decision`` below `alert` carries
/// one per rule the article fell short of (``Decision/shortfalls``), in the order the rules apply:
/// the key states, the subject test, the topic evidence, the score.
public struct Shortfall: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The `rules:` parameter of the model that the article fell short of: `alert_min_core_states`
    /// (no key state and too few core states), `require_subject` (the subject test),
    /// `alert_min_topic` (topic evidence), `alert_threshold` (the score).
    public var rule: String
    /// What was missing, with the article's figure and the model's threshold:
    /// `"topic evidence 3.0 below the 8.0 an alert needs"`.
    public var detail: String

    public init(rule: String, detail: String) {
        self.rule = rule
        self.detail = detail
    }

    public var description: String { detail }
}

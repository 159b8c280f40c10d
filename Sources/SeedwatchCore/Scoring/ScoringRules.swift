/// How actor and topic evidence combine into a score, and the thresholds of the levels (DESIGN §4).
/// Read from the `rules:` mapping of `model.yaml`.
public struct ScoringRules: Sendable, Hashable {
    /// Minimum score for level `alert`.
    public var alertThreshold: Double = 12
    /// Minimum score for level `notice` (below `alertThreshold`).
    public var noticeThreshold: Double = 6

    public init() {}

    /// Reads the `rules:` mapping.
    /// - Throws: `YAMLFileError` for unknown keys or bad values.
    public static func read(_ value: YAMLValue) throws -> ScoringRules {
        let m = try value.mapping(allowed: ["alert_threshold", "notice_threshold"])
        var rules = ScoringRules()
        if let v = m["alert_threshold"] { rules.alertThreshold = try v.double() }
        if let v = m["notice_threshold"] { rules.noticeThreshold = try v.double() }
        guard rules.noticeThreshold <= rules.alertThreshold else {
            throw value.error("notice_threshold must not exceed alert_threshold")
        }
        return rules
    }
}

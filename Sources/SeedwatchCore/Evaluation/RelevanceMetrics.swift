/// Precision and recall of a watch against relevance labels (labels/RUBRIC.md).
///
/// A **hit** is a label-2 article at level `alert`; a **miss** a label-2 article below `alert`;
/// a **false alarm** a label-0 article at any level (`alert` or `notice`). Label 1 counts neither way.
public struct RelevanceMetrics: Sendable, Hashable {
    public var hits = 0
    public var misses = 0
    public var falseAlarms = 0
    /// Label-0 articles with no level.
    public var correctRejections = 0
    /// Label-1 articles (not counted).
    public var eitherWay = 0

    public init() {}

    /// Adds one article's outcome.
    public mutating func add(grade: RelevanceLabel.Grade, level: AlertLevel?) {
        switch grade {
        case .mustAlert: if level == .alert { hits += 1 } else { misses += 1 }
        case .irrelevant: if level != nil { falseAlarms += 1 } else { correctRejections += 1 }
        case .eitherWay: eitherWay += 1
        }
    }

    /// hits / (hits + false alarms); 1 when nothing alerted.
    public var precision: Double { hits + falseAlarms == 0 ? 1 : Double(hits) / Double(hits + falseAlarms) }
    /// hits / label-2 count; 1 when there is no label-2 article.
    public var recall: Double { hits + misses == 0 ? 1 : Double(hits) / Double(hits + misses) }
    /// The harmonic mean of precision and recall (0 when both are 0).
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
}

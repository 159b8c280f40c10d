/// k-fold cross-validation of a watch on labelled articles: what an evaluation fits is fitted on
/// k − 1 folds and measured on the held-out fold, so the figures are not those of the data it was
/// fitted on.
///
/// What is fitted: the `alert` threshold. On the training folds every threshold from 5 to 60 points
/// in steps of 0.5 is tried and the one with the best F1 (harmonic mean of precision and recall,
/// ``RelevanceMetrics``) is kept; ties go to the value nearest the model's own. The `notice`
/// threshold moves with it, keeping the model's gap between the two, since precision counts a notice
/// on a must-not article as a false alarm and fitting it alone would only close the notice band.
/// Everything else (the rules' caps and gates, via ``Decision/ceiling``) stays as the model says.
///
/// Folds: outcome `i` (0-based, in labels order) is in fold `i mod k`. Unreadable articles are left out.
public enum CrossValidation {
    /// One held-out fold.
    public struct Fold: Sendable, Hashable {
        /// 0-based fold number.
        public var index: Int
        /// The alert threshold fitted on the other folds.
        public var alertThreshold: Double
        /// The notice threshold that goes with it.
        public var noticeThreshold: Double
        /// Metrics on this fold with the fitted thresholds.
        public var metrics: RelevanceMetrics
    }

    /// The folds and their pooled metrics (counts summed over the held-out folds).
    public struct Result: Sendable, Hashable {
        public var folds: [Fold]
        public var pooled: RelevanceMetrics
    }

    /// Runs `k`-fold cross-validation (k ≥ 2; fewer outcomes than k: as many folds as outcomes).
    public static func run(_ outcomes: [RelevanceEvaluation.Outcome], rules: ScoringRules, folds k: Int) -> Result {
        let readable = outcomes.filter { $0.decision != nil }
        let k = max(1, min(k, readable.count))
        var folds: [Fold] = []
        var pooled = RelevanceMetrics()
        guard k >= 2 else { return Result(folds: [], pooled: pooled) }
        for f in 0..<k {
            let train = readable.enumerated().filter { $0.offset % k != f }.map(\.element)
            let test = readable.enumerated().filter { $0.offset % k == f }.map(\.element)
            let fitted = fitThresholds(train, rules: rules)
            let m = metrics(test, rules: fitted)
            folds.append(Fold(index: f, alertThreshold: fitted.alertThreshold, noticeThreshold: fitted.noticeThreshold, metrics: m))
            pooled.hits += m.hits
            pooled.misses += m.misses
            pooled.falseAlarms += m.falseAlarms
            pooled.correctRejections += m.correctRejections
            pooled.eitherWay += m.eitherWay
        }
        return Result(folds: folds, pooled: pooled)
    }

    /// `rules` with the alert threshold of best F1 on `outcomes` (and the notice threshold moved with it).
    public static func fitThresholds(_ outcomes: [RelevanceEvaluation.Outcome], rules: ScoringRules) -> ScoringRules {
        let gap = rules.alertThreshold - rules.noticeThreshold
        var best = rules
        var bestF1 = -1.0
        var bestDistance = Double.infinity
        for step in 10...120 {
            var candidate = rules
            candidate.alertThreshold = Double(step) / 2
            candidate.noticeThreshold = max(0, candidate.alertThreshold - gap)
            let f1 = metrics(outcomes, rules: candidate).f1
            let distance = abs(candidate.alertThreshold - rules.alertThreshold)
            if f1 > bestF1 + 1e-12 || (abs(f1 - bestF1) <= 1e-12 && distance < bestDistance) {
                best = candidate
                bestF1 = f1
                bestDistance = distance
            }
        }
        return best
    }

    /// Metrics of `outcomes` when their decisions are levelled by `rules`' thresholds (scores,
    /// topic points and ceilings as decided).
    public static func metrics(_ outcomes: [RelevanceEvaluation.Outcome], rules: ScoringRules) -> RelevanceMetrics {
        var m = RelevanceMetrics()
        for o in outcomes {
            guard let d = o.decision else { continue }
            m.add(grade: o.label.grade, level: Decision.capped(rules.level(score: d.score, topicPoints: d.topicPoints), at: d.ceiling))
        }
        return m
    }
}

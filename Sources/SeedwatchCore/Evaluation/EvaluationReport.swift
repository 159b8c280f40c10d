import Foundation

/// The text that `seedwatch eval` prints: precision and recall per label set and per language,
/// the cross-validated figures (``CrossValidation``), the label sets or corpus folders that could not
/// be found, and the misses and false alarms. Pure: the command reads the files.
public struct EvaluationReport: Sendable {
    /// One labels file and what became of it.
    public struct LabelSet: Sendable {
        public enum Status: Sendable {
            /// The labels file could not be read or parsed (the reason).
            case labelsNotFound(String)
            /// The corpus folder does not exist: `count` labels were not evaluated.
            case corpusNotFound(count: Int)
            /// Evaluated (unreadable articles carry an `error`).
            case evaluated([RelevanceEvaluation.Outcome])
        }
        public var labelsPath: String
        public var corpusPath: String
        public var status: Status

        public init(labelsPath: String, corpusPath: String, status: Status) {
            self.labelsPath = labelsPath
            self.corpusPath = corpusPath
            self.status = status
        }
    }

    public var watch: String
    public var modelDescription: String
    public var rules: ScoringRules
    public var sets: [LabelSet]
    public var folds: Int
    public var verbose: Bool

    public init(watch: String, modelDescription: String, rules: ScoringRules, sets: [LabelSet], folds: Int, verbose: Bool) {
        self.watch = watch
        self.modelDescription = modelDescription
        self.rules = rules
        self.sets = sets
        self.folds = folds
        self.verbose = verbose
    }

    /// The readable outcomes of every evaluated set, in order.
    public var readableOutcomes: [RelevanceEvaluation.Outcome] {
        sets.flatMap { set -> [RelevanceEvaluation.Outcome] in
            if case .evaluated(let outcomes) = set.status { return outcomes.filter { $0.error == nil } }
            return []
        }
    }

    /// The report's text, lines ending in "\n".
    public var text: String {
        var out = "watch \(watch), \(modelDescription)\n"
        var evaluatedSets = 0
        for set in sets {
            let name = "label set \(set.labelsPath) (corpus \(set.corpusPath))"
            switch set.status {
            case .labelsNotFound(let reason):
                out += "\(name): NOT FOUND: \(reason)\n"
            case .corpusNotFound(let count):
                out += "\(name): corpus folder NOT FOUND: \(count) labelled articles not evaluated\n"
            case .evaluated(let outcomes):
                evaluatedSets += 1
                let unreadable = outcomes.filter { $0.error != nil }
                out += "\(name): \(outcomes.count) labelled articles, \(outcomes.count - unreadable.count) read"
                    + (unreadable.isEmpty ? "\n" : ", \(unreadable.count) NOT FOUND or unreadable (left out)\n")
                for o in unreadable.prefix(verbose ? unreadable.count : 5) {
                    out += "  not read: \(o.label.path): \(o.error ?? "")\n"
                }
                if !verbose && unreadable.count > 5 { out += "  … and \(unreadable.count - 5) more (--verbose lists them)\n" }
                out += figures(outcomes.filter { $0.error == nil }, indent: "  ")
            }
        }
        let all = readableOutcomes
        if evaluatedSets > 1 {
            out += "all label sets: \(all.count) articles\n" + figures(all, indent: "  ")
        }
        if all.isEmpty { out += "no labelled article could be read\n" }
        out += listing(all)
        return out
    }

    func figures(_ outcomes: [RelevanceEvaluation.Outcome], indent: String) -> String {
        var out = indent + Self.line("all", RelevanceEvaluation.metrics(outcomes), outcomes)
        let languages = Set(outcomes.map { $0.language ?? "" }).sorted()
        if languages.count > 1 || languages.first != "" {
            for language in languages {
                let subset = outcomes.filter { ($0.language ?? "") == language }
                out += indent + Self.line("language " + (language.isEmpty ? "unknown" : language), RelevanceEvaluation.metrics(subset), subset)
            }
        }
        let cv = CrossValidation.run(outcomes, rules: rules, folds: folds)
        if cv.folds.count >= 2 {
            out += indent + Self.line("cross-validated (\(cv.folds.count) folds, alert threshold fitted on the other \(cv.folds.count - 1))",
                                      cv.pooled, nil)
            if verbose {
                for f in cv.folds {
                    out += indent + "  fold \(f.index + 1): alert \(Self.number(f.alertThreshold)), notice \(Self.number(f.noticeThreshold)): "
                        + Self.line("", f.metrics, nil).trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return out
    }

    func listing(_ outcomes: [RelevanceEvaluation.Outcome]) -> String {
        let misses = outcomes.filter { $0.label.grade == .mustAlert && $0.decision?.level != .alert }
        let falseAlarms = outcomes.filter { $0.label.grade == .irrelevant && $0.decision?.level != nil }
        var out = "misses (\(misses.count)):\n"
        misses.forEach { out += show($0) }
        out += "false alarms (\(falseAlarms.count)):\n"
        falseAlarms.forEach { out += show($0) }
        return out
    }

    func show(_ o: RelevanceEvaluation.Outcome) -> String {
        guard let d = o.decision else { return "" }
        var out = "  [\(o.label.grade.rawValue)] \(String(format: "%6.2f", d.score)) topic \(String(format: "%5.2f", d.topicPoints)) "
            + "\(d.level?.rawValue ?? "-")  \(o.label.path)\(o.language.map { " (\($0))" } ?? "")\n"
        out += "      \(o.title) — \(o.label.reason)\n"
        if verbose {
            out += "      actors: " + d.actors.prefix(6).map { "\($0.id)×\($0.mentions)" }.joined(separator: " ") + "\n"
            out += "      " + d.explanation.map(\.description).joined(separator: "; ") + "\n"
        }
        return out
    }

    static func number(_ x: Double) -> String { String(format: "%.1f", x) }

    /// `name  precision P  recall R  (hits, misses, false alarms; label 1: a alert, n notice)`.
    static func line(_ name: String, _ m: RelevanceMetrics, _ outcomes: [RelevanceEvaluation.Outcome]?) -> String {
        var either = ""
        if let outcomes {
            let label1 = outcomes.filter { $0.label.grade == .eitherWay }
            let alerts = label1.filter { $0.decision?.level == .alert }.count
            let notices = label1.filter { $0.decision?.level == .notice }.count
            either = "; label 1: \(label1.count), \(alerts) alert, \(notices) notice"
        } else {
            either = "; label 1: \(m.eitherWay)"
        }
        let padded = name.padding(toLength: max(name.count, 14), withPad: " ", startingAt: 0)
        return "\(padded) precision \(String(format: "%.3f", m.precision))  recall \(String(format: "%.3f", m.recall))  "
            + "(hits \(m.hits), misses \(m.misses), false alarms \(m.falseAlarms)\(either))\n"
    }
}

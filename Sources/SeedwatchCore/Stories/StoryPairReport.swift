/// The text `seedwatch eval --story-pairs` prints: pairwise precision and recall of a
/// ``StoryRule`` on labelled story pairs (``StoryPairLabel``), for the development split (used to
/// choose the thresholds) and the held-out split (only measured), over all pairs and over the
/// pairs whose two articles both name actors of the watch (as two alerts do).
public struct StoryPairReport: Sendable {
    public var labelsPath: String
    public var corpusPath: String
    public var watch: String
    public var labels: [StoryPairLabel]
    public var evaluation: StoryPairEvaluation
    public var rule: StoryRule

    public init(labelsPath: String, corpusPath: String, watch: String, labels: [StoryPairLabel],
                evaluation: StoryPairEvaluation, rule: StoryRule = .standard) {
        self.labelsPath = labelsPath
        self.corpusPath = corpusPath
        self.watch = watch
        self.labels = labels
        self.evaluation = evaluation
        self.rule = rule
    }

    /// Pairs of `labels` whose two articles were read and both name an actor of the watch.
    public var pairsNamingActors: [StoryPairLabel] {
        labels.filter { label in
            guard let a = evaluation.fingerprints[label.first], let b = evaluation.fingerprints[label.second] else { return false }
            return !a.actors.isEmpty && !b.actors.isEmpty
        }
    }

    /// The metrics of each row of the report, in order: (split, subset, metrics).
    public var rows: [(split: StoryPairLabel.Split, subset: String, metrics: StoryPairMetrics)] {
        let named = pairsNamingActors
        return StoryPairLabel.Split.allCases.flatMap { split in
            [(split, "all pairs", evaluation.metrics(labels, rule: rule, split: split)),
             (split, "both naming actors", evaluation.metrics(named, rule: rule, split: split))]
        }
    }

    /// Number of pairs whose two articles were read.
    public var readPairs: Int {
        labels.filter { evaluation.fingerprints[$0.first] != nil && evaluation.fingerprints[$0.second] != nil }.count
    }

    /// The report: a header, one line per row, then the unreadable articles (all with `verbose`,
    /// else the first 5). Decimals are rounded to 3 places.
    public func text(verbose: Bool = false) -> String {
        var lines = ["story pairs \(labelsPath) (corpus \(corpusPath)), watch \(watch)"]
        let articles = evaluation.fingerprints.count + evaluation.unreadable.count
        lines.append("\(labels.count) pairs, \(readPairs) with both articles read; \(articles) articles, \(evaluation.unreadable.count) unreadable")
        lines.append(pad("split", 9) + " " + pad("pairs", 20) + left("n", 6) + left("TP", 7) + left("FP", 7) + left("FN", 7)
                     + left("TN", 7) + left("precision", 11) + left("recall", 8))
        for (split, subset, m) in rows {
            let name = split == .dev ? "dev" : "held out"
            let n = m.truePositives + m.falsePositives + m.falseNegatives + m.trueNegatives
            lines.append(pad(name, 9) + " " + pad(subset, 20) + left(n, 6) + left(m.truePositives, 7) + left(m.falsePositives, 7)
                         + left(m.falseNegatives, 7) + left(m.trueNegatives, 7) + left(Self.decimal(m.precision), 11)
                         + left(Self.decimal(m.recall), 8))
        }
        let unreadable = evaluation.unreadable.sorted { $0.key < $1.key }
        for (path, reason) in verbose ? unreadable[...] : unreadable.prefix(5) {
            lines.append("unreadable: \(path): \(reason)")
        }
        if !verbose && unreadable.count > 5 { lines.append("… \(unreadable.count - 5) more unreadable (--verbose lists them)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `value` with 3 decimals.
    static func decimal(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    private func left(_ value: some CustomStringConvertible, _ width: Int) -> String {
        let text = value.description
        return text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
    }
}

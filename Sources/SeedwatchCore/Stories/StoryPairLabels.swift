/// One labelled story pair, as `labels/story-pairs-build.py` writes them (see labels/README.md): two corpus articles and
/// whether they are one story.
public struct StoryPairLabel: Sendable, Hashable {
    /// The part of the labelled set a pair belongs to, fixed before any threshold was tuned.
    public enum Split: String, Sendable, Hashable, CaseIterable {
        /// Used to choose thresholds.
        case dev
        /// Held out: only measured.
        case test
    }

    /// Paths relative to the corpus root.
    public var first: String
    public var second: String
    /// True when the two articles are one story (label 1), false when separate (label 0).
    public var sameStory: Bool
    public var split: Split
    /// Why, in a few words.
    public var reason: String
    /// 1-based line number in the file.
    public var line: Int

    public init(first: String, second: String, sameStory: Bool, split: Split, reason: String, line: Int) {
        self.first = first
        self.second = second
        self.sameStory = sameStory
        self.split = split
        self.reason = reason
        self.line = line
    }

    /// Parses the TSV: `PATH_A<TAB>PATH_B<TAB>LABEL<TAB>SPLIT<TAB>reason`, LABEL 0 or 1, SPLIT `dev`
    /// or `test`; lines starting with `#` and empty lines are skipped.
    /// - Throws: ``StoryPairLabelError`` naming the line that is not of that form.
    public static func parse(_ text: String) throws(StoryPairLabelError) -> [StoryPairLabel] {
        var labels: [StoryPairLabel] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 4, !fields[0].isEmpty, !fields[1].isEmpty else {
                throw StoryPairLabelError(line: index + 1, message: "expected PATH_A<TAB>PATH_B<TAB>LABEL<TAB>SPLIT<TAB>reason")
            }
            guard fields[2] == "0" || fields[2] == "1" else {
                throw StoryPairLabelError(line: index + 1, message: "label '\(fields[2])' is not 0 or 1")
            }
            guard let split = Split(rawValue: String(fields[3])) else {
                throw StoryPairLabelError(line: index + 1, message: "split '\(fields[3])' is not dev or test")
            }
            labels.append(StoryPairLabel(first: String(fields[0]), second: String(fields[1]), sameStory: fields[2] == "1",
                                         split: split, reason: fields.count > 4 ? String(fields[4]) : "", line: index + 1))
        }
        return labels
    }
}

/// A line of a story-pairs file that is not of the expected form.
public struct StoryPairLabelError: Error, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }
}

/// Pairwise precision and recall of a story rule on labelled pairs: a pair the rule joins is a
/// true positive when labelled one story, a false positive otherwise; a one-story pair it leaves
/// apart is a false negative.
public struct StoryPairMetrics: Sendable, Hashable {
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0
    public var trueNegatives = 0

    public init(truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0, trueNegatives: Int = 0) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
        self.trueNegatives = trueNegatives
    }

    public mutating func add(sameStory: Bool, joined: Bool) {
        switch (sameStory, joined) {
        case (true, true): truePositives += 1
        case (false, true): falsePositives += 1
        case (true, false): falseNegatives += 1
        case (false, false): trueNegatives += 1
        }
    }

    /// TP / (TP + FP); 1 when the rule joined nothing.
    public var precision: Double {
        truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives)
    }

    /// TP / (TP + FN); 1 when no pair is labelled one story.
    public var recall: Double {
        truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives)
    }
}

/// Runs the extraction stage (``DocumentReader``), a watch's matcher and scorer over labelled articles and counts hits, misses and false
/// alarms (``RelevanceMetrics``). File access is injected (`load`), so the evaluation itself is pure.
public struct RelevanceEvaluation: Sendable {
    /// One labelled article and what the watch decided.
    public struct Outcome: Sendable {
        public var label: RelevanceLabel
        /// The article's title, as read.
        public var title: String
        /// The decision, or `nil` when the article could not be read (see `error`).
        public var decision: Decision?
        public var error: String?
        /// Its position in the labels file (0-based), for folds and hold-out splits.
        public var index: Int
        /// The article's language: the labels file's column, else what `language` detected, else `nil`.
        public var language: String?

        public init(label: RelevanceLabel, title: String, decision: Decision?, error: String? = nil, index: Int, language: String? = nil) {
            self.label = label
            self.title = title
            self.decision = decision
            self.error = error
            self.index = index
            self.language = language
        }
    }

    public let matcher: Matcher
    public let scorer: Scorer

    public init(model: WatchModel) {
        matcher = Matcher(model: model)
        scorer = Scorer(model: model)
    }

    /// Evaluates every label.
    /// - Parameters:
    ///   - load: returns the bytes of a corpus file given its path relative to the corpus root.
    ///   - language: the detected language of an article (ISO 639-1), used when the label gives none.
    public func run(_ labels: [RelevanceLabel], load: (String) throws -> [UInt8],
                    language: (Article) -> String? = { _ in nil }) -> [Outcome] {
        var items: [String: [Article]] = [:]
        var outcomes: [Outcome] = []
        for (index, label) in labels.enumerated() {
            do {
                if items[label.file] == nil {
                    let name = label.file.split(separator: "/").last.map(String.init) ?? label.file
                    let document = Document(bytes: try load(label.file), origin: .file(path: Array(label.file.utf8)), nameHint: name)
                    items[label.file] = try DocumentReader.items(of: document).map(\.article)
                }
                let all = items[label.file]!
                let item = label.item ?? 0
                guard item < all.count else {
                    throw RelevanceLabelError(line: index + 1, problem: .noSuchArticle(file: label.file, item: item, count: all.count))
                }
                let article = all[item]
                let decision = scorer.score(matcher.match(article))
                outcomes.append(Outcome(label: label, title: article.title, decision: decision, error: nil, index: index,
                                        language: label.language ?? language(article)))
            } catch {
                outcomes.append(Outcome(label: label, title: "", decision: nil, error: "\(error)", index: index, language: label.language))
            }
        }
        return outcomes
    }

    /// Metrics over the outcomes that `include` selects (all by default); unreadable articles count as below `notice`.
    public static func metrics(_ outcomes: [Outcome], where include: (Outcome) -> Bool = { _ in true }) -> RelevanceMetrics {
        var m = RelevanceMetrics()
        for o in outcomes where include(o) { m.add(grade: o.label.grade, level: o.decision?.level) }
        return m
    }
}

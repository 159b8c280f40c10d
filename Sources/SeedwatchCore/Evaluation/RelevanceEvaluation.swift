/// Runs the extraction stage (``ArticleExtractor``), a watch's matcher and scorer over labelled articles and counts hits, misses and false
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
        /// Its position in the labels file (0-based), for hold-out splits.
        public var index: Int
    }

    public let matcher: Matcher
    public let scorer: Scorer

    public init(model: WatchModel) {
        matcher = Matcher(model: model)
        scorer = Scorer(model: model)
    }

    /// Evaluates every label.
    /// - Parameter load: returns the bytes of a corpus file given its path relative to the corpus root.
    public func run(_ labels: [RelevanceLabel], load: (String) throws -> [UInt8]) -> [Outcome] {
        var items: [String: [Article]] = [:]
        var outcomes: [Outcome] = []
        for (index, label) in labels.enumerated() {
            do {
                if items[label.file] == nil {
                    let name = label.file.split(separator: "/").last.map(String.init) ?? label.file
                    let document = Document(bytes: try load(label.file), origin: .file(path: Array(label.file.utf8)), nameHint: name)
                    items[label.file] = try ArticleExtractor.extract(document)
                }
                let all = items[label.file]!
                let item = label.item ?? 0
                guard item < all.count else {
                    throw RelevanceLabelError(line: index + 1, message: "\(label.file) has no article \(item)")
                }
                let article = all[item]
                let decision = scorer.score(matcher.match(article))
                outcomes.append(Outcome(label: label, title: article.title, decision: decision, error: nil, index: index))
            } catch {
                outcomes.append(Outcome(label: label, title: "", decision: nil, error: "\(error)", index: index))
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

    /// The hold-out split used while tuning: every 5th labelled article (index 4, 9, 14, …).
    public static func isHeldOut(_ o: Outcome) -> Bool { o.index % 5 == 4 }
}

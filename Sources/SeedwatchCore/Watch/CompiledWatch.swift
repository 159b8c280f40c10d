/// A seed watch ready to evaluate articles: its model, compiled matcher and scorer.
///
/// A class: every article's evaluation reads it, and a struct holding the model three times (its
/// own, the matcher's, the scorer's) cost a retain and a release per field at every copy.
public final class CompiledWatch: Sendable {
    public let model: WatchModel
    public let matcher: Matcher
    public let scorer: Scorer
    /// The words its alerts' story leads leave out: common words and its actors' alias words. Made
    /// at the first alert (most `scan`s of a few articles never need it).
    public var storyLeadWords: StoryLeadWords { leadWords.value }
    private let leadWords: OnFirstUse<StoryLeadWords>

    /// The watch name (the folder of `model.yaml`).
    public var name: String { model.watch }

    /// Compiles the model's patterns once.
    /// - Parameter cache: stored automata to load instead of compiling (``AutomatonCache``); `nil`:
    ///   compile. The watch decides the same either way.
    public init(model: WatchModel, cache: AutomatonCache? = nil) {
        self.model = model
        self.matcher = Matcher(model: model, cache: cache)
        self.scorer = Scorer(model: model)
        self.leadWords = OnFirstUse { StoryLeadWords(model: model) }
    }

    private init(model: WatchModel, matcher: Matcher, scorer: Scorer, leadWords: OnFirstUse<StoryLeadWords>) {
        self.model = model
        self.matcher = matcher
        self.scorer = scorer
        self.leadWords = leadWords
    }

    /// The same watch (the same compiled matcher), whose decisions also say what a miss lacked
    /// (``Decision/shortfalls``).
    public func explainingShortfalls() -> CompiledWatch {
        var scorer = scorer
        scorer.explainsShortfalls = true
        return CompiledWatch(model: model, matcher: matcher, scorer: scorer, leadWords: leadWords)
    }
}

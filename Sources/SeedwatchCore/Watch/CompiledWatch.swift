/// A seed watch ready to evaluate articles: its model, compiled matcher and scorer.
public struct CompiledWatch: Sendable {
    public let model: WatchModel
    public let matcher: Matcher
    public private(set) var scorer: Scorer

    /// The watch name (the folder of `model.yaml`).
    public var name: String { model.watch }

    /// Compiles the model's patterns once.
    public init(model: WatchModel) {
        self.model = model
        self.matcher = Matcher(model: model)
        self.scorer = Scorer(model: model)
    }

    /// The same watch, whose decisions also say what a miss lacked (``Decision/shortfalls``).
    public func explainingShortfalls() -> CompiledWatch {
        var watch = self
        watch.scorer.explainsShortfalls = true
        return watch
    }
}

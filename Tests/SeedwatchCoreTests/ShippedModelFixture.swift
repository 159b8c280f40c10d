import Foundation
import SeedwatchCore

/// The shipped seed watch's model, located from this file: `<package root>/seeds/china-russia-north-korea/model.yaml`,
/// and the shared corpus at `<package root>/../shared`.
enum ShippedModel {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let modelPath = packageRoot.appendingPathComponent("seeds/china-russia-north-korea/model.yaml").path
    static let sharedRoot = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    static let corpusRoot = sharedRoot.appendingPathComponent("corpus")
    static let labelsPath = sharedRoot.appendingPathComponent("labels/dev.tsv").path

    /// Whether `../shared` (corpus and labels) is present.
    static var sharedIsAvailable: Bool {
        FileManager.default.fileExists(atPath: labelsPath) && FileManager.default.fileExists(atPath: corpusRoot.path)
    }

    /// Why the shipped model is not there for the tests that use it.
    struct Unavailable: Error, Sendable, CustomStringConvertible {
        var description: String
    }

    /// The model, or why it did not load (loaded once).
    static let loaded: Result<WatchModel, Unavailable> = {
        guard let data = FileManager.default.contents(atPath: modelPath) else {
            return .failure(Unavailable(description: "the shipped model cannot be read at \(modelPath)"))
        }
        do { return .success(try ModelLoader.load(bytes: Array(data), file: modelPath, watch: "china-russia-north-korea")) } catch {
            return .failure(Unavailable(description: "the shipped model does not load: \(error)"))
        }
    }()

    private static let loadedMatcher = loaded.map { Matcher(model: $0) }
    private static let loadedScorer = loaded.map { Scorer(model: $0) }

    /// The shipped model.
    /// - Throws: ``Unavailable`` when it cannot be read or does not load: the tests that use it
    ///   fail, and the rest of the run goes on.
    static var model: WatchModel { get throws { try loaded.get() } }
    /// A matcher over ``model``. - Throws: ``Unavailable``.
    static var matcher: Matcher { get throws { try loadedMatcher.get() } }
    /// A scorer over ``model``. - Throws: ``Unavailable``.
    static var scorer: Scorer { get throws { try loadedScorer.get() } }

    /// The shipped model's scorer that also says what a miss lacked (``Decision/shortfalls``).
    static func explainingScorer() throws -> Scorer {
        var scorer = try scorer
        scorer.explainsShortfalls = true
        return scorer
    }

    /// Actor ids matched in a plain text (first line a title when `hasTitle`).
    /// - Throws: ``Unavailable``.
    static func actorIDs(_ text: String, hasTitle: Bool = false) throws -> Set<String> {
        try matcher.match(text: text, hasTitle: hasTitle).actorIDs(in: model)
    }

    /// Extracts a file's articles with the extraction stage (``ArticleExtractor``).
    static func extract(_ url: URL) throws -> [Article] {
        let bytes = Array(try Data(contentsOf: url))
        return try ArticleExtractor.extract(Document(bytes: bytes, origin: .file(path: Array(url.path.utf8)), nameHint: url.lastPathComponent))
    }

    /// Reads a labelled corpus article (`FILE` or `FILE#N`, relative to the corpus root).
    static func corpusArticle(_ path: String) throws -> Article {
        let label = try RelevanceLabel.parse(path + "\t0\t")[0]
        return try extract(corpusRoot.appendingPathComponent(label.file))[label.item ?? 0]
    }
}

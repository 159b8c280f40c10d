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

    /// The loaded model (loaded once).
    static let model: WatchModel = {
        let bytes = Array(FileManager.default.contents(atPath: modelPath) ?? Data())
        do { return try ModelLoader.load(bytes: bytes, file: modelPath, watch: "china-russia-north-korea") } catch {
            fatalError("the shipped model does not load: \(error)")
        }
    }()

    static let matcher = Matcher(model: model)
    static let scorer = Scorer(model: model)

    /// Actor ids matched in a plain text (first line a title when `hasTitle`).
    static func actorIDs(_ text: String, hasTitle: Bool = false) -> Set<String> {
        matcher.match(text: text, hasTitle: hasTitle).actorIDs(in: model)
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

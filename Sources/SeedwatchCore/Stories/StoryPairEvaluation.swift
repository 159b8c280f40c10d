import Foundation

/// Measures a ``StoryRule`` on labelled pairs of corpus articles (``StoryPairLabel``), the way the
/// pipeline would see them: each article read as the drop folder reads it (``DocumentReader``, its
/// first item), matched and scored by one watch for its actor and topic ids (whatever its level),
/// and fingerprinted (``StoryFingerprint``). An undated article takes `undated` as its time and,
/// as in the pipeline, joins only as the same page or a copy (``StoryFingerprint/isDated``).
public struct StoryPairEvaluation: Sendable {
    /// The fingerprints of the articles read, by corpus path.
    public private(set) var fingerprints: [String: StoryFingerprint] = [:]
    /// Paths that could not be read, with the reason.
    public private(set) var unreadable: [String: String] = [:]

    /// Reads every article the labels name.
    /// - Parameters:
    ///   - labels: the pairs.
    ///   - watch: the watch whose actors and topics the rule compares.
    ///   - undated: the time given to an article with no published date.
    ///   - load: the bytes of a corpus file given its path relative to the corpus root.
    public init(labels: [StoryPairLabel], watch: CompiledWatch, undated: Date = Date(timeIntervalSince1970: 0),
                load: (String) throws -> [UInt8]) {
        var paths: [String] = []
        var seen: Set<String> = []
        for label in labels {
            for path in [label.first, label.second] where seen.insert(path).inserted { paths.append(path) }
        }
        for path in paths {
            do {
                let name = path.split(separator: "/").last.map(String.init) ?? path
                let document = Document(bytes: try load(path), origin: .file(path: Array(path.utf8)), nameHint: name)
                guard let article = try DocumentReader.items(of: document).first?.article else {
                    unreadable[path] = "no article"
                    continue
                }
                let decision = watch.scorer.score(watch.matcher.match(article, language: article.language))
                fingerprints[path] = StoryFingerprint(
                    title: article.title, body: article.body, url: article.url, published: article.published, seen: undated,
                    actors: Set(decision.actors.map(\.id)), topics: Set(decision.topics.map(\.id)), leadWords: watch.storyLeadWords)
            } catch {
                unreadable[path] = "\(error)"
            }
        }
    }

    /// The metrics of `rule` on the labels of `split` (all labels when `nil`) whose two articles
    /// were read.
    public func metrics(_ labels: [StoryPairLabel], rule: StoryRule = .standard, split: StoryPairLabel.Split?) -> StoryPairMetrics {
        var metrics = StoryPairMetrics()
        for label in labels where split == nil || label.split == split {
            guard let a = fingerprints[label.first], let b = fingerprints[label.second] else { continue }
            metrics.add(sameStory: label.sameStory, joined: rule.relation(a, b) != nil)
        }
        return metrics
    }
}

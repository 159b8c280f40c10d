import ArgumentParser
import Foundation
import SeedwatchCore

extension EvalCommand {
    /// `eval --story-pairs FILE[=DIR]`: reads the pairs, reads their articles from DIR (else
    /// `--corpus`, else FILE's folder), and prints the ``StoryPairReport``.
    /// - Throws: `ExitCode(2)` when FILE cannot be read or parsed (the reason on standard error),
    ///   `ExitCode(1)` when no pair has both articles read.
    static func evaluateStoryPairs(_ argument: String, defaultCorpus: String?, watch: CompiledWatch, verbose: Bool) throws {
        let (file, corpus) = split(argument, defaultCorpus: defaultCorpus)
        guard let data = FileManager.default.contents(atPath: file) else {
            FileHandleOutput.standardError("error: cannot read the story pairs \(file)")
            throw ExitCode(2)
        }
        let labels: [StoryPairLabel]
        do {
            labels = try StoryPairLabel.parse(String(decoding: data, as: UTF8.self))
        } catch {
            FileHandleOutput.standardError("error: \(file): \(error)")
            throw ExitCode(2)
        }
        let evaluation = StoryPairEvaluation(labels: labels, watch: watch) { path in
            let full = (corpus as NSString).appendingPathComponent(path)
            guard let data = FileManager.default.contents(atPath: full) else { throw UnreadableArticle(path: full) }
            return Array(data)
        }
        let report = StoryPairReport(labelsPath: file, corpusPath: corpus, watch: watch.name, labels: labels, evaluation: evaluation)
        print(report.text(verbose: verbose), terminator: "")
        if report.readPairs == 0 { throw ExitCode(1) }
    }
}

/// A story-pairs article that cannot be read where the corpus folder says it is.
struct UnreadableArticle: Error, CustomStringConvertible {
    var path: String
    var description: String { "cannot read \(path)" }
}

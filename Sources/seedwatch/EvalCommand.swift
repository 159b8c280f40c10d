import ArgumentParser
import Foundation
import SeedwatchCore
import SeedwatchRuntime

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure a watch's precision and recall on labelled articles, or the story rule's on labelled pairs.",
        discussion: """
        A labels file has one article per line: PATH<TAB>LABEL<TAB>reason[<TAB>language[<TAB>source]], \
        LABEL 2 (must alert), 1 (either way) or 0 (must not alert); PATH is relative to the corpus \
        folder and may end in #N for item N (0-based) of a JSON array or feed file. Give a labels \
        file as FILE=DIR to name its corpus folder; otherwise --corpus DIR, else the labels file's \
        own folder. --labels may be repeated.

        Prints, per label set and for all sets together: precision (hits / (hits + any level on a \
        label-0 article)) and recall (label-2 articles at level alert), per language (the language \
        column), and k-fold cross-validated figures (the alert threshold fitted on k-1 folds, \
        measured on the held-out fold); then the misses and false alarms (with --verbose, every \
        score component). A labels file or corpus folder that is missing is reported and skipped. \
        Exits 0 when some labelled article was read, 1 otherwise, 2 on a bad configuration.

        --story-pairs FILE[=DIR] measures the story rule instead (README "Stories"): FILE has one \
        pair a line, PATH_A<TAB>PATH_B<TAB>LABEL<TAB>SPLIT<TAB>reason, LABEL 1 (one story) or 0 \
        (separate), SPLIT dev or test (held out), as labels/story-pairs-build.py writes them. Each \
        article is read as the drop folder reads it and matched by the watch for its actors and \
        topics. Prints pairwise precision (joined pairs that are one story) and recall (one-story \
        pairs joined) per split, over all pairs and over the pairs whose two articles both name \
        actors of the watch.

        Examples:
          seedwatch eval --labels ../shared/labels/dev.tsv=../shared/corpus
          seedwatch eval --corpus ../shared/corpus --labels dev.tsv --labels labels/news-en.tsv=../shared/corpus --verbose
          seedwatch eval --story-pairs var/story-pairs.tsv=../shared/corpus
        """
    )

    @OptionGroup var options: ConfigOption

    @Option(name: .long, parsing: .singleValue,
            help: ArgumentHelp("A labels file, optionally with its corpus folder as FILE=DIR (repeatable).", valueName: "file[=dir]"))
    var labels: [String] = []

    @Option(name: .customLong("story-pairs"),
            help: ArgumentHelp("Labelled story pairs, optionally with their corpus folder as FILE=DIR: measure the story rule.",
                               valueName: "file[=dir]"))
    var storyPairs: String?

    @Option(help: ArgumentHelp("Corpus folder for labels files given without =DIR (default: each labels file's folder).", valueName: "dir"))
    var corpus: String?

    @Option(help: ArgumentHelp("The watch to measure (its folder name; default: the configuration's first watch).", valueName: "name"))
    var watch: String?

    @Option(help: ArgumentHelp("Measure this model.yaml instead of a configured watch.", valueName: "path"))
    var model: String?

    @Option(help: ArgumentHelp("Number of cross-validation folds (at least 2).", valueName: "k"))
    var folds: Int = 5

    @Flag(help: "List every unreadable article, each fold's fitted thresholds, and each miss's and false alarm's score components.")
    var verbose = false

    func validate() throws {
        guard labels.isEmpty != (storyPairs == nil) else {
            throw ValidationError("give at least one --labels FILE, or --story-pairs FILE (not both)")
        }
        guard folds >= 2 else { throw ValidationError("--folds must be at least 2") }
    }

    func run() throws {
        let (compiled, description) = try loadWatch()
        if let storyPairs {
            try Self.evaluateStoryPairs(storyPairs, defaultCorpus: corpus, watch: compiled, verbose: verbose)
            return
        }
        let evaluation = RelevanceEvaluation(model: compiled.model)
        var sets: [EvaluationReport.LabelSet] = []
        for argument in labels {
            let (file, corpusFolder) = Self.split(argument, defaultCorpus: corpus)
            sets.append(Self.evaluate(file: file, corpus: corpusFolder, with: evaluation))
        }
        let report = EvaluationReport(watch: compiled.name, modelDescription: description, rules: compiled.model.rules,
                                      sets: sets, folds: folds, verbose: verbose)
        print(report.text, terminator: "")
        if report.readableOutcomes.isEmpty { throw ExitCode(1) }
    }

    /// `FILE=DIR` → (FILE, DIR); `FILE` → (FILE, --corpus or FILE's folder).
    static func split(_ argument: String, defaultCorpus: String?) -> (file: String, corpus: String) {
        if let eq = argument.firstIndex(of: "="), eq != argument.startIndex {
            return (String(argument[..<eq]), String(argument[argument.index(after: eq)...]))
        }
        let folder = (argument as NSString).deletingLastPathComponent
        return (argument, defaultCorpus ?? (folder.isEmpty ? "." : folder))
    }

    /// Reads one labels file and evaluates its articles where they lie.
    static func evaluate(file: String, corpus: String, with evaluation: RelevanceEvaluation) -> EvaluationReport.LabelSet {
        guard let data = FileManager.default.contents(atPath: file) else {
            return .init(labelsPath: file, corpusPath: corpus, status: .labelsNotFound("cannot read \(file)"))
        }
        let parsed: [RelevanceLabel]
        do {
            parsed = try RelevanceLabel.parse(String(decoding: data, as: UTF8.self))
        } catch {
            return .init(labelsPath: file, corpusPath: corpus, status: .labelsNotFound("\(file): \(error)"))
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: corpus, isDirectory: &isFolder), isFolder.boolValue else {
            return .init(labelsPath: file, corpusPath: corpus, status: .corpusNotFound(count: parsed.count))
        }
        let outcomes = evaluation.run(parsed) { path in
            let full = (corpus as NSString).appendingPathComponent(path)
            guard let data = FileManager.default.contents(atPath: full) else {
                throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: full])
            }
            return Array(data)
        } language: { $0.language }
        return .init(labelsPath: file, corpusPath: corpus, status: .evaluated(outcomes))
    }

    /// The watch to measure: `--model`, else `--watch` (or the first watch) of the configuration.
    func loadWatch() throws -> (CompiledWatch, String) {
        if let model {
            guard let data = FileManager.default.contents(atPath: model) else {
                FileHandleOutput.standardError("error: cannot read the model \(model)")
                throw ExitCode(2)
            }
            let folder = ((model as NSString).deletingLastPathComponent as NSString).lastPathComponent
            do {
                let loaded = try ModelLoader.load(bytes: Array(data), file: model, watch: folder.isEmpty ? "model" : folder)
                return (CompiledWatch(model: loaded), "model \(model) (version \(loaded.version))")
            } catch {
                FileHandleOutput.standardError("error: \(error)")
                throw ExitCode(2)
            }
        }
        let (configuration, watches) = try options.loadConfigurationAndWatches()
        let chosen = watch.map { name in watches.first { $0.name == name } } ?? watches.first
        guard let compiled = chosen else {
            FileHandleOutput.standardError("error: no watch \(watch.map { "named '\($0)' " } ?? "")in \(configuration.file)")
            throw ExitCode(2)
        }
        return (compiled, "model version \(compiled.model.version), configuration \(configuration.file)")
    }
}

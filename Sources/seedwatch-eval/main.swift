import Foundation
import SeedwatchCore

// seedwatch-eval — relevance evaluation of a seed watch against labelled articles.
//
//   swift run seedwatch-eval [--labels PATH] [--corpus DIR] [--model PATH] [--verbose]
//
// Defaults: ../shared/labels/dev.tsv, ../shared/corpus, seeds/china-russia-north-korea/model.yaml
// (relative to the current directory: run it from the package root). Prints precision and recall
// for all articles, the tuning part and the held-out part (every 5th article); with --verbose, the
// misses and false alarms with their scores and explanations.

var labelsPath = "../shared/labels/dev.tsv"
var corpusRoot = "../shared/corpus"
var modelPath = "seeds/china-russia-north-korea/model.yaml"
var verbose = false
var dumpPath: String?
var args = CommandLine.arguments.dropFirst()
func usage() -> Never {
    FileHandle.standardError.write(Data("usage: seedwatch-eval [--labels PATH] [--corpus DIR] [--model PATH] [--verbose] [--dump TSV]\n".utf8))
    exit(2)
}
while let arg = args.popFirst() {
    switch arg {
    case "--labels": guard let value = args.popFirst() else { usage() }; labelsPath = value
    case "--corpus": guard let value = args.popFirst() else { usage() }; corpusRoot = value
    case "--model": guard let value = args.popFirst() else { usage() }; modelPath = value
    case "--verbose", "-v": verbose = true
    case "--dump": guard let value = args.popFirst() else { usage() }; dumpPath = value
    case "--help", "-h": usage()
    default: usage()
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("seedwatch-eval: \(message)\n".utf8))
    exit(1)
}

guard let modelData = FileManager.default.contents(atPath: modelPath) else { fail("cannot read model \(modelPath)") }
let watch = URL(fileURLWithPath: modelPath).deletingLastPathComponent().lastPathComponent
let model: WatchModel
do { model = try ModelLoader.load(bytes: Array(modelData), file: modelPath, watch: watch) } catch { fail("\(error)") }
guard let labelData = FileManager.default.contents(atPath: labelsPath) else { fail("cannot read labels \(labelsPath)") }
let labels: [RelevanceLabel]
do { labels = try RelevanceLabel.parse(String(decoding: labelData, as: UTF8.self)) } catch { fail("\(labelsPath): \(error)") }

let evaluation = RelevanceEvaluation(model: model)
let outcomes = evaluation.run(labels) { path in
    let full = corpusRoot + "/" + path
    guard let data = FileManager.default.contents(atPath: full) else {
        throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: full])
    }
    return Array(data)
}

func line(_ name: String, _ m: RelevanceMetrics) -> String {
    let p = String(format: "%.3f", m.precision), r = String(format: "%.3f", m.recall)
    return "\(name): precision \(p) recall \(r)  (hits \(m.hits), misses \(m.misses), false alarms \(m.falseAlarms), label-1 \(m.eitherWay))"
}
let errors = outcomes.filter { $0.error != nil }
print("model \(modelPath) version \(model.version); \(labels.count) labelled articles; \(errors.count) unreadable")
print(line("all     ", RelevanceEvaluation.metrics(outcomes)))
print(line("tuning  ", RelevanceEvaluation.metrics(outcomes) { !RelevanceEvaluation.isHeldOut($0) }))
print(line("held-out", RelevanceEvaluation.metrics(outcomes, where: RelevanceEvaluation.isHeldOut)))

@MainActor func show(_ o: RelevanceEvaluation.Outcome) {
    let d = o.decision
    let level = d?.level?.rawValue ?? "-"
    print("  [\(o.label.grade.rawValue)] \(String(format: "%6.2f", d?.score ?? 0)) topic \(String(format: "%5.2f", d?.topicPoints ?? 0)) \(level)  \(o.label.path)")
    print("      \(o.title) — \(o.label.reason)")
    if verbose, let d {
        print("      actors: " + d.actors.prefix(6).map { "\($0.id)×\($0.mentions)" }.joined(separator: " "))
        print("      " + d.explanation.map(\.description).joined(separator: "; "))
    }
}
let misses = outcomes.filter { $0.label.grade == RelevanceLabel.Grade.mustAlert && $0.decision?.level != .alert }
let falseAlarms = outcomes.filter { $0.label.grade == RelevanceLabel.Grade.irrelevant && $0.decision?.level != nil }
print("misses (\(misses.count)):")
misses.forEach(show)
print("false alarms (\(falseAlarms.count)):")
falseAlarms.forEach(show)
for e in errors { print("unreadable: \(e.label.path): \(e.error ?? "")") }

if let dumpPath {
    var tsv = "path\tlabel\theld_out\tscore\ttopic\tlevel\n"
    for o in outcomes {
        tsv += "\(o.label.path)\t\(o.label.grade.rawValue)\t\(RelevanceEvaluation.isHeldOut(o) ? 1 : 0)\t\(o.decision?.score ?? 0)\t\(o.decision?.topicPoints ?? 0)\t\(o.decision?.level?.rawValue ?? "-")\n"
    }
    FileManager.default.createFile(atPath: dumpPath, contents: Data(tsv.utf8))
}

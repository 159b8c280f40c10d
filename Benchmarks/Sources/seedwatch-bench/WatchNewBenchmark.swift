import Foundation
import SeedwatchCore

/// Issue 10's speed target: `seedwatch watch new` turns a seed into a watch "in seconds" (under
/// 10 s on the 2-core machine). Times, in wall-clock seconds, loading the shipped builder data
/// (knowledge, background frequencies, event lexicon: once per command) and then building the
/// model from the seed and writing its `model.yaml` text, `repeats` times.
///
///   cd Benchmarks && swift run -c release seedwatch-bench --watch-new ../seeds/china-russia-north-korea/article.txt [--repeat 5]
func runWatchNewBenchmark(seedPath: String, repeats: Int) {
    guard let bytes = FileManager.default.contents(atPath: seedPath) else {
        print("watch new: cannot read \(seedPath)")
        return
    }
    let items: [DocumentItem]
    do {
        items = try DocumentReader.items(of: Document(bytes: Array(bytes), origin: .file(path: Array(seedPath.utf8)),
                                                      nameHint: (seedPath as NSString).lastPathComponent))
    } catch {
        print("watch new: \(seedPath): \(error)")
        return
    }
    guard let seed = items.first?.article else {
        print("watch new: \(seedPath) holds no article")
        return
    }
    let clock = ContinuousClock()
    var builder: WatchBuilder?
    let load = clock.measure {
        do { builder = try WatchBuilder.bundled() } catch { print("watch new: shipped data: \(error)") }
    }
    guard let builder else { return }
    var bytesWritten = 0
    var fastest = Duration.seconds(1_000_000), slowest = Duration.zero
    for _ in 0..<max(1, repeats) {
        let one = clock.measure {
            do { bytesWritten = try builder.build(name: "bench", seed: seed).modelYAML.utf8.count } catch { print("watch new: \(error)") }
        }
        fastest = min(fastest, one)
        slowest = max(slowest, one)
    }
    func seconds(_ d: Duration) -> String { String(format: "%.3f s", Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18) }
    print("watch new: shipped data loaded in \(seconds(load)); model built in \(seconds(fastest)) (fastest of \(max(1, repeats))), \(seconds(slowest)) (slowest); model.yaml \(bytesWritten) bytes")
    print("watch new: one command ≈ \(seconds(load + slowest)) (target: under 10 s)")
}

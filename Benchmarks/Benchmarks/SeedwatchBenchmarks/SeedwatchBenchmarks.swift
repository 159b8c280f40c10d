import Benchmark
import BenchmarkSupport

// Issue 15's figures under ordo-one/benchmark (package-benchmark): percentiles, allocation counts
// and saved baselines to compare two builds.
//
//   swift build -c release --product seedwatch          # in the repository, for the whole commands
//   cd Benchmarks && swift package benchmark             # every figure
//   swift package benchmark --filter 'whole path.*'      # one group
//   swift package benchmark baseline update main && swift package benchmark baseline compare main
//
// The in-process figures (HTML extraction, normaliser, matcher, match + score, feed parsing) need
// the shared corpus; the whole-command figures also need a release build of `seedwatch` and print
// each peer beside it when the peer is installed (ripgrep; Hyperscan and trafilatura in the Python
// named by SEEDWATCH_BENCH_PYTHON). What is missing is said once, and those figures are left out.
let benchmarks: @Sendable () -> Void = {
    guard let corpus = BenchCorpus.corpus else {
        print("shared corpus not found (../shared/corpus beside the repository, or SEEDWATCH_CORPUS): no benchmark registered")
        return
    }
    InProcessBenchmarks.register(corpus: corpus)
    WholeCommandBenchmarks.register(corpus: corpus)
}

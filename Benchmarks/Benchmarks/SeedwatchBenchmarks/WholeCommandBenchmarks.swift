import Benchmark
import BenchmarkSupport
import Foundation

/// Whole commands as a user runs them, each beside its peer on the same input (issue 15):
/// - `seedwatch scan --json` of a 55 MB `.txt` of BBC news, beside ripgrep (`rg -c -i -w -F -f`)
///   and Hyperscan (caseless, `\b` on both sides; the `hyperscan` Python package) on the model's
///   aliases and terms;
/// - `seedwatch scan --json` of the BBC World 2026 HTML set, and trafilatura's extraction of the
///   same pages (`trafilatura` Python package);
/// - the peak RSS above an idle `scan` for one article of 10 MB (`.txt`, a page of paragraphs,
///   real pages one after another) and a 50 MB page on one line, in % of the input's bytes;
/// - 1,000 loopback feeds answering 304: `seedwatch run` beside `curl --parallel`
///   (`Benchmarks/poll-304.py`, one round per iteration).
/// Peers run in their own processes; their MB/s is what they report for their own scan, so their
/// start-up is left out.
enum WholeCommandBenchmarks {
    static let kilobytesPerSecond = InProcessBenchmarks.kilobytesPerSecond
    static let childCPU = BenchmarkMetric.custom("child CPU (ms)", polarity: .prefersSmaller, useScalingFactor: false)
    static let childPeakRSS = BenchmarkMetric.custom("child peak RSS (MB)", polarity: .prefersSmaller, useScalingFactor: false)
    static let aboveIdle = BenchmarkMetric.custom("peak above idle (% of input)", polarity: .prefersSmaller, useScalingFactor: false)
    static let seedwatchMilliseconds = BenchmarkMetric.custom("seedwatch run (ms)", polarity: .prefersSmaller, useScalingFactor: false)
    static let curlMilliseconds = BenchmarkMetric.custom("curl --parallel (ms)", polarity: .prefersSmaller, useScalingFactor: false)

    static var configuration: Benchmark.Configuration { Benchmark.Configuration(
        metrics: [.wallClock, kilobytesPerSecond, childCPU], maxDuration: .seconds(60), maxIterations: 5) }
    static var peerConfiguration: Benchmark.Configuration { Benchmark.Configuration(metrics: [kilobytesPerSecond], warmupIterations: 0, maxDuration: .seconds(120),
                                                           maxIterations: 3) }

    static func register(corpus: URL) {
        guard let binary = BenchCorpus.binary else {
            print("no release build of seedwatch (swift build -c release --product seedwatch, or SEEDWATCH_BINARY): whole commands left out")
            return
        }
        let python = ProcessInfo.processInfo.environment["SEEDWATCH_BENCH_PYTHON"] ?? "/usr/bin/python3"
        let peers = BenchCorpus.repository.appendingPathComponent("Benchmarks/peers")
        let scan = [binary, "scan", "--config", BenchCorpus.configPath, "--json"]

        Benchmark("whole path: seedwatch scan --json, 55 MB .txt", configuration: configuration) { benchmark in
            let inputs = Inputs.shared(corpus)
            record(ChildProcess.run(scan[0], Array(scan.dropFirst()) + [inputs.largeText.path]), megabytes: inputs.largeTextMegabytes, benchmark)
        }
        if let rg = ChildProcess.which("rg") {
            Benchmark("whole path: ripgrep -c -i -w -F, 55 MB .txt", configuration: configuration) { benchmark in
                let inputs = Inputs.shared(corpus)
                record(ChildProcess.run(rg, ["-c", "-i", "-w", "-F", "-f", inputs.patterns.path, inputs.largeText.path]),
                       megabytes: inputs.largeTextMegabytes, benchmark)
            }
        } else {
            print("ripgrep not installed (apt-get install ripgrep): its figure is left out")
        }
        if ChildProcess.run(python, ["-c", "import hyperscan"]).status == 0 {
            Benchmark("whole path: Hyperscan (its own scan time), 55 MB .txt", configuration: peerConfiguration) { benchmark in
                let inputs = Inputs.shared(corpus)
                let output = ChildProcess.capture(python, [peers.appendingPathComponent("hyperscan-scan.py").path, inputs.patterns.path,
                                                           inputs.largeText.path, "1"])
                if let rate = rate(in: output, prefix: "hyperscan:") { benchmark.measurement(kilobytesPerSecond, Int(rate * 1000)) }
            }
        } else {
            print("Hyperscan not installed in \(python) (python3 -m venv V && V/bin/pip install hyperscan; SEEDWATCH_BENCH_PYTHON=V/bin/python)")
        }

        Benchmark("whole path: seedwatch scan --json, BBC World 2026 HTML set", configuration: configuration) { benchmark in
            let inputs = Inputs.shared(corpus)
            let pages = inputs.htmlSetPages.map(\.path)
            record(ChildProcess.run(scan[0], Array(scan.dropFirst()) + pages),
                   megabytes: Double(inputs.htmlSetBytes) / 1e6, benchmark)
        }
        if ChildProcess.run(python, ["-c", "import trafilatura"]).status == 0 {
            Benchmark("HTML extraction peer: trafilatura (its own time), BBC World 2026 HTML set", configuration: peerConfiguration) { benchmark in
                let output = ChildProcess.capture(python, [peers.appendingPathComponent("trafilatura-extract.py").path,
                                                           corpus.appendingPathComponent("articles/bbc-world-2026").path, "1"])
                if let rate = rate(in: output, prefix: "trafilatura:") { benchmark.measurement(kilobytesPerSecond, Int(rate * 1000)) }
            }
        } else {
            print("trafilatura not installed in \(python) (V/bin/pip install trafilatura; SEEDWATCH_BENCH_PYTHON=V/bin/python)")
        }

        let memory = Benchmark.Configuration(metrics: [aboveIdle, childPeakRSS], warmupIterations: 0, maxDuration: .seconds(120), maxIterations: 1)
        for (index, name) in TextPathInputs.memoryInputNames.enumerated() {
            Benchmark("peak memory: seedwatch scan --json, \(name)", configuration: memory) { benchmark in
                let inputs = Inputs.shared(corpus)
                let (file, bytes) = inputs.memoryInputs[index]
                guard let idle = ChildProcess.peakRSS(scan[0], Array(scan.dropFirst()) + [inputs.idle.path]),
                      let peak = ChildProcess.peakRSS(scan[0], Array(scan.dropFirst()) + [file.path]) else {
                    benchmark.error("no peak RSS: /usr/bin/time missing (apt-get install time) or scan failed")
                    return
                }
                benchmark.measurement(aboveIdle, (peak - idle) * 100 / bytes)
                benchmark.measurement(childPeakRSS, peak / 1_000_000)
            }
        }

        if let curl = ChildProcess.which("curl") {
            let polls = Benchmark.Configuration(metrics: [seedwatchMilliseconds, curlMilliseconds], warmupIterations: 0,
                                                maxDuration: .seconds(300), maxIterations: 3)
            Benchmark("1,000 feeds answering 304: seedwatch run beside curl --parallel", configuration: polls) { benchmark in
                let output = ChildProcess.capture("/usr/bin/python3", [BenchCorpus.repository.appendingPathComponent("Benchmarks/poll-304.py").path,
                                                                      "--daemon", binary, "--curl", curl, "--rounds", "1"])
                if let ours = seconds(in: output, after: "seedwatch run:"), let theirs = seconds(in: output, after: "curl --parallel:") {
                    benchmark.measurement(seedwatchMilliseconds, Int(ours * 1000))
                    benchmark.measurement(curlMilliseconds, Int(theirs * 1000))
                } else {
                    print("poll-304.py gave no figures: \(output.suffix(500))")
                }
            }
        }
    }

    /// Records a child's KB/s (of `megabytes` of input) and CPU milliseconds.
    static func record(_ run: ChildRun, megabytes: Double, _ benchmark: Benchmark) {
        guard run.status == 0 else {
            benchmark.error("child exited with wait status \(run.status)")
            return
        }
        benchmark.measurement(kilobytesPerSecond, Int(megabytes * 1000 / run.seconds))
        benchmark.measurement(childCPU, Int(run.cpuSeconds * 1000))
    }

    /// The `= X MB/s` figure of the line of `output` that starts with `prefix`.
    static func rate(in output: String, prefix: String) -> Double? {
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }),
              let tail = line.split(separator: "=").last else { return nil }
        return Double(tail.split(separator: " ").first ?? "")
    }

    /// The first `best X s` after `label` in poll-304.py's summary.
    static func seconds(in output: String, after label: String) -> Double? {
        guard let line = output.split(separator: "\n").first(where: { $0.contains(label) }),
              let range = line.range(of: "best ") else { return nil }
        return Double(line[range.upperBound...].split(separator: " ").first ?? "")
    }

    /// The inputs of the whole commands, written once per process, on first use, to
    /// `$TMPDIR/seedwatch-benchmark-inputs` (about 130 MB; rewritten by every run).
    enum Inputs {
        nonisolated(unsafe) private static var made: TextPathInputs?
        private static let lock = NSLock()

        static func shared(_ corpus: URL) -> TextPathInputs {
            lock.lock()
            defer { lock.unlock() }
            if let made { return made }
            let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("seedwatch-benchmark-inputs")
            do {
                let inputs = try TextPathInputs.make(corpus: corpus, modelPath: BenchCorpus.modelPath, folder: folder)
                made = inputs
                return inputs
            } catch {
                fatalError("inputs of the whole commands not written to \(folder.path): \(error)")
            }
        }
    }
}

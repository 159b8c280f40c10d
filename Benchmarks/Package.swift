// swift-tools-version:6.1
// Benchmarks live in their own package so that CI's build of seedwatch stays small.
// From this folder:
//   swift package benchmark                      stage and whole-command figures (package-benchmark)
//   swift run -c release seedwatch-bench …       scenario runs: daemon bursts, 100,000-item feeds, stories at scale
import PackageDescription

let package = Package(
    name: "seedwatch-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "seedwatch", path: ".."),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(
            name: "BenchmarkSupport",
            dependencies: [.product(name: "SeedwatchCore", package: "seedwatch")]
        ),
        .executableTarget(
            name: "seedwatch-bench",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "SeedwatchCore", package: "seedwatch"),
                .product(name: "SeedwatchRuntime", package: "seedwatch"),
                .product(name: "SeedwatchTesting", package: "seedwatch"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "SeedwatchBenchmarks",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "SeedwatchCore", package: "seedwatch"),
            ],
            path: "Benchmarks/SeedwatchBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)

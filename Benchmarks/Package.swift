// swift-tools-version:6.1
// Benchmarks live in their own package so that CI's build of seedwatch stays small.
// Run from this folder: swift run -c release seedwatch-bench [--corpus ../../shared/corpus]
import PackageDescription

let package = Package(
    name: "seedwatch-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "seedwatch", path: ".."),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .executableTarget(
            name: "seedwatch-bench",
            dependencies: [
                .product(name: "SeedwatchCore", package: "seedwatch"),
                .product(name: "SeedwatchRuntime", package: "seedwatch"),
                .product(name: "SeedwatchTesting", package: "seedwatch"),
                .product(name: "Logging", package: "swift-log"),
            ]
        )
    ]
)

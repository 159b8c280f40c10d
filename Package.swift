// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "seedwatch",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "seedwatch", targets: ["seedwatch"]),
        .library(name: "SeedwatchCore", targets: ["SeedwatchCore"]),
        .library(name: "SeedwatchRuntime", targets: ["SeedwatchRuntime"]),
        // Test doubles for the Runtime's seams (fetcher, file events, alert sink) and a loopback HTTP
        // server, shipped beside the protocols like swift-log's InMemoryLogging; tests and benchmarks use it.
        .library(name: "SeedwatchTesting", targets: ["SeedwatchTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // The loopback HTTP endpoint of metrics.listen: a small HTTP/1.1 server over BSD sockets with
        // no dependencies, light to build beside SwiftNIO-based servers (Hummingbird, Vapor).
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "SeedwatchCore",
            dependencies: [
                "CLibXML2",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            // Read through Bundle.module at run time: the knowledge data (state names; the supplement of
            // demonyms, capitals, organisations and people) and the data of `watch new` (background
            // frequencies, event lexicon).
            resources: [
                .copy("Resources/Knowledge"),
                .copy("WatchBuilder/Data/background-df.tsv"),
                .copy("WatchBuilder/Data/event-lexicon.tsv"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SeedwatchRuntime",
            dependencies: [
                "SeedwatchCore",
                "CCurl",
                "CZlib",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SeedwatchTesting",
            dependencies: ["SeedwatchRuntime", "SeedwatchCore"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "seedwatch",
            dependencies: [
                "SeedwatchRuntime",
                "SeedwatchCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings,
            // Full RELRO: every symbol bound at start-up, so the GOT is read-only afterwards (Debian's
            // hardening flags, -Wl,-z,now; lintian's hardening-no-bindnow).
            linkerSettings: [.unsafeFlags(["-Xlinker", "-z", "-Xlinker", "now"], .when(platforms: [.linux]))]
        ),
        .testTarget(
            name: "SeedwatchCoreTests",
            dependencies: ["SeedwatchCore", "SeedwatchTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SeedwatchRuntimeTests",
            dependencies: [
                "SeedwatchRuntime", "SeedwatchCore", "SeedwatchTesting",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SeedwatchEndToEndTests",
            dependencies: ["SeedwatchCore", "SeedwatchRuntime", "SeedwatchTesting"],
            swiftSettings: swiftSettings
        ),
    ]
)

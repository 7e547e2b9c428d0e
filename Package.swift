// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "Pulse",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "PulseCore", targets: ["PulseCore"]),
        .library(name: "PulseStore", targets: ["PulseStore"]),
        .library(name: "PulseEngine", targets: ["PulseEngine"]),
        .executable(name: "pulse", targets: ["pulse"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-async-algorithms", from: "1.1.4"),
    ],
    targets: [
        .target(name: "PulseCore", swiftSettings: strict),
        .target(
            name: "PulseStore",
            dependencies: [
                "PulseCore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "PulseEngine",
            dependencies: [
                "PulseCore", "PulseStore", .product(name: "Yams", package: "Yams"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
            ],
            resources: [.copy("BuiltInRules")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "pulse",
            dependencies: [
                "PulseCore", "PulseStore", "PulseEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("Mappings")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "PulseCoreTests", dependencies: ["PulseCore"], resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "PulseStoreTests", dependencies: ["PulseStore"], swiftSettings: strict),
        .testTarget(name: "PulseEngineTests", dependencies: ["PulseEngine"], swiftSettings: strict),
        .testTarget(name: "pulseTests", dependencies: ["pulse"], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)

// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "huashu",
    products: [
        .library(name: "Huashu", targets: ["Huashu"]),
        .executable(name: "huashu", targets: ["huashu"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // The only place that includes ICU headers: Debian's libicu-dev (ICU4C).
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n"), .linkedLibrary("icudata")]
        ),
        // The built-in zh-CN phrasebook, shipped as a resource bundle beside the binary.
        .target(
            name: "DefaultPhrasebook",
            path: "phrasebooks",
            exclude: ["README.md"],
            sources: ["DefaultPhrasebook.swift"],
            resources: [.copy("zh-CN")]
        ),
        .target(
            name: "Huashu",
            dependencies: ["CICU", "DefaultPhrasebook", "Yams"]
        ),
        .executableTarget(
            name: "huashu",
            dependencies: ["Huashu", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // The ICU floor for the benchmark: one word-break pass over a file, in plain C.
        .executableTarget(
            name: "icu-floor",
            dependencies: ["CICU"],
            path: "Benchmarks/icu-floor"
        ),
        .testTarget(
            name: "HuashuTests",
            dependencies: ["Huashu"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "HuashuCLITests",
            dependencies: ["huashu"]
        ),
    ]
)

// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "gpai-assess",
    // Linux only (glibc and Linux system calls); `Sources/gpai-assess/main.swift` refuses other systems.
    products: [
        .executable(name: "gpai-assess", targets: ["gpai-assess"]),
        .library(name: "AssessmentCore", targets: ["AssessmentCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // Pure engine: questionnaire format, expressions, validation, scoring. No I/O beyond reading files, no terminal.
        .target(name: "AssessmentCore"),
        // Session files on disk: atomic saves, locks, discovery of questionnaires.
        .target(name: "AssessmentStore", dependencies: ["AssessmentCore", "Walk"]),
        // Sync of a store through git (real git as a subprocess): fetch, per-session merge, commit, push.
        .target(name: "StoreSync", dependencies: ["AssessmentCore", "AssessmentStore"]),
        // Report renderers (Markdown, HTML, JSON, CSV): pure functions of an evaluated session.
        .target(name: "Reports", dependencies: ["AssessmentCore"]),
        // The walk through one assessment (moves, answers, go-to, "now applies", the open decision) for both front ends. Pure.
        .target(name: "Walk", dependencies: ["AssessmentCore"]),
        // Pure TUI: state, update, view into a cell grid. Knows nothing of ncurses.
        .target(name: "TUI", dependencies: ["AssessmentCore", "Walk"]),
        // The only code that talks to the terminal.
        .systemLibrary(name: "CNcursesw", pkgConfig: "ncursesw", providers: [.apt(["libncursesw5-dev"])]),
        .target(name: "CSignals"),
        .target(name: "CursesBackend", dependencies: ["TUI", "Walk", "CNcursesw", "CSignals", "AssessmentCore", "AssessmentStore"]),
        // Plain mode: line-by-line prompts for screen readers, dumb terminals and pipes. No terminal library.
        .target(name: "PlainMode", dependencies: ["AssessmentCore", "AssessmentStore", "Walk"]),
        .executableTarget(
            name: "gpai-assess",
            dependencies: [
                "AssessmentCore", "AssessmentStore", "Reports", "TUI", "CursesBackend", "PlainMode", "StoreSync",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks/run.sh: store and engine timings (not part of `swift test`).
        .executableTarget(name: "gpai-bench", dependencies: ["AssessmentCore", "AssessmentStore", "StoreSync", "TUI", "Walk"], path: "Benchmarks/GPAIBench"),
        .target(name: "TestSupport", dependencies: ["AssessmentCore", "AssessmentStore"], path: "Sources/TestSupport"),
        .testTarget(name: "AssessmentCoreTests", dependencies: ["AssessmentCore", "TestSupport"]),
        .testTarget(name: "AssessmentStoreTests", dependencies: ["AssessmentStore", "Walk", "TestSupport"]),
        .testTarget(name: "StoreSyncTests", dependencies: ["StoreSync", "AssessmentStore", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "AssessmentStore", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "TUITests", dependencies: ["TUI", "Walk", "CursesBackend", "PlainMode", "TestSupport"], exclude: ["__Snapshots__"]),
        .testTarget(name: "WalkTests", dependencies: ["Walk", "TestSupport"]),
        .testTarget(name: "PlainModeTests", dependencies: ["PlainMode", "AssessmentStore", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["gpai-assess", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["gpai-assess", "TestSupport"]),
        .testTarget(name: "QuestionnaireTests", dependencies: ["AssessmentCore", "AssessmentStore", "Reports", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

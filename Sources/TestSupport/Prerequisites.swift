import FoundationEssentials
import XCTest

/// Checks that need something outside the Swift toolchain (tmux, Python modules) and checks of
/// timing. On a machine without the tool the test is skipped with a message naming what to install;
/// `.ci/run` installs everything and sets `GPAI_ASSESS_REQUIRE_TOOLS=1`, which turns the skip into a failure.
public enum Prerequisite {
    /// Set by `.ci/run`: a missing tool fails the test instead of skipping it.
    public static var strict: Bool { ProcessInfo.processInfo.environment["GPAI_ASSESS_REQUIRE_TOOLS"] == "1" }

    /// Opt-in timing suite: assertions on wall time, CPU ticks and bytes that a busy machine can break.
    /// `Benchmarks/run.sh` measures the same figures without asserting them.
    public static var timingChecks: Bool { ProcessInfo.processInfo.environment["GPAI_ASSESS_TIMING_TESTS"] == "1" }

    /// Skips (or fails, under `strict`) unless `available`.
    public static func require(_ available: Bool, _ what: String, install: String,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        guard !available else { return }
        let message = "\(what) is not installed (\(install); .ci/run installs it)"
        if strict { XCTFail(message, file: file, line: line) }
        throw XCTSkip(message, file: file, line: line)
    }

    public static func requireTmux(file: StaticString = #filePath, line: UInt = #line) throws {
        try require(tmuxAvailable, "tmux", install: "apt-get install tmux", file: file, line: line)
    }

    /// Skips unless python3 can import `module`.
    public static func requirePython(_ module: String, install: String,
                                     file: StaticString = #filePath, line: UInt = #line) throws {
        try require(pythonHas(module), "python3 with the '\(module)' module", install: install, file: file, line: line)
    }

    /// Skips unless the opt-in timing suite was asked for.
    public static func requireTimingSuite(_ what: String, file: StaticString = #filePath, line: UInt = #line) throws {
        guard !timingChecks else { return }
        throw XCTSkip("timing check (\(what)): opt in with GPAI_ASSESS_TIMING_TESTS=1; Benchmarks/run.sh measures it",
                      file: file, line: line)
    }

    public static var tmuxAvailable: Bool {
        ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public static func pythonHas(_ module: String) -> Bool {
        (try? runProcess("/usr/bin/env", ["python3", "-c", "import \(module)"]).status) == 0
    }
}

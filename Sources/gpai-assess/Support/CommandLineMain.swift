import ArgumentParser
import AssessmentCore
import AssessmentStore
import FoundationEssentials
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Exit statuses scripts can rely on (also in the README).
enum Exit {
    static let ok: Int32 = 0
    /// `validate` found errors; a session file is unreadable.
    static let problems: Int32 = 1
    /// Wrong input: unknown command, option or value. Nothing was written.
    static let usage: Int32 = 2
    /// `score --fail-under` threshold not reached.
    static let belowThreshold: Int32 = 3
    /// Cannot write to the store.
    static let ioError: Int32 = 4
}

/// A failure the user can act on: one line, quoting the input, with an exit status.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    var code: Int32
    init(_ message: String, code: Int32 = Exit.usage) { self.message = message; self.code = code }
    var description: String { message }
}

/// glibc's `mallopt`, which the Glibc module does not export.
@_silgen_name("mallopt") private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32

enum CommandLineMain {
    static func run() {
        // A thread's malloc arena grows a page at a time, each step an mprotect(2) under the address
        // space's write lock: decoding the questionnaire on its thread took 340 of them, and the other
        // thread's page faults queued behind them (that decode ran a fifth faster without). Padded by
        // 8 MB an arena is made writable at once; only the pages touched take memory, as before.
        _ = mallopt(-2 /* M_TOP_PAD */, 8 << 20)
        // The locale is the full screen's business (`CursesScreen` takes LC_CTYPE, its only user):
        // loading it here held up the questionnaire's decode by 0.2 ms.
        // Over a file-size limit (ulimit -f) a write fails with EFBIG and is handled like a full disk
        // (exit 4, temp file removed, old file intact) instead of the process being killed mid-save.
        signal(SIGXFSZ, SIG_IGN)
        do {
            if let resume = ResumeFastPath(CommandLine.arguments.dropFirst()) {
                try resume.run()
                exit(Exit.ok)
            }
            var command = try GPAIAssess.parseAsRoot()
            try command.run()
            exit(Exit.ok)
        } catch let e as CLIError {
            Output.error(e.message)
            exit(e.code)
        } catch let e as ExitCode {
            exit(e.rawValue)
        } catch {
            let code = GPAIAssess.exitCode(for: error)
            if code == .validationFailure {
                // Argument errors: ArgumentParser's message and usage, but our documented status.
                Output.stderr(GPAIAssess.fullMessage(for: error))
                exit(Exit.usage)
            }
            GPAIAssess.exit(withError: error)
        }
    }
}

/// Every line the commands print passes `SafeText.terminal` here, whatever its source, so no text from a
/// file or an argument reaches the terminal as a control sequence (reports are inert already; unchanged).
enum Output {
    static func stdout(_ s: String) {
        StandardStream.output.write(SafeText.terminal(s.hasSuffix("\n") ? s : s + "\n"))
    }
    static func stderr(_ s: String) {
        StandardStream.error.write(SafeText.terminal(s.hasSuffix("\n") ? s : s + "\n"))
    }
    static func error(_ s: String) { stderr("gpai-assess: error: " + s) }
    static func warning(_ s: String) { stderr("gpai-assess: warning: " + s) }
    static func note(_ s: String) { stderr("gpai-assess: note: " + s) }

    /// Whether standard input is an interactive terminal.
    static var stdinIsTerminal: Bool { isatty(0) == 1 }
    static var stdoutIsTerminal: Bool { isatty(1) == 1 }
}

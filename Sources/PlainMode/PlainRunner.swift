#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AssessmentCore
import AssessmentStore
import FoundationEssentials

/// Runs plain mode on standard input and output until the user quits or input ends.
public enum PlainRunner {
    /// Returns the exit status: 0 after `q` or end of input, 1 when the session cannot be opened
    /// (or is open elsewhere and the user did not open it read-only), 130/143/129 after a signal.
    public static func run(store: SessionStore, source: QuestionnaireSource, open: PlainStart, user: String,
                           reason: PlainModeDecision.Reason? = nil) -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        installSignalHandlers()
        // With input from a pipe nothing is echoed, so each prompt ends its own line.
        let promptEndsLine = isatty(0) != 1
        let core = PlainSession(store: store, source: source, user: user, start: open, intro: reason?.explanation)
        var ok = emit(core.begin(), promptEndsLine: promptEndsLine)
        setLockPath(core.lockPath)
        while ok && !core.finished {
            guard let line = readLine(strippingNewline: true) else {
                if !promptEndsLine { _ = writeAll(1, "\n") }
                ok = emit(core.endOfInput(), promptEndsLine: promptEndsLine)
                break
            }
            ok = emit(core.receive(line), promptEndsLine: promptEndsLine)
            setLockPath(core.lockPath)
        }
        if !core.finished { _ = core.endOfInput() }  // standard output went away: release the lock quietly
        setLockPath(nil)
        return core.exitCode
    }

    /// Writes one step's output; false when standard output is gone.
    static func emit(_ o: PlainOutput, promptEndsLine: Bool) -> Bool {
        var text = o.lines.map { $0 + "\n" }.joined()
        if let p = o.prompt { text += promptEndsLine ? p.trimmingWhitespace() + "\n" : p }
        if let e = o.error { _ = writeAll(2, e + "\n") }
        return writeAll(1, text)
    }

    static func writeAll(_ fd: Int32, _ s: String) -> Bool {
        var bytes = Array(s.utf8)
        // Never an escape byte on the way out, whatever happened upstream.
        bytes.removeAll { $0 == 0x1B }
        var off = 0
        while off < bytes.count {
            let n = bytes[off...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            off += n
        }
        return true
    }
}

// MARK: - Signals: remove the session's lock file on the way out.

nonisolated(unsafe) private var lockPathBuffer: UnsafeMutablePointer<CChar>? = nil

private func setLockPath(_ path: String?) {
    let old = lockPathBuffer
    lockPathBuffer = path.map { strdup($0) }
    if let old { free(old) }
}

private func installSignalHandlers() {
    for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = plainSignalHandler
        #else
        action.__sigaction_u.__sa_handler = plainSignalHandler
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(sig, &action, nil)
    }
}

private let interruptedMessage: StaticString = "\nStopped. Every answer given so far is saved.\n"

private func plainSignalHandler(_ sig: Int32) {
    if let p = lockPathBuffer { unlink(p) }
    if sig == SIGINT {
        _ = write(1, interruptedMessage.utf8Start, interruptedMessage.utf8CodeUnitCount)
    }
    _exit(128 + sig)
}

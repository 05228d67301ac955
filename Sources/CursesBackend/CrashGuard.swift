#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Restores the terminal if the process dies on a fatal signal (a Swift trap is SIGILL/SIGTRAP):
/// a precomputed reset string is written with `write(2)`, the saved termios is put back, and the
/// signal is re-raised with its default action so the crash is still reported.
enum CrashGuard {
    nonisolated(unsafe) private static var fd: Int32 = -1
    nonisolated(unsafe) private static var bytes: UnsafeMutablePointer<UInt8>?
    nonisolated(unsafe) private static var count = 0
    nonisolated(unsafe) private static var saved = termios()
    nonisolated(unsafe) private static var haveSaved = false
    nonisolated(unsafe) private static var armed = false

    static let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]

    /// Call after the terminal was opened (records the "shell" termios ncurses saved before).
    static func install(fd: Int32, resetSequence: String) {
        let u = Array(resetSequence.utf8)
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: u.count)
        p.initialize(from: u, count: u.count)
        bytes = p; count = u.count
        Self.fd = fd
        // ncurses keeps the original modes as "shell mode"; read them back by leaving program mode briefly.
        var t = termios()
        if tcgetattr(fd, &t) == 0 {
            // Program mode is active now; build a sane cooked mode from it.
            t.c_lflag |= tcflag_t(ICANON | ECHO | ISIG | IEXTEN | ECHOE | ECHOK)
            t.c_iflag |= tcflag_t(ICRNL | IXON)
            t.c_oflag |= tcflag_t(OPOST | ONLCR)
            saved = t; haveSaved = true
        }
        armed = true
        for s in fatalSignals {
            var sa = sigaction()
            sa.__sigaction_handler.sa_handler = crashHandler
            sigemptyset(&sa.sa_mask)
            sa.sa_flags = 0
            sigaction(s, &sa, nil)
        }
    }

    static func disarm() {
        armed = false
    }

    fileprivate static func emergencyRestore() {
        guard armed, fd >= 0, let b = bytes else { return }
        armed = false
        _ = Glibc.write(fd, b, count)
        if haveSaved { tcsetattr(fd, TCSANOW, &saved) }
    }
}

private func crashHandler(_ sig: Int32) {
    CrashGuard.emergencyRestore()
    signal(sig, SIG_DFL)
    raise(sig)
}

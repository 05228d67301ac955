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
    /// The handlers that were there before (the Swift runtime's backtracer), called after restoring.
    nonisolated(unsafe) fileprivate static var previous = [Glibc.sigaction](repeating: Glibc.sigaction(), count: 65)

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
            sa.__sigaction_handler.sa_sigaction = crashHandler
            sigemptyset(&sa.sa_mask)
            sa.sa_flags = SA_SIGINFO | Int32(SA_ONSTACK)
            var old = sigaction()
            sigaction(s, &sa, &old)
            if s < 65 { previous[Int(s)] = old }
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

private func crashHandler(_ sig: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
    CrashGuard.emergencyRestore()
    // Hand over to whoever was there before (the Swift backtracer prints the crash on the restored terminal).
    if sig < 65 {
        var old = CrashGuard.previous[Int(sig)]
        if old.sa_flags & SA_SIGINFO != 0, let h = old.__sigaction_handler.sa_sigaction {
            sigaction(sig, &old, nil)
            h(sig, info, context)
            return
        }
    }
    signal(sig, SIG_DFL)
    raise(sig)
}

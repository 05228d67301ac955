@preconcurrency import CNcursesw
@preconcurrency import CSignals
#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import TUI

/// Why the terminal could not be used; the message is for the user, printed after restore.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    case noTerminal(String)
    case unknownTerminal(String)
    case incapableTerminal(String)

    public var description: String {
        switch self {
        case let .noTerminal(why): return "no terminal to draw on (\(why)); run it from an interactive shell, or use the command-line subcommands"
        case let .unknownTerminal(term):
            return term.isEmpty
                ? "TERM is not set, so the terminal type is unknown; set it (for example: export TERM=xterm-256color)"
                : "unknown terminal type '\(term)' (TERM); set TERM to one this system knows, for example xterm-256color"
        case let .incapableTerminal(term): return "terminal type '\(term)' cannot position the cursor; use a full-screen terminal or the command-line subcommands"
        }
    }
}

/// What the terminal can do, decided once at start-up.
public struct TerminalCapabilities: Sendable, Equatable {
    public var unicode: Bool
    public var color: Bool
    public init(unicode: Bool, color: Bool) { self.unicode = unicode; self.color = color }
}

/// What one read from the terminal produced.
enum RawInput: Equatable {
    case key(Key)
    case paste(String)
    case resize
    /// Continued after a stop (the screen is repainted, as after a resize).
    case resumed
    case signal(Int32)
    case hangup
    case timeout
    case mouse(MouseEvent)
}

private let pasteBegin = Int32(KEY_MAX) + 1
private let pasteEnd = Int32(KEY_MAX) + 2

/// The ncurses screen: opening it on the controlling terminal (or headless on /dev/null), reading
/// keys, writing frames, and restoring the terminal. Everything here runs on the main actor.
@MainActor
final class CursesScreen {
    private var screen: OpaquePointer?
    private var window: UnsafeMutablePointer<WINDOW>?
    private var outFile: UnsafeMutablePointer<FILE>?
    private var inFile: UnsafeMutablePointer<FILE>?
    private(set) var active = false
    let capabilities: TerminalCapabilities
    let headless: Bool
    /// Said once at start-up when the locale cannot show accented text (typed text is still kept whole).
    private(set) var localeNotice: String?
    /// The terminal type cannot show the interface's Unicode marks (`◔ █ ›`): they are drawn in ASCII.
    private(set) var asciiChrome = false
    /// The terminal reports clicks and the wheel (not with `--no-mouse`).
    private(set) var mouseOn = false
    /// The last frame written; cells equal to it are not rewritten.
    private var previous: Canvas?
    private var pending: [RawInput] = []
    private var fastErrors = 0
    private var cursorVisible: Int32 = -1
    private var pasteModeOn = false
    /// When the last lone Escape was read: over a slow link a key's sequence can arrive split, ESC first.
    private var lastEscapeAt: Int64 = -10_000

    /// Opens the terminal. `headless` draws into a virtual screen on /dev/null of `size`.
    init(headless: Size? = nil, environment: [String: String]) throws(TerminalError) {
        self.headless = headless != nil
        setlocale(LC_CTYPE, "")  // the character set is all the screen needs (messages stay English)
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        let utf8 = codeset.uppercased().filter { $0 != "-" } == "UTF8"
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty

        var termName: String? = nil
        if let size = headless {
            guard let o = fopen("/dev/null", "w"), let i = fopen("/dev/null", "r") else { throw .noTerminal("cannot open /dev/null") }
            outFile = o; inFile = i
            termName = environment["TERM"].flatMap { $0.isEmpty ? nil : $0 } ?? "xterm-256color"
            _ = size
        } else {
            guard let i = fopen("/dev/tty", "r") else { throw .noTerminal("cannot open /dev/tty: \(String(cString: strerror(errno)))") }
            guard let o = fopen("/dev/tty", "w") else { fclose(i); throw .noTerminal("cannot open /dev/tty for writing") }
            // Fully buffered: one write(2) per frame, so a frame travels in as few packets as possible over SSH.
            setvbuf(o, nil, _IOFBF, 1 << 16)
            outFile = o; inFile = i
            let t = environment["TERM"] ?? ""
            if t.isEmpty { fclose(i); fclose(o); outFile = nil; inFile = nil; throw .unknownTerminal("") }
            termName = t
        }
        csig_install()
        let o = outFile, i = inFile
        let scr: OpaquePointer? = termName!.withCString { newterm(UnsafeMutablePointer(mutating: $0), o, i) }
        guard let scr else {
            if let o = outFile { fclose(o) }
            if let i = inFile { fclose(i) }
            outFile = nil; inFile = nil
            throw .unknownTerminal(termName ?? "")
        }
        set_term(scr)
        if headless == nil, Self.tigetstr_cap("cup") == nil {
            endwin(); delscreen(scr)
            if let o { fclose(o) }
            if let i { fclose(i) }
            throw .incapableTerminal(termName ?? "")
        }
        if let size = headless { resizeterm(Int32(size.height), Int32(size.width)) } else {
            // ncurses writes after every cursor move until its screen has been left and resumed once
            // (`_nc_mvcur` flushes while `_endwin` is still `ewInitial`): a frame went out in a write(2)
            // per line, each a packet over SSH. Left and resumed here, before any mode is set or anything
            // drawn, a frame is one write.
            endwin()
            doupdate()
        }
        var color = false
        if !noColor && has_colors() {
            start_color()
            use_default_colors()
            color = true
            let map: [(SemanticColor, Int32)] = [(.accent, Int32(COLOR_CYAN)), (.good, Int32(COLOR_GREEN)), (.warning, Int32(COLOR_YELLOW)),
                                                 (.bad, Int32(COLOR_RED)), (.muted, Int32(COLOR_BLUE))]
            for (c, fg) in map { init_pair(Int16(c.rawValue), Int16(fg), -1) }
        }
        capabilities = TerminalCapabilities(unicode: utf8, color: color)
        if !utf8 {
            let name = setlocale(LC_CTYPE, nil).map { String(cString: $0) } ?? "C"
            localeNotice = "your locale is \(name); set LANG=C.UTF-8 to see accents (what you type is kept whole)"
        }
        asciiChrome = Self.lacksUnicodeGlyphs(termName ?? "")
        screen = scr
        window = stdscr
        active = true
        cbreak()
        noecho()
        nonl()
        intrflush(window, false)
        keypad(window, true)
        meta(window, true)
        if !self.headless, let i = inFile { Self.flowControlOff(fileno(i)) }
        set_escdelay(50)
        // No typeahead polling during doupdate: it flushes after every line, so a frame went out in dozens of
        // small writes (and SSH packets). Frames here are small; one write is better.
        typeahead(-1)
        define_key("\u{1B}[200~", pasteBegin)
        define_key("\u{1B}[201~", pasteEnd)
        setDelay(1000)
        setCursor(0)
        if !self.headless && environment["GPAI_ASSESS_NO_MOUSE"] != "1" {
            // Clicks come as presses (no click-timing delay); Shift still selects text in the terminal.
            mouseinterval(0)
            mouseOn = mousemask(shim_mouse_mask(), nil) != 0
        }
        if !self.headless {
            ResumeWatch.install()
            CrashGuard.install(fd: fileno(outFile), resetSequence: "\u{1B}[?1000l\u{1B}[?1006l\u{1B}[?2004l\u{1B}[?1049l\u{1B}[?25h\u{1B}[0m\r\n")
        }
    }

    /// Terminal types whose fonts or protocol have no room for `◔ █ ›` and friends (the Linux console's font,
    /// DEC terminals and their emulations): the interface's own marks fall back to ASCII there.
    nonisolated static func lacksUnicodeGlyphs(_ term: String) -> Bool {
        let t = term.lowercased()
        return t == "linux" || t.hasPrefix("linux-") || t.hasPrefix("vt") || t == "ansi" || t.hasPrefix("cons") || t == "dumb"
    }

    /// Ctrl-S and Ctrl-Q are keys here (save), not XOFF/XON: with `ixon` on, Ctrl-S froze output while later keys
    /// were still acted on unseen. ncurses keeps the result as program mode; `endwin` puts back the shell's modes
    /// (and CrashGuard's cooked mode has IXON), so the shell gets flow control back on every way out.
    private static func flowControlOff(_ fd: Int32) {
        var t = termios()
        guard tcgetattr(fd, &t) == 0 else { return }
        t.c_iflag &= ~tcflag_t(IXON | IXOFF)
        if tcsetattr(fd, TCSANOW, &t) == 0 { def_prog_mode() }
    }

    private static func tigetstr_cap(_ name: String) -> UnsafeMutablePointer<CChar>? {
        let p = name.withCString { tigetstr(UnsafeMutablePointer(mutating: $0)) }
        if let p, Int(bitPattern: p) == -1 { return nil }
        return p
    }

    private func write(_ s: String) {
        guard let outFile else { return }
        fputs(s, outFile)
        fflush(outFile)
    }

    private func setCursor(_ v: Int32) {
        if v != cursorVisible { curs_set(v); cursorVisible = v }
    }

    var size: Size {
        guard let window else { return Size(width: 0, height: 0) }
        return Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
    }

    /// The width function ncurses uses (glibc `wcwidth` under the current locale).
    nonisolated static let cursesWidths = DisplayWidth(scalarWidth: { s in Int(shim_wcwidth(wchar_t(bitPattern: s.value))) })

    var widths: DisplayWidth { capabilities.unicode ? Self.cursesWidths : DisplayWidth.asciiOnly }

    // MARK: Output

    /// Writes a frame: only cells that differ from the previous frame, then one `doupdate`.
    func present(_ canvas: Canvas) {
        guard active, let window else { return }
        let prev = previous.flatMap { $0.size == canvas.size ? $0 : nil }
        let w = canvas.size.width, h = canvas.size.height
        var cc = cchar_t()
        var wbuf = [wchar_t](repeating: 0, count: 6)
        // A whole frame starts from blanks, which then need no call each (most of a frame is blank).
        if prev == nil { werase(window) }
        for y in 0..<h {
            for x in 0..<w {
                let cell = canvas[x, y]
                if let prev {
                    if prev[x, y] == cell { continue }
                } else if cell == Cell.blank {
                    continue
                }
                if cell.width == 0 { continue }
                var n = 0
                let utf8 = cell.text.utf8
                if utf8.count == 1, let b = utf8.first, b >= 0x20, b < 0x7F {
                    wbuf[0] = wchar_t(b)
                    n = 1
                } else {
                    for s in cell.text.unicodeScalars where n < 5 {
                        if asciiChrome && s.value >= 0x80, let t = chromeFallback[s.value] { wbuf[n] = wchar_t(t); n += 1; continue }
                        if !capabilities.unicode && s.value >= 0x80 {
                            if n == 0, let t = asciiFallback[s.value] { wbuf[0] = wchar_t(t); n = 1 }
                            continue
                        }
                        wbuf[n] = wchar_t(bitPattern: s.value)
                        n += 1
                    }
                }
                if n == 0 { wbuf[0] = capabilities.unicode ? 32 : 63; n = 1 }
                wbuf[n] = 0
                var attrs = shim_a_normal()
                let a = cell.style.attributes
                if a.contains(.bold) { attrs |= shim_a_bold() }
                if a.contains(.reverse) { attrs |= shim_a_reverse() }
                if a.contains(.underline) { attrs |= shim_a_underline() }
                if a.contains(.dim) { attrs |= shim_a_dim() }
                let pair: Int16 = capabilities.color ? Int16(cell.style.color?.rawValue ?? 0) : 0
                setcchar(&cc, &wbuf, attrs, pair, nil)
                mvwadd_wch(window, Int32(y), Int32(x), &cc)
            }
        }
        if let c = canvas.cursor, c.x >= 0, c.y >= 0, c.x < w, c.y < h {
            wmove(window, Int32(c.y), Int32(c.x))
            setCursor(1)
        } else {
            setCursor(0)
        }
        wnoutrefresh(window)
        doupdate()
        if !pasteModeOn && !headless {
            // Bracketed paste, after the first frame (ncurses has switched to the alternate screen by then).
            pasteModeOn = true
            write("\u{1B}[?2004h")
        }
        previous = canvas
    }

    /// Forgets what is on screen and repaints everything on the next `present` (Ctrl-L, resize).
    func invalidate() {
        previous = nil
        if let window { clearok(window, true) }
    }

    // MARK: Input

    /// The read time-out last given to ncurses (restored after reading the rest of a UTF-8 sequence).
    private var delay: Int32 = 1000

    private func setDelay(_ ms: Int32) {
        delay = ms
        if let window { wtimeout(window, ms) }
    }

    /// `wget_wch`, except that outside a UTF-8 locale (ncurses then cannot decode, and dropped `ü` and every key
    /// after it) bytes are read one by one and decoded here: UTF-8 when they form it, else as Latin-1.
    private func getWch(_ ch: inout wint_t) -> Int32 {
        guard let window else { return ERR }
        if capabilities.unicode { return wget_wch(window, &ch) }
        let c = wgetch(window)
        if c == ERR { return ERR }
        if c > 0xFF { ch = wint_t(c); return KEY_CODE_YES }
        ch = wint_t(c)
        let lead = UInt32(c)
        let need = lead >= 0xF0 && lead < 0xF5 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC2 ? 1 : 0
        guard lead >= 0x80, need > 0, lead < 0xF5 else { return OK }
        var bytes = [UInt8(lead)]
        let saved = delay
        wtimeout(window, 100)
        defer { wtimeout(window, saved) }
        for _ in 0..<need {
            let b = wgetch(window)
            guard b >= 0x80, b <= 0xBF else {
                if b != ERR { ungetch(b) }
                return OK  // not UTF-8: the lead byte stands for itself (Latin-1)
            }
            bytes.append(UInt8(b))
        }
        guard let s = String(validating: bytes, as: UTF8.self), let u = s.unicodeScalars.first else { return OK }
        ch = wint_t(u.value)
        return OK
    }

    /// Waits up to `timeoutMs` (−1: until something happens) for input, a resize, a signal or a hang-up.
    func read(timeoutMs: Int32) -> RawInput {
        if !pending.isEmpty { return pending.removeFirst() }
        guard active, let window else { return .hangup }
        if let s = takeSignal() { return s }
        if let r = afterResume() { return r }
        setDelay(timeoutMs)
        let started = monotonicMs()
        var ch: wint_t = 0
        errno = 0
        let rc = getWch(&ch)
        let err = errno
        if rc == ERR {
            if let s = takeSignal() { return s }
            if let r = afterResume() { return r }
            if err == EIO || err == ENXIO || err == EBADF { return .hangup }
            // A read that fails at once, again and again, means the terminal is gone.
            if timeoutMs != 0 && monotonicMs() - started < 2 && err != EINTR {
                fastErrors += 1
                if fastErrors >= 50 { return .hangup }
            } else {
                fastErrors = 0
            }
            if !headless && !terminalAlive() { return .hangup }
            return .timeout
        }
        fastErrors = 0
        if rc == KEY_CODE_YES {
            let code = Int32(ch)
            if code == KEY_RESIZE { return coalesceResize() }
            if code == pasteBegin { return readPaste() }
            if code == pasteEnd { return .timeout }
            if code == KEY_MOUSE { return readMouse() }
            if let k = Self.key(code) { return .key(k) }
            return .timeout
        }
        let v = UInt32(ch)
        if v == 27 {
            // ESC followed at once by a character is Alt-<char>; ESC alone is Escape.
            setDelay(0)
            var next: wint_t = 0
            let r2 = getWch(&next)
            if r2 == OK && (UInt32(next) == 0x5B || UInt32(next) == 0x4F) {
                // An escape sequence terminfo does not know (e.g. Ctrl-Shift-arrow): swallow it whole,
                // so that its bytes never arrive as keys ("ESC [ 1 ; 5 A" must not answer option 1).
                swallowSequence(csi: UInt32(next) == 0x5B)
                return .timeout
            }
            if r2 == OK, let s = Unicode.Scalar(UInt32(next)), UInt32(next) >= 32, UInt32(next) != 127 {
                return .key(.alt(Character(s)))
            } else if r2 == KEY_CODE_YES {
                if let k = Self.key(Int32(next)) { pending.append(.key(k)) }
            } else if r2 == OK, let k = Key.fromCodePoint(UInt32(next)) {
                pending.append(.key(k))
            } else {
                lastEscapeAt = monotonicMs()
            }
            return .key(.escape)
        }
        if (v == 0x5B || v == 0x4F) && monotonicMs() - lastEscapeAt < 250 {
            // The rest of an arrow or function key whose ESC came separately: never take it as typed text.
            lastEscapeAt = -10_000
            swallowSequence(csi: v == 0x5B)
            return .timeout
        }
        if let k = Key.fromCodePoint(v) { return .key(k) }
        return .timeout
    }

    /// Waits (without reading) until the terminal has input or `extraFD` is readable, or `timeoutMs` passes
    /// (−1: no limit); a signal also ends the wait. Returns whether `extraFD` is readable. Input already
    /// decoded and queued counts as ready at once.
    func wait(extraFD: Int32, timeoutMs: Int32) -> Bool {
        if !pending.isEmpty { return false }
        guard active, let inFile else { return false }
        // Headless, the "terminal" is /dev/null (always readable): wait on the other descriptor only.
        var fds = [pollfd(fd: headless ? -1 : fileno(inFile), events: Int16(POLLIN), revents: 0)]
        if extraFD >= 0 { fds.append(pollfd(fd: extraFD, events: Int16(POLLIN), revents: 0)) }
        let rc = poll(&fds, nfds_t(fds.count), timeoutMs)
        guard rc > 0, fds.count > 1 else { return false }
        return fds[1].revents & Int16(POLLIN) != 0
    }

    /// After Ctrl-Z and `fg` (ncurses itself restores the modes and the screen): the shell may have
    /// switched bracketed paste off, so switch it on again and repaint everything.
    private func afterResume() -> RawInput? {
        guard ResumeWatch.take() else { return nil }
        if pasteModeOn { write("\u{1B}[?2004h") }
        invalidate()
        return .resumed
    }

    private func readMouse() -> RawInput {
        var ev = MEVENT()
        guard getmouse(&ev) == OK else { return .timeout }
        let kind: MouseEvent.Kind
        if ev.bstate & shim_wheel_up() != 0 { kind = .wheelUp }
        else if ev.bstate & shim_wheel_down() != 0 { kind = .wheelDown }
        else if ev.bstate & shim_button1_down() != 0 { kind = .click }
        else { return .timeout }
        return .mouse(MouseEvent(x: Int(ev.x), y: Int(ev.y), kind: kind))
    }

    /// Reads the rest of a CSI (parameters, intermediates, final byte) or SS3 (one byte) sequence.
    private func swallowSequence(csi: Bool) {
        guard let window else { return }
        setDelay(0)
        var ch: wint_t = 0
        for _ in 0..<32 {
            guard getWch(&ch) == OK else { return }
            let v = UInt32(ch)
            if !csi { return }
            if (0x40...0x7E).contains(v) { return }
            if !(0x20...0x3F).contains(v) { return }
        }
    }

    private func takeSignal() -> RawInput? {
        let s = csig_take()
        if s == 0 { return nil }
        return s == SIGHUP ? .hangup : .signal(s)
    }

    /// Whether the terminal is still there (a hang-up makes tcgetattr fail or the session lose it).
    private func terminalAlive() -> Bool {
        guard let inFile else { return false }
        var t = termios()
        return tcgetattr(fileno(inFile), &t) == 0
    }

    private func coalesceResize() -> RawInput {
        guard let window else { return .resize }
        // Swallow the rest of a burst of resizes (up to ~60 ms), keeping other input.
        setDelay(30)
        var ch: wint_t = 0
        for _ in 0..<20 {
            let rc = getWch(&ch)
            if rc == ERR { break }
            if rc == KEY_CODE_YES && Int32(ch) == KEY_RESIZE { continue }
            if rc == KEY_CODE_YES, let k = Self.key(Int32(ch)) { pending.append(.key(k)) }
            else if rc == OK, let k = Key.fromCodePoint(UInt32(ch)) { pending.append(.key(k)) }
            break
        }
        invalidate()
        return .resize
    }

    /// The most characters one paste inserts; the rest is read and dropped (never taken as keys).
    static let pasteLimit = 100_000
    /// Characters the last paste dropped beyond `pasteLimit`.
    private(set) var pasteDropped = 0

    /// Reads a bracketed paste to its end marker in linear time. Text beyond `pasteLimit` is
    /// dropped; a signal or hang-up ends it at once (queued after the text read so far).
    private func readPaste() -> RawInput {
        guard let window else { return .timeout }
        var text = String.UnicodeScalarView()
        var kept = 0
        pasteDropped = 0
        var lastCR = false
        setDelay(500)
        func add(_ s: Unicode.Scalar) {
            if kept < Self.pasteLimit { text.append(s); kept += 1 } else { pasteDropped += 1 }
        }
        while true {
            if let sig = takeSignal() { pending.append(sig); break }
            var ch: wint_t = 0
            errno = 0
            let rc = getWch(&ch)
            if rc == ERR {
                if let sig = takeSignal() { pending.append(sig) } else if errno == EIO { pending.append(.hangup) }
                break
            }
            if rc == KEY_CODE_YES {
                let code = Int32(ch)
                if code == pasteEnd { break }
                if code == KEY_ENTER { add("\n") }
                if code == KEY_RESIZE { pending.append(.resize) }
                continue
            }
            let v = UInt32(ch)
            if v == 13 { add("\n"); lastCR = true; continue }
            if v == 10 { if !lastCR { add("\n") }; lastCR = false; continue }
            lastCR = false
            if let s = Unicode.Scalar(v) { add(s) }
        }
        return .paste(String(text))
    }

    static func key(_ code: Int32) -> Key? {
        switch code {
        case Int32(KEY_UP): return .up
        case Int32(KEY_DOWN): return .down
        case Int32(KEY_LEFT): return .left
        case Int32(KEY_RIGHT): return .right
        case Int32(KEY_PPAGE): return .pageUp
        case Int32(KEY_NPAGE): return .pageDown
        case Int32(KEY_HOME), Int32(KEY_A1): return .home
        case Int32(KEY_END), Int32(KEY_C1): return .end
        case Int32(KEY_BTAB): return .backTab
        case Int32(KEY_ENTER): return .enter
        case Int32(KEY_BACKSPACE): return .backspace
        case Int32(KEY_DC): return .delete
        case Int32(KEY_IC): return .insert
        default:
            if code >= shim_key_f(1) && code <= shim_key_f(24) { return .function(Int(code - shim_key_f(0))) }
            return nil
        }
    }

    // MARK: Lifecycle

    /// Puts the terminal back as it was. Safe to call more than once.
    func restore() {
        guard active else { return }
        active = false
        if !headless && pasteModeOn { write("\u{1B}[?2004l") }
        if mouseOn { mousemask(0, nil) }
        if !headless, let window {
            // Leave a blank screen behind, as `less` does: after a resize some terminals (tmux) otherwise
            // carried a line of the last frame onto the shell's screen.
            werase(window)
            wnoutrefresh(window)
            doupdate()
        }
        curs_set(1)
        endwin()
        if let o = outFile { fflush(o) }
        CrashGuard.disarm()
    }

    /// Frees the screen (headless tests create many).
    func close() {
        restore()
        if let s = screen { delscreen(s); screen = nil }
        if let o = outFile { fclose(o); outFile = nil }
        if let i = inFile { fclose(i); inFile = nil }
    }

    // MARK: Headless read-back

    /// The text of the virtual screen, one line per row (headless tests).
    func screenText() -> String {
        guard let window else { return "" }
        var out = ""
        let s = size
        var cc = cchar_t()
        var wch = [wchar_t](repeating: 0, count: 8)
        var attrs: attr_t = 0
        var pair: Int16 = 0
        for y in 0..<s.height {
            var x = 0
            while x < s.width {
                mvwin_wch(window, Int32(y), Int32(x), &cc)
                getcchar(&cc, &wch, &attrs, &pair, nil)
                var cell = String.UnicodeScalarView()
                for c in wch { if c == 0 { break }; if let u = Unicode.Scalar(UInt32(bitPattern: c)) { cell.append(u) } }
                let t = String(cell)
                out += t
                let cw = t.unicodeScalars.first.map { Int(shim_wcwidth(wchar_t(bitPattern: $0.value))) } ?? 1
                x += max(1, cw)
            }
            out += "\n"
        }
        return out
    }
}

/// ASCII stand-ins for the few non-ASCII characters the interface itself uses.
let asciiFallback: [UInt32: UInt8] = [
    0x00B7: 0x2E /* · */, 0x2013: 0x2D /* – */, 0x2014: 0x2D /* — */, 0x2026: 0x7E /* … */, 0x203A: 0x3E /* › */,
    0x2022: 0x2A /* • */, 0x2713: 0x2B /* ✓ */, 0x2717: 0x78 /* ✗ */, 0x2588: 0x23 /* █ */, 0x2591: 0x2E /* ░ */,
    0x2500: 0x2D, 0x2502: 0x7C, 0x250C: 0x2B, 0x2510: 0x2B, 0x2514: 0x2B, 0x2518: 0x2B, 0x251C: 0x2B, 0x2524: 0x2B,
    0x25BE: 0x76 /* ▾ */, 0x25B8: 0x3E /* ▸ */, 0x25D0: 0x7E /* ◐ */, 0x25D4: 0x2A /* ◔ */, 0x25CB: 0x6F /* ○ */,
    0x2191: 0x5E /* ↑ */, 0x2193: 0x76 /* ↓ */, 0x2190: 0x3C /* ← */, 0x2192: 0x3E /* → */,
    0x00E9: 0x65, 0x00E8: 0x65, 0x00E0: 0x61, 0x00E4: 0x61, 0x00F6: 0x6F, 0x00FC: 0x75, 0x00E7: 0x63,
]

/// The interface's marks in ASCII, for terminals that cannot show them (user text keeps its letters).
let chromeFallback: [UInt32: UInt8] = asciiFallback.filter { $0.key < 0xC0 || $0.key > 0xFF }

/// Notices SIGCONT (the program was resumed after a stop). The handler only stores a flag.
enum ResumeWatch {
    nonisolated(unsafe) static var flag: Int32 = 0
    static func install() {
        var sa = sigaction()
        sa.__sigaction_handler.sa_handler = { _ in ResumeWatch.flag = 1 }
        sigemptyset(&sa.sa_mask)
        sa.sa_flags = Int32(SA_RESTART)
        sigaction(SIGCONT, &sa, nil)
    }
    static func take() -> Bool {
        if flag == 0 { return false }
        flag = 0
        return true
    }
}

func monotonicMs() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
}

extension DisplayWidth {
    /// Widths for a non-UTF-8 locale: every scalar that is not ASCII shows as "?" (1 column).
    static let asciiOnly = DisplayWidth(scalarWidth: { s in
        if s.value < 0x20 || s.value == 0x7F { return -1 }
        if s.value < 0x80 { return 1 }
        return DisplayWidth.fallback.scalarWidth(s) == 0 ? 0 : 1
    })
}

#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AssessmentStore
import FoundationEssentials

/// Decides between the full-screen interface and plain mode, and says why.
public enum PlainModeDecision {
    /// Why plain mode is used, or nil when the full-screen interface can run.
    ///
    /// Plain mode when: `--plain` was given; `ACCESSIBLE` is set and not empty; standard input or
    /// output is not a terminal; `TERM` is unset, `dumb`, unknown to terminfo, or names a terminal
    /// that cannot position the cursor.
    public static func reason(flag: Bool, environment: [String: String], stdinIsTerminal: Bool, stdoutIsTerminal: Bool,
                              terminfo: (String) -> Terminfo.Entry? = { Terminfo.lookup($0) }) -> Reason? {
        if flag { return .requested }
        if let a = environment["ACCESSIBLE"], !a.isEmpty { return .accessible }
        if !stdinIsTerminal { return .stdinNotTerminal }
        if !stdoutIsTerminal { return .stdoutNotTerminal }
        let term = environment["TERM"] ?? ""
        if term.isEmpty { return .termUnset }
        if term == "dumb" { return .dumbTerminal }
        guard let entry = terminfo(term) else { return .unknownTerminal(term) }
        if !entry.cursorAddressing { return .noCursorAddressing(term) }
        return nil
    }

    /// The reason, for the first line of plain mode. Nil when the user asked for it.
    public enum Reason: Sendable, Equatable {
        case requested
        case accessible
        case stdinNotTerminal
        case stdoutNotTerminal
        case termUnset
        case dumbTerminal
        case unknownTerminal(String)
        case noCursorAddressing(String)
        /// The full-screen interface could not start.
        case fullScreenFailed

        public var explanation: String? {
            switch self {
            case .requested, .accessible: return nil
            case .stdinNotTerminal: return "Plain mode, because standard input is not a terminal."
            case .stdoutNotTerminal: return "Plain mode, because standard output is not a terminal."
            case .termUnset: return "Plain mode, because TERM is not set."
            case .dumbTerminal: return "Plain mode, because the terminal type is dumb."
            case let .unknownTerminal(t): return "Plain mode, because the terminal type '\(t)' is unknown."
            case let .noCursorAddressing(t): return "Plain mode, because the terminal type '\(t)' cannot position the cursor."
            case .fullScreenFailed: return "Plain mode, because the full-screen interface could not start."
            }
        }
    }
}

/// Finds compiled terminfo entries the way ncurses does, without linking a terminal library.
public enum Terminfo {
    public struct Entry: Sendable, Equatable {
        public var path: String
        /// Has `cup` (cursor addressing), which the full-screen interface needs.
        public var cursorAddressing: Bool
    }

    /// Folders searched, in order: $TERMINFO, ~/.terminfo, $TERMINFO_DIRS (an empty item means
    /// the system folders), then the usual system folders.
    public static func searchDirectories(environment env: [String: String] = ProcessEnvironment.all) -> [String] {
        let system = ["/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo", "/usr/lib/terminfo",
                      "/usr/share/lib/terminfo", "/usr/local/share/terminfo", "/usr/local/lib/terminfo"]
        var out: [String] = []
        if let t = env["TERMINFO"], !t.isEmpty { out.append(t) }
        if let h = env["HOME"], !h.isEmpty { out.append(h + "/.terminfo") }
        if let dirs = env["TERMINFO_DIRS"] {
            for d in dirs.split(separator: ":", omittingEmptySubsequences: false) {
                if d.isEmpty { out += system } else { out.append(String(d)) }
            }
        }
        out += system
        var seen = Set<String>()
        return out.filter { seen.insert($0).inserted }
    }

    /// The compiled entry for `term`, or nil when no folder has one.
    public static func lookup(_ term: String, directories: [String] = searchDirectories()) -> Entry? {
        guard !term.isEmpty, !term.contains("/"), term != ".", term != "..", let first = term.unicodeScalars.first else { return nil }
        let letter = String(first)
        let hex = (first.value < 16 ? "0" : "") + String(first.value, radix: 16)
        for dir in directories {
            for sub in [letter, hex] {
                let p = "\(dir)/\(sub)/\(term)"
                // FileIO rather than FileManager: Foundation's file reading cost a tenth of the first frame's page faults.
                guard let data = try? FileIO.read(p, limit: 1 << 20, followLinks: true) else { continue }
                if let cup = hasCursorAddressing(data) { return Entry(path: p, cursorAddressing: cup) }
            }
        }
        return nil
    }

    /// Reads the compiled format (term(5)): nil when the bytes are not a terminfo entry.
    static func hasCursorAddressing(_ b: [UInt8]) -> Bool? {
        func short(_ i: Int) -> Int? {
            guard i + 1 < b.count else { return nil }
            let v = Int(b[i]) | (Int(b[i + 1]) << 8)
            return v >= 0x8000 ? v - 0x10000 : v
        }
        guard let magic = short(0), magic == 0o432 || magic == 0o1036,
              let names = short(2), let bools = short(4), let nums = short(6), let strs = short(8),
              names >= 0, bools >= 0, nums >= 0, strs >= 0 else { return nil }
        let numberSize = magic == 0o1036 ? 4 : 2
        var offset = 12 + names + bools
        if offset % 2 == 1 { offset += 1 }
        offset += nums * numberSize
        // String capability 10 is `cup`.
        let cupIndex = 10
        guard strs > cupIndex, let off = short(offset + cupIndex * 2) else { return strs > cupIndex ? nil : false }
        return off >= 0
    }
}

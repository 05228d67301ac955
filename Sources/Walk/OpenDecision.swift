/// Opening a session: what to offer once the "open" lock has been tried. Both front ends show
/// their own words for the same choices.
public enum OpenDecision: Sendable, Equatable {
    /// Open for editing (the lock is held, or could not be written: saves are locked one by one anyway).
    case edit
    /// Open without the lock; nothing can be changed.
    case readOnly
    /// Someone holds the lock: ask.
    case ask([OpenChoice])

    public enum LockOutcome: Sendable, Equatable {
        case acquired
        /// The lock file could not be written (not held by anyone).
        case unavailable
        /// Held by another process; `stale` when that process has ended.
        case heldElsewhere(stale: Bool)
        /// Read-only was asked for: no lock is tried.
        case readOnlyAsked
    }

    public enum OpenChoice: Sendable, Equatable {
        case readOnly
        /// Take the lock over; `confirm` when its holder is alive (that terminal can no longer save).
        case takeOver(confirm: Bool)
        /// Back to the list, or quit when the session was named on the command line.
        case back
        case quit
    }

    /// What to offer for a session held elsewhere (both front ends can ask for a confirmation).
    public static func choices(stale: Bool, canGoBack: Bool) -> [OpenChoice] {
        guard case let .ask(c) = decide(.heldElsewhere(stale: stale), canGoBack: canGoBack, canConfirm: true) else { return [] }
        return c
    }

    /// A live lock is taken over only after a confirmation; a front end that cannot ask one
    /// (`canConfirm` false) offers take-over only for a stale lock.
    public static func decide(_ outcome: LockOutcome, canGoBack: Bool, canConfirm: Bool) -> OpenDecision {
        switch outcome {
        case .acquired, .unavailable: return .edit
        case .readOnlyAsked: return .readOnly
        case let .heldElsewhere(stale):
            var c: [OpenChoice] = [.readOnly]
            if stale { c.append(.takeOver(confirm: false)) } else if canConfirm { c.append(.takeOver(confirm: true)) }
            c.append(canGoBack ? .back : .quit)
            return .ask(c)
        }
    }
}

extension OpenDecision.OpenChoice {
    /// How a front end names a choice: in a sentence (plain mode: "r to open it read-only") or as a
    /// key hint under a dialog (full screen: "r read-only"). One table, so the two never drift.
    public enum Wording: Sendable { case sentence, hint }

    public func words(_ style: Wording) -> String {
        switch (self, style) {
        case (.readOnly, .sentence): "r to open it read-only"
        case (.readOnly, .hint): "r read-only"
        case (.takeOver(confirm: false), .sentence): "t to take it over, since that process has ended"
        case (.takeOver(confirm: false), .hint): "t take over (that process has ended)"
        case (.takeOver(confirm: true), .sentence): "t to take it over (that terminal can then no longer save)"
        case (.takeOver(confirm: true), .hint): "t take over"
        case (.back, .sentence): "b to go back"
        case (.back, .hint): "Esc back"
        case (.quit, .sentence): "q to quit"
        case (.quit, .hint): "Esc quit"
        }
    }
}

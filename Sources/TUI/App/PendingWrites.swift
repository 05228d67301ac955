import AssessmentCore
import FoundationEssentials

/// What is still to be written to the store, and when (the write policy's state, kept in `AppState`).
///
/// Moving around is written when the keyboard rests, not once per key; a change the store refused is
/// kept and retried with the next write, on the next tick, and at exit. All times come in with the
/// events (`state.now`, `.tick(now)`), so the policy is tested without waiting.
public struct PendingWrites: Sendable, Equatable {
    /// Where the user is, written after `positionIdle` without a new move.
    public struct Position: Sendable, Equatable {
        public var sessionID: String
        public var position: Session.Position
        /// The last move.
        public var at: Date
    }
    /// The facilitator's published position, written at most every `facilitatorInterval` while moving.
    public struct Facilitator: Sendable, Equatable {
        public var sessionID: String
        public var value: Session.Facilitator?
        public var due: Date
    }
    /// Changes the store refused, and why.
    public struct Unsaved: Sendable, Equatable {
        public var sessionID: String
        public var changes: [SessionChange]
        public var reason: String
    }

    public static let positionIdle: TimeInterval = 0.4
    public static let facilitatorInterval: TimeInterval = 0.3
    /// How often a refused save is tried again while nothing else happens.
    public static let retryInterval: TimeInterval = 0.4

    public var position: Position?
    public var facilitator: Facilitator?
    public var unsaved: Unsaved?
    /// The session was taken over by another terminal: nothing more is written from here.
    public var stopped = false

    public init() {}

    public var isEmpty: Bool { position == nil && facilitator == nil && unsaved == nil }

    /// Takes what is pending for `id` (or, with nil, for every session), as writes, leaving the rest.
    mutating func take(for id: String?) -> [(String, [SessionChange])] {
        var order: [String] = []
        var byID: [String: [SessionChange]] = [:]
        func add(_ sid: String, _ cs: [SessionChange]) {
            if byID[sid] == nil { order.append(sid) }
            byID[sid, default: []] += cs
        }
        if let u = unsaved, id == nil || u.sessionID == id { add(u.sessionID, u.changes); unsaved = nil }
        if let p = position, id == nil || p.sessionID == id { add(p.sessionID, [.position(p.position)]); position = nil }
        if let f = facilitator, id == nil || f.sessionID == id { add(f.sessionID, [.facilitator(f.value)]); facilitator = nil }
        return order.map { ($0, byID[$0]!) }
    }

    /// Milliseconds until something pending falls due (nil: nothing is waiting).
    public func msUntilDue(now: Date) -> Int32? {
        var due: [Date] = []
        if let p = position { due.append(p.at.addingTimeInterval(Self.positionIdle)) }
        if let f = facilitator { due.append(f.due) }
        if unsaved != nil { due.append(now.addingTimeInterval(Self.retryInterval)) }
        guard let first = due.min() else { return nil }
        return msUntil(first, now: now)
    }
}

/// Whole milliseconds from `now` until `due`, rounded up, 0 when past (the runtime's wait for input).
func msUntil(_ due: Date, now: Date) -> Int32 {
    Int32(max(0, min(Double(Int32.max), (due.timeIntervalSince(now) * 1000).rounded(.up))))
}


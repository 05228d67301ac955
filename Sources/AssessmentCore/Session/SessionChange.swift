import FoundationEssentials

/// A change to a stored session, applied by the runtime through the store (under its lock).
public enum SessionChange: Sendable, Equatable {
    /// The answer as the person left it; `shown` is the answer as the screen showed it when they began,
    /// so only the fields they changed are applied to what is stored now (`AnswerMerge`).
    case answer(question: String, Answer?, shown: Answer?)
    case title(String)
    case position(Session.Position)
    /// The facilitator's published position (nil: facilitator mode off).
    case facilitator(Session.Facilitator?)
    /// The discussion note of a measure (nil or empty removes it).
    case discussion(measure: String, String?)
    /// New actions for gaps (ids given when stored) and changes to one action's owner, due date or status.
    case addActions([Action])
    case updateAction(Action)
    /// A four-eyes review of a measure (nil withdraws it).
    case review(measure: String, Review?)
    /// The organisation and model assessed.
    case details(organisation: String?, model: String?)
    /// An event date (YYYY-MM-DD) deadlines count from; nil removes it.
    case event(key: String, date: String?)

    /// Applies the change to a session value; used both on screen and by the store update.
    public func apply(to s: inout Session, by user: String, at now: Date) {
        switch self {
        case let .answer(q, a, shown):
            // A conflicting change is not applied; the runtime finds it with `conflict(in:)` and asks.
            if case let .merged(m) = AnswerMerge.merge(base: shown, mine: a, stored: s.answers[q]) { s.set(q, to: m, by: user, at: now) }
        case let .title(t): s.rename(to: t, by: user, at: now)
        case let .position(p): s.position = p
        case let .facilitator(f): s.facilitator = f
        case let .discussion(m, text): s.setDiscussion(text, measure: m, by: user, at: now)
        case let .addActions(xs): Self.addActions(&s, xs, by: user, at: now)
        case let .updateAction(x): Self.updateAction(&s, x, by: user, at: now)
        case let .review(m, r): s.setReview(r, of: m, by: user, at: now)
        case let .details(o, m): s.setDetails(organisation: o, model: m, modelVersion: s.modelVersion, by: user, at: now)
        case let .event(k, d): s.setEvent(k, to: d, by: user, at: now)
        }
    }
}

extension SessionChange {
    /// Only says where someone is (the position, the facilitator's pointer): such a write moves
    /// neither `updated` nor the pinned questionnaire; the full screen writes it when idle and never retries it.
    public var isPositionLike: Bool {
        switch self {
        case .position, .facilitator: return true
        case .answer, .title, .discussion, .addActions, .updateAction, .review, .details, .event: return false
        }
    }

    /// Adds actions for gaps not yet in the plan; ids are given when stored, so a concurrent
    /// `gpai-assess action add` never makes two actions with one id.
    static func addActions(_ s: inout Session, _ actions: [Action], by user: String, at now: Date) {
        var new: [Action] = []
        for var x in actions where !(s.actions + new).contains(where: { $0.question != nil && $0.question == x.question }) {
            x.id = ActionPlan.nextID(s.actions + new)
            new.append(x)
        }
        s.addActions(new, by: user, at: now)
    }

    /// Sets the owner, due date and status of the action with that id (as it is stored).
    static func updateAction(_ s: inout Session, _ x: Action, by user: String, at now: Date) {
        guard let i = ActionPlan.index(of: x.id, in: s.actions) else { return }
        s.updateAction(at: i, by: user, at: now) { y in y.owner = x.owner; y.due = x.due; y.status = x.status }
    }
}


extension Session {
    /// The one rule every front end follows when it stores changes: the questionnaire a change was
    /// made with is recorded (`pin(to:)`) when the write changed more than where someone is (the
    /// position, the facilitator's pointer), i.e. exactly when `updated` moves. A position-only write
    /// or a change to the same value records nothing. When the session was made with an older version
    /// of the questionnaire, its answers are first carried over by the questionnaire's `migrations`
    /// and `body` is applied on top, so an answer given now is never taken for an old one.
    /// `body` may run twice (once to see whether it changes anything); it must only assign.
    public mutating func write(with q: Questionnaire?, by user: String, at now: Date,
                               _ body: (inout Session) throws -> Void) rethrows {
        let before = self
        try body(&self)
        guard let q, !sameBesidesWhereSomeoneIs(before) else { return }
        if before.questionnaire.id == q.id, before.questionnaire.version != q.version {
            self = before
            pin(to: q, by: user, at: now)
            try body(&self)
        }
        pin(to: q, by: user, at: now)
    }

    /// Applies changes in order by the rule of `write(with:by:at:_:)`.
    public mutating func apply(_ changes: [SessionChange], by user: String, at now: Date, with q: Questionnaire?) {
        write(with: q, by: user, at: now) { s in
            for c in changes { c.apply(to: &s, by: user, at: now) }
        }
    }

    func sameBesidesWhereSomeoneIs(_ other: Session) -> Bool {
        var same = other
        same.position = position
        same.facilitator = facilitator
        return same == self
    }
}

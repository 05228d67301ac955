import AssessmentCore
import FoundationEssentials

// Facilitator mode (F) and live follow (`watch`): the pure parts.

extension AssessmentState {
    /// The measure a question belongs to: its nearest enclosing node of kind `.measure`, else its own node.
    public func measureID(of questionID: String) -> String? {
        let path = index.questionPath[questionID] ?? []
        return path.first { index.nodes[$0]?.kind == .measure } ?? path.first
    }

    public var currentMeasure: String? { measureID(of: question) }

    /// Seconds on a measure's timer at `now`.
    public func elapsed(_ measure: String, now: Date) -> TimeInterval {
        var t = timers[measure] ?? 0
        if let r = runningTimer, r.measure == measure { t += max(0, now.timeIntervalSince(r.since)) }
        return t
    }

    /// What facilitator mode publishes to the session file (nil when it is off).
    public func published(by user: String, now: Date) -> Session.Facilitator? {
        guard facilitating else { return nil }
        var f = Session.Facilitator(question: question, node: currentMeasure ?? treeCursor, by: user, since: facilitatingSince ?? now)
        if let r = runningTimer {
            f.timerStartedAt = r.since.addingTimeInterval(-(timers[r.measure] ?? 0))
        }
        return f
    }

    /// Where a follower should be: the facilitator's question when one is published, else the last saved position.
    public var followTarget: String? {
        for q in [session.facilitator?.question, session.position?.question] {
            if let q, index.questions[q] != nil { return q }
        }
        return nil
    }

    /// The timer the header shows, as (seconds, running), if any.
    public func shownTimer(now: Date) -> (TimeInterval, Bool)? {
        if watching {
            guard let f = session.facilitator, let start = f.timerStartedAt else { return nil }
            // Shown on the facilitator's measure only.
            let theirs = f.question.flatMap { measureID(of: $0) } ?? f.node
            if theirs != currentMeasure { return nil }
            return (max(0, now.timeIntervalSince(start)), true)
        }
        guard facilitating, let m = currentMeasure else { return nil }
        let running = runningTimer?.measure == m
        let t = elapsed(m, now: now)
        if !running && t == 0 { return nil }
        return (t, running)
    }

    /// Stops the running timer, keeping its time.
    mutating func pauseTimer(now: Date) {
        guard let r = runningTimer else { return }
        timers[r.measure] = elapsed(r.measure, now: now)
        runningTimer = nil
    }
}

extension AppState {
    /// True while something on screen changes by itself every second (a running timer): the runtime then
    /// redraws once a second; otherwise it draws only after input or a change on disk.
    public var clockTicking: Bool {
        guard overlay == nil, let a = assessment, a.dashboard == nil else { return false }
        return a.shownTimer(now: now)?.1 == true
    }
}

/// "mm:ss", or "h:mm:ss" from an hour on.
public func formatElapsed(_ t: TimeInterval) -> String {
    let s = Int(max(0, t))
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    if s >= 3600 { return "\(s / 3600):" + two(s / 60 % 60) + ":" + two(s % 60) }
    return two(s / 60) + ":" + two(s % 60)
}

/// The effects of having moved from `before` to the current question: the position is saved,
/// the facilitator's position published, a timer left behind paused, and a watcher stops following.
func afterMove(_ a: inout AssessmentState, from before: String, state: inout AppState, byUser: Bool = true) -> [Effect] {
    guard a.question != before else { return [] }
    if a.watching {
        if byUser && a.following && a.question != a.followTarget {
            a.following = false
            state.message = Message(.info, "not following; f follows the facilitator again")
        }
        return []
    }
    if a.readOnly { return [] }
    // The walk's position for the question moved to (`AssessmentState.move`).
    var changes: [SessionChange] = [.position(a.session.position ?? a.savedPosition)]
    if a.facilitating {
        if let r = a.runningTimer, r.measure != a.currentMeasure {
            a.pauseTimer(now: state.now)
            state.message = Message(.info, "timer paused at " + formatElapsed(a.timers[r.measure] ?? 0) + " (T starts this measure's timer)")
        }
        let f = a.published(by: state.config.user, now: state.now)
        a.session.facilitator = f
        changes.append(.facilitator(f))
    }
    return [.persist(sessionID: a.session.id, changes)]
}

/// Keys of facilitator mode and of `watch`; nil when the key is not one of them.
func facilitationKey(_ a: inout AssessmentState, _ action: KeyAction?, state: inout AppState) -> [Effect]? {
    if action == .roomView {
        a.presenting.toggle()
        state.message = Message(.info, a.presenting ? "room view: V goes back" : "room view off")
        return []
    }
    if a.watching {
        switch action {
        case .follow?:
            a.following.toggle()
            if a.following {
                state.message = Message(.info, "following")
                if let t = a.followTarget, t != a.question { a.go(to: t) }
            } else {
                state.message = Message(.info, "not following; f follows again")
            }
            return []
        case .facilitate?, .discussion?, .timer?:
            state.message = Message(.error, "watching: read-only (the facilitator's terminal changes the session)")
            return [.bell]
        default: return nil
        }
    }
    switch action {
    case .facilitate?:
        if a.readOnly {
            state.message = Message(.error, a.readOnlyMessage)
            return [.bell]
        }
        a.facilitating.toggle()
        let user = state.config.user
        if a.facilitating {
            a.facilitatingSince = state.now
            a.showGuidance = true
            state.message = Message(.info, "facilitator mode: D discussion note · T timer · viewers follow (gpai-assess watch \(a.session.id))")
        } else {
            a.pauseTimer(now: state.now)
            a.facilitatingSince = nil
            state.message = Message(.info, "facilitator mode off")
        }
        let f = a.published(by: user, now: state.now)
        a.session.facilitator = f
        return [.persist(sessionID: a.session.id, [.facilitator(f)])]
    case .discussion?:
        guard a.facilitating else {
            state.message = Message(.info, "discussion notes are part of facilitator mode: F switches it on")
            return []
        }
        return startEditing(&a, .discussion, state: &state)
    case .timer?:
        guard a.facilitating, let m = a.currentMeasure else {
            state.message = Message(.info, "the timer is part of facilitator mode: F switches it on")
            return []
        }
        if a.runningTimer?.measure == m {
            a.pauseTimer(now: state.now)
            state.message = Message(.info, "timer stopped at " + formatElapsed(a.timers[m] ?? 0))
        } else {
            a.pauseTimer(now: state.now)
            a.runningTimer = RunningTimer(measure: m, since: state.now)
            state.message = Message(.info, "timer started (T stops it)")
        }
        let f = a.published(by: state.config.user, now: state.now)
        a.session.facilitator = f
        return [.persist(sessionID: a.session.id, [.facilitator(f)])]
    default: return nil
    }
}

/// `watch`: the session changed on disk. Everything shown comes from the new copy; while following,
/// the view moves to the facilitator's question (or the editor's last position).
func reloaded(_ state: inout AppState, _ s: Session) {
    guard state.assessment?.session.id == s.id else { return }
    state.withAssessment { a, state in
        let hadEditing = a.editing
        // A save that changed no answer (the facilitator moving on, a discussion note) needs no new scoring.
        let rescore = !sameAnswersAsStored(s.answers, a.session.answers)
        if let note = facilitatorChange(from: a.session.facilitator, to: s.facilitator, now: state.now, timeZone: state.config.timeZone) {
            state.message = Message(.info, note)
        }
        a.session = s
        if rescore { a.evaluation = Evaluation(questionnaire: a.questionnaire, session: s) }
        if a.following, let t = a.followTarget, t != a.question {
            a.go(to: t)
        } else {
            a.optionCursor = a.defaultOptionCursor()
        }
        a.editing = hadEditing == nil ? nil : a.editing
    }
}

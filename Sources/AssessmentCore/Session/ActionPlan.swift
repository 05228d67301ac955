import FoundationEssentials

/// A calendar date without time or zone (YYYY-MM-DD), for due dates and event dates.
/// Arithmetic is exact and independent of the machine's time zone.
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public var ordinal: Int

    public init(ordinal: Int) { self.ordinal = ordinal }

    public init(year: Int, month: Int, day: Int) {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        ordinal = era * 146097 + doe - 719468
    }

    /// Parses a real calendar date written YYYY-MM-DD; nil for anything else.
    public init?(_ text: String) {
        let t = text.trimmingWhitespace()
        guard AnswerInput.isValidDate(t) else { return nil }
        let p = t.split(separator: "-").map { Int($0)! }
        self.init(year: p[0], month: p[1], day: p[2])
    }

    /// The calendar day of an instant in a time zone (UTC unless given).
    public init(_ date: Date, timeZone: TimeZone = TimeZone(secondsFromGMT: 0)!) {  // "UTC" by name needs ICU
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = timeZone
        let c = cal.dateComponents([.year, .month, .day], from: date)
        self.init(year: c.year!, month: c.month!, day: c.day!)
    }

    /// "30 Nov 2026": the day as people write it (ISO 8601 stays in JSON and CSV).
    public var humanText: String {
        let c = components
        return LocalTime(year: c.year, month: c.month, day: c.day, hour: 0, minute: 0).humanDay
    }

    /// The calendar day of an instant in the system's local time (see `LocalTime`).
    public init(localDayOf date: Date) {
        let t = LocalTime(date, in: nil)
        self.init(year: t.year, month: t.month, day: t.day)
    }

    public var components: (year: Int, month: Int, day: Int) {
        // civil_from_days
        let z = ordinal + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// 1 = Monday … 7 = Sunday.
    public var weekday: Int { ((ordinal % 7 + 7 + 3) % 7) + 1 }

    public func adding(days n: Int) -> CalendarDay { CalendarDay(ordinal: ordinal + n) }

    /// Same day n months later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb).
    public func adding(months n: Int) -> CalendarDay {
        let c = components
        let total = c.year * 12 + (c.month - 1) + n
        let y = total >= 0 ? total / 12 : (total - 11) / 12
        let m = total - y * 12 + 1
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let last = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return CalendarDay(year: y, month: m, day: min(c.day, last))
    }

    /// n working days later (Monday to Friday; public holidays are not known and not skipped).
    public func adding(businessDays n: Int) -> CalendarDay {
        var d = self
        var left = n
        while left > 0 {
            d = d.adding(days: 1)
            if d.weekday <= 5 { left -= 1 }
        }
        return d
    }

    public func days(until other: CalendarDay) -> Int { other.ordinal - ordinal }

    public var description: String {
        let c = components
        func pad(_ x: Int, _ w: Int) -> String { let s = String(x); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
    }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool { a.ordinal < b.ordinal }
}

/// The action plan: suggestions derived from gaps, deadlines the Code sets relative to events,
/// ordering and overdue detection. Pure functions; the CLI and TUI store the results in `Session.actions`.
public enum ActionPlan {

    // MARK: Events and deadline rules

    /// A kind of event whose date starts a deadline. Stored in `Session.events` under its id,
    /// optionally with a label after a colon for events that recur (`incident_death:INC-7`).
    public struct EventKind: Sendable, Equatable {
        public var id: String
        public var title: String
        /// A date question that supplies the date when the session has no explicit event
        /// (questions of the gpai-cop questionnaires; ignored when absent).
        public var answeredBy: [String]
        /// Several dated instances may exist, told apart by a label.
        public var labelled: Bool
    }

    public static let eventKinds: [EventKind] = [
        EventKind(id: "placing_on_market", title: "Model placed (or to be placed) on the EU market", answeredBy: ["scope.placement_date"], labelled: false),
        EventKind(id: "threshold_met", title: "Systemic-risk threshold met or known to be met (AI Act Art. 51)", answeredBy: [], labelled: false),
        EventKind(id: "notification", title: "Art. 52(1) notification sent to the Commission", answeredBy: ["ss.context.notified"], labelled: false),
        EventKind(id: "framework_confirmed", title: "Safety and Security Framework confirmed", answeredBy: ["ss.c1.m1_1.q2"], labelled: false),
        EventKind(id: "framework_assessment", title: "Last Framework assessment completed", answeredBy: ["ss.c1.m1_3.q4"], labelled: false),
        EventKind(id: "model_report_sent", title: "Model Report made available to the AI Office", answeredBy: ["ss.c7.m7_7.q3"], labelled: false),
        EventKind(id: "model_report_update_confirmed", title: "Model Report update confirmed", answeredBy: [], labelled: true),
        EventKind(id: "downstream_request", title: "Information request from a downstream provider received", answeredBy: [], labelled: true),
        EventKind(id: "incident_critical_infrastructure", title: "Became aware of a serious incident: disruption of critical infrastructure", answeredBy: [], labelled: true),
        EventKind(id: "incident_cybersecurity", title: "Became aware of a serious incident: serious cybersecurity breach", answeredBy: [], labelled: true),
        EventKind(id: "incident_death", title: "Became aware of a serious incident: death of a person", answeredBy: [], labelled: true),
        EventKind(id: "incident_serious_harm", title: "Became aware of a serious incident: serious harm to health, fundamental rights, property or environment", answeredBy: [], labelled: true),
        EventKind(id: "incident_resolved", title: "Serious incident resolved", answeredBy: [], labelled: true),
        EventKind(id: "incident_reported", title: "Initial serious-incident report sent", answeredBy: [], labelled: true),
    ]

    public static func eventKind(_ id: String) -> EventKind? { eventKinds.first { $0.id == id } }

    /// Splits `incident_death:INC-7` into kind and label.
    public static func splitEventKey(_ key: String) -> (kind: String, label: String?) {
        guard let i = key.firstIndex(of: ":") else { return (key, nil) }
        let label = String(key[key.index(after: i)...])
        return (String(key[..<i]), label.isEmpty ? nil : label)
    }

    /// Checks an event key and date given by a user; nil when fine, else a message.
    public static func problem(eventKey key: String, date: String?) -> String? {
        let (kind, label) = splitEventKey(key)
        guard let k = eventKind(kind) else {
            return "unknown event '\(AnswerInput.shown(kind))'; known: \(eventKinds.map(\.id).joined(separator: ", "))"
        }
        if let label {
            guard k.labelled else { return "event '\(kind)' happens once and takes no label" }
            guard label.count <= 40, label.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && !(0x80..<0xA0).contains($0.value) }) else {
                return "invalid label '\(AnswerInput.shown(label))': use 1–40 printable characters without spaces"
            }
        }
        if let date, CalendarDay(date) == nil { return "invalid date '\(AnswerInput.shown(date))'; use YYYY-MM-DD" }
        return nil
    }

    /// When a deadline falls relative to its event.
    public enum Offset: Sendable, Equatable {
        case days(Int)
        case businessDays(Int)
        case months(Int)

        public func apply(_ d: CalendarDay) -> CalendarDay {
            switch self {
            case let .days(n): return d.adding(days: n)
            case let .businessDays(n): return d.adding(businessDays: n)
            case let .months(n): return d.adding(months: n)
            }
        }

        public var text: String {
            func unit(_ n: Int, _ w: String) -> String { "\(abs(n)) \(w)\(abs(n) == 1 ? "" : "s")" }
            switch self {
            case let .days(n):
                if n == 0 { return "on the day of" }
                if n % 7 == 0 { return unit(n / 7, "week") + (n < 0 ? " before" : " after") }
                return unit(n, "day") + (n < 0 ? " before" : " after")
            case let .businessDays(n): return unit(n, "business day") + (n < 0 ? " before" : " after")
            case let .months(n): return unit(n, "month") + (n < 0 ? " before" : " after")
            }
        }
    }

    /// A deadline the Code (or the AI Act) sets relative to an event.
    public struct DeadlineRule: Sendable, Equatable {
        public var id: String
        public var title: String
        /// Event kinds that start the deadline, the first one present wins.
        public var events: [String]
        public var offset: Offset
        /// While this event (with the same label) is absent, the deadline repeats every `repeatEvery`.
        public var repeatEvery: Offset?
        public var repeatUntil: String?
        /// The event that shows the deadline was kept (on or before the due date).
        public var fulfilledBy: String?
        public var reference: String
        /// The question the deadline belongs to (in the gpai-cop questionnaires).
        public var question: String?
    }

    public static let rules: [DeadlineRule] = [
        DeadlineRule(id: "notify_commission", title: "Notify the Commission that the model meets the systemic-risk threshold",
                     events: ["threshold_met"], offset: .days(14), fulfilledBy: "notification",
                     reference: "AI Act Art. 52(1)", question: "ss.context.notified_in_time"),
        DeadlineRule(id: "framework_after_notification", title: "Confirm the Safety and Security Framework",
                     events: ["notification"], offset: .days(28), fulfilledBy: "framework_confirmed",
                     reference: "Code, Safety and Security chapter, Measure 1.1 (within 4 weeks of the Art. 52(1) notification)",
                     question: "ss.c1.m1_1.q3"),
        DeadlineRule(id: "framework_before_market", title: "Confirm the Safety and Security Framework before placing on the market",
                     events: ["placing_on_market"], offset: .days(-14), fulfilledBy: "framework_confirmed",
                     reference: "Code, Safety and Security chapter, Measure 1.1 (at least 2 weeks before placing on the market)",
                     question: "ss.c1.m1_1.q4"),
        DeadlineRule(id: "framework_assessment", title: "Complete the next Framework assessment",
                     events: ["framework_assessment", "placing_on_market"], offset: .months(12),
                     reference: "Code, Safety and Security chapter, Measure 1.3 (at least every 12 months)",
                     question: "ss.c1.m1_3.q2"),
        DeadlineRule(id: "model_report_before_market", title: "Give the AI Office access to the Model Report",
                     events: ["placing_on_market"], offset: .days(0), fulfilledBy: "model_report_sent",
                     reference: "Code, Safety and Security chapter, Measure 7.7 (by the time of placing on the market)",
                     question: "ss.c7.m7_7.q1"),
        DeadlineRule(id: "model_report_update", title: "Give the AI Office access to the Model Report update",
                     events: ["model_report_update_confirmed"], offset: .businessDays(5),
                     reference: "Code, Safety and Security chapter, Measure 7.7 (5 business days after confirmation; up to 15 with an accepted interim report)",
                     question: "ss.c7.m7_7.q2"),
        DeadlineRule(id: "downstream_answer", title: "Answer the downstream provider's request for information",
                     events: ["downstream_request"], offset: .days(14),
                     reference: "Code, Transparency chapter, Measure 1.2 (within 14 days)", question: "tr.c1.m1_2.q3"),
        DeadlineRule(id: "incident_report_critical_infrastructure", title: "Initial serious-incident report: critical infrastructure",
                     events: ["incident_critical_infrastructure"], offset: .days(2), fulfilledBy: "incident_reported",
                     reference: "Code, Safety and Security chapter, Measure 9.3 (2 days)", question: "ss.c9.m9_3.q2"),
        DeadlineRule(id: "incident_report_cybersecurity", title: "Initial serious-incident report: cybersecurity breach",
                     events: ["incident_cybersecurity"], offset: .days(5), fulfilledBy: "incident_reported",
                     reference: "Code, Safety and Security chapter, Measure 9.3 (5 days)", question: "ss.c9.m9_3.q2"),
        DeadlineRule(id: "incident_report_death", title: "Initial serious-incident report: death of a person",
                     events: ["incident_death"], offset: .days(10), fulfilledBy: "incident_reported",
                     reference: "Code, Safety and Security chapter, Measure 9.3 (10 days)", question: "ss.c9.m9_3.q2"),
        DeadlineRule(id: "incident_report_serious_harm", title: "Initial serious-incident report: serious harm",
                     events: ["incident_serious_harm"], offset: .days(15), fulfilledBy: "incident_reported",
                     reference: "Code, Safety and Security chapter, Measure 9.3 (15 days)", question: "ss.c9.m9_3.q2"),
        DeadlineRule(id: "incident_intermediate", title: "Intermediate serious-incident report",
                     events: ["incident_critical_infrastructure", "incident_cybersecurity", "incident_death", "incident_serious_harm"],
                     offset: .days(28), repeatEvery: .days(28), repeatUntil: "incident_resolved",
                     reference: "Code, Safety and Security chapter, Measure 9.3 (at least every 4 weeks while unresolved)",
                     question: "ss.c9.m9_3.q2"),
        DeadlineRule(id: "incident_final", title: "Final serious-incident report",
                     events: ["incident_resolved"], offset: .days(60),
                     reference: "Code, Safety and Security chapter, Measure 9.3 (60 days after resolution)", question: "ss.c9.m9_3.q2"),
    ]

    public static func rule(_ id: String) -> DeadlineRule? { rules.first { $0.id == id } }

    /// One computed deadline.
    public struct Deadline: Sendable, Equatable {
        public enum State: String, Sendable { case open, dueToday = "due_today", overdue, kept, late }
        public var rule: DeadlineRule
        /// The event key it was computed from (with its label, if any).
        public var event: String
        public var label: String?
        public var eventDate: CalendarDay
        public var due: CalendarDay
        /// Date of the fulfilling event, when recorded.
        public var fulfilled: CalendarDay?
        public var state: State
    }

    /// Event dates of a session: explicit `events` first, then dates answered in the questionnaire.
    public static func eventDates(_ s: Session) -> [String: CalendarDay] {
        var out: [String: CalendarDay] = [:]
        for k in eventKinds {
            for q in k.answeredBy {
                if out[k.id] == nil, let a = s.answers[q], !a.notApplicable, case let .text(t)? = a.value, let d = CalendarDay(t) {
                    out[k.id] = d
                }
            }
        }
        for (key, v) in s.events { if let d = CalendarDay(v) { out[key] = d } }
        return out
    }

    /// Every deadline that can be computed from the session's event dates, by due date.
    public static func deadlines(_ s: Session, today: CalendarDay) -> [Deadline] {
        deadlines(events: eventDates(s), today: today)
    }

    public static func deadlines(events: [String: CalendarDay], today: CalendarDay) -> [Deadline] {
        var out: [Deadline] = []
        // Group event keys by kind for labelled kinds.
        var byKind: [String: [(key: String, label: String?, date: CalendarDay)]] = [:]
        for (key, d) in events {
            let (kind, label) = splitEventKey(key)
            byKind[kind, default: []].append((key, label, d))
        }
        for kind in byKind.keys { byKind[kind]!.sort { $0.key < $1.key } }
        func lookup(_ kind: String, _ label: String?) -> CalendarDay? {
            byKind[kind]?.first { $0.label == label }?.date
        }
        for r in rules {
            var starts: [(key: String, label: String?, date: CalendarDay)] = []
            if r.repeatEvery != nil || (r.events.count > 1 && r.events.allSatisfy { eventKind($0)?.labelled == true }) {
                for e in r.events { starts += byKind[e] ?? [] }
            } else if let first = r.events.first(where: { byKind[$0] != nil }) {
                starts = byKind[first]!
            }
            for st in starts {
                var due = r.offset.apply(st.date)
                if let every = r.repeatEvery {
                    if let until = r.repeatUntil, lookup(until, st.label) != nil { continue }
                    var guardCount = 0
                    while due < today && guardCount < 10_000 { due = every.apply(due); guardCount += 1 }
                }
                let fulfilled = r.fulfilledBy.flatMap { lookup($0, st.label) }
                let state: Deadline.State
                if let f = fulfilled { state = f <= due ? .kept : .late }
                else if due < today { state = .overdue }
                else if due == today { state = .dueToday }
                else { state = .open }
                out.append(Deadline(rule: r, event: st.key, label: st.label, eventDate: st.date, due: due, fulfilled: fulfilled, state: state))
            }
        }
        return out.sorted { a, b in
            if a.due != b.due { return a.due < b.due }
            if a.rule.id != b.rule.id { return a.rule.id < b.rule.id }
            return a.event < b.event
        }
    }

    /// The due date a rule gives for the session's events, or why it cannot.
    public static func dueDate(rule id: String, label: String? = nil, session s: Session, today: CalendarDay) -> Result<CalendarDay, DeadlineError> {
        guard let r = rule(id) else {
            return .failure(DeadlineError("unknown deadline rule '\(AnswerInput.shown(id))'; known: \(rules.map(\.id).joined(separator: ", "))"))
        }
        let all = deadlines(s, today: today).filter { $0.rule.id == id && (label == nil || $0.label == label) }
        if let d = all.first { return .success(d.due) }
        let needed = r.events.map { e in eventKind(e)?.labelled == true ? "\(e):LABEL" : e }.joined(separator: " or ")
        return .failure(DeadlineError("deadline '\(id)' needs the date of \(needed); set it with 'gpai-assess action event SESSION \(r.events[0])\(eventKind(r.events[0])?.labelled == true ? ":LABEL" : "") YYYY-MM-DD'"))
    }

    public struct DeadlineError: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public init(_ m: String) { message = m }
        public var description: String { message }
    }

    // MARK: Actions

    /// Whether an action is still to be done.
    public static func isActive(_ a: Action) -> Bool { a.status == .open || a.status == .inProgress }

    /// Active and due before `today`.
    public static func isOverdue(_ a: Action, today: CalendarDay) -> Bool {
        guard isActive(a), let due = a.due.flatMap(CalendarDay.init) else { return false }
        return due < today
    }

    /// Active actions by due date (undated last), then priority (highest first), then id;
    /// finished and dropped ones after them in the same order.
    public static func sorted(_ actions: [Action]) -> [Action] {
        actions.sorted { a, b in
            let aa = isActive(a), ba = isActive(b)
            if aa != ba { return aa }
            let ad = a.due.flatMap(CalendarDay.init), bd = b.due.flatMap(CalendarDay.init)
            switch (ad, bd) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: break
            }
            let ap = a.priority ?? 0, bp = b.priority ?? 0
            if ap != bp { return ap > bp }
            return idOrder(a.id) < idOrder(b.id)
        }
    }

    static func idOrder(_ id: String) -> (Int, String) {
        let digits = id.drop { !$0.isNumber }
        return (Int(digits) ?? Int.max, id)
    }

    /// The next free id: A1, A2, …
    public static func nextID(_ existing: [Action]) -> String {
        let n = existing.compactMap { a -> Int? in
            guard a.id.hasPrefix("A") else { return nil }
            return Int(a.id.dropFirst())
        }.max() ?? 0
        return "A\(n + 1)"
    }

    /// Finds an action by id, ignoring case.
    public static func index(of id: String, in actions: [Action]) -> Int? {
        actions.firstIndex { $0.id.lowercased() == id.lowercased() }
    }

    /// An action the plan suggests for one gap.
    public struct Suggestion: Sendable, Equatable {
        public var title: String
        public var question: String
        public var measure: String?
        public var priority: Double
        public var critical: Bool
        /// From a deadline rule tied to the question, when its date is still ahead.
        public var due: CalendarDay?
        public var dueRule: String?
    }

    /// Answers that fall short, as actions not yet in the plan (an action for the same question,
    /// in any state, counts as covering it), highest priority first.
    public static func suggestions(evaluation ev: Evaluation, session s: Session, today: CalendarDay,
                                   minPriority: Double = 0) -> [Suggestion] {
        let covered = Set(s.actions.compactMap(\.question))
        let dls = deadlines(s, today: today)
        var out: [Suggestion] = []
        for g in ev.gaps where g.kind == .question && !covered.contains(g.id) && g.priority >= minPriority && g.priority > 0 {
            let title: String
            if let r = g.remediation, !r.trimmingWhitespaceAndNewlines().isEmpty { title = r }
            else { title = "Close the gap: \(g.title)" }
            let dl = dls.first { $0.rule.question == g.id && $0.due >= today && $0.state != .kept }
            out.append(Suggestion(title: title, question: g.id, measure: g.measureID, priority: rounded(g.priority, places: 4)!,
                                  critical: g.critical, due: dl?.due, dueRule: dl?.rule.id))
        }
        return out
    }

    /// Turns suggestions into actions with fresh ids.
    public static func actions(from suggestions: [Suggestion], existing: [Action], owner: String?, defaultDue: CalendarDay?,
                               by user: String, at now: Date) -> [Action] {
        var all = existing
        var out: [Action] = []
        for sg in suggestions {
            let a = Action(id: nextID(all), title: sg.title, question: sg.question, measure: sg.measure, owner: owner,
                           due: (sg.due ?? defaultDue)?.description, status: .open, priority: sg.priority,
                           note: sg.dueRule.map { "Due date from deadline rule '\($0)'." }, by: user, at: now)
            all.append(a)
            out.append(a)
        }
        return out
    }
}

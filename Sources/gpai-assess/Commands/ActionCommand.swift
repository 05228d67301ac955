import ArgumentParser
import AssessmentCore
import AssessmentStore
import FoundationEssentials
import Reports

/// `gpai-assess action …`: the action plan of a session.
struct ActionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "action",
        abstract: "Manage the action plan: actions that close gaps, with owner, due date and status.",
        discussion: """
        Answers that fall short become actions: 'suggest' shows them, 'add
        --from-gaps' records them. Due dates can be computed from event dates
        where the Code sets a deadline relative to an event, e.g. the Framework
        confirmed at least 2 weeks before placing on the market, or serious-
        incident reports within 2/5/10/15 days ('deadlines --rules' lists them;
        'event' records the dates).

        Examples:
          gpai-assess action suggest acme
          gpai-assess action add acme --from-gaps --owner Compliance --due-in 90
          gpai-assess action add acme "Publish the policy summary" \\
              --question cr.c1.m1_1.q4 --due 2026-03-31
          gpai-assess action event acme placing_on_market 2026-06-01
          gpai-assess action add acme "Confirm the Framework" \\
              --due-from framework_before_market
          gpai-assess action set acme A3 --owner dana --status in_progress
          gpai-assess action done acme A3 --note "Signed off by the board"
          gpai-assess action list acme --overdue --json
        """,
        subcommands: [ListActions.self, AddAction.self, SetAction.self, DoneAction.self, SuggestActions.self,
                      EventCommand.self, DeadlinesCommand.self]
    )
}

// MARK: Shared parsing

enum ActionArgs {
    /// The day to judge overdue against: --today or the local calendar day.
    static func today(_ text: String?) throws -> CalendarDay {
        guard let text else { return CalendarDay(localDayOf: Date()) }
        return try day(text, option: "--today")
    }

    static func day(_ text: String, option: String) throws -> CalendarDay {
        guard let d = CalendarDay(text) else { throw CLIError("invalid date '\(AnswerInput.shown(text))' for \(option); use YYYY-MM-DD") }
        return d
    }

    static func state(_ text: String) throws -> Action.State {
        let t = text.lowercased().replacingAll("-", with: "_").replacingAll(" ", with: "_")
        guard let s = Action.State(rawValue: t) else {
            throw CLIError("unknown status '\(AnswerInput.shown(text))'; allowed: \(Action.State.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return s
    }

    static func date(_ text: String, option: String) throws -> String {
        try day(text, option: option).description
    }

    static func text(_ t: String, _ what: String, max: Int = 500, allowNewlines: Bool = false) throws -> String {
        let v = t.trimmingWhitespaceAndNewlines()
        guard !v.isEmpty, v.count <= max else { throw CLIError("invalid \(what) '\(AnswerInput.shown(t))': use 1–\(max) characters") }
        if !allowNewlines, v.hasControlCharacters {
            throw CLIError("invalid \(what) '\(AnswerInput.shown(t))': no control characters or line breaks")
        }
        return v
    }

    static func priority(_ p: Double) throws -> Double {
        guard p.isFinite, p >= 0, p <= 1000 else { throw CLIError("invalid priority \(p); use a number from 0 to 1000") }
        return p
    }

    /// The question id and its measure, checked against the questionnaire.
    static func question(_ id: String, _ q: Questionnaire) throws -> (String, String?) {
        let idx = q.index
        guard idx.questions[id] != nil else {
            throw CLIError("unknown question '\(AnswerInput.shown(id))' in questionnaire '\(q.id)'; see 'gpai-assess outline \(q.id)'")
        }
        let measure = (idx.questionPath[id] ?? []).first { idx.nodes[$0]?.kind == .measure } ?? idx.questionPath[id]?.first
        return (id, measure)
    }

    /// "rule" or "rule:LABEL" → due date from the session's events.
    static func dueFrom(_ spec: String, _ s: Session, today: CalendarDay) throws -> CalendarDay {
        let (rule, label) = ActionPlan.splitEventKey(spec)
        switch ActionPlan.dueDate(rule: rule, label: label, session: s, today: today) {
        case let .success(d): return d
        case let .failure(e): throw CLIError(e.message)
        }
    }

    static func find(_ id: String, in s: Session) throws -> Int {
        guard let i = ActionPlan.index(of: id, in: s.actions) else {
            let known = s.actions.map(\.id)
            throw CLIError("no action '\(AnswerInput.shown(id))' in session '\(s.id)'" + (known.isEmpty ? "; it has no actions yet" : "; actions: \(known.prefix(20).joined(separator: ", "))"))
        }
        return i
    }

    static func json(_ a: Action, today: CalendarDay) -> JSON {
        guard case var .object(o) = ReportJSON.action(a) else { return .null }
        o["overdue"] = .bool(ActionPlan.isOverdue(a, today: today))
        return .object(o)
    }
}

// MARK: list

extension ActionCommand {
    struct ListActions: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List actions by due date and priority; overdue ones are marked.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Session id or unique prefix.") var session: String
        @Option(help: "active (open and in progress; the default), open, in_progress, done, dropped or all.") var status: String = "active"
        @Option(help: "Only actions of this owner.") var owner: String?
        @Flag(help: "Only overdue actions.") var overdue = false
        @Option(help: ArgumentHelp("Judge overdue as of this date (default: today).", valueName: "YYYY-MM-DD")) var today: String?
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let day = try ActionArgs.today(today)
            let filter: ((Action) -> Bool)
            switch status.lowercased() {
            case "active": filter = ActionPlan.isActive
            case "all": filter = { _ in true }
            default:
                let st = try ActionArgs.state(status)
                filter = { $0.status == st }
            }
            let ctx = try Context(global)
            let (s, q) = try ctx.open(session, quiet: true)
            let items = ActionPlan.sorted(s.actions).filter { a in
                filter(a) && (owner == nil || a.owner?.lowercased() == owner!.lowercased()) && (!overdue || ActionPlan.isOverdue(a, today: day))
            }
            if json {
                Output.stdout(([
                    "session": .string(s.id), "today": .string(day.description),
                    "actions": .array(items.map { ActionArgs.json($0, today: day) }),
                ] as JSON).serialized())
                return
            }
            if items.isEmpty {
                Output.stdout(s.actions.isEmpty ? "No actions. See 'gpai-assess action suggest \(s.id)'." : "No actions match.")
                return
            }
            Output.stdout(Self.table(items, today: day, questionnaire: q))
        }

        /// Measures are named with their chapter ("C1.3"), as on screen and in reports.
        static func table(_ items: [Action], today: CalendarDay, questionnaire q: Questionnaire) -> String {
            func t(_ s: String?) -> String { SafeText.inert(s ?? "–", keepNewlines: false) }
            func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
            let idW = max(2, items.map(\.id.count).max() ?? 2)
            var out = "\(pad("ID", idW))  \(pad("Due", 10))  \(pad("Status", 11))  \(pad("Prio", 5))  \(pad("Owner", 14))  Action\n"
            for a in items {
                var owner = t(a.owner)
                if owner.count > 14 { owner = String(owner.prefix(13)) + "…" }
                var line = "\(pad(t(a.id), idW))  \(pad(a.due ?? "–", 10))  \(pad(ReportContent.actionStatus(a), 11))  "
                line += "\(pad(a.priority.map(ReportContent.num) ?? "–", 5))  \(pad(owner, 14))  \(t(a.title))"
                let measure = a.measure.flatMap { m in q.qualifiedNumber(of: m, .short) }
                switch (measure, a.question) {
                case let (m?, qid?): line += " [\(t(m)) \(t(qid))]"
                case let (m?, nil): line += " [\(t(m))]"
                case let (nil, qid?): line += " [\(t(qid))]"
                case (nil, nil): break
                }
                if ActionPlan.isOverdue(a, today: today) { line += "  OVERDUE" }
                out += line + "\n"
            }
            return out
        }
    }
}

// MARK: add

extension ActionCommand {
    struct AddAction: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add an action, or one per gap with --from-gaps. Prints the new ids.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Session id or unique prefix.") var session: String
        @Argument(help: "What is to be done.") var title: String?
        @Option(help: "The question whose gap the action closes.") var question: String?
        @Option(help: "Who is responsible.") var owner: String?
        @Option(help: ArgumentHelp("Due date.", valueName: "YYYY-MM-DD")) var due: String?
        @Option(help: ArgumentHelp("Compute the due date from a deadline rule and the session's event dates (see 'action deadlines').", valueName: "rule[:label]"))
        var dueFrom: String?
        @Option(help: "Priority (higher first; gaps use weight × (1 − score)).") var priority: Double?
        @Option(help: "A note.") var note: String?
        @Flag(help: "Add one action per answered question that falls short and has no action yet.") var fromGaps = false
        @Option(help: "With --from-gaps: only gaps of at least this priority.") var minPriority: Double = 0
        @Option(help: ArgumentHelp("With --from-gaps: due this many days from today when no deadline rule applies.", valueName: "days"))
        var dueIn: Int?
        @Option(help: ArgumentHelp("Treat this date as today.", valueName: "YYYY-MM-DD")) var today: String?

        func validate() throws {
            if fromGaps {
                if title != nil || question != nil || due != nil || dueFrom != nil || priority != nil || note != nil {
                    throw ValidationError("--from-gaps takes only --owner, --min-priority, --due-in and --today")
                }
            } else {
                if title == nil { throw ValidationError("missing TITLE (or --from-gaps)") }
                if dueIn != nil { throw ValidationError("--due-in only goes with --from-gaps; use --due or --due-from") }
            }
            if due != nil && dueFrom != nil { throw ValidationError("give either --due or --due-from, not both") }
            if let d = dueIn, d < 0 || d > 3650 { throw ValidationError("--due-in must be from 0 to 3650 days") }
        }

        func run() throws {
            let ctx = try Context(global)
            let day = try ActionArgs.today(today)
            let (s0, q) = try ctx.open(session, quiet: true)
            let ownerName = try owner.map { try ActionArgs.text($0, "owner", max: 100) }
            let now = Date()
            let user = ctx.user
            if fromGaps {
                var added: [Action] = []
                try ctx.update(s0.id, questionnaire: q) { s in
                    // Gaps and suggestions from the session as read under the lock, so a concurrent
                    // answer or action is seen and nothing is duplicated.
                    let ev = Evaluation(questionnaire: q, session: s)
                    let sg = ActionPlan.suggestions(evaluation: ev, session: s, today: day, minPriority: minPriority)
                    added = ActionPlan.actions(from: sg, existing: s.actions, owner: ownerName, defaultDue: dueIn.map { day.adding(days: $0) },
                                               by: user, at: now)
                    s.addActions(added, by: user, at: now)
                }
                if added.isEmpty { Output.note("no gap without an action; nothing added"); return }
                Output.stdout(added.map(\.id).joined(separator: "\n"))
                return
            }
            let t = try ActionArgs.text(title!, "title")
            let qm = try question.map { try ActionArgs.question($0, q) }
            let dueText = try due.map { try ActionArgs.date($0, option: "--due") }
            let p = try priority.map(ActionArgs.priority)
            let n = try note.map { try ActionArgs.text($0, "note", max: 5000, allowNewlines: true) }
            var newID = ""
            try ctx.update(s0.id, questionnaire: q) { s in
                var dueValue = dueText
                if let spec = dueFrom { dueValue = try ActionArgs.dueFrom(spec, s, today: day).description }
                var prio = p
                if prio == nil, let qid = qm?.0 {
                    let ev = Evaluation(questionnaire: q, session: s)
                    prio = ev.gaps.first { $0.kind == .question && $0.id == qid }.map { rounded($0.priority)! }
                }
                let a = Action(id: ActionPlan.nextID(s.actions), title: t, question: qm?.0, measure: qm?.1, owner: ownerName,
                               due: dueValue, priority: prio, note: n, by: user, at: now)
                newID = a.id
                s.addActions([a], by: user, at: now)
            }
            Output.stdout(newID)
        }
    }
}

// MARK: set / done

extension ActionCommand {
    struct SetAction: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Change an action: title, owner, due date, status, priority, note or question.",
            discussion: "An empty --owner or --note clears it; --due none clears the due date.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Session id or unique prefix.") var session: String
        @Argument(help: "Action id (e.g. A3).") var id: String
        @Option(help: "New title.") var title: String?
        @Option(help: "Who is responsible (empty to clear).") var owner: String?
        @Option(help: ArgumentHelp("Due date, or 'none'.", valueName: "YYYY-MM-DD|none")) var due: String?
        @Option(help: ArgumentHelp("Compute the due date from a deadline rule.", valueName: "rule[:label]")) var dueFrom: String?
        @Option(help: "open, in_progress, done or dropped.") var status: String?
        @Option(help: "Priority (higher first).") var priority: Double?
        @Option(help: "Note (empty to clear).") var note: String?
        @Option(help: "The question whose gap it closes.") var question: String?
        @Option(help: ArgumentHelp("Treat this date as today.", valueName: "YYYY-MM-DD")) var today: String?

        func validate() throws {
            if title == nil && owner == nil && due == nil && dueFrom == nil && status == nil && priority == nil && note == nil && question == nil {
                throw ValidationError("nothing to change; give at least one of --title, --owner, --due, --due-from, --status, --priority, --note, --question")
            }
            if due != nil && dueFrom != nil { throw ValidationError("give either --due or --due-from, not both") }
        }

        func run() throws {
            let ctx = try Context(global)
            let day = try ActionArgs.today(today)
            let (s0, q) = try ctx.open(session, quiet: true)
            let t = try title.map { try ActionArgs.text($0, "title") }
            let o: String?? = try owner.map { $0.trimmingWhitespace().isEmpty ? nil : try ActionArgs.text($0, "owner", max: 100) }
            let d: String?? = try due.map { $0.lowercased() == "none" ? nil : try ActionArgs.date($0, option: "--due") }
            let st = try status.map(ActionArgs.state)
            let p = try priority.map(ActionArgs.priority)
            let n: String?? = try note.map { $0.trimmingWhitespaceAndNewlines().isEmpty ? nil : try ActionArgs.text($0, "note", max: 5000, allowNewlines: true) }
            let qm = try question.map { try ActionArgs.question($0, q) }
            let now = Date()
            let user = ctx.user
            try ctx.update(s0.id, questionnaire: q) { s in
                let i = try ActionArgs.find(id, in: s)
                let computedDue = try dueFrom.map { try ActionArgs.dueFrom($0, s, today: day).description }
                s.updateAction(at: i, by: user, at: now) { a in
                    if let t { a.title = t }
                    if let o { a.owner = o }
                    if let d { a.due = d }
                    if let computedDue { a.due = computedDue }
                    if let st { a.status = st }
                    if let p { a.priority = p }
                    if let n { a.note = n }
                    if let qm { a.question = qm.0; a.measure = qm.1 }
                }
            }
        }
    }

    struct DoneAction: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "done",
            abstract: "Mark actions done (all ids are checked before anything is written).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Session id or unique prefix.") var session: String
        @Argument(help: "Action ids.") var ids: [String]
        @Option(help: "A note to add (e.g. where the result is documented).") var note: String?

        func validate() throws {
            if ids.isEmpty { throw ValidationError("missing action id") }
        }

        func run() throws {
            let ctx = try Context(global)
            let (s0, q) = try ctx.open(session, quiet: true)
            let n = try note.map { try ActionArgs.text($0, "note", max: 5000, allowNewlines: true) }
            let now = Date()
            let user = ctx.user
            try ctx.update(s0.id, questionnaire: q) { s in
                let indices = try ids.map { try ActionArgs.find($0, in: s) }
                for i in indices {
                    s.updateAction(at: i, by: user, at: now) { a in
                        a.status = .done
                        if let n { a.note = a.note.map { $0 + "\n" + n } ?? n }
                    }
                }
            }
        }
    }
}

// MARK: suggest

extension ActionCommand {
    struct SuggestActions: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "suggest",
            abstract: "Show the actions the gaps call for (not yet in the plan); nothing is written.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Session id or unique prefix.") var session: String
        @Option(help: "Only gaps of at least this priority.") var minPriority: Double = 0
        @Option(help: ArgumentHelp("Treat this date as today.", valueName: "YYYY-MM-DD")) var today: String?
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let ctx = try Context(global)
            let day = try ActionArgs.today(today)
            let (s, q) = try ctx.open(session, quiet: true)
            let ev = Evaluation(questionnaire: q, session: s)
            let sg = ActionPlan.suggestions(evaluation: ev, session: s, today: day, minPriority: minPriority)
            if json {
                Output.stdout((["session": .string(s.id), "suggestions": .array(sg.map { g in
                    ["title": .string(g.title), "question": .string(g.question), "measure": JSON(g.measure), "priority": .number(g.priority),
                     "critical": .bool(g.critical), "due": JSON(g.due?.description), "dueRule": JSON(g.dueRule)]
                })] as JSON).serialized())
                return
            }
            if sg.isEmpty { Output.stdout("No gap without an action."); return }
            var out = ""
            for g in sg {
                out += "\(g.critical ? "!" : "-") [\(ReportContent.num(g.priority))] \(g.question): \(SafeText.inert(g.title, keepNewlines: false))"
                if let d = g.due, let r = g.dueRule { out += " (due \(d) by rule \(r))" }
                out += "\n"
            }
            out += "\nAdd them with: gpai-assess action add \(s.id) --from-gaps [--owner NAME] [--due-in DAYS]"
            Output.stdout(out)
        }
    }
}

// MARK: events and deadlines

extension ActionCommand {
    struct EventCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "event",
            abstract: "Record (or clear) the date of an event that starts a deadline.",
            discussion: """
            NAME is an event kind listed by 'gpai-assess action deadlines --rules'.
            Events that can happen more than once take a label:
            incident_death:INC-7, incident_resolved:INC-7. Dates answered in the
            questionnaire (e.g. scope.placement_date) are used when no event is
            recorded.
            """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Session id or unique prefix.") var session: String
        @Argument(help: "Event name, with ':label' for repeatable events.") var name: String
        @Argument(help: "Date (YYYY-MM-DD).") var date: String?
        @Flag(help: "Remove the recorded date.") var clear = false

        func validate() throws {
            if clear == (date != nil) { throw ValidationError(clear ? "give either DATE or --clear, not both" : "missing DATE (or --clear)") }
        }

        func run() throws {
            if let p = ActionPlan.problem(eventKey: name, date: date) { throw CLIError(p) }
            let ctx = try Context(global)
            let (s0, q) = try ctx.open(session, quiet: true)
            let now = Date()
            let user = ctx.user
            let value = date.flatMap(CalendarDay.init)?.description
            try ctx.update(s0.id, questionnaire: q) { s in
                if clear && s.events[name] == nil {
                    throw CLIError("session '\(s.id)' has no recorded event '\(AnswerInput.shown(name))'")
                }
                s.setEvent(name, to: clear ? nil : value, by: user, at: now)
            }
        }
    }

    struct DeadlinesCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "deadlines",
            abstract: "List the deadlines computed from the session's event dates (or the rules and events known).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Session id or unique prefix (omit with --rules).") var session: String?
        @Flag(help: "List the deadline rules and event kinds instead.") var rules = false
        @Option(help: ArgumentHelp("Treat this date as today.", valueName: "YYYY-MM-DD")) var today: String?
        @Flag(help: "Print JSON.") var json = false

        func validate() throws {
            if session == nil && !rules { throw ValidationError("missing SESSION (or --rules)") }
        }

        func run() throws {
            if rules {
                if json {
                    Output.stdout(JSON.object([
                        "events": .array(ActionPlan.eventKinds.map { ["id": .string($0.id), "title": .string($0.title), "labelled": .bool($0.labelled), "answeredBy": JSON($0.answeredBy)] }),
                        "rules": .array(ActionPlan.rules.map { ["id": .string($0.id), "title": .string($0.title), "events": JSON($0.events), "offset": .string($0.offset.text), "reference": .string($0.reference), "question": JSON($0.question)] }),
                    ]).serialized())
                    return
                }
                var out = "Event kinds (record with 'gpai-assess action event SESSION NAME DATE'):\n"
                for k in ActionPlan.eventKinds {
                    out += "  \(k.id)\(k.labelled ? ":LABEL" : "")  \(k.title)\(k.answeredBy.isEmpty ? "" : " (else from \(k.answeredBy.joined(separator: ", ")))")\n"
                }
                out += "\nDeadline rules (use with --due-from):\n"
                for r in ActionPlan.rules {
                    out += "  \(r.id)  \(r.title): \(r.offset.text) \(r.events.joined(separator: " / "))\(r.repeatEvery != nil ? ", repeating until \(r.repeatUntil ?? "done")" : ""); \(r.reference)\n"
                }
                Output.stdout(out)
                return
            }
            let ctx = try Context(global)
            let day = try ActionArgs.today(today)
            let (s, _) = try ctx.open(session!, quiet: true)
            let events = ActionPlan.eventDates(s)
            let dls = ActionPlan.deadlines(s, today: day)
            if json {
                Output.stdout(([
                    "session": .string(s.id), "today": .string(day.description),
                    "events": .object(Dictionary(uniqueKeysWithValues: events.map { ($0.key, JSON.string($0.value.description)) })),
                    "deadlines": .array(dls.map(ReportJSON.deadline)),
                ] as JSON).serialized())
                return
            }
            var out = "Events:\n"
            if events.isEmpty { out += "  none recorded; see 'gpai-assess action deadlines --rules'\n" }
            for (k, d) in events.sorted(by: { $0.key < $1.key }) {
                out += "  \(SafeText.inert(k, keepNewlines: false))  \(d)\(s.events[k] == nil ? " (from the answers)" : "")\n"
            }
            out += "\nDeadlines (as of \(day)):\n"
            if dls.isEmpty { out += "  none can be computed from the recorded events\n" }
            for d in dls {
                out += "  \(d.due)  \(d.rule.title) [\(d.rule.id)\(d.label.map { ":\(SafeText.inert($0, keepNewlines: false))" } ?? "")]"
                out += " — \(d.rule.offset.text) \(SafeText.inert(d.event, keepNewlines: false)) \(d.eventDate); \(ReportContent.deadlineState(d))\n"
            }
            Output.stdout(out)
        }
    }
}

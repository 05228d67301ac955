import AssessmentCore
import FoundationEssentials

/// The event dates the Code counts deadlines from (placing on the market, notification, incidents),
/// entered on screen (`E`); the same data as `gpai-assess action event`.
public struct EventsDialog: Sendable, Equatable {
    public var cursor = 0
    /// Typing a date for the selected event.
    public var editor: TextEditor?
    public var error: String?
    public init() {}
}

/// The events offered: those that happen once (labelled ones such as incidents keep their CLI form).
let onceEvents = ActionPlan.eventKinds.filter { !$0.labelled }

extension AssessmentState {
    /// Deadlines tied to the current question: computed dates, or which event date is missing.
    func deadlineLines(today: CalendarDay) -> [String] {
        let rules = ActionPlan.rules.filter { $0.question == question }
        guard !rules.isEmpty else { return [] }
        let computed = ActionPlan.deadlines(session, today: today)
        var out: [String] = []
        for r in rules {
            let ds = computed.filter { $0.rule.id == r.id }
            if ds.isEmpty {
                let need = r.events.compactMap { ActionPlan.eventKind($0)?.title }.joined(separator: " or ")
                out.append(r.title + ": no date yet — enter \"" + need + "\" (E)")
            }
            for d in ds {
                var t = r.title + ": due " + d.due.humanText + " (" + (ActionPlan.eventKind(ActionPlan.splitEventKey(d.event).kind)?.title ?? d.event)
                    + " " + d.eventDate.humanText + ")"
                switch d.state {
                case .kept: t += " · kept"
                case .late: t += " · met late"
                case .overdue: t += " · OVERDUE"
                case .dueToday: t += " · due today"
                case .open: break
                }
                out.append(t)
            }
        }
        return out
    }
}

func eventsKey(_ state: inout AppState, _ d: EventsDialog, _ key: Key) -> [Effect] {
    var d = d
    guard let a = state.assessment else { state.overlay = nil; return [] }
    let kind = onceEvents[min(d.cursor, onceEvents.count - 1)]
    let action = KeyMaps.action(for: key, in: KeyMaps.overlayScreen(.events(d), askTakeOver: false))
    if var ed = d.editor {
        switch action {
        case .cancel?: d.editor = nil; d.error = nil
        case .save?:
            let text = ed.text.trimmingWhitespace()
            if !text.isEmpty, CalendarDay(text) == nil {
                d.error = "'\(text)' is not a date: type YYYY-MM-DD"
                state.overlay = .events(d)
                return [.bell]
            }
            if a.readOnly {
                state.message = Message(.error, "read-only: this assessment is open elsewhere")
                state.overlay = nil
                return [.bell]
            }
            d.editor = nil; d.error = nil
            state.overlay = .events(d)
            let date = text.isEmpty ? nil : CalendarDay(text)!.description
            return state.withAssessment { a, state in record(&a, .event(key: kind.id, date: date), state: state) } ?? []
        default:
            if editLine(&ed, key, widths: state.config.widths) { d.editor = ed; d.error = nil }
        }
        state.overlay = .events(d)
        return []
    }
    switch action {
    case .up?: d.cursor = max(0, d.cursor - 1)
    case .down?: d.cursor = min(onceEvents.count - 1, d.cursor + 1)
    case .activate?: d.editor = TextEditor(a.session.events[kind.id] ?? "", maxLength: 10)
    case .back?: state.overlay = nil; return []
    default: break
    }
    state.overlay = .events(d)
    return []
}

func drawEvents(_ c: inout Canvas, _ state: AppState, _ d: EventsDialog, g: Glyphs) {
    guard let a = state.assessment else { return }
    let r = c.bounds.centered(width: min(96, c.bounds.width - 2), height: min(c.bounds.height - 2, onceEvents.count + 6))
    c.fill(r)
    c.box(r, glyphs: g, title: "Event dates the deadlines count from")
    let dates = ActionPlan.eventDates(a.session)
    for (i, k) in onceEvents.enumerated() where i < r.height - 4 {
        let y = r.y + 1 + i
        let sel = i == d.cursor
        let st: Style = sel ? .reverse : .plain
        c.fill(Rect(x: r.x + 1, y: y, width: r.width - 2, height: 1), style: st)
        let shown = dates[k.id].map(\.humanText) ?? "—"
        let from = a.session.events[k.id] == nil && dates[k.id] != nil ? " (answer)" : ""
        let dw = 20
        if sel, let ed = d.editor {
            c.text(ed.text, x: r.x + 2, y: y, maxWidth: dw, style: .underline)
            c.cursor = Point(x: r.x + 2 + c.widths.width(String(ed.chars.prefix(ed.cursor))), y: y)
        } else {
            c.text(shown + from, x: r.x + 2, y: y, maxWidth: dw, style: st)
        }
        c.text(k.title, x: r.x + 3 + dw, y: y, maxWidth: r.width - dw - 5, style: st, ellipsis: g.ellipsis)
    }
    let foot = d.error ?? (d.editor == nil ? "Enter types a date (YYYY-MM-DD; empty clears) · Esc closes · incidents: gpai-assess action event"
                                           : "Enter saves · Esc cancels")
    c.text(foot, x: r.x + 2, y: r.maxY - 2, maxWidth: r.width - 4, style: d.error == nil ? .dim : .color(.bad, .bold))
}

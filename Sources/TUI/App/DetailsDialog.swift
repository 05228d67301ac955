import AssessmentCore
import FoundationEssentials

/// Who and what is assessed: the organisation (the provider, as the Model Documentation Form names it)
/// and the model with its version. Asked when an assessment is created, edited with `O`.
public struct DetailsDialog: Sendable, Equatable {
    /// 0: organisation, 1: model.
    public var field = 0
    public var organisation: TextEditor
    public var model: TextEditor
    /// Opened right after creating the assessment (Esc then just skips).
    public var creating: Bool
    public init(organisation: String?, model: String?, creating: Bool) {
        self.organisation = TextEditor(organisation ?? "", maxLength: 200)
        self.model = TextEditor(model ?? "", maxLength: 200)
        self.creating = creating
    }
}

func detailsKey(_ state: inout AppState, _ d: DetailsDialog, _ key: Key) -> [Effect] {
    var d = d
    switch KeyMaps.action(for: key, in: KeyMaps.overlayScreen(.details(d), askTakeOver: false)) {
    case .cancel?:
        state.overlay = nil
        if d.creating { state.message = Message(.info, "O adds the organisation and model later") }
        return []
    case .otherField?: d.field = 1 - d.field
    case .activate? where d.field == 0: d.field = 1
    case .activate?:
        // Each field checked once: nil is "none" for an empty field and a refusal for any other.
        let organisation = SafeText.validLine(d.organisation.text), model = SafeText.validLine(d.model.text)
        for (name, e, valid) in [("organisation", d.organisation, organisation), ("model", d.model, model)]
        where valid == nil && !e.text.trimmingWhitespaceAndNewlines().isEmpty {
            state.message = Message(.error, SafeText.invalidLine(name, e.text))
            return [.bell]
        }
        state.overlay = nil
        guard let a = state.assessment else { return [] }
        if a.readOnly {
            state.message = Message(.error, "read-only: this assessment is open elsewhere")
            return [.bell]
        }
        return state.withAssessment { a, state in
            let fx = record(&a, .details(organisation: organisation, model: model), state: state)
            state.message = Message(.info, "saved: organisation " + (a.session.organisation ?? "(none)") + " · model " + (a.session.model ?? "(none)"))
            return fx
        } ?? []
    default:
        if d.field == 0 { _ = editLine(&d.organisation, key, widths: state.config.widths) }
        else { _ = editLine(&d.model, key, widths: state.config.widths) }
    }
    state.overlay = .details(d)
    return []
}

/// A paste goes into the field being typed in, on one line.
func pasteDetails(_ state: inout AppState, _ d: DetailsDialog, _ text: String) {
    var d = d
    let line = text.replacingAll("\r\n", with: " ").replacingAll("\n", with: " ")
    if d.field == 0 { _ = d.organisation.insert(line) } else { _ = d.model.insert(line) }
    state.overlay = .details(d)
}

func drawDetails(_ c: inout Canvas, _ d: DetailsDialog, g: Glyphs) {
    let r = c.bounds.centered(width: min(70, c.bounds.width - 2), height: 9)
    c.fill(r)
    c.box(r, glyphs: g, title: d.creating ? "New assessment: who and what is assessed" : "Organisation and model")
    // The field being typed in is drawn last: it places the cursor.
    let fields = [("Organisation:", d.organisation, r.y + 2), ("Model and version:", d.model, r.y + 4)]
    for i in [1 - d.field, d.field] { promptLine(&c, fields[i].0, fields[i].1, y: fields[i].2, x: r.x + 2, width: r.width - 4, g: g) }
    c.text("Used in reports and the Model Documentation Form (Provider).", x: r.x + 2, y: r.y + 6, maxWidth: r.width - 4, style: .dim)
    c.text(" Tab next field · Enter " + (d.field == 0 ? "next" : "saves") + " · Esc " + (d.creating ? "skips" : "cancels") + " ",
           x: r.x + 2, y: r.maxY - 1, style: .dim)
}

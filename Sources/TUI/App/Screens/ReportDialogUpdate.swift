import AssessmentCore
import FoundationEssentials

/// The report dialog: pick a format (1-4 or ↑↓, Enter), then edit the path (Enter writes, Esc cancels).
/// The file is written by the runtime; the dialog stays open until it answers, so that a refusal
/// (the file exists) is shown in it.
func reportDialogKey(_ state: inout AppState, _ dialog: ReportDialog, _ key: Key) -> [Effect] {
    var d = dialog
    let n = reportFormats.count
    let action = KeyMaps.action(for: key, in: KeyMaps.overlayScreen(.report(d), askTakeOver: false))
    switch d.step {
    case .format:
        func choose() {
            d.step = .path
            d.error = nil
            d.path = TextEditor(ReportDialog.defaultPath(sessionID: d.sessionID, format: d.formatID,
                                                         now: state.now, timeZone: state.config.timeZone))
        }
        switch action {
        case .cancel?: state.overlay = nil; return []
        case .quit?: return quit(&state)
        case .up?: d.format = max(0, d.format - 1)
        case .down?: d.format = min(n - 1, d.format + 1)
        case .first?: d.format = 0
        case .last?: d.format = n - 1
        case .digit?:
            guard case let .char(c) = key, let k = c.wholeNumberValue, k >= 1, k <= n else { return [.bell] }
            // A digit chooses, as it answers a question and picks a questionnaire.
            d.format = k - 1
            choose()
        case .activate?: choose()
        default: return []
        }
    case .path:
        switch action {
        case .cancel?: state.overlay = nil; return []
        case .save?:
            let p = d.path.text.trimmingWhitespace()
            guard !p.isEmpty else {
                d.error = "type a file name, e.g. ./report.\(d.formatID.fileExtension)"
                state.overlay = .report(d)
                return [.bell]
            }
            d.error = nil
            state.overlay = .report(d)
            return [.report(sessionID: d.sessionID, format: d.formatID, path: p)]
        default:
            guard editLine(&d.path, key, widths: state.config.widths) else { return [] }
            d.error = nil
        }
    }
    state.overlay = .report(d)
    return []
}

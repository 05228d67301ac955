import AssessmentCore
import FoundationEssentials

func reportDialogKey(_ state: inout AppState, _ dialog: ReportDialog, _ key: Key) -> [Effect] {
    var d = dialog
    let n = reportFormats.count
    switch d.step {
    case .format:
        switch key {
        case .escape: state.overlay = nil; return []
        case .char("q"): return quit(&state)
        case .up, .char("k"): d.format = max(0, d.format - 1)
        case .down, .char("j"), .tab: d.format = min(n - 1, d.format + 1)
        case .home: d.format = 0
        case .end: d.format = n - 1
        case let .char(c) where c.isASCII && c.wholeNumberValue != nil:
            let k = c.wholeNumberValue!
            guard k >= 1, k <= n else { return [.bell] }
            // A digit chooses, as it answers a question and picks a questionnaire.
            d.format = k - 1
            d.step = .path
            d.error = nil
            d.path = TextEditor(ReportDialog.defaultPath(sessionID: d.sessionID, format: d.formatID,
                                                         now: state.now, timeZone: state.config.timeZone))
        case .enter:
            d.step = .path
            d.error = nil
            d.path = TextEditor(ReportDialog.defaultPath(sessionID: d.sessionID, format: d.formatID,
                                                         now: state.now, timeZone: state.config.timeZone))
        default: return []
        }
    case .path:
        switch key {
        case .escape: state.overlay = nil; return []
        case .enter:
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

import AssessmentCore
import FoundationEssentials

/// The program's logic: a pure function of the state and one event, returning what the runtime must do.
public func update(_ state: inout AppState, _ event: Event) -> [Effect] {
    switch event {
    case let .mouse(m):
        return mouse(&state, m)
    case let .resize(size):
        state.size = size
        return []
    case .interrupt:
        return quit(&state)
    case let .saved(s):
        if case var .assessment(a) = state.screen, a.session.id == s.id {
            if a.unsavedError != nil {
                a.unsavedError = nil
                state.message = Message(.info, "saved again")
            }
            var merged = mergeForDisplay(stored: s, local: a.session)
            if a.facilitating { merged.facilitator = a.session.facilitator }
            // The evaluation depends on the answers only: when the store holds the answers already on
            // screen (the usual case: our own change came back), the one computed for the change stands.
            let rescore = !sameAnswersAsStored(merged.answers, a.session.answers)
            a.session = merged
            if rescore { a.evaluation = Evaluation(questionnaire: a.questionnaire, session: merged) }
            state.screen = .assessment(a)
        }
        return []
    case let .answerConflict(c):
        state.overlay = .conflict(c)
        state.message = Message(.error, "changed elsewhere meanwhile: choose which version to keep")
        return [.bell]
    case let .saveFailed(why):
        state.message = Message(.error, "not saved: " + why + " (kept; retried in a moment)")
        if case var .assessment(a) = state.screen {
            a.unsavedError = why
            state.screen = .assessment(a)
        }
        return [.bell]
    case let .failed(why):
        state.message = Message(.error, why)
        return [.bell]
    case let .info(text):
        state.message = Message(.info, text)
        return []
    case let .sessionsLoaded(list):
        state.sessions = list
        if case var .home(h) = state.screen {
            h.cursor = min(h.cursor, max(0, list.count - 1))
            state.screen = .home(h)
        }
        return []
    case let .opened(session, questionnaire, readOnly):
        var a = AssessmentState(session: session, questionnaire: questionnaire)
        a.readOnly = readOnly
        state.screen = .assessment(a)
        state.overlay = nil
        state.message = readOnly ? Message(.info, "read-only: it is open elsewhere; you can look but not change answers") : nil
        if state.askDetailsOnOpen && !readOnly && session.organisation == nil && session.model == nil {
            state.overlay = .details(DetailsDialog(organisation: nil, model: nil, creating: true))
        }
        state.askDetailsOnOpen = false
        return []
    case let .watch(session, questionnaire):
        var a = AssessmentState(session: session, questionnaire: questionnaire)
        a.readOnly = true
        a.watching = true
        a.following = true
        a.showGuidance = true
        if let t = a.followTarget, t != a.question { a.go(to: t) }
        state.screen = .assessment(a)
        state.overlay = nil
        state.message = Message(.info, "watching (read-only, live): f stops/resumes following · q quits")
        return []
    case let .reloaded(s):
        reloaded(&state, s)
        return []
    case let .reloadFailed(why):
        state.message = Message(.error, "cannot read the session (showing the last copy): " + why)
        return []
    case let .lockedElsewhere(id, title, holder, stale):
        state.overlay = .locked(sessionID: id, title: title, holder: holder, stale: stale)
        return [.bell]
    case let .reportWritten(text):
        if case .report = state.overlay { state.overlay = nil }
        state.message = Message(.info, text)
        return []
    case let .reportFailed(why):
        if case var .report(d) = state.overlay {
            d.error = why
            state.overlay = .report(d)
        } else {
            state.message = Message(.error, "report not written: " + why)
        }
        return [.bell]
    case let .paste(text):
        return paste(&state, text)
    case .idle:
        return autosaveDraft(&state)
    case let .key(key):
        return keyPress(&state, key)
    }
}

/// Whether two sets of answers are the same as a session file keeps them: equal, or differing only
/// below the millisecond in the time of an answer (answered here at full precision, read back from
/// the file rounded to the millisecond).
func sameAnswersAsStored(_ x: [String: Answer], _ y: [String: Answer]) -> Bool {
    guard x.count == y.count else { return false }
    for (id, a) in x {
        guard var b = y[id] else { return false }
        if a == b { continue }
        guard (a.at.timeIntervalSince1970 * 1000).rounded() == (b.at.timeIntervalSince1970 * 1000).rounded() else { return false }
        b.at = a.at
        if a != b { return false }
    }
    return true
}

/// The stored session wins, but the question the user is on stays where it is on screen.
func mergeForDisplay(stored: Session, local: Session) -> Session {
    var s = stored
    s.position = local.position
    return s
}

/// A pause in typing: a note, evidence list or text answer being written is saved as it stands
/// (the editor stays open), so not even a killed process loses more than the last second of typing.
func autosaveDraft(_ state: inout AppState) -> [Effect] {
    // Not while a conflict is asked about: the next autosave would otherwise decide it.
    guard state.overlay == nil, case var .assessment(a) = state.screen, !a.readOnly, let ed = a.editing, ed.editor.multiline else { return [] }
    // Emptying is never autosaved: clearing takes an explicit save (Esc must be able to put it back).
    if ed.editor.text.trimmingWhitespaceAndNewlines().isEmpty { return [] }
    let effects = commitEditing(&a, state: state, closing: false)
    state.screen = .assessment(a)
    return effects.filter { $0 != .bell }
}

func quit(_ state: inout AppState) -> [Effect] {
    var effects: [Effect] = []
    if case var .assessment(a) = state.screen, !a.readOnly {
        if let ed = a.editing, !ed.editor.multiline {
            // A one-line value is confirmed only with Enter: unconfirmed text is kept as a draft, never the answer.
            a.editing = nil
            if !ed.editor.text.isEmpty {
                effects.append(.keepDraft(sessionID: a.session.id, SessionDraft(question: a.question, field: "\(ed.target)",
                                                                                   text: ed.editor.text, by: state.config.user, at: state.now)))
            }
        }
        effects += commitEditing(&a, state: state, closing: true)
        var changes: [SessionChange] = [.position(a.savedPosition)]
        if a.facilitating {
            // Leaving: viewers go back to following the last saved position.
            a.pauseTimer(now: state.now)
            a.facilitating = false
            a.session.facilitator = nil
            changes.append(.facilitator(nil))
        }
        effects.append(.persist(sessionID: a.session.id, changes))
        state.screen = .assessment(a)
    }
    state.quitting = true
    return effects + [.quit]
}

func paste(_ state: inout AppState, _ text: String) -> [Effect] {
    if let o = state.overlay {
        switch o {
        case var .search(s):
            s.query.insert(text); state.overlay = .search(s); refreshSearch(&state)
        case .goto(var e, _):
            e.insert(text); state.overlay = .goto(e, error: nil)
        case .rename(let id, var e):
            e.insert(text); state.overlay = .rename(sessionID: id, e)
        case .newTitle(let qid, var e):
            e.insert(text); state.overlay = .newTitle(questionnaireID: qid, e)
        case var .report(d) where d.step == .path:
            d.path.insert(text); d.error = nil; state.overlay = .report(d)
        case let .details(d):
            pasteDetails(&state, d, text)
        default: break
        }
        return []
    }
    if case var .assessment(a) = state.screen, var st = a.actionsScreen, var ed = st.editing {
        // One line: a pasted newline never submits.
        _ = ed.editor.insert(text.replacingAll("\r\n", with: " ").replacingAll("\n", with: " "))
        ed.error = nil; st.editing = ed; a.actionsScreen = st; state.screen = .assessment(a)
        return []
    }
    guard case var .assessment(a) = state.screen, var ed = a.editing else {
        state.message = Message(.info, "paste ignored: open a note (e) or an answer field (Enter) first")
        return []
    }
    let before = ed.editor.chars.count
    ed.editor.insert(text)
    // The editor holds at most `maxLength` characters: say so rather than drop the rest silently.
    let dropped = TextEditor.clean(text, multiline: ed.editor.multiline).count - max(0, ed.editor.maxLength - before)
    if dropped > 0 {
        state.message = Message(.error, "paste cut to fit the editor's \(ed.editor.maxLength) characters; \(dropped) dropped")
    }
    a.editing = ed
    validateLive(&a)
    state.screen = .assessment(a)
    return []
}

func keyPress(_ state: inout AppState, _ key: Key) -> [Effect] {
    if key == .ctrl("c") { return quit(&state) }
    if key == .ctrl("l") { return [.repaint] }
    if state.isTooSmall {
        if key == .char("q") { return quit(&state) }
        return []
    }
    if state.overlay != nil { return overlayKey(&state, key) }
    if state.offeredDraft != nil { return draftOfferKey(&state, key) }
    switch state.screen {
    case .home: return homeKey(&state, key)
    case .assessment: return assessmentKey(&state, key)
    }
}

// MARK: - Home

func homeKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard case var .home(h) = state.screen else { return [] }
    defer { if case .home = state.screen { state.screen = .home(h) } }
    let n = state.sessions.count
    let page = max(1, (state.size.height - 6) / 2)
    switch key {
    case .char("q"): return quit(&state)
    case .char("?"), .function(1): state.overlay = .help(scroll: 0)
    case .up, .char("k"): h.cursor = max(0, h.cursor - 1)
    case .down, .char("j"): h.cursor = min(max(0, n - 1), h.cursor + 1)
    case .pageUp: h.cursor = max(0, h.cursor - page)
    case .pageDown: h.cursor = min(max(0, n - 1), h.cursor + page)
    case .home: h.cursor = 0
    case .end: h.cursor = max(0, n - 1)
    case .enter, .char("l"), .right, .char("o"):
        guard h.cursor < n else { return newAssessment(&state) }
        let s = state.sessions[h.cursor]
        if let p = s.problem { state.message = Message(.error, "cannot open '\(s.title)': \(p)"); return [.bell] }
        return [.open(sessionID: s.id)]
    case .char("n"), .char("a"): return newAssessment(&state)
    case .char("r"):
        guard h.cursor < n else { return [] }
        let s = state.sessions[h.cursor]
        state.overlay = .rename(sessionID: s.id, TextEditor(s.title))
    case .char("D"), .char("x"), .delete:
        guard h.cursor < n else { return [] }
        let s = state.sessions[h.cursor]
        state.overlay = .confirmDelete(sessionID: s.id, title: s.title)
    case .char("R"):
        guard h.cursor < n else { return [] }
        state.overlay = .report(ReportDialog(sessionID: state.sessions[h.cursor].id))
    case .char("g"), .char("/"), .char("d"), .char("N"), .char("p"):
        state.message = Message(.info, "open an assessment first (Enter), or start one (n)")
    default: break
    }
    return []
}

func newAssessment(_ state: inout AppState) -> [Effect] {
    guard !state.questionnaires.isEmpty else {
        state.message = Message(.error, "no questionnaires found; set GPAI_ASSESS_QUESTIONNAIRES to a folder of questionnaire files")
        return [.bell]
    }
    if state.questionnaires.count == 1 {
        state.overlay = .newTitle(questionnaireID: state.questionnaires[0].id, TextEditor())
    } else {
        state.overlay = .pickQuestionnaire(cursor: 0)
    }
    return []
}

// MARK: - Overlays

/// Keys every single-line prompt shares. Returns true when the key was consumed as editing.
func editLine(_ e: inout TextEditor, _ key: Key, widths: DisplayWidth) -> Bool {
    switch key {
    case let .char(c): e.insert(String(c))
    case .backspace: e.backspace()
    case .delete: e.deleteForward()
    case .left: e.left()
    case .right: e.right()
    case .home, .ctrl("a"): e.lineStart(width: 10_000, widths: widths)
    case .end, .ctrl("e"): e.lineEnd(width: 10_000, widths: widths)
    case .ctrl("w"): e.deleteWordBackward()
    case .ctrl("u"): e.deleteToLineStart()
    case .alt("b"): e.wordLeft()
    case .alt("f"): e.wordRight()
    default: return false
    }
    return true
}

func overlayKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard let overlay = state.overlay else { return [] }
    let widths = state.config.widths
    switch overlay {
    case let .events(d):
        return eventsKey(&state, d, key)
    case let .details(d):
        return detailsKey(&state, d, key)
    case let .info(p):
        infoKey(&state, p, key)
    case let .left(l):
        return leftKey(&state, l, key)
    case let .help(scroll):
        switch key {
        case .char("q"): return quit(&state)
        case .down, .char("j"): state.overlay = .help(scroll: scroll + 1)
        case .up, .char("k"): state.overlay = .help(scroll: max(0, scroll - 1))
        case .pageDown, .char(" "): state.overlay = .help(scroll: scroll + max(1, state.size.height - 6))
        case .pageUp: state.overlay = .help(scroll: max(0, scroll - max(1, state.size.height - 6)))
        default: state.overlay = nil
        }
    case var .search(s):
        switch key {
        case .escape: state.overlay = nil
        case .up, .ctrl("p"): s.cursor = max(0, s.cursor - 1); state.overlay = .search(s)
        case .down, .ctrl("n"), .tab: s.cursor = min(max(0, s.results.count - 1), s.cursor + 1); state.overlay = .search(s)
        case .pageUp: s.cursor = max(0, s.cursor - 10); state.overlay = .search(s)
        case .pageDown: s.cursor = min(max(0, s.results.count - 1), s.cursor + 10); state.overlay = .search(s)
        case .enter:
            guard s.cursor < s.results.count else { state.message = Message(.info, "nothing matches"); return [.bell] }
            let r = s.results[s.cursor]
            state.overlay = nil
            return jump(&state, question: r.questionID, node: r.nodeID)
        default:
            if editLine(&s.query, key, widths: widths) { s.cursor = 0; state.overlay = .search(s); refreshSearch(&state) }
        }
    case .goto(var e, _):
        switch key {
        case .escape: state.overlay = nil
        case .enter:
            let text = e.text.trimmingWhitespace()
            guard case let .assessment(a) = state.screen else { state.overlay = nil; return [] }
            let matches = gotoMatches(a, text)
            if matches.count == 1 {
                state.overlay = nil
                return jump(&state, question: matches[0].questionID, node: matches[0].nodeID)
            } else if matches.isEmpty {
                state.overlay = .goto(e, error: text.isEmpty ? "type a number such as 1.2" : "no measure or question numbered '\(text)'")
                return [.bell]
            } else {
                var s = SearchState(query: TextEditor(text), cursor: 0, results: matches)
                s.cursor = 0
                state.overlay = .search(s)
            }
        default:
            if editLine(&e, key, widths: widths) { state.overlay = .goto(e, error: nil) }
        }
    case let .confirmDelete(id, title):
        switch key {
        case .char("y"), .char("Y"):
            state.overlay = nil
            state.message = Message(.info, "deleted '\(title)'")
            return [.delete(sessionID: id)]
        case .char("q"): return quit(&state)
        default:
            state.overlay = nil
            state.message = Message(.info, "kept '\(title)'")
        }
    case .rename(let id, var e):
        switch key {
        case .escape: state.overlay = nil
        case .enter:
            let t = e.text.trimmingWhitespace()
            guard !t.isEmpty else { state.message = Message(.error, "a title cannot be empty"); return [.bell] }
            state.overlay = nil
            if let i = state.sessions.firstIndex(where: { $0.id == id }) { state.sessions[i].title = t }
            return [.persist(sessionID: id, [.title(t)]), .loadSessions]
        default:
            if editLine(&e, key, widths: widths) { state.overlay = .rename(sessionID: id, e) }
        }
    case let .pickQuestionnaire(cursor):
        let n = state.questionnaires.count
        switch key {
        case .escape: state.overlay = nil
        case .char("q"): return quit(&state)
        case .up, .char("k"): state.overlay = .pickQuestionnaire(cursor: max(0, cursor - 1))
        case .down, .char("j"): state.overlay = .pickQuestionnaire(cursor: min(n - 1, cursor + 1))
        case .enter:
            state.overlay = .newTitle(questionnaireID: state.questionnaires[cursor].id, TextEditor())
        case let .char(c):
            if let d = c.wholeNumberValue, d >= 1, d <= n { state.overlay = .newTitle(questionnaireID: state.questionnaires[d - 1].id, TextEditor()) }
        default: break
        }
    case let .locked(id, _, holder, stale):
        if let fx = lockedOverlayKey(&state, id: id, holder: holder, stale: stale, key) { return fx }
        switch key {
        case .char("r"): state.overlay = nil; return [.openReadOnly(sessionID: id)]
        case .char("t") where stale: state.overlay = nil; return [.takeOver(sessionID: id)]
        case .char("q"): return quit(&state)
        case .escape, .char("b"):
            state.overlay = nil
            if !state.hasHome { return quit(&state) }
        default: break
        }
    case .newTitle(let qid, var e):
        switch key {
        case .escape: state.overlay = nil
        case .enter:
            let t = e.text.trimmingWhitespace()
            guard !t.isEmpty else { state.message = Message(.error, "give the assessment a title, e.g. the model's name"); return [.bell] }
            state.overlay = nil
            state.askDetailsOnOpen = true
            return [.create(title: t, questionnaireID: qid)]
        default:
            if editLine(&e, key, widths: widths) { state.overlay = .newTitle(questionnaireID: qid, e) }
        }
    case let .report(d):
        return reportDialogKey(&state, d, key)
    case let .conflict(c):
        return conflictKey(&state, c, key)
    }
    return []
}

/// The report dialog: pick a format (1-4 or ↑↓, Enter), then edit the path (Enter writes, Esc cancels).
/// The file is written by the runtime; the dialog stays open until it answers, so that a refusal
/// (the file exists, the folder is missing) can be corrected in place.
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

/// Questions and nodes whose number is exactly `text` (case-insensitive), measures first.
func gotoMatches(_ a: AssessmentState, _ text: String) -> [SearchResult] {
    let t = text.lowercased()
    guard !t.isEmpty else { return [] }
    var measures: [SearchResult] = [], others: [SearchResult] = []
    // "copyright 1.3", "C1.3": a measure named with its chapter, as in plain mode and `resume --at`.
    if case let .node(id)? = a.questionnaire.target(text), let n = a.index.nodes[id], n.number != nil {
        return [SearchResult(questionID: nil, nodeID: id, label: a.questionnaire.qualifiedName(of: id) ?? n.displayName, detail: n.kind.rawValue)]
    }
    a.questionnaire.walk { n, anc in
        if let num = n.number?.lowercased(), num == t || (anc.compactMap(\.number).map { $0.lowercased() } + [num]).joined(separator: " ") == t {
            let r = SearchResult(questionID: nil, nodeID: n.id, label: n.displayName, detail: anc.map(\.displayName).joined(separator: " › "))
            if n.kind == .measure { measures.append(r) } else { others.append(r) }
        }
        for q in n.questions where q.number?.lowercased() == t || q.id.lowercased() == t {
            others.append(SearchResult(questionID: q.id, nodeID: n.id, label: (q.number ?? q.id) + " " + q.text, detail: n.displayName))
        }
    }
    return measures + others
}

func refreshSearch(_ state: inout AppState) {
    guard case var .search(s) = state.overlay, case let .assessment(a) = state.screen else { return }
    s.results = searchResults(a, s.query.text)
    s.cursor = min(s.cursor, max(0, s.results.count - 1))
    state.overlay = .search(s)
}

/// Case-insensitive search over question text, numbers and ids, and node titles and numbers.
public func searchResults(_ a: AssessmentState, _ query: String) -> [SearchResult] {
    let words = query.lowercased().split(separator: " ").map(String.init)
    guard !words.isEmpty else { return [] }
    var out: [SearchResult] = []
    a.questionnaire.walk { n, anc in
        let nodeHay = ((n.number ?? "") + " " + n.title + " " + n.id + " " + n.requirements.joined(separator: " ")).lowercased()
        if words.allSatisfy({ nodeHay.contains($0) }) {
            let label = n.number == nil ? n.displayName : a.questionnaire.qualifiedName(of: n.id) ?? n.displayName
            // Found in what the measure asks rather than its name: show that line.
            let inName = words.allSatisfy { ((n.number ?? "") + " " + n.title + " " + n.id).lowercased().contains($0) }
            let req = inName ? nil : n.requirements.first { r in words.contains { r.lowercased().contains($0) } }
            out.append(SearchResult(questionID: nil, nodeID: n.id, label: label,
                                    detail: req ?? (anc.map(\.displayName) + [n.kind.rawValue]).joined(separator: " › "), words: words))
        }
        for q in n.questions {
            let hay = ((q.number ?? "") + " " + q.id + " " + q.text).lowercased()
            if words.allSatisfy({ hay.contains($0) }) {
                let measure = a.measureID(of: q.id) ?? n.id
                out.append(SearchResult(questionID: q.id, nodeID: n.id, label: q.text, detail: a.questionnaire.qualifiedName(of: measure) ?? n.displayName, words: words))
            }
        }
    }
    return Array(out.prefix(500))
}

/// Moves to a question, or to the landing question of a node.
func jump(_ state: inout AppState, question: String?, node: String?) -> [Effect] {
    guard case var .assessment(a) = state.screen else { return [] }
    let target = question ?? node.flatMap { a.landing(in: $0) }
    let before = a.question
    if let t = target {
        a.go(to: t)
        a.dashboard = nil
        a.focus = .question
        if !a.isApplicable(t), let why = a.evaluation.questions[t]?.hiddenReason {
            state.message = Message(.info, "not applicable: " + why)
        }
    } else if let n = node {
        a.treeCursor = n
    }
    let effects = afterMove(&a, from: before, state: &state)
    state.screen = .assessment(a)
    return effects
}

// MARK: - Assessment

func assessmentKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard case var .assessment(a) = state.screen else { return [] }
    var effects: [Effect] = []
    let layout = AssessmentLayout(size: state.size, showTree: a.showTree)
    let evaluated = a.evaluation
    if a.editing != nil {
        effects = editorKey(&state, &a, key, layout: layout)
        // "measure complete" says more than editorKey's "answer saved".
        if state.message == nil || state.message?.text.hasSuffix(" saved") == true, let done = a.completed(since: evaluated) {
            state.message = Message(.info, done)
        }
        state.screen = .assessment(a)
        return effects
    }
    if a.dashboard != nil { return dashboardKey(&state, key) }
    if a.actionsScreen != nil { return actionsKey(&state, key) }
    state.message = nil
    if key != .char("r") { a.reviewPending = nil }
    let before = a.question
    if a.focus == .tree, layout.tree != nil, !treeFocusAccepts(key) {
        state.message = Message(.error, treeFocusMessage)
        return []
    }
    if let fx = facilitationKey(&a, key, state: &state) {
        state.screen = .assessment(a)
        return fx
    }
    switch key {
    case .char("q"):
        state.screen = .assessment(a)
        return quit(&state)
    case .escape:
        if state.hasHome {
            if !a.readOnly {
                var changes: [SessionChange] = [.position(a.savedPosition)]
                if a.facilitating { changes.append(.facilitator(nil)) }  // leaving: viewers stop following us
                effects.append(.persist(sessionID: a.session.id, changes))
            }
            state.screen = .home(HomeState())
            return effects + [.close(sessionID: a.session.id), .loadSessions]
        }
        state.message = Message(.info, "q quits; ? shows every key")
    case .char("?"), .function(1): state.overlay = .help(scroll: 0)
    case .char("/"):
        state.screen = .assessment(a)
        state.overlay = .search(SearchState())
        return []
    case .char("g"):
        state.overlay = .goto(TextEditor(), error: nil)
    case .char("R"):
        state.overlay = .report(ReportDialog(sessionID: a.session.id))
    case .char("d"):
        a.dashboard = DashboardState()
    case .char("t"):
        let shown = layout.tree != nil
        a.showTree = !shown
        a.focus = shown ? .question : .tree
    case .char("i"):
        a.showGuidance.toggle()
        if !a.readOnly { effects.append(.persist(sessionID: a.session.id, [.position(a.savedPosition)])) }
    case .char("m"): a.toggleMeasurePanel()
    case .char("#"): state.message = Message(.info, a.idsMessage)
    case .char("P"): a.actionsScreen = ActionsState()
    case .char("E"): state.overlay = .events(EventsDialog())
    case .char("O"): state.overlay = .details(DetailsDialog(organisation: a.session.organisation, model: a.session.model, creating: false))
    case .char("w"):
        if let p = a.explainPanel() { state.overlay = .info(p) }
    case .char("L"):
        let items = a.leftItems
        if items.isEmpty { state.message = Message(.info, "every applicable question is answered") } else { state.overlay = .left(LeftList(items: items)) }
    case .char("r"):
        let fx = reviewKey(&a, state: &state)
        state.screen = .assessment(a)
        return fx
    case .tab, .backTab:
        if layout.tree != nil { a.focus = a.focus == .tree ? .question : .tree }
        else { a.showTree = true; a.focus = .tree }
    case .char("n"):
        if let n = a.neighbour(1) { a.go(to: n) } else { state.message = Message(.info, "this is the last question") }
    case .char("p"):
        if let n = a.neighbour(-1) { a.go(to: n) } else { state.message = Message(.info, "this is the first question") }
    case .char("N"):
        if let n = a.neighbour(1, unansweredOnly: true) { a.go(to: n) } else { state.message = Message(.info, "every applicable question is answered") }
    default:
        if a.focus == .tree && layout.tree != nil {
            treeKey(&a, key, state: &state, layout: layout)
        } else {
            effects += questionKey(&a, key, state: &state, layout: layout)
        }
    }
    effects += afterMove(&a, from: before, state: &state)
    if state.message == nil, let done = a.completed(since: evaluated) { state.message = Message(.info, done) }
    if case .assessment = state.screen { state.screen = .assessment(a) }
    return effects
}

func treeKey(_ a: inout AssessmentState, _ key: Key, state: inout AppState, layout: AssessmentLayout) {
    let rows = a.treeRows
    guard !rows.isEmpty else { return }
    let i = rows.firstIndex { $0.nodeID == a.treeCursor } ?? 0
    let page = max(1, (layout.tree?.height ?? 10) - 1)
    func set(_ k: Int) { a.treeCursor = rows[max(0, min(rows.count - 1, k))].nodeID }
    switch key {
    case .up, .char("k"): set(i - 1)
    case .down, .char("j"): set(i + 1)
    case .pageUp: set(i - page)
    case .pageDown: set(i + page)
    case .home: set(0)
    case .end: set(rows.count - 1)
    case .left, .char("h"):
        if rows[i].hasChildren && rows[i].expanded { a.collapsed.insert(rows[i].nodeID) }
        else if let p = a.parent[rows[i].nodeID] { a.treeCursor = p }
    case .right, .char("l"):
        if rows[i].hasChildren && !rows[i].expanded { a.collapsed.remove(rows[i].nodeID) }
        else { openNode(&a, rows[i].nodeID, state: &state) }
    case .char(" "):
        if rows[i].hasChildren {
            if rows[i].expanded { a.collapsed.insert(rows[i].nodeID) } else { a.collapsed.remove(rows[i].nodeID) }
        }
    case .enter:
        openNode(&a, rows[i].nodeID, state: &state)
    default: break
    }
}

func openNode(_ a: inout AssessmentState, _ id: String, state: inout AppState) {
    let cursor = a.treeCursor
    if let q = a.landing(in: id) {
        a.go(to: q)
        a.treeCursor = cursor
        a.focus = .question
        if let r = a.evaluation.nodes[id], !r.applicable, let why = r.hiddenReason {
            state.message = Message(.info, (r.status == .scopePending ? "waiting for scope: " : "not applicable: ") + why)
        }
    }
}

func questionKey(_ a: inout AssessmentState, _ key: Key, state: inout AppState, layout: AssessmentLayout) -> [Effect] {
    guard let q = a.currentQuestion else { return [] }
    if a.readOnly, isEditKey(key, q) {
        state.message = Message(.error, a.readOnlyMessage)
        return [.bell]
    }
    let isList = [.graded, .choice, .scale, .multi].contains(q.type)
    let optionCount = q.options.count
    a.paneScrolledByUser = key == .pageUp || key == .pageDown
    switch key {
    case .up, .char("k"):
        if isList { a.optionCursor = max(0, a.optionCursor - 1) } else { a.paneScroll = max(0, a.paneScroll - 1) }
    case .down, .char("j"):
        if isList { a.optionCursor = min(max(0, optionCount - 1), a.optionCursor + 1) } else { a.paneScroll += 1 }
    case .left, .char("h"):
        if layout.tree != nil { a.focus = .tree } else if let n = a.neighbour(-1) { a.go(to: n) }
    case .right, .char("l"):
        if let n = a.neighbour(1) { a.go(to: n) }
    case .pageUp: a.paneScroll = max(0, a.paneScroll - max(1, layout.pane.height - 2))
    case .pageDown: a.paneScroll += max(1, layout.pane.height - 2)
    case .home: if isList { a.optionCursor = 0 } else { a.paneScroll = 0 }
    case .end: if isList { a.optionCursor = max(0, optionCount - 1) }
    case let .char(c) where c.wholeNumberValue != nil && c.isASCII:
        let d = c.wholeNumberValue!
        guard isList else {
            if q.type == .number { return startEditing(&a, .value, state: &state, initial: String(c)) }
            return []
        }
        guard d >= 1, d <= min(9, optionCount) else {
            state.message = Message(.error, "no option \(d); this question has \(optionCount)")
            return [.bell]
        }
        a.optionCursor = d - 1
        return choose(&a, state: &state, toggle: q.type == .multi)
    case .enter, .char(" "):
        if isList { return choose(&a, state: &state, toggle: q.type == .multi) }
        return startEditing(&a, .value, state: &state)
    case .char("e"): return startEditing(&a, .note, state: &state)
    case .char("E"), .char("v"): return startEditing(&a, .evidence, state: &state)
    case .char("a"), .char("A"):
        guard q.allowNA else {
            state.message = Message(.error, "this question cannot be marked not applicable")
            return [.bell]
        }
        return startEditing(&a, .justification, state: &state)
    case .char("<"), .char(">"):
        // A conflict from syncing: keep one machine's answer (recorded in history like any answer).
        guard !a.readOnly, let c = a.session.conflict(onQuestion: q.id) else { return [] }
        let i = key == .char("<") ? 0 : 1
        guard c.sides.indices.contains(i) else { return [.bell] }
        var ans = c.sides[i].answer
        ans?.by = state.config.user; ans?.at = state.now
        state.message = Message(.info, "kept \(c.sides[i].by)'s answer; the conflict is resolved")
        return setAnswer(&a, ans, state: state)
    case .char("x"), .delete:
        guard let old = a.currentAnswer, old.value != nil || old.notApplicable else { return [] }
        var ans = old
        ans.value = nil; ans.notApplicable = false; ans.justification = nil
        ans.by = state.config.user; ans.at = state.now
        let new: Answer? = (ans.note ?? "").isEmpty && ans.evidence.isEmpty ? nil : ans
        state.message = Message(.info, "answer cleared — u undoes")
        return setAnswer(&a, new, state: state)
    case .char("u"): return undoLast(&a, state: &state)
    default: break
    }
    return []
}

/// Keys that would change an answer.
func isEditKey(_ key: Key, _ q: Question) -> Bool {
    switch key {
    case let .char(c) where c.isASCII && c.wholeNumberValue != nil: return true
    case .enter, .char(" "), .char("e"), .char("E"), .char("v"), .char("a"), .char("A"), .char("x"), .char("u"), .delete: return true
    default: return false
    }
}

/// Picks (or for multi, toggles) the option under the cursor and saves it.
func choose(_ a: inout AssessmentState, state: inout AppState, toggle: Bool) -> [Effect] {
    guard let q = a.currentQuestion, a.optionCursor < q.options.count else { return [] }
    let opt = q.options[a.optionCursor]
    var ans = a.currentAnswer ?? Answer(value: nil, by: state.config.user, at: state.now)
    if toggle {
        var chosen: [String] = []
        if case let .choices(c)? = ans.value { chosen = c }
        if let k = chosen.firstIndex(of: opt.value) { chosen.remove(at: k) } else {
            if opt.exclusive { chosen = [] } else { chosen.removeAll { q.option($0)?.exclusive == true } }
            chosen.append(opt.value)
        }
        // Keep the questionnaire's order.
        chosen = q.options.map(\.value).filter { chosen.contains($0) }
        ans.value = chosen.isEmpty ? nil : .choices(chosen)
    } else {
        ans.value = .text(opt.value)
    }
    ans.notApplicable = false
    ans.justification = nil
    ans.by = state.config.user
    ans.at = state.now
    let before = a.evaluation
    let effects = setAnswer(&a, ans.value == nil && (ans.note ?? "").isEmpty && ans.evidence.isEmpty ? nil : ans, state: state)
    let (shown, hidden) = applicabilityChange(from: before, to: a.evaluation)
    if shown > 0 || hidden > 0 {
        var parts: [String] = []
        if shown > 0 { parts.append("\(shown) question\(shown == 1 ? "" : "s") now apply") }
        if hidden > 0 { parts.append("\(hidden) no longer apply") }
        state.message = Message(.info, "saved; " + parts.joined(separator: ", "))
    }
    return effects
}

/// How many questions became applicable, and how many stopped applying, between two evaluations of
/// the same questionnaire (one pass over the questions; no sets of applicable questions are built).
func applicabilityChange(from old: Evaluation, to new: Evaluation) -> (shown: Int, hidden: Int) {
    var shown = 0, hidden = 0
    for (id, r) in new.questions {
        let was = old.questions[id]?.applicable ?? false
        if r.applicable && !was { shown += 1 } else if was && !r.applicable { hidden += 1 }
    }
    return (shown, hidden)
}

/// Records an answer on screen and asks the runtime to store it.
func setAnswer(_ a: inout AssessmentState, _ answer: Answer?, state: AppState) -> [Effect] {
    let change = SessionChange.answer(question: a.question, answer, shown: a.currentAnswer)
    var s = a.session
    let before = s
    change.apply(to: &s, by: state.config.user, at: state.now)
    guard s != before else { return [] }
    a.undo.append(UndoStep(question: a.question, before: a.currentAnswer))
    a.session = s
    a.evaluation = Evaluation(questionnaire: a.questionnaire, session: s)
    return [.persist(sessionID: s.id, [change])]
}

func startEditing(_ a: inout AssessmentState, _ target: EditTarget, state: inout AppState, initial: String? = nil) -> [Effect] {
    guard let q = a.currentQuestion else { return [] }
    let ans = a.currentAnswer
    var text = ""
    var multiline = false
    switch target {
    case .value:
        if let v = ans?.value, !(ans?.notApplicable ?? false) { text = v.description }
        multiline = q.type == .text
    case .note: text = ans?.note ?? ""; multiline = true
    case .evidence: text = (ans?.evidence ?? []).joined(separator: "\n"); multiline = true
    case .justification: text = ans?.justification ?? ""; multiline = false
    case .discussion: text = a.currentMeasure.flatMap { a.session.discussion[$0] } ?? ""; multiline = true
    }
    // The editor holds what it can edit (a hand-edited 50 MB note took 12 s and 1 GB to load): a longer
    // text was not typed here and is changed with `answer --file`. Bytes first: counting characters is slow.
    let editable = TextEditor().maxLength
    if text.utf8.count > editable * 4 || text.count > editable {
        a.editing = nil
        state.message = Message(.error, "this \(target) has more than \(editable) characters, too long to edit here; change it with 'gpai-assess answer --file'")
        return [.bell]
    }
    var ed = TextEditor(text, multiline: multiline)
    if let i = initial { ed.setText(i) }
    a.editing = Editing(target: target, editor: ed, error: nil, original: text)
    validateLive(&a)
    return []
}

/// Values are checked on confirm (a half-typed date is not an error); typing clears the last complaint.
func validateLive(_ a: inout AssessmentState) {
    guard var ed = a.editing else { return }
    ed.error = nil
    a.editing = ed
}

func editingKey(_ a: inout AssessmentState, _ key: Key, state: AppState, layout: AssessmentLayout) -> [Effect] {
    guard var ed = a.editing else { return [] }
    let w = layout.editorWidth
    let widths = state.config.widths
    let multi = ed.editor.multiline
    switch key {
    case .escape:
        if multi { return commitEditing(&a, state: state, closing: true) }
        a.editing = nil
        return []
    case .ctrl("s"), .ctrl("d"):
        return commitEditing(&a, state: state, closing: true)
    case .enter:
        if multi { ed.editor.insert("\n") } else { return commitEditing(&a, state: state, closing: true) }
    case .tab:
        return commitEditing(&a, state: state, closing: true)
    case .up: if multi { ed.editor.up(width: w, widths: widths) }
    case .down: if multi { ed.editor.down(width: w, widths: widths) }
    case .home, .ctrl("a"): ed.editor.lineStart(width: w, widths: widths)
    case .end, .ctrl("e"): ed.editor.lineEnd(width: w, widths: widths)
    default:
        _ = editLine(&ed.editor, key, widths: widths)
    }
    a.editing = ed
    validateLive(&a)
    return []
}

/// Ends editing: stores the text if it is valid. With `closing` false the editor stays open.
func commitEditing(_ a: inout AssessmentState, state: AppState, closing: Bool) -> [Effect] {
    guard let ed = a.editing, let q = a.currentQuestion else { a.editing = nil; return [] }
    if ed.target == .discussion {
        if closing { a.editing = nil }
        guard let m = a.currentMeasure else { return [] }
        let change = SessionChange.discussion(measure: m, ed.editor.text)
        var s = a.session
        change.apply(to: &s, by: state.config.user, at: state.now)
        guard s != a.session else { return [] }
        a.session = s
        return [.persist(sessionID: s.id, [change])]
    }
    var ans = a.currentAnswer ?? Answer(value: nil, by: state.config.user, at: state.now)
    let text = ed.editor.text
    do { try AnswerInput.checkLength(text, what: "this \(ed.target)") } catch {
        if state.quitting { a.editing = nil; return [] }
        var e = ed; e.error = error.message; a.editing = e
        return [.bell]
    }
    switch ed.target {
    case .value:
        if text.trimmingWhitespaceAndNewlines().isEmpty {
            ans.value = nil
        } else {
            do {
                guard let v = try AnswerInput.parseValue(text, for: q) else { a.editing = nil; return [] }
                ans.value = v
                ans.notApplicable = false
                ans.justification = nil
            } catch {
                // An invalid value is never stored; when leaving the program it is dropped.
                if state.quitting { a.editing = nil; return [] }
                var e = ed; e.error = error.message; a.editing = e
                return [.bell]
            }
        }
    case .note:
        let t = text.trimmingWhitespaceAndNewlines().isEmpty ? nil : text
        if t == ans.note { if closing { a.editing = nil }; return [] }
        ans.note = t
    case .evidence:
        ans.evidence = text.split(separator: "\n").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    case .discussion:
        return []  // handled above
    case .justification:
        let t = text.trimmingWhitespaceAndNewlines()
        guard !t.isEmpty else {
            var e = ed; e.error = "say why it does not apply (required)"; a.editing = e
            return [.bell]
        }
        ans.value = nil
        ans.notApplicable = true
        ans.justification = t
    }
    ans.by = state.config.user
    ans.at = state.now
    if closing { a.editing = nil }
    let empty = ans.value == nil && !ans.notApplicable && (ans.note ?? "").isEmpty && ans.evidence.isEmpty
    return setAnswer(&a, empty ? nil : ans, state: state)
}

// MARK: - Dashboard

/// Rows of the dashboard's gap list (jump targets).
func dashboardGaps(_ a: AssessmentState) -> [Evaluation.Gap] { Array(a.evaluation.gaps.prefix(50)) }

func dashboardKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard case var .assessment(a) = state.screen, var d = a.dashboard else { return [] }
    let gaps = dashboardGaps(a)
    switch key {
    case .char("q"): return quit(&state)
    case .escape, .char("d"): d.cursor = -1
    case .char("?"), .function(1): state.overlay = .help(scroll: 0)
    case .up, .char("k"): d.cursor = max(0, d.cursor - 1)
    case .down, .char("j"): d.cursor = min(max(0, gaps.count - 1), d.cursor + 1)
    case .pageUp: d.cursor = max(0, d.cursor - 5)
    case .pageDown: d.cursor = min(max(0, gaps.count - 1), d.cursor + 5)
    case .home: d.cursor = 0
    case .end: d.cursor = max(0, gaps.count - 1)
    case .enter:
        guard d.cursor < gaps.count else { return [] }
        let g = gaps[d.cursor]
        a.dashboard = nil
        state.screen = .assessment(a)
        return g.kind == .question ? jump(&state, question: g.id, node: nil) : jump(&state, question: nil, node: g.id)
    case .char("/"):
        a.dashboard = nil; state.screen = .assessment(a); state.overlay = .search(SearchState()); return []
    case .char("g"):
        a.dashboard = nil; state.screen = .assessment(a); state.overlay = .goto(TextEditor(), error: nil); return []
    case .char("a"):
        guard d.cursor < gaps.count else { return [] }
        let fx = addActionForGap(&a, gaps[d.cursor], state: &state)
        a.dashboard = d
        state.screen = .assessment(a)
        return fx
    case .char("P"):
        a.dashboard = nil; a.actionsScreen = ActionsState(); state.screen = .assessment(a); return []
    default: break
    }
    a.dashboard = d.cursor < 0 ? nil : d
    state.screen = .assessment(a)
    return []
}

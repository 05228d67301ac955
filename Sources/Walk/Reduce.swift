import AssessmentCore
import FoundationEssentials

/// The walk's one reducer: moves, answers and go-to for both front ends. Pure: the store is
/// reached only through `.persist` effects, which the front end carries out.
public func reduce(_ w: inout WalkState, _ action: WalkAction) -> [WalkEffect] {
    switch action {
    case .next:
        if w.atEnd { return [.atEnd] }
        return w.move(to: w.nextApplicable(after: w.question))
    case .previous:
        if w.atEnd { return w.move(to: w.index.questionOrder.last { w.isApplicable($0) }) }
        guard let p = w.previousApplicable(before: w.question) else { return [.atStart] }
        return w.move(to: p)
    case .nextUnanswered:
        guard let n = w.nextUnanswered else { return [.allAnswered] }
        return w.move(to: n)
    case let .move(id):
        guard w.index.questions[id] != nil else { return [.notFound(id)] }
        return w.move(to: id)
    case let .goTo(text):
        switch GoTo.resolve(text, in: w) {
        case .empty: return [.emptyTarget]
        case .notFound: return [.notFound(text.trimmingWhitespace())]
        case let .ambiguous(candidates): return [.ambiguous(text.trimmingWhitespace(), chapters: GoTo.chapters(of: candidates, in: w.questionnaire))]
        case let .question(q):
            guard w.isApplicable(q) else { return [.doesNotApply(id: q, reason: w.evaluation.questions[q]?.hiddenReason, pending: false)] }
            return w.move(to: q)
        case let .node(n):
            guard let landing = w.landing(in: n) else {
                let r = w.evaluation.nodes[n]
                return [.doesNotApply(id: n, reason: r?.hiddenReason ?? w.index.nodes[n]?.conditionReason, pending: r?.status == .scopePending)]
            }
            return w.move(to: landing)
        }
    case let .answer(v, advance):
        return w.change(advance: advance) { a in a.value = v; a.notApplicable = false; a.justification = nil }
    case let .notApplicable(reason, advance):
        guard w.currentQuestion?.allowNA ?? false else { return [.notApplicableNotAllowed] }
        let r = reason.trimmingWhitespaceAndNewlines()
        guard !r.isEmpty else { return [.reasonRequired] }
        return w.change(advance: advance) { a in a.value = nil; a.notApplicable = true; a.justification = r }
    case .clear:
        guard let a = w.currentAnswer, a.value != nil || a.notApplicable else { return w.readOnly ? [.readOnly] : [.nothingToRemove] }
        return w.change { a in a.value = nil; a.notApplicable = false; a.justification = nil }
    case let .note(text):
        let t = text.flatMap { $0.trimmingWhitespaceAndNewlines().isEmpty ? nil : $0 }
        if t == nil, w.currentAnswer?.note == nil { return w.readOnly ? [.readOnly] : [.nothingToRemove] }
        return w.change { a in a.note = t }
    case let .addEvidence(e):
        guard w.readOnly || AnswerInput.isValidEvidence(e) else { return [.invalidEvidence(e)] }
        return w.change { a in if !a.evidence.contains(e) { a.evidence.append(e) } }
    case let .setEvidence(list):
        if !w.readOnly, let bad = list.first(where: { !AnswerInput.isValidEvidence($0) }) { return [.invalidEvidence(bad)] }
        return w.change { a in a.evidence = list }
    case .removeEvidence:
        return w.change { a in a.evidence = [] }
    case let .replace(answer):
        guard !w.readOnly else { return [.readOnly] }
        return w.record(answer, advance: false)
    case let .stored(s):
        w.adopt(s)
        return []
    }
}

extension WalkState {
    /// Moves to a question, or past the end (nil); the position is stored when it changed.
    mutating func move(to id: String?) -> [WalkEffect] {
        guard let id else {
            atEnd = true
            return [.moved(to: nil)]
        }
        atEnd = false
        question = id
        var fx: [WalkEffect] = []
        let p = position(at: id)
        if !readOnly, session.position != p {
            session.position = p
            fx.append(.persist([.position(p)]))
        }
        return fx + [.moved(to: id)]
    }

    /// One change to the current answer (by and at stamped; an answer left empty is removed).
    mutating func change(advance: Bool = false, _ edit: (inout Answer) -> Void) -> [WalkEffect] {
        guard !readOnly else { return [.readOnly] }
        var a = currentAnswer ?? Answer(value: nil, by: user, at: now)
        edit(&a)
        a.by = user
        a.at = now
        return record(a.isEmpty ? nil : a, advance: advance)
    }

    /// Shows the answer at once (rescored), says what it made (not) apply, and asks to store it;
    /// with `advance`, moves on to the next applicable question under the new answers.
    mutating func record(_ answer: Answer?, advance: Bool) -> [WalkEffect] {
        let change = SessionChange.answer(question: question, answer, shown: currentAnswer)
        var s = session
        change.apply(to: &s, by: user, at: now)
        var changes: [SessionChange] = []
        var fx: [WalkEffect] = []
        if s != session {
            changes.append(change)
            let before = evaluation
            session = s
            evaluation = Evaluation(questionnaire: questionnaire, session: s)
            let c = ApplicabilityChange(from: before, to: evaluation, in: questionnaire)
            if !c.isEmpty { fx.append(.announce(c)) }
        }
        if advance {
            var moved = move(to: nextApplicable(after: question))
            if case let .persist(p)? = moved.first { changes += p; moved.removeFirst() }
            fx += moved
        }
        return (changes.isEmpty ? [] : [.persist(changes)]) + fx
    }

    /// Takes up the stored session (rescoring only when it differs); where the person is stays.
    mutating func adopt(_ s: Session) {
        guard s != session else { return }
        var t = s
        t.position = session.position
        guard t != session else { return }
        session = t
        evaluation = Evaluation(questionnaire: questionnaire, session: t)
    }
}

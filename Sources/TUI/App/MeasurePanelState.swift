import AssessmentCore

// The measure panel (what the Code asks, beside the question) and the position saved between sittings.

extension AssessmentState {
    /// Where the user is, and whether guidance is shown, as saved for the next sitting.
    public var savedPosition: Session.Position {
        Session.Position(question: question, node: treeCursor, guidance: showGuidance)
    }

    /// The applicable questions of the current question's measure, in order.
    var measureQuestions: [String] {
        guard let m = currentMeasure else { return [] }
        return questions(under: m).filter { isApplicable($0) || $0 == question }
    }

    /// 1-based position of the current question in its measure, and the measure's question count.
    public var positionInMeasure: (Int, Int) {
        let qs = measureQuestions
        return ((qs.firstIndex(of: question) ?? -1) + 1, qs.count)
    }

    /// Shown by default on the first question of a measure that states its requirements; `m` flips that
    /// for the current question.
    public var measurePanelShown: Bool {
        let byDefault = positionInMeasure.0 == 1 && !(currentMeasure.flatMap { index.nodes[$0]?.requirements.isEmpty } ?? true)
        return measurePanelToggled == question ? !byDefault : byDefault
    }

    mutating func toggleMeasurePanel() {
        measurePanelToggled = measurePanelToggled == question ? nil : question
        paneScroll = 0
        paneScrolledByUser = measurePanelShown
    }

    /// "Copyright 1.3 · question 2 of 5": the measure named with its chapter and the question's place in it.
    public var questionHeading: String { questionHeading(.long) }

    public func questionHeading(_ style: Questionnaire.NameStyle) -> String {
        let (k, n) = positionInMeasure
        let name = currentMeasure.flatMap { questionnaire.qualifiedNumber(of: $0, style) } ?? ""
        guard k > 0 else { return name.isEmpty ? "Question" : name }
        return (name.isEmpty ? "" : name + " · ") + "question \(k) of \(n)"
    }
}

extension AssessmentState {
    /// What `#` says: the ids scripts use (`answer SESSION ID`, `resume --at ID`).
    public var idsMessage: String {
        "question id " + question + (currentMeasure.map { " · measure id " + $0 } ?? "")
    }
}

extension AssessmentState {
    /// "Copyright 1.3 complete: partially met, score 62%" when the last answer finished the measure
    /// (and its chapter, when that finished too); nil otherwise.
    func completed(since before: Evaluation) -> String? {
        func finished(_ id: String, _ ev: Evaluation) -> Bool {
            guard let r = ev.nodes[id], r.applicable else { return false }
            return r.applicableQuestions > 0 && r.answeredQuestions == r.applicableQuestions
        }
        var parts: [String] = []
        let chapter = questionnaire.chapter(containing: question)?.id
        for id in [currentMeasure, chapter].compactMap({ $0 }) where finished(id, evaluation) && !finished(id, before) {
            guard let r = evaluation.nodes[id], let n = index.nodes[id] else { continue }
            let name = n.kind == .chapter ? (n.shortTitle ?? n.title) + " chapter" : questionnaire.qualifiedNumber(of: id) ?? n.displayName
            parts.append(name + " complete: " + r.status.label + ", score " + Format.percent(r.score))
        }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }
}

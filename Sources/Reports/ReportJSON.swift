import AssessmentCore
import FoundationEssentials

/// The complete machine-readable result of an assessment (`report --format json`).
/// Documented in docs/reports.md; every other format shows a subset of it.
public enum ReportJSON {
    public static func document(session s: Session, questionnaire q: Questionnaire, evaluation ev: Evaluation,
                                generated: Date = Date(), comparison: SessionDiff? = nil) -> JSON {
        let c = ReportContent(session: s, questionnaire: q, evaluation: ev, generated: generated, comparison: comparison)
        var tree: [JSON] = []
        for n in q.nodes { tree.append(node(n, s, ev)) }
        var doc: [String: JSON] = [
            "format": "gpai-assess-report",
            "formatVersion": 1,
            "generated": .string(iso(generated)),
            "today": .string(c.today.description),
            "questionnaire": [
                "id": .string(q.id), "title": .string(q.title), "version": .string(q.version), "digest": .string(q.digest),
                "language": .string(q.language),
                "source": ["document": .string(q.source.document), "date": JSON(q.source.date), "url": JSON(q.source.url)],
                "thresholds": ["met": .number(q.thresholds.met), "partial": .number(q.thresholds.partial), "critical": .number(q.thresholds.critical)],
            ],
            "session": [
                "id": .string(s.id), "title": .string(s.title), "organisation": JSON(s.organisation), "model": JSON(s.model),
                "created": .string(iso(s.created)), "createdBy": .string(s.createdBy),
                "updated": .string(iso(s.updated)), "updatedBy": .string(s.updatedBy),
                "questionnaireVersion": .string(s.questionnaire.version), "questionnaireDigest": .string(s.questionnaire.digest),
            ],
            "provisional": .bool(c.provisional),
            "overall": summary(ev.overall),
            "scope": [
                "answers": .array(c.scopeQuestions.map { qa in
                    ["question": .string(qa.question.id), "text": .string(qa.question.text), "answer": JSON(qa.answer),
                     "value": JSON(ReportContent.answerValue(s.answers[qa.question.id]))]
                }),
                "parts": .array(c.applicability.map { p in
                    ["id": .string(p.node.id), "kind": .string(p.node.kind.rawValue), "title": .string(p.node.title), "applies": .bool(p.applies), "status": .string(c.evaluation.nodes[p.node.id]!.status.rawValue),
                     "reason": JSON(p.reason)]
                }),
            ],
            "derived": .object(ev.derived.mapValues(value)),
            "tree": .array(tree),
            "gaps": .array(ev.gaps.map(gap)),
            "actions": .array(c.actions.map { a in with(action(a), ["overdue": .bool(c.overdue(a))]) }),
            "events": .object(s.events.mapValues { .string($0) }),
            "deadlines": .array(c.deadlines.map(deadline)),
            "orphanedAnswers": JSON(ev.orphanedAnswers),
        ]
        if let comparison { doc["comparison"] = comparison.json() }
        return .object(doc)
    }

    /// The serialized report. Bidi controls are written as \u escapes (same data, but they cannot
    /// reorder what a terminal or editor shows); the writer already escapes other control characters.
    public static func render(session s: Session, questionnaire q: Questionnaire, evaluation ev: Evaluation,
                              generated: Date, comparison: SessionDiff? = nil) -> String {
        document(session: s, questionnaire: q, evaluation: ev, generated: generated, comparison: comparison).serialized()
    }

    public static func deadline(_ d: ActionPlan.Deadline) -> JSON {
        ["rule": .string(d.rule.id), "title": .string(d.rule.title), "event": .string(d.event), "label": JSON(d.label),
         "eventDate": .string(d.eventDate.description), "due": .string(d.due.description), "offset": .string(d.rule.offset.text),
         "state": .string(d.state.rawValue), "fulfilled": JSON(d.fulfilled?.description), "reference": .string(d.rule.reference),
         "question": JSON(d.rule.question)]
    }

    public static func summary(_ r: Evaluation.NodeResult) -> JSON {
        [
            "status": .string(r.status.rawValue), "score": JSON(rounded(r.score)), "coverage": JSON(rounded(r.coverage)),
            "applicableQuestions": JSON(r.applicableQuestions), "answeredQuestions": JSON(r.answeredQuestions),
            "requiredQuestions": JSON(r.requiredQuestions), "requiredAnswered": JSON(r.requiredAnswered),
            "notApplicableAnswers": JSON(r.notApplicableAnswers),
        ]
    }

    static func node(_ n: Node, _ s: Session, _ ev: Evaluation) -> JSON {
        let r = ev.nodes[n.id]!
        var o: [String: JSON] = [
            "id": .string(n.id), "kind": .string(n.kind.rawValue), "number": JSON(n.number), "title": .string(n.title),
            "status": .string(r.status.rawValue), "score": JSON(rounded(r.score)), "coverage": JSON(rounded(r.coverage)),
            "applicable": .bool(r.applicable), "reason": JSON(r.hiddenReason),
            "references": JSON(n.references),
            "children": .array(n.children.map { node($0, s, ev) }),
            "questions": .array(n.questions.map { question($0, s, ev) }),
        ]
        if !r.cappedBy.isEmpty { o["cappedBy"] = JSON(r.cappedBy) }
        if let rv = s.reviews[n.id] { o["review"] = ["by": .string(rv.by), "at": .string(iso(rv.at)), "note": JSON(rv.note)] }
        if let d = s.discussion[n.id] { o["discussion"] = .string(d) }
        return .object(o)
    }

    static func question(_ q: Question, _ s: Session, _ ev: Evaluation) -> JSON {
        let r = ev.questions[q.id]!
        var o: [String: JSON] = [
            "id": .string(q.id), "number": JSON(q.number), "type": .string(q.type.rawValue), "text": .string(q.text),
            "applicable": .bool(r.applicable), "reason": JSON(r.hiddenReason), "answered": .bool(r.answered),
            "score": JSON(rounded(r.score)), "weight": .number(q.weight), "critical": .bool(q.critical),
            "required": .bool(q.required), "criticalFailure": .bool(r.criticalFailure),
            "remediation": JSON(q.remediation), "references": JSON(q.references),
        ]
        if let a = s.answers[q.id] {
            o["answer"] = answer(a, q)
            o["answerText"] = JSON(ReportContent.answerText(a, q))
        }
        if let bad = r.invalidAnswer { o["invalidAnswer"] = .string(bad) }
        return .object(o)
    }

    public static func answer(_ a: Answer, _ q: Question) -> JSON {
        var o: [String: JSON] = [
            "notApplicable": .bool(a.notApplicable), "justification": JSON(a.justification), "note": JSON(a.note),
            "evidence": JSON(a.evidence), "by": .string(a.by), "at": .string(iso(a.at)),
        ]
        switch a.value {
        case nil: o["value"] = .null
        case let .text(t)?:
            o["value"] = .string(t)
            if let opt = q.option(t) { o["label"] = .string(opt.label) }
        case let .number(n)?: o["value"] = .number(n)
        case let .choices(cs)?:
            o["value"] = JSON(cs)
            o["labels"] = JSON(cs.map { q.option($0)?.label ?? $0 })
        }
        return .object(o)
    }

    static func gap(_ g: Evaluation.Gap) -> JSON {
        [
            "kind": .string(g.kind.rawValue), "id": .string(g.id), "number": JSON(g.number), "title": .string(g.title),
            "measure": JSON(g.measureID), "score": JSON(rounded(g.score)), "weight": .number(g.weight),
            "priority": JSON(rounded(g.priority)), "critical": .bool(g.critical), "remediation": JSON(g.remediation),
        ]
    }

    public static func action(_ a: Action) -> JSON {
        [
            "id": .string(a.id), "title": .string(a.title), "question": JSON(a.question), "measure": JSON(a.measure),
            "owner": JSON(a.owner), "due": JSON(a.due), "status": .string(a.status.rawValue),
            "priority": JSON(rounded(a.priority)), "note": JSON(a.note), "created": .string(iso(a.created)),
            "createdBy": .string(a.createdBy), "updated": .string(iso(a.updated)),
        ]
    }

    static func value(_ v: ExpressionValue) -> JSON {
        switch v {
        case .null: return .null
        case let .bool(b): return .bool(b)
        case let .number(n): return .number(n)
        case let .string(s): return .string(s)
        case let .list(l): return .array(l.map(value))
        }
    }

    public static func iso(_ d: Date) -> String { Timestamp.format(d) }
}

extension ReportJSON {
    /// An object with extra members.
    static func with(_ j: JSON, _ extra: [String: JSON]) -> JSON {
        guard case var .object(o) = j else { return j }
        for (k, v) in extra { o[k] = v }
        return .object(o)
    }
}

import AssessmentCore
import FoundationEssentials

/// What changed from one assessment to another (e.g. last quarter → this quarter):
/// answers, and scores and statuses per chapter, commitment and measure.
/// Each session is scored against its own questionnaire; nodes and questions are matched by id.
public struct SessionDiff: Sendable {
    public struct Side: Sendable, Equatable {
        public var id: String
        public var title: String
        public var questionnaireID: String
        public var questionnaireVersion: String
        public var updated: Date
        public var status: Status
        public var score: Double?
        public var coverage: Double?
    }

    public struct AnswerChange: Sendable, Equatable {
        public enum Kind: String, Sendable { case added, removed, changed }
        public var kind: Kind
        public var question: String
        public var number: String?
        public var text: String
        public var measure: String?
        /// What changed: value, note, evidence, justification.
        public var fields: [String]
        public var before: String?
        public var after: String?
        public var noteBefore: String?
        public var noteAfter: String?
        public var scoreBefore: Double?
        public var scoreAfter: Double?
        /// Who gave the newer answer, and when.
        public var by: String?
        public var at: Date?

        /// "added", "removed" or "changed (value, note)".
        public var changeText: String { kind == .changed ? "\(kind.rawValue) (\(fields.joined(separator: ", ")))" : kind.rawValue }
    }

    public struct NodeChange: Sendable, Equatable {
        public var id: String
        public var kind: NodeKind
        public var number: String?
        public var title: String
        public var statusBefore: Status?
        public var statusAfter: Status?
        public var scoreBefore: Double?
        public var scoreAfter: Double?
        public var coverageBefore: Double?
        public var coverageAfter: Double?

        /// +1 better, −1 worse, 0 neither (or not comparable).
        public var direction: Int {
            if let a = scoreBefore, let b = scoreAfter, rounded(a) != rounded(b) { return b > a ? 1 : -1 }
            // Only final statuses compare; "in progress" and "not started" say nothing about quality.
            guard let s0 = statusBefore, let s1 = statusAfter else { return 0 }
            let rank: [Status: Int] = [.notMet: 0, .partiallyMet: 1, .met: 2]
            guard let r0 = rank[s0], let r1 = rank[s1], r0 != r1 else { return 0 }
            return r1 > r0 ? 1 : -1
        }

        /// "Measure 1.2 Keep documentation".
        public var partTitle: String { kind.label + " " + (number.map { "\($0) " } ?? "") + title }
        public var trend: String { direction > 0 ? "better" : (direction < 0 ? "worse" : "–") }
    }

    public var before: Side
    public var after: Side
    public var answers: [AnswerChange]
    /// Chapters, commitments and measures whose status, score or coverage changed (document order of the newer questionnaire; removed ones last).
    public var nodes: [NodeChange]
    /// Measures present in both with nothing changed.
    public var unchangedMeasures: Int
    /// Different questionnaires (not only versions): the comparison is by id and may mean little.
    public var differentQuestionnaires: Bool

    public init(before sb: Session, questionnaire qb: Questionnaire, after sa: Session, questionnaire qa: Questionnaire) {
        let eb = Evaluation(questionnaire: qb, session: sb)
        let ea = Evaluation(questionnaire: qa, session: sa)
        func side(_ s: Session, _ q: Questionnaire, _ e: Evaluation) -> Side {
            Side(id: s.id, title: s.title, questionnaireID: q.id, questionnaireVersion: q.version, updated: s.updated,
                 status: e.overall.status, score: e.overall.score, coverage: e.overall.coverage)
        }
        before = side(sb, qb, eb)
        after = side(sa, qa, ea)
        differentQuestionnaires = qa.id != qb.id

        // Answers, in the newer questionnaire's order, then questions only the older one has.
        var order = ea.index.questionOrder
        let known = Set(order)
        order += eb.index.questionOrder.filter { !known.contains($0) }
        let extra = Set(sb.answers.keys).union(sa.answers.keys).subtracting(order).sorted()
        order += extra
        var changes: [AnswerChange] = []
        for id in order {
            let a0 = sb.answers[id], a1 = sa.answers[id]
            guard a0 != nil || a1 != nil else { continue }
            let q = ea.index.questions[id] ?? eb.index.questions[id]
            if let a0, let a1, a0.sameContent(as: a1) { continue }
            var fields: [String] = []
            let kind: AnswerChange.Kind
            switch (a0, a1) {
            case (nil, _): kind = .added
            case (_, nil): kind = .removed
            case let (x?, y?):
                kind = .changed
                if x.value != y.value || x.notApplicable != y.notApplicable { fields.append("value") }
                if x.justification != y.justification { fields.append("justification") }
                if x.note != y.note { fields.append("note") }
                if x.evidence != y.evidence { fields.append("evidence") }
            }
            func shown(_ a: Answer?, _ qu: Question?) -> String? {
                guard let a else { return nil }
                if let qu { return ReportContent.answerText(a, qu) }
                return ReportContent.answerValue(a)
            }
            let qb0 = eb.index.questions[id], qa1 = ea.index.questions[id]
            let measureID = ea.index.questions[id] != nil ? Self.measure(id, ea) : Self.measure(id, eb)
            changes.append(AnswerChange(kind: kind, question: id, number: q?.number, text: q?.text ?? "(question no longer in the questionnaire)",
                                        measure: measureID, fields: fields,
                                        before: shown(a0, qb0 ?? q), after: shown(a1, qa1 ?? q),
                                        noteBefore: a0?.note, noteAfter: a1?.note,
                                        scoreBefore: eb.questions[id]?.score, scoreAfter: ea.questions[id]?.score,
                                        by: a1?.by, at: a1?.at))
        }
        answers = changes

        // Nodes.
        let kinds: Set<NodeKind> = [.chapter, .commitment, .measure]
        var nodeChanges: [NodeChange] = []
        var unchanged = 0
        var seen = Set<String>()
        func compare(_ n: Node, _ r0: Evaluation.NodeResult?, _ r1: Evaluation.NodeResult?) {
            let changed = r0?.status != r1?.status || rounded(r0?.score) != rounded(r1?.score) || rounded(r0?.coverage) != rounded(r1?.coverage)
            if !changed {
                if n.kind == .measure { unchanged += 1 }
                return
            }
            nodeChanges.append(NodeChange(id: n.id, kind: n.kind, number: n.number, title: n.title,
                                          statusBefore: r0?.status, statusAfter: r1?.status, scoreBefore: r0?.score, scoreAfter: r1?.score,
                                          coverageBefore: r0?.coverage, coverageAfter: r1?.coverage))
        }
        qa.walk { n, _ in
            guard kinds.contains(n.kind) else { return }
            seen.insert(n.id)
            compare(n, eb.nodes[n.id], ea.nodes[n.id])
        }
        qb.walk { n, _ in
            guard kinds.contains(n.kind), !seen.contains(n.id) else { return }
            compare(n, eb.nodes[n.id], nil)
        }
        nodes = nodeChanges
        unchangedMeasures = unchanged
    }

    static func measure(_ qid: String, _ e: Evaluation) -> String? {
        for nid in e.index.questionPath[qid] ?? [] where e.index.nodes[nid]?.kind == .measure { return nid }
        return e.index.questionPath[qid]?.first
    }

    public var isEmpty: Bool { answers.isEmpty && nodes.isEmpty && rounded(before.score) == rounded(after.score) && before.status == after.status }

    public var measureChanges: [NodeChange] { nodes.filter { $0.kind == .measure } }

    // MARK: Output

    public func json() -> JSON {
        func side(_ s: Side) -> JSON {
            ["id": .string(s.id), "title": .string(s.title), "questionnaire": .string(s.questionnaireID),
             "questionnaireVersion": .string(s.questionnaireVersion), "updated": .string(ReportJSON.iso(s.updated)),
             "status": .string(s.status.rawValue), "score": JSON(rounded(s.score)), "coverage": JSON(rounded(s.coverage))]
        }
        return [
            "format": "gpai-assess-diff",
            "formatVersion": 1,
            "before": side(before),
            "after": side(after),
            "differentQuestionnaires": .bool(differentQuestionnaires),
            "unchangedMeasures": JSON(unchangedMeasures),
            "nodes": .array(nodes.map { c in
                ["id": .string(c.id), "kind": .string(c.kind.rawValue), "number": JSON(c.number), "title": .string(c.title),
                 "statusBefore": JSON(c.statusBefore?.rawValue), "statusAfter": JSON(c.statusAfter?.rawValue),
                 "scoreBefore": JSON(rounded(c.scoreBefore)), "scoreAfter": JSON(rounded(c.scoreAfter)),
                 "coverageBefore": JSON(rounded(c.coverageBefore)), "coverageAfter": JSON(rounded(c.coverageAfter)),
                 "direction": JSON(c.direction)]
            }),
            "answers": .array(answers.map { c in
                ["kind": .string(c.kind.rawValue), "question": .string(c.question), "number": JSON(c.number), "text": .string(c.text),
                 "measure": JSON(c.measure), "fields": JSON(c.fields), "before": JSON(c.before), "after": JSON(c.after),
                 "noteBefore": JSON(c.noteBefore), "noteAfter": JSON(c.noteAfter),
                 "scoreBefore": JSON(rounded(c.scoreBefore)), "scoreAfter": JSON(rounded(c.scoreAfter)),
                 "by": JSON(c.by), "at": JSON(c.at.map(ReportJSON.iso))]
            }),
        ]
    }

    static func arrow(_ a: String, _ b: String) -> String { a == b ? a : "\(a) → \(b)" }
    static func statusText(_ s: Status?) -> String { s?.label ?? "absent" }

    /// Plain text for a terminal; every piece of user or questionnaire text made inert.
    public func text() -> String {
        func t(_ s: String) -> String { SafeText.inert(normalisedNewlines(s), keepNewlines: false) }
        let pct = ReportContent.pct
        var out = "Comparing \(t(before.title)) [\(before.id)] → \(t(after.title)) [\(after.id)]\n"
        out += "Questionnaire: \(before.questionnaireID) \(before.questionnaireVersion) → \(after.questionnaireID) \(after.questionnaireVersion)\n"
        if differentQuestionnaires { out += "warning: the sessions use different questionnaires; parts are matched by id\n" }
        out += "Overall: \(Self.arrow(before.status.label, after.status.label)), score \(Self.arrow(pct(before.score), pct(after.score))), coverage \(Self.arrow(pct(before.coverage), pct(after.coverage)))\n"
        out += "\nStatus and score changes (\(nodes.count); \(unchangedMeasures) measures unchanged):\n"
        if nodes.isEmpty { out += "  none\n" }
        for c in nodes {
            let mark = c.direction > 0 ? "+" : (c.direction < 0 ? "-" : "~")
            out += "  \(mark) \(c.kind.rawValue) \(t(c.number.map { "\($0) \(c.title)" } ?? c.title)) [\(c.id)]: "
            out += "\(Self.arrow(Self.statusText(c.statusBefore), Self.statusText(c.statusAfter))), score \(Self.arrow(pct(c.scoreBefore), pct(c.scoreAfter))), coverage \(Self.arrow(pct(c.coverageBefore), pct(c.coverageAfter)))\n"
        }
        out += "\nAnswer changes (\(answers.count)):\n"
        if answers.isEmpty { out += "  none\n" }
        for c in answers {
            out += "  \(c.kind.rawValue) \(c.question): \(t(c.before ?? "—")) → \(t(c.after ?? "—"))"
            if c.kind == .changed, c.fields != ["value"] { out += " (\(c.fields.joined(separator: ", ")) changed)" }
            if let by = c.by, let at = c.at { out += " — \(t(by)), \(ReportContent.day(at))" }
            out += "\n"
        }
        return out
    }
}

// The scoring engine as it was before the performance work (commit 29bff9a), kept as the
// reference that the optimised `Evaluation` must agree with (EvaluationEquivalenceTests).
// The rules of issue 11 (weakest link, pass marks, mandatory options, waiting for scope) are
// written here separately, straight from docs/scoring.md.
@testable import AssessmentCore
import Foundation

/// `Answer.isAnswered` as it was: Foundation's trimming for every text.
func referenceIsAnswered(_ a: Answer) -> Bool {
    if a.notApplicable { return !(a.justification ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    switch a.value {
    case nil: return false
    case let .text(s)?: return !s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    case .number?: return true
    case .choices?: return true
    }
}


/// The result of scoring one session against its questionnaire: a pure, deterministic
/// function of (questionnaire, answers). See docs/scoring.md for the rules.
struct ReferenceEvaluation {
    typealias QuestionResult = Evaluation.QuestionResult
    typealias NodeResult = Evaluation.NodeResult
    typealias Gap = Evaluation.Gap






    let questionnaire: Questionnaire
    let index: QuestionnaireIndex
    var questions: [String: QuestionResult]
    var nodes: [String: NodeResult]
    var overall: NodeResult
    var derived: [String: ExpressionValue]
    var gaps: [Gap]
    /// Answers whose question no longer exists in the questionnaire (kept in the session).
    var orphanedAnswers: [String]

    init(questionnaire q: Questionnaire, session: Session) {
        self.init(questionnaire: q, answers: session.answers)
    }

    init(questionnaire q: Questionnaire, answers: [String: Answer]) {
        questionnaire = q
        index = q.index
        let ix = q.index
        var engine = Engine(q: q, index: ix, answers: answers)
        var qr: [String: QuestionResult] = [:]
        for id in index.questionOrder { qr[id] = engine.questionResult(id) }
        questions = qr
        var nr: [String: NodeResult] = [:]
        var measureOf: [String: String] = [:]
        func aggregate(_ n: Node, ancestorsApplicable: Bool, reason: String?, measure: String?) -> [QuestionResult] {
            let own = engine.nodeVisible(n.id)
            let applicable = ancestorsApplicable && own
            let why = reason ?? (own ? nil : (n.conditionReason ?? "condition not met: \(n.conditionSource ?? "")"))
            let m = measure ?? (n.kind == .measure ? n.id : nil)
            var results = n.questions.map { qr[$0.id]! }
            for qu in n.questions { measureOf[qu.id] = m ?? n.id }
            var childResults: [NodeResult] = []
            for c in n.children {
                results += aggregate(c, ancestorsApplicable: applicable, reason: why, measure: m)
                childResults.append(nr[c.id]!)
            }
            let capsHere = m != nil || n.children.isEmpty
            var waitsFor: [String]? = nil
            if !applicable {
                // Undecided when no condition on the path is surely false and at least one is unknown.
                let path = ix.nodePath[n.id] ?? []
                let tris = path.map { engine.tri(ix.nodes[$0]!.condition) }
                if !tris.contains(.no), tris.contains(.unknown) {
                    var names = Set<String>()
                    for nid in path { if let c = ix.nodes[nid]!.condition { engine.unknownInputs(c, into: &names) } }
                    let all = ix.questionOrder.filter { names.contains($0) }
                    let visible = all.filter { qr[$0]?.applicable == true }
                    waitsFor = visible.isEmpty ? all : visible
                }
            }
            nr[n.id] = ReferenceEvaluation.summarise(id: n.id, kind: n.kind, applicable: applicable, hiddenReason: why,
                                            results: results, children: childResults, thresholds: q.thresholds,
                                            criticalCapsToNotMet: capsHere, waitsFor: waitsFor)
            return results
        }
        var all: [QuestionResult] = []
        var assessed: [QuestionResult] = []
        var top: [NodeResult] = []
        for n in q.nodes {
            let r = aggregate(n, ancestorsApplicable: true, reason: nil, measure: nil)
            all += r
            if n.kind != .scope { assessed += r }
            top.append(nr[n.id]!)
        }
        nodes = nr
        var o = ReferenceEvaluation.summarise(id: "overall", kind: nil, applicable: true, hiddenReason: nil, results: all,
                                     children: top, thresholds: q.thresholds, criticalCapsToNotMet: false, waitsFor: nil)
        let scopeIDs = Set(q.nodes.filter { $0.kind == .scope }.flatMap { $0.questionsBelow.map(\.id) })
        let open = ix.questionOrder.filter { id in
            guard scopeIDs.contains(id), let r = qr[id] else { return false }
            return r.applicable && r.isRequired && !r.answered
        }
        let anyPartWaits = top.contains { $0.kind != .scope && $0.status == .scopePending }
        if anyPartWaits || (!open.isEmpty && assessed.contains(where: \.applicable)) {
            var names = open
            if names.isEmpty {
                var set = Set<String>()
                for n in q.nodes where n.kind != .scope { if let c = n.condition { engine.unknownInputs(c, into: &set) } }
                let all = ix.questionOrder.filter { set.contains($0) }
                let visible = all.filter { qr[$0]?.applicable == true }
                names = visible.isEmpty ? all : visible
            }
            o.status = .scopePending
            o.hiddenReason = "the scope is not complete"
            o.waitingFor = names
        } else if o.answeredQuestions > 0, !assessed.isEmpty || top.contains(where: { $0.kind == .scope }),
           !assessed.contains(where: \.applicable) {
            // Scoping answered so that nothing else applies: the questionnaire does not apply, rather than "met".
            o.status = .notApplicable
            o.applicable = false
            o.hiddenReason = "no part applies under the current scope"
        }
        overall = o
        var dv: [String: ExpressionValue] = [:]
        for d in q.derived { dv[d.id] = engine.derivedValue(d.id) }
        derived = dv
        let idx = index
        orphanedAnswers = answers.keys.filter { idx.questions[$0] == nil }.sorted()
        gaps = ReferenceEvaluation.findGaps(q: q, index: idx, questions: qr, nodes: nr, measureOf: measureOf)
    }

    static func summarise(id: String, kind: NodeKind?, applicable: Bool, hiddenReason: String?, results: [QuestionResult],
                          children: [NodeResult], thresholds: Questionnaire.Thresholds, criticalCapsToNotMet: Bool,
                          waitsFor: [String]?) -> NodeResult {
        let app = applicable ? results.filter(\.applicable) : []
        let answered = app.filter(\.answered)
        var num = 0.0, den = 0.0
        for r in answered { if let s = r.score { num += r.weight * s; den += r.weight } }
        let required = app.filter { $0.isRequired }
        let requiredAnswered = required.filter(\.answered)
        let coverage: Double? = app.isEmpty ? nil
            : (required.isEmpty ? Double(answered.count) / Double(app.count) : Double(requiredAnswered.count) / Double(required.count))
        let naCount = answered.filter(\.notApplicable).count
        let capped = answered.filter(\.criticalFailure).map(\.id)
        let score: Double? = den > 0 ? num / den : nil
        var status: Status
        var reason = hiddenReason
        if !applicable, waitsFor != nil {
            status = .scopePending
        } else if !applicable {
            status = .notApplicable
        } else if app.isEmpty, results.contains(where: \.scopePending) {
            status = .scopePending
            reason = "no question applies until the scope is complete"
        } else if app.isEmpty {
            status = .notApplicable
            reason = reason ?? "no question applies under the current scope"
        } else if !answered.isEmpty && naCount == answered.count && (coverage ?? 0) >= 1 {
            status = .notApplicable
            reason = "every question was answered not applicable"
        } else if answered.isEmpty {
            status = .notStarted
        } else if !capped.isEmpty && criticalCapsToNotMet {
            status = .notMet
        } else if (coverage ?? 0) < 1 {
            status = .inProgress
        } else if let s = score {
            status = s >= thresholds.met ? .met : (s >= thresholds.partial ? .partiallyMet : .notMet)
        } else {
            status = .met
        }
        // Above a measure: a failing part anywhere below keeps the whole from reading as met.
        let failingBelow = children.contains { $0.status == .notMet || $0.containsNotMet }
        if status == .met, !criticalCapsToNotMet || !children.isEmpty, !capped.isEmpty || failingBelow {
            status = .partiallyMet
        }
        let blocked = answered.filter { $0.shortfall != nil }.map(\.id)
        if status == .met && !blocked.isEmpty { status = .partiallyMet }
        let shown = status != .notApplicable && status != .scopePending
        return NodeResult(id: id, kind: kind, applicable: shown, hiddenReason: shown ? nil : reason,
                          status: status, score: score, coverage: coverage, applicableQuestions: app.count,
                          answeredQuestions: answered.count, requiredQuestions: required.count,
                          requiredAnswered: requiredAnswered.count, notApplicableAnswers: naCount, scoredWeight: den,
                          cappedBy: capped, containsNotMet: failingBelow, blockedBy: blocked,
                          waitingFor: status == .scopePending ? (waitsFor ?? []) : [])
    }

    static func findGaps(q: Questionnaire, index: QuestionnaireIndex, questions: [String: QuestionResult],
                         nodes: [String: NodeResult], measureOf: [String: String]) -> [Gap] {
        var gaps: [Gap] = []
        var order: [String: Int] = [:]
        for (i, id) in index.questionOrder.enumerated() { order[id] = i }
        for id in index.questionOrder {
            guard let r = questions[id], r.applicable, r.answered, let s = r.score, s < 1 || r.contentMissing, let qu = index.questions[id] else { continue }
            gaps.append(Gap(kind: .question, id: id, number: qu.number, title: qu.text, measureID: measureOf[id], score: s,
                            weight: qu.weight, priority: r.contentMissing ? qu.weight : qu.weight * (1 - s), critical: qu.critical,
                            remediation: r.contentMissing ? "Write the item's content (or where it is documented) in its note." : qu.remediation))
        }
        var nodeOrder: [String: Int] = [:]
        q.walk { n, _ in
            nodeOrder[n.id] = nodeOrder.count
            guard n.kind == .measure, let r = nodes[n.id], r.status == .partiallyMet || r.status == .notMet else { return }
            let s = r.score ?? 0
            gaps.append(Gap(kind: .measure, id: n.id, number: n.number, title: n.title, measureID: n.id, score: s,
                            weight: r.scoredWeight, priority: r.scoredWeight * (1 - s), critical: !r.cappedBy.isEmpty,
                            remediation: nil))
        }
        return gaps.sorted { a, b in
            if a.priority != b.priority { return a.priority > b.priority }
            if a.critical != b.critical { return a.critical }
            if a.kind != b.kind { return a.kind == .measure }
            let oa = a.kind == .question ? (order[a.id] ?? 0) : (nodeOrder[a.id] ?? 0)
            let ob = b.kind == .question ? (order[b.id] ?? 0) : (nodeOrder[b.id] ?? 0)
            return oa < ob
        }
    }

    /// Lazy, memoised evaluation of visibility and values; cycles (which the validator
    /// rejects) read as hidden/null instead of recursing forever.
    struct Engine {
        let q: Questionnaire
        let index: QuestionnaireIndex
        let answers: [String: Answer]
        var visible: [String: Bool] = [:]
        var derivedCache: [String: ExpressionValue] = [:]
        var inProgress: Set<String> = []
        var unknownMemo: [String: Bool] = [:]
        var unknownBusy: Set<String> = []
        let derivedByID: [String: Questionnaire.DerivedValue]

        init(q: Questionnaire, index: QuestionnaireIndex, answers: [String: Answer]) {
            self.q = q; self.index = index; self.answers = answers
            derivedByID = Dictionary(q.derived.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        }

        mutating func evaluate(_ e: AssessmentCore.Expression) -> ExpressionValue {
            // Resolve every identifier first (memoised), then evaluate purely.
            var env: [String: ExpressionValue] = [:]
            var answeredEnv: [String: Bool] = [:]
            collect(e, &env, &answeredEnv)
            return ExpressionEvaluator(lookup: { env[$0] ?? .null }, isAnswered: { answeredEnv[$0] ?? false }).evaluate(e)
        }

        mutating func collect(_ e: AssessmentCore.Expression, _ env: inout [String: ExpressionValue], _ answeredEnv: inout [String: Bool]) {
            for (name, _) in e.identifiers where env[name] == nil {
                env[name] = value(of: name)
                answeredEnv[name] = env[name] != .null
            }
        }

        /// A question's value (null when hidden, unanswered, N/A or invalid) or a derived value.
        mutating func value(of name: String) -> ExpressionValue {
            if let qu = index.questions[name] {
                guard questionVisible(name), let a = answers[name], referenceIsAnswered(a), !a.notApplicable, let v = a.value,
                      AnswerInput.problem(with: v, for: qu) == nil else { return .null }
                return v.expressionValue
            }
            return derivedValue(name)
        }

        mutating func derivedValue(_ id: String) -> ExpressionValue {
            if let v = derivedCache[id] { return v }
            guard let d = derivedByID[id], !inProgress.contains(id) else { return .null }
            inProgress.insert(id)
            let v = evaluate(d.expression)
            inProgress.remove(id)
            derivedCache[id] = v
            return v
        }

        mutating func nodeVisible(_ id: String) -> Bool {
            if let v = visible[id] { return v }
            guard let n = index.nodes[id], !inProgress.contains(id) else { return false }
            inProgress.insert(id)
            let v = n.condition.map { evaluate($0).isTruthy } ?? true
            inProgress.remove(id)
            visible[id] = v
            return v
        }

        mutating func questionVisible(_ id: String) -> Bool {
            if let v = visible[id] { return v }
            guard let qu = index.questions[id], !inProgress.contains(id) else { return false }
            inProgress.insert(id)
            var v = true
            for nid in index.questionPath[id] ?? [] where !nodeVisible(nid) { v = false; break }
            if v, let c = qu.condition { v = evaluate(c).isTruthy }
            inProgress.remove(id)
            visible[id] = v
            return v
        }

        mutating func hiddenReason(_ id: String) -> String? {
            guard let qu = index.questions[id] else { return nil }
            for nid in (index.questionPath[id] ?? []).reversed() where !nodeVisible(nid) {
                let n = index.nodes[nid]!
                return n.conditionReason ?? "condition not met: \(n.conditionSource ?? "")"
            }
            if let c = qu.condition, !evaluate(c).isTruthy {
                return qu.conditionReason ?? "condition not met: \(qu.conditionSource ?? "")"
            }
            return nil
        }

        mutating func questionResult(_ id: String) -> QuestionResult {
            let qu = index.questions[id]!
            let vis = questionVisible(id)
            let a = answers[id]
            var invalid: String? = nil
            if let v = a?.value, !(a?.notApplicable ?? false) { invalid = AnswerInput.problem(with: v, for: qu) }
            if let a, a.notApplicable, !qu.allowNA { invalid = "N/A is not allowed for this question" }
            let answered = (a.map(referenceIsAnswered) ?? false) && invalid == nil
            let na = answered && (a?.notApplicable ?? false)
            var score: Double? = nil
            if vis, answered, !na, qu.isScored, let v = a?.value { score = Evaluation.score(v, qu) }
            let passMark = qu.criticalThreshold ?? qu.passAt ?? q.thresholds.critical
            var missing: [String] = []
            if qu.type == .multi, qu.requireAll, case let .choices(chosen)? = a?.value {
                let flagged = qu.options.filter { $0.required }
                let must = flagged.isEmpty ? qu.options.filter { !$0.exclusive && !$0.example } : flagged
                missing = must.map(\.value).filter { !chosen.contains($0) }
            }
            var failure = false
            var short: String? = nil
            if let sc = score {
                failure = qu.critical && (sc < passMark || !missing.isEmpty)
                if !missing.isEmpty {
                    short = (missing.count == 1 ? "mandatory option not ticked: " : "mandatory options not ticked: ") + missing.joined(separator: ", ")
                } else if failure {
                    short = "critical, below its pass mark \(formatNumber(passMark))"
                } else if let p = qu.passAt, sc < p - 1e-9 {
                    short = "below its pass mark \(formatNumber(p))"
                } else if let low = lowest(qu), low < 1, sc <= low + 1e-9 {
                    short = "at its lowest option"
                }
            }
            // A document item said to be written whose content (the note) is empty.
            var contentMissing = false
            if short == nil, vis, qu.noteIsContent, let sc = score, sc > (lowest(qu) ?? 0) + 1e-9,
               (a?.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                short = Evaluation.contentMissing
                contentMissing = true
            }
            var r = QuestionResult(id: id, applicable: vis, hiddenReason: vis ? nil : hiddenReason(id), answered: answered,
                                  notApplicable: na, score: score, weight: qu.weight, invalidAnswer: invalid,
                                  criticalFailure: failure, isRequired: qu.required)
            r.shortfall = short
            r.contentMissing = contentMissing
            if !vis {
                let conds = (index.questionPath[id] ?? []).map { index.nodes[$0]!.condition } + [qu.condition]
                let tris = conds.map { tri($0) }
                r.scopePending = !tris.contains(.no) && tris.contains(.unknown)
            }
            return r
        }

        /// The lowest score one option alone can give.
        func lowest(_ qu: Question) -> Double? {
            let total = qu.options.filter { !$0.exclusive }.compactMap(\.score).reduce(0, +)
            var best: Double? = nil
            for o in qu.options {
                let v: Double?
                switch qu.type {
                case .graded, .scale: v = o.score
                case .multi where qu.options.contains(where: { $0.score != nil }):
                    if o.exclusive { v = o.score ?? 0 } else {
                        switch qu.scoring {
                        case .sum: v = Swift.min(1, o.score ?? 0)
                        case .max: v = o.score ?? 0
                        case .fraction: v = total > 0 ? (o.score ?? 0) / total : nil
                        }
                    }
                default: v = nil
                }
                if let v { best = Swift.min(best ?? v, v) }
            }
            return best
        }

        // Three-valued truth for "waiting for scope": a scope question that is not answered and not
        // surely hidden is unknown, and so is anything computed from it.
        enum Tri { case yes, no, unknown }
        enum Val { case known(ExpressionValue), unknown }

        func isScope(_ id: String) -> Bool {
            guard let top = index.questionPath[id]?.last else { return false }
            return index.nodes[top]?.kind == .scope
        }

        mutating func unknown(_ name: String, depth: Int = 0) -> Bool {
            if let v = unknownMemo[name] { return v }
            // A name met again while being worked out (a cycle) reads as known.
            guard !unknownBusy.contains(name) else { return false }
            unknownBusy.insert(name)
            let v = unknownUncached(name, depth: depth)
            unknownBusy.remove(name)
            unknownMemo[name] = v
            return v
        }

        mutating func unknownUncached(_ name: String, depth: Int) -> Bool {
            if let qu = index.questions[name] {
                guard isScope(name), qu.required else { return false }
                if let a = answers[name], referenceIsAnswered(a) {
                    if a.notApplicable { return false }
                    if let v = a.value, AnswerInput.problem(with: v, for: qu) == nil { return false }
                }
                let conds = (index.questionPath[name] ?? []).map { index.nodes[$0]!.condition } + [qu.condition]
                return !conds.map { tri($0, depth: depth + 1) }.contains(.no)
            }
            if let d = derivedByID[name] {
                if case .unknown = val(d.expression, depth: depth + 1) { return true }
            }
            return false
        }

        mutating func tri(_ c: AssessmentCore.Expression?, depth: Int = 0) -> Tri {
            guard let c else { return .yes }
            switch val(c, depth: depth) {
            case let .known(v): return v.isTruthy ? .yes : .no
            case .unknown: return .unknown
            }
        }

        mutating func val(_ e: AssessmentCore.Expression, depth: Int) -> Val {
            let plain = ExpressionEvaluator(lookup: { _ in .null })
            switch e {
            case let .literal(v): return .known(v)
            case let .identifier(n, _): return unknown(n, depth: depth) ? .unknown : .known(value(of: n))
            case let .list(items):
                var vs: [ExpressionValue] = []
                for i in items { guard case let .known(v) = val(i, depth: depth) else { return .unknown }; vs.append(v) }
                return .known(.list(vs))
            case let .unary(op, x):
                guard case let .known(v) = val(x, depth: depth) else { return .unknown }
                return .known(plain.evaluate(.unary(op, .literal(v))))
            case let .call(name, args, column):
                switch name {
                case "answered":
                    if case let .identifier(n, _) = args[0], unknown(n, depth: depth) { return .unknown }
                    return .known(evaluate(e))
                case "coalesce":
                    guard case let .known(a) = val(args[0], depth: depth) else { return .unknown }
                    return a == .null ? val(args[1], depth: depth) : .known(a)
                default:
                    var lits: [AssessmentCore.Expression] = []
                    for x in args { guard case let .known(v) = val(x, depth: depth) else { return .unknown }; lits.append(.literal(v)) }
                    return .known(plain.evaluate(.call(name, lits, column: column)))
                }
            case let .binary(op, l, r):
                if op == .and || op == .or {
                    let lt = tri(l, depth: depth)
                    if op == .and {
                        if lt == .no { return .known(.bool(false)) }
                        let rt = tri(r, depth: depth)
                        if rt == .no { return .known(.bool(false)) }
                        return lt == .yes && rt == .yes ? .known(.bool(true)) : .unknown
                    }
                    if lt == .yes { return .known(.bool(true)) }
                    let rt = tri(r, depth: depth)
                    if rt == .yes { return .known(.bool(true)) }
                    return lt == .no && rt == .no ? .known(.bool(false)) : .unknown
                }
                guard case let .known(a) = val(l, depth: depth), case let .known(b) = val(r, depth: depth) else { return .unknown }
                return .known(plain.evaluate(.binary(op, .literal(a), .literal(b))))
            }
        }

        /// The unknown scope questions a condition reads, through derived values too.
        mutating func unknownInputs(_ e: AssessmentCore.Expression, into names: inout Set<String>, depth: Int = 0) {
            guard depth < 40 else { return }
            for (n, _) in e.identifiers {
                if index.questions[n] != nil { if unknown(n) { names.insert(n) } }
                else if let d = derivedByID[n] { unknownInputs(d.expression, into: &names, depth: depth + 1) }
            }
        }
    }

}

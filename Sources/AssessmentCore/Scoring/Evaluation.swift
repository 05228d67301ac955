import FoundationEssentials

/// The result of scoring one session against its questionnaire: a pure, deterministic
/// function of (questionnaire, answers). See docs/scoring.md for the rules.
public struct Evaluation: Sendable {
    public struct QuestionResult: Sendable, Equatable {
        public var id: String
        public var applicable: Bool
        /// Why it is hidden, when not applicable.
        public var hiddenReason: String?
        public var answered: Bool
        public var notApplicable: Bool
        /// Score in [0, 1] when scored, applicable, answered and not N/A.
        public var score: Double?
        public var weight: Double
        /// A stored answer that no longer fits the question (kept, not counted).
        public var invalidAnswer: String?
        /// Critical question below its pass mark, or missing a mandatory option.
        public var criticalFailure: Bool
        public var isRequired: Bool
        /// Why this answer keeps its measure from reading met (lowest option, below `passAt`,
        /// mandatory options missing); nil when it does not.
        public var shortfall: String? = nil
        /// A `noteIsContent` question answered above its lowest option without a note.
        public var contentMissing: Bool = false
        /// Hidden, but only until scope questions it depends on are answered.
        public var scopePending: Bool = false
    }

    public struct NodeResult: Sendable, Equatable {
        public var id: String
        /// nil for the overall result, which is the whole questionnaire, not a node.
        public var kind: NodeKind?
        public var applicable: Bool
        public var hiddenReason: String?
        public var status: Status
        public var score: Double?
        /// Answered / applicable required questions (0…1); nil when nothing applies.
        public var coverage: Double?
        public var applicableQuestions: Int
        public var answeredQuestions: Int
        public var requiredQuestions: Int
        public var requiredAnswered: Int
        public var notApplicableAnswers: Int
        /// Σ weight of the questions that made the score.
        public var scoredWeight: Double
        /// Critical questions that cap this node.
        public var cappedBy: [String]
        /// Some measure (or other node) at or below this one is not met.
        public var containsNotMet: Bool
        /// Answered questions below this node whose `shortfall` keeps it from reading met.
        public var blockedBy: [String] = []
        /// For status `scopePending`: the unanswered scope questions it waits for.
        public var waitingFor: [String] = []
    }

    public struct Gap: Sendable, Equatable {
        public enum Kind: String, Sendable { case question, measure }
        public var kind: Kind
        public var id: String
        public var number: String?
        public var title: String
        /// The measure the gap belongs to (itself for a measure gap).
        public var measureID: String?
        public var score: Double
        public var weight: Double
        /// weight × (1 − score)
        public var priority: Double
        public var critical: Bool
        public var remediation: String?
    }

    public let questionnaire: Questionnaire
    public let index: QuestionnaireIndex
    public var questions: [String: QuestionResult]
    public var nodes: [String: NodeResult]
    public var overall: NodeResult
    public var derived: [String: ExpressionValue]
    public var gaps: [Gap]
    /// Answers whose question no longer exists in the questionnaire (kept in the session).
    public var orphanedAnswers: [String]

    public init(questionnaire q: Questionnaire, session: Session) {
        self.init(questionnaire: q, answers: session.answers)
    }

    public init(questionnaire q: Questionnaire, answers: [String: Answer]) {
        questionnaire = q
        index = q.index
        var engine = Engine(q: q, index: index, answers: answers)
        // Results in document order: every node's questions (its own, then its children's) are one
        // contiguous range of this array, so a node is summarised from a range, not a copied list.
        let order = index.questionOrder
        var ordered: [QuestionResult] = []
        ordered.reserveCapacity(order.count)
        var qr: [String: QuestionResult] = [:]
        qr.reserveCapacity(order.count)
        for (k, id) in order.enumerated() {
            let r = engine.questionResult(at: k, id)
            ordered.append(r)
            qr[id] = r
        }
        questions = qr
        let tree = index.tree
        var nr: [String: NodeResult] = [:]
        nr.reserveCapacity(tree.count)
        // Each question's measure (else its node) as a position in `tree`.
        var measureOf = [Int](repeating: 0, count: ordered.count)
        // What findGaps needs of each measure, by position in `tree`.
        var measureFacts = [MeasureFacts?](repeating: nil, count: tree.count)
        var pos = 0
        // Walks the index's flattened tree by position: a `Node` is never copied on the way.
        func aggregate(_ t: Int, ancestorsApplicable: Bool, reason: String?, measure: Int?) -> (Range<Int>, NodeResult) {
            let box = tree[t]
            let own = engine.nodeVisible(number: box.number)
            let applicable = ancestorsApplicable && own
            let why = reason ?? (own ? nil : (box.node.conditionReason ?? "condition not met: \(box.node.conditionSource ?? "")"))
            let m = measure ?? (box.node.kind == .measure ? t : nil)
            let start = pos
            for _ in 0..<box.node.questions.count { measureOf[pos] = m ?? t; pos += 1 }
            var childResults: [NodeResult] = []
            childResults.reserveCapacity(box.children.count)
            for c in box.children {
                childResults.append(aggregate(c, ancestorsApplicable: applicable, reason: why, measure: m).1)
            }
            let capsHere = m != nil || box.children.isEmpty
            let pending = applicable ? nil : engine.pendingScope(node: box.node.id)
            let result = Evaluation.summarise(id: box.node.id, kind: box.node.kind, applicable: applicable, hiddenReason: why,
                                              results: ordered[start..<pos], ownQuestions: box.node.questions.count,
                                              children: childResults, thresholds: q.thresholds,
                                              criticalCapsToNotMet: capsHere, pendingScope: pending)
            nr[box.node.id] = result
            if box.node.kind == .measure { measureFacts[t] = MeasureFacts(result) }
            return (start..<pos, result)
        }
        var assessedCount = 0
        var assessedApplicable = false
        var top: [NodeResult] = []
        for t in index.treeRoots {
            let (r, result) = aggregate(t, ancestorsApplicable: true, reason: nil, measure: nil)
            if tree[t].node.kind != .scope {
                assessedCount += r.count
                if !assessedApplicable { assessedApplicable = ordered[r].contains(where: \.applicable) }
            }
            top.append(result)
        }
        nodes = nr
        var o = Evaluation.summarise(id: "overall", kind: nil, applicable: true, hiddenReason: nil, results: ordered[...],
                                     ownQuestions: 0, children: top, thresholds: q.thresholds, criticalCapsToNotMet: false)
        // Scope not finished: the verdict waits for it, unless the answers so far already rule every part out.
        let scopeOpen = engine.openScopeQuestions(ordered)
        let partPending = top.contains { $0.kind != .scope && $0.status == .scopePending }
        if partPending || (!scopeOpen.isEmpty && assessedApplicable) {
            o.status = .scopePending
            o.waitingFor = scopeOpen.isEmpty ? engine.pendingNames(in: q.nodes.filter { $0.kind != .scope }.map(\.id)) : scopeOpen
            o.hiddenReason = "the scope is not complete"
        } else if o.answeredQuestions > 0, assessedCount > 0 || top.contains(where: { $0.kind == .scope }),
           !assessedApplicable {
            // Scoping answered so that nothing else applies: the questionnaire does not apply, rather than "met".
            o.status = .notApplicable
            o.applicable = false
            o.hiddenReason = "no part applies under the current scope"
        }
        // A scope answer that must come first (e.g. a contradiction to resolve) holds the verdict.
        let held = Evaluation.heldBy(index: index, ordered: ordered, answers: answers)
        if !held.isEmpty { o.status = .scopePending; o.applicable = true; o.waitingFor = held.map(\.id); o.hiddenReason = held[0].reason }
        overall = o
        var dv: [String: ExpressionValue] = [:]
        for d in q.derived { dv[d.id] = engine.derivedValue(d.id) }
        derived = dv
        let idx = index
        // Every answer met its question on the way (ids unique): none can be orphaned, no look-ups needed.
        if engine.answersFound == answers.count && idx.questions.count == order.count {
            orphanedAnswers = []
        } else {
            orphanedAnswers = answers.keys.filter { !idx.questions.contains($0) }.sorted()
        }
        // With an id shared by two nodes (possible only in code), `nodes` holds the last one's result.
        if idx.nodes.count != tree.count { measureFacts = tree.map { $0.node.kind == .measure ? nr[$0.node.id].map(MeasureFacts.init) : nil } }
        gaps = Evaluation.findGaps(index: idx, ordered: ordered, measures: measureFacts, measureOf: measureOf)
    }

    /// `results`: the node's own questions (the first `ownQuestions`), then its children's, whose
    /// results are `children`. `pendingScope`: when the node is hidden only until these scope questions are answered.
    static func summarise(id: String, kind: NodeKind?, applicable: Bool, hiddenReason: String?, results: ArraySlice<QuestionResult>,
                          ownQuestions: Int, children: [NodeResult], thresholds: Questionnaire.Thresholds, criticalCapsToNotMet: Bool,
                          pendingScope: [String]? = nil) -> NodeResult {
        // One pass over the applicable questions (none when the node itself does not apply).
        var appCount = 0, answeredCount = 0, requiredCount = 0, requiredAnswered = 0, naCount = 0
        var num = 0.0, den = 0.0
        var capped: [String] = []
        var blocked: [String] = []
        var waiting = false
        if applicable {
            // Fields read in place: copying a result out (for r in results) retains each of its strings.
            results.withUnsafeBufferPointer { rs in
                // The node's own questions' caps and blocks are counted on the way, so that each list
                // below is allocated once.
                var ownCapped = 0, ownBlocked = 0
                for i in rs.indices {
                    guard rs[i].applicable else { waiting = waiting || rs[i].scopePending; continue }
                    appCount += 1
                    if rs[i].isRequired { requiredCount += 1; if rs[i].answered { requiredAnswered += 1 } }
                    guard rs[i].answered else { continue }
                    answeredCount += 1
                    if let s = rs[i].score { num += rs[i].weight * s; den += rs[i].weight }
                    if rs[i].notApplicable { naCount += 1 }
                    if i < ownQuestions {
                        if rs[i].criticalFailure { ownCapped += 1 }
                        if rs[i].shortfall != nil { ownBlocked += 1 }
                    }
                }
                // The node's own questions, then its children's as the children listed them: a child that
                // applies listed exactly its applicable questions, one that does not has none that apply.
                var cappedCount = ownCapped, blockedCount = ownBlocked
                // By index: `for c in children` copies each result (a retain per field).
                for j in children.indices { cappedCount += children[j].cappedBy.count; blockedCount += children[j].blockedBy.count }
                if cappedCount > 0 { capped.reserveCapacity(cappedCount) }
                if blockedCount > 0 { blocked.reserveCapacity(blockedCount) }
                for i in 0..<ownQuestions where rs[i].applicable && rs[i].answered {
                    if rs[i].criticalFailure { capped.append(rs[i].id) }
                    if rs[i].shortfall != nil { blocked.append(rs[i].id) }
                }
            }
            for j in children.indices {
                if !children[j].cappedBy.isEmpty { capped.append(contentsOf: children[j].cappedBy) }
                if !children[j].blockedBy.isEmpty { blocked.append(contentsOf: children[j].blockedBy) }
            }
        }
        let coverage: Double? = appCount == 0 ? nil
            : (requiredCount == 0 ? Double(answeredCount) / Double(appCount) : Double(requiredAnswered) / Double(requiredCount))
        let score: Double? = den > 0 ? num / den : nil
        var status: Status
        var reason = hiddenReason
        var waitingFor: [String] = []
        if !applicable, let names = pendingScope {
            status = .scopePending
            waitingFor = names
        } else if !applicable {
            status = .notApplicable
        } else if appCount == 0, waiting {
            status = .scopePending
            reason = "no question applies until the scope is complete"
        } else if appCount == 0 {
            status = .notApplicable
            reason = reason ?? "no question applies under the current scope"
        } else if answeredCount > 0 && naCount == answeredCount && (coverage ?? 0) >= 1 {
            status = .notApplicable
            reason = "every question was answered not applicable"
        } else if answeredCount == 0 {
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
        let failingBelow = children.indices.contains { children[$0].status == .notMet || children[$0].containsNotMet }
        if status == .met, !criticalCapsToNotMet || !children.isEmpty, !capped.isEmpty || failingBelow {
            status = .partiallyMet
        }
        // Weakest link: one answer short of what the Code asks keeps the node (and all above it) from met.
        if status == .met, !blocked.isEmpty { status = .partiallyMet }
        let hidden = status == .notApplicable || status == .scopePending
        return NodeResult(id: id, kind: kind, applicable: !hidden, hiddenReason: hidden ? reason : nil,
                          status: status, score: score, coverage: coverage, applicableQuestions: appCount,
                          answeredQuestions: answeredCount, requiredQuestions: requiredCount,
                          requiredAnswered: requiredAnswered, notApplicableAnswers: naCount, scoredWeight: den,
                          cappedBy: capped, containsNotMet: failingBelow, blockedBy: blocked, waitingFor: waitingFor)
    }

    /// A measure's result as far as gaps need it.
    struct MeasureFacts {
        var status: Status, score: Double?, scoredWeight: Double, capped: Bool
        init(_ r: NodeResult) { status = r.status; score = r.score; scoredWeight = r.scoredWeight; capped = !r.cappedBy.isEmpty }
    }

    /// `ordered` and `measureOf` (positions in `index.tree`) follow `index.questionOrder`; `measures`
    /// follows `index.tree`.
    static func findGaps(index: QuestionnaireIndex, ordered: [QuestionResult], measures facts: [MeasureFacts?], measureOf: [Int]) -> [Gap] {
        // Sort keys first, each gap built once in its place: priority (high first), critical first,
        // measures first, document order (a question's position, a measure's position in `tree`).
        // `slot`: the question's position, or the measure's place in `measures`.
        struct Key { var priority: Double; var order: Int32; var slot: Int32; var critical: Bool; var measure: Bool }
        var keys: [Key] = []
        var measures: [(score: Double, weight: Double)] = []
        let list = index.questionList
        let tree = index.tree
        for i in ordered.indices {
            guard ordered[i].applicable, ordered[i].answered, let s = ordered[i].score, s < 1 || ordered[i].contentMissing,
                  i < list.count else { continue }
            // Fields read through the box: binding `list[i].question` would copy the whole question.
            let w = list[i].question.weight
            // An item said to be written but empty counts as wholly missing.
            keys.append(Key(priority: ordered[i].contentMissing ? w : w * (1 - s), order: Int32(i), slot: Int32(i),
                            critical: list[i].question.critical, measure: false))
        }
        // The index's tree is in document order: a node's position there is its order.
        for nodeOrder in tree.indices {
            guard let r = facts[nodeOrder], r.status == .partiallyMet || r.status == .notMet else { continue }
            let s = r.score ?? 0
            keys.append(Key(priority: r.scoredWeight * (1 - s), order: Int32(nodeOrder), slot: Int32(measures.count),
                            critical: r.capped, measure: true))
            measures.append((s, r.scoredWeight))
        }
        // The same comparisons as sorting positions by these keys, so the same order.
        keys.sort { a, b in
            if a.priority != b.priority { return a.priority > b.priority }
            if a.critical != b.critical { return a.critical }
            if a.measure != b.measure { return a.measure }
            return a.order < b.order
        }
        var gaps: [Gap] = []
        gaps.reserveCapacity(keys.count)
        for k in keys {
            let i = Int(k.slot)
            if k.measure {
                let box = tree[Int(k.order)]
                gaps.append(Gap(kind: .measure, id: box.node.id, number: box.node.number, title: box.node.title, measureID: box.node.id,
                                score: measures[i].score, weight: measures[i].weight, priority: k.priority, critical: k.critical,
                                remediation: nil))
            } else {
                let box = list[i], missing = ordered[i].contentMissing
                gaps.append(Gap(kind: .question, id: ordered[i].id, number: box.question.number, title: box.question.text,
                                measureID: tree[measureOf[i]].node.id, score: ordered[i].score!, weight: box.question.weight,
                                priority: k.priority, critical: k.critical,
                                remediation: missing ? "Write the item's content (or where it is documented) in its note." : box.question.remediation))
            }
        }
        return gaps
    }

    /// Lazy, memoised evaluation of visibility and values; cycles (which the validator
    /// rejects) read as hidden/null instead of recursing forever.
    struct Engine {
        let q: Questionnaire
        let index: QuestionnaireIndex
        let answers: [String: Answer]
        var derivedCache: [String: ExpressionValue] = [:]
        /// Derived values being worked out (a cycle reads as null).
        var inProgress: Set<String> = []
        let derivedByID: [String: Questionnaire.DerivedValue]
        /// Where the lazy evaluation stands on one question's or node's visibility.
        enum Visibility: UInt8 {
            case unknown
            /// Being worked out: met again through a cycle, it reads as hidden.
            case working
            case hidden
            case shown
        }
        /// A node's own condition in three-valued logic, once worked out.
        enum Truth: UInt8 { case unknown, no, yes, undecided }

        /// Visibility of each question by position in `questionOrder`, and of each node by `index.nodeNumber`.
        var questionState: [Visibility]
        var nodeState: [Visibility]
        /// Questions whose answer `questionResult` found.
        var answersFound = 0
        /// `isPending` by name.
        var pendingCache: [String: Bool] = [:]
        var scopeOpenCache: Bool?
        /// `pendingScope`'s names by the innermost node with a condition on the path.
        var pendingNamesByNode: [Int: [String]] = [:]
        /// Three-valued truth of each node's own condition by node number.
        var nodeTri: [Truth] = []
        /// Why each node hides its questions, by node number (worked out once, shared by its questions).
        var nodeReason: [String?]
        var failText: (mark: Double, text: String)?
        /// Values of the names being evaluated (see `evaluate(_:names:)`).
        var resolved: [ExpressionValue] = []
        /// `value(of:)` of each question by position, once its visibility is settled.
        var questionValue: [ExpressionValue?]
        /// Whether each question's own condition held when its visibility was worked out (nil: not evaluated).
        var ownCondition: [Bool?]

        init(q: Questionnaire, index: QuestionnaireIndex, answers: [String: Answer]) {
            self.q = q; self.index = index; self.answers = answers
            derivedByID = Dictionary(q.derived.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            questionState = [Visibility](repeating: .unknown, count: index.questionOrder.count)
            nodeState = [Visibility](repeating: .unknown, count: index.nodeConditions.count)
            nodeTri = [Truth](repeating: .unknown, count: index.nodeConditions.count)
            nodeReason = [String?](repeating: nil, count: index.nodeConditions.count)
            questionValue = [ExpressionValue?](repeating: nil, count: index.questionOrder.count)
            ownCondition = [Bool?](repeating: nil, count: index.questionOrder.count)
        }

        /// `holds` for node number `n`'s own condition, memoised.
        mutating func nodeHolds(number n: Int) -> Bool? {
            switch nodeTri[n] {
            case .no: return false
            case .yes: return true
            case .undecided: return nil
            case .unknown: break
            }
            let v = holds(index.nodeConditions[n])
            nodeTri[n] = v.map { $0 ? .yes : .no } ?? .undecided
            return v
        }

        mutating func evaluate(_ e: Expression) -> ExpressionValue {
            let names = e.distinctNames
            return evaluate(e, names: names, targets: index.targets(names))
        }

        /// `names`: `e.distinctNames`, and `targets` what they are (see `QuestionnaireIndex.nodeConditionTargets`),
        /// worked out once per questionnaire for its conditions.
        mutating func evaluate(_ e: Expression, names: [String], targets: [Int]) -> ExpressionValue {
            // Resolve every identifier first, in source order (memoised), then evaluate purely.
            if names.count > 8 {
                var env: [String: ExpressionValue] = [:]
                var answeredEnv: [String: Bool] = [:]
                collect(e, &env, &answeredEnv)
                return ExpressionEvaluator(lookup: { env[$0] ?? .null }, isAnswered: { answeredEnv[$0] ?? false }).evaluate(e)
            }
            // Most conditions read one to three names: a short list is cheaper than two dictionaries. The
            // values go on a stack shared by all evaluations (resolving a name may evaluate another
            // expression, which pushes and pops above them), not into a new array each time.
            let base = resolved.count
            for (j, name) in names.enumerated() {
                let v = targets[j] >= 0 ? value(at: targets[j], name) : derivedValue(name)
                resolved.append(v)
            }
            defer { resolved.removeLast(names.count) }
            return resolved.withUnsafeBufferPointer { vs in
                ExpressionEvaluator.evaluate(e, lookup: { n in names.firstIndex(of: n).map { vs[base + $0] } ?? .null },
                                             isAnswered: { n in names.firstIndex(of: n).map { vs[base + $0] != .null } ?? false })
            }
        }

        mutating func collect(_ e: Expression, _ env: inout [String: ExpressionValue], _ answeredEnv: inout [String: Bool]) {
            for (name, _) in e.identifiers where env[name] == nil {
                env[name] = value(of: name)
                answeredEnv[name] = env[name] != .null
            }
        }

        /// A question's value (null when hidden, unanswered, N/A or invalid) or a derived value.
        mutating func value(of name: String) -> ExpressionValue {
            if let k = index.questionPosition[name] { return value(at: k, name) }
            return derivedValue(name)
        }

        /// `value(of: name)` for the question at position `k` (`index.questionPosition[name]`).
        mutating func value(at k: Int, _ name: String) -> ExpressionValue {
            if let v = questionValue[k] { return v }
            let v = questionValue(at: k, name)
            // Kept once its visibility is settled (not while a cycle is being worked out).
            if questionState[k] == .shown || questionState[k] == .hidden { questionValue[k] = v }
            return v
        }

        mutating func questionValue(at k: Int, _ name: String) -> ExpressionValue {
            guard questionVisible(at: k), let a = answers[name], a.isAnswered, !a.notApplicable, let v = a.value,
                  index.questionList[k].problem(with: v) == nil else { return .null }
            return v.expressionValue
        }

        mutating func derivedValue(_ id: String) -> ExpressionValue {
            if let v = derivedCache[id] { return v }
            // A chain deeper than the loader allows (it refuses such files) is cut, never a stack overflow.
            guard let d = derivedByID[id], !inProgress.contains(id), inProgress.count < QuestionnaireLoader.maxChainDepth * 2 else { return .null }
            inProgress.insert(id)
            let v = evaluate(d.expression)
            inProgress.remove(id)
            derivedCache[id] = v
            return v
        }

        mutating func nodeVisible(_ id: String) -> Bool {
            guard let n = index.nodeNumber[id] else { return false }
            return nodeVisible(number: n)
        }

        mutating func questionVisible(_ id: String) -> Bool {
            guard let k = index.questionPosition[id] else { return false }
            return questionVisible(at: k)
        }

        /// Whether node number `n` and its own condition let it show (ancestors are asked separately).
        mutating func nodeVisible(number n: Int) -> Bool {
            switch nodeState[n] {
            case .working, .hidden: return false
            case .shown: return true
            case .unknown: break
            }
            nodeState[n] = .working
            let v = index.nodeConditions[n].map {
                evaluate($0, names: index.nodeConditionNames[n], targets: index.nodeConditionTargets[n]).isTruthy
            } ?? true
            nodeState[n] = v ? .shown : .hidden
            return v
        }

        /// Whether the question at position `k` shows: every enclosing node and its own condition.
        mutating func questionVisible(at k: Int) -> Bool {
            switch questionState[k] {
            case .working, .hidden: return false
            case .shown: return true
            case .unknown: break
            }
            questionState[k] = .working
            var v = true
            // A node already shown is read in place (most are, after the first of their questions).
            for n in index.questionPathNumbers[k] where nodeState[n] != .shown && !nodeVisible(number: n) { v = false; break }
            if v, let c = index.questionList[k].question.condition {
                v = evaluate(c, names: index.questionList[k].conditionNames, targets: index.questionConditionTargets[k]).isTruthy
                ownCondition[k] = v
            }
            questionState[k] = v ? .shown : .hidden
            return v
        }

        // MARK: Scope still open (three-valued: a nil value means "depends on unanswered scope questions")

        /// Whether the question at position `k` sits in a top-level `scope` node.
        func isScopeQuestion(at k: Int) -> Bool {
            guard let top = index.questionPathList[k].last else { return false }
            return index.nodes[top]?.kind == .scope
        }

        /// A required scope question not validly answered whose visibility is not ruled out, or a derived
        /// value that reads one: its value is not known yet.
        mutating func isPending(_ name: String) -> Bool {
            if let v = pendingCache[name] { return v }
            pendingCache[name] = false  // a cycle reads as decided
            var v = false
            if let k = index.questionPosition[name] {
                // Optional scope questions may stay open for good: they read as they are.
                if isScopeQuestion(at: k), index.questionList[k].question.required {
                    let a = answers[name]
                    let done = a.map { $0.isAnswered && ($0.notApplicable || $0.value.map { AnswerInput.problem(with: $0, for: index.questionList[k].question) == nil } ?? false) } ?? false
                    v = !done && questionShows(at: k) != false
                }
            } else if let d = derivedByID[name] {
                v = kleene(d.expression) == nil
            }
            pendingCache[name] = v
            return v
        }

        /// Kleene evaluation: nil when the result depends on a pending value.
        mutating func kleene(_ e: Expression) -> ExpressionValue? {
            func plain(_ x: Expression) -> ExpressionValue { ExpressionEvaluator(lookup: { _ in .null }).evaluate(x) }
            switch e {
            case let .literal(v): return v
            case let .identifier(n, _): return isPending(n) ? nil : value(of: n)
            case let .list(items):
                var out: [ExpressionValue] = []
                for i in items { guard let v = kleene(i) else { return nil }; out.append(v) }
                return .list(out)
            case let .unary(op, x):
                guard let v = kleene(x) else { return nil }
                return plain(.unary(op, .literal(v)))
            case let .call(name, args, col):
                if name == "answered" {
                    if case let .identifier(n, _) = args.first, isPending(n) { return nil }
                    return evaluate(e)
                }
                if name == "coalesce", args.count == 2 {
                    guard let a = kleene(args[0]) else { return nil }
                    return a == .null ? kleene(args[1]) : a
                }
                var vs: [Expression] = []
                for x in args { guard let v = kleene(x) else { return nil }; vs.append(.literal(v)) }
                return plain(.call(name, vs, column: col))
            case let .binary(op, l, r):
                if op == .and || op == .or {
                    let decisive = op == .or
                    let a = kleene(l)
                    if let a, a.isTruthy == decisive { return .bool(decisive) }
                    let b = kleene(r)
                    if let b, b.isTruthy == decisive { return .bool(decisive) }
                    return a == nil || b == nil ? nil : .bool(!decisive)
                }
                guard let a = kleene(l), let b = kleene(r) else { return nil }
                return plain(.binary(op, .literal(a), .literal(b)))
            }
        }

        /// Three-valued truth of a condition (nil: undecided); no condition is true.
        mutating func holds(_ c: Expression?) -> Bool? {
            guard let c else { return true }
            return kleene(c).map(\.isTruthy)
        }

        /// Three-valued visibility of the question at position `k` (its nodes' and its own conditions).
        mutating func questionShows(at k: Int) -> Bool? {
            var result: Bool? = true
            for n in index.questionPathNumbers[k] {
                switch nodeHolds(number: n) {
                case false?: return false
                case nil: result = nil
                default: break
                }
            }
            switch holds(index.questionList[k].question.condition) {
            case false?: return false
            case nil: return nil
            default: return result
            }
        }

        /// For a hidden question: whether it is hidden only until scope questions are answered.
        mutating func questionPending(at k: Int) -> Bool { anyScopeOpen() && questionShows(at: k) == nil }

        /// Whether some required scope question is not validly answered: without one, nothing can be pending.
        mutating func anyScopeOpen() -> Bool {
            if let v = scopeOpenCache { return v }
            var open = false
            for n in q.nodes where n.kind == .scope && !open {
                for qu in n.questionsBelow where qu.required {
                    guard let a = answers[qu.id], a.isAnswered else { open = true; break }
                    if !a.notApplicable, let v = a.value, AnswerInput.problem(with: v, for: qu) != nil { open = true; break }
                }
            }
            scopeOpenCache = open
            return open
        }

        /// For a hidden node: the scope questions its applicability waits for, or nil when decided.
        mutating func pendingScope(node id: String) -> [String]? {
            guard anyScopeOpen() else { return nil }
            var undecided = false
            // The innermost node on the path with a condition: nodes below it without one read the same conditions.
            var innermost: Int? = nil
            for nid in index.nodePath[id] ?? [] {
                guard let n = index.nodeNumber[nid] else { continue }
                if innermost == nil, index.nodeConditions[n] != nil { innermost = n }
                switch nodeHolds(number: n) {
                case false?: return nil
                case nil: undecided = true
                default: break
                }
            }
            guard undecided else { return nil }
            // Those conditions alone decide the names (what they read is settled by now), so the names are
            // kept by that node; only when ids are unique, for then a node number stands for one path.
            guard let k = innermost, index.nodes.count == index.tree.count else { return pendingNames(in: [id]) }
            if let names = pendingNamesByNode[k] { return names }
            let names = pendingNames(in: [id])
            pendingNamesByNode[k] = names
            return names
        }

        /// Pending scope questions read (directly or through derived values) by the conditions on
        /// the paths to these nodes, in questionnaire order: those shown now, or all if none is.
        mutating func pendingNames(in nodeIDs: [String]) -> [String] {
            var seen = Set<String>()
            // With their positions, which are distinct: sorting by them needs no look-ups.
            var found: [(name: String, position: Int)] = []
            var work: [Expression] = []
            for id in nodeIDs { for nid in index.nodePath[id] ?? [] { if let c = index.nodes[nid]?.condition { work.append(c) } } }
            while let e = work.popLast() {
                for (name, _) in e.identifiers where seen.insert(name).inserted {
                    if let k = index.questionPosition[name] {
                        if isPending(name) { found.append((name, k)) }
                    } else if let d = derivedByID[name] {
                        work.append(d.expression)
                    }
                }
            }
            let all = found.sorted { $0.position < $1.position }.map(\.name)
            // Name the ones that can be answered now; those still hidden come with them.
            var shown: [String] = []
            for n in all where questionVisible(n) { shown.append(n) }
            return shown.isEmpty ? all : shown
        }

        /// Required scope questions that show and are not answered yet.
        func openScopeQuestions(_ ordered: [QuestionResult]) -> [String] {
            var out: [String] = []
            for n in q.nodes where n.kind == .scope {
                for qu in n.questionsBelow {
                    guard let k = index.questionPosition[qu.id], k < ordered.count else { continue }
                    let r = ordered[k]
                    if r.applicable && r.isRequired && !r.answered { out.append(r.id) }
                }
            }
            return out
        }

        /// Why the question at position `k` is hidden: its outermost hidden node, else its own condition.
        mutating func hiddenReason(at k: Int) -> String? {
            for n in index.questionPathNumbers[k].reversed() where !nodeVisible(number: n) {
                if let r = nodeReason[n] { return r }
                let node = index.nodeList[n]
                let r = node.conditionReason ?? "condition not met: \(node.conditionSource ?? "")"
                nodeReason[n] = r
                return r
            }
            let box = index.questionList[k]
            // The same evaluation questionVisible made (its inputs are memoised), unless it stopped at a node.
            if let c = box.question.condition,
               !(ownCondition[k] ?? evaluate(c, names: box.conditionNames, targets: index.questionConditionTargets[k]).isTruthy) {
                return box.hiddenReason
            }
            return nil
        }

        /// The shortfall of a critical question below pass mark `t`; most share one mark, so the last is kept.
        mutating func criticalFailureText(_ t: Double) -> String {
            if let f = failText, f.mark == t { return f.text }
            let text = "critical, below its pass mark \(formatNumber(t))"
            failText = (t, text)
            return text
        }

        /// The result for the question at position `k` of `questionOrder` (whose id is `id`).
        mutating func questionResult(at k: Int, _ id: String) -> QuestionResult {
            let vis = questionVisible(at: k)
            let why = vis ? nil : hiddenReason(at: k)
            // One look-up, and only the fields needed taken out: copying an `Answer?` around goes
            // through its type's generic copy, a few hundred instructions each time.
            var value: AnswerValue? = nil, note: String? = nil
            var markedNA = false, given = false
            if let a = answers[id] {
                answersFound += 1
                value = a.value; note = a.note; markedNA = a.notApplicable; given = a.isAnswered
            }
            let qu = index.questionList[k]
            var invalid: String? = nil
            if markedNA {
                if !qu.question.allowNA { invalid = "N/A is not allowed for this question" }
            } else if let v = value {
                invalid = qu.problem(with: v)
            }
            let answered = given && invalid == nil
            let na = answered && markedNA
            // What `value(at:)` would find, kept for the conditions that read it (visibility is settled here).
            let keep = index.questionIsRead[k] && questionValue[k] == nil
            var score: Double? = nil
            var failure = false
            var short: String? = nil
            // The value bound once: each binding of it is a retain and a release.
            if let v = value {
                if keep { questionValue[k] = vis && given && !markedNA && invalid == nil ? v.expressionValue : .null }
                if vis, answered, !na, qu.isScored { score = qu.score(v) }
                // Full marks without mandatory options can fall short of nothing: skip the work (and the copies).
                if let s = score, s < 1 - 1e-9 || qu.question.requireAll {
                    let threshold = qu.question.criticalThreshold ?? qu.question.passAt ?? q.thresholds.critical
                    let missing = Evaluation.missingMandatory(v, box: qu)
                    failure = qu.question.critical && (s < threshold || !missing.isEmpty)
                    short = Evaluation.shortfall(score: s, missing: missing, box: qu,
                                                 failing: failure && missing.isEmpty ? criticalFailureText(threshold) : nil)
                }
            } else if keep {
                questionValue[k] = .null
            }
            var contentMissing = false
            if short == nil, vis, qu.question.noteIsContent, let s = score, s > (qu.lowestScore ?? 0) + 1e-9,
               (note ?? "").allSatisfy(\.isWhitespace) {
                short = Evaluation.contentMissing
                contentMissing = true
            }
            // Built once, complete: changing a result after building it copied it on the way out.
            return QuestionResult(id: id, applicable: vis, hiddenReason: why, answered: answered,
                                  notApplicable: na, score: score, weight: qu.question.weight, invalidAnswer: invalid,
                                  criticalFailure: failure, isRequired: qu.question.required, shortfall: short,
                                  contentMissing: contentMissing, scopePending: vis ? false : questionPending(at: k))
        }
    }

    /// The shortfall of a document item said to be written but whose content (the note) is empty.
    public static let contentMissing = "content missing: the note on this item is its content in the document"

    /// Mandatory options (`requireAll`) that the answer does not tick, in questionnaire order.
    public static func missingMandatory(_ v: AnswerValue, _ q: Question) -> [String] {
        let must = q.mandatoryOptions
        guard !must.isEmpty else { return [] }
        guard case let .choices(chosen) = v else { return must.map(\.value) }
        return must.map(\.value).filter { !chosen.contains($0) }
    }

    static func missingMandatory(_ v: AnswerValue, box: QuestionBox) -> [String] {
        guard box.question.requireAll else { return [] }
        return missingMandatory(v, box.question)
    }

    /// Why a scored answer keeps its measure from reading met, or nil. `failing`: the reason of a
    /// critical question that failed (`Engine.criticalFailureText`).
    static func shortfall(score s: Double, missing: [String], box: QuestionBox, failing: String?) -> String? {
        if !missing.isEmpty { return "mandatory option\(missing.count == 1 ? "" : "s") not ticked: " + missing.joined(separator: ", ") }
        if let t = failing { return t }
        if let p = box.question.passAt, s < p - 1e-9 { return "below its pass mark \(formatNumber(p))" }
        // Only an answer below full marks can be at the lowest option (worked out only then).
        if s < 1 - 1e-9, let low = box.lowestScore, low < 1, s <= low + 1e-9 { return "at its lowest option" }
        return nil
    }

    /// Score of one answer value in [0, 1].
    public static func score(_ v: AnswerValue, _ q: Question) -> Double? {
        switch (q.type, v) {
        case let (.graded, .text(s)), let (.scale, .text(s)):
            return q.option(s)?.score
        case let (.multi, .choices(chosen)):
            // The chosen options' first exclusive one, the sum of their scores and the largest (the first
            // of equal ones), in one pass without lists: a question's lowest score asks this of every option.
            var exclusive: AnswerOption?, sum = 0.0, largest: Double?
            for c in chosen {
                guard let o = q.option(c) else { continue }
                if o.exclusive, exclusive == nil { exclusive = o }
                if let s = o.score {
                    sum += s
                    if let l = largest { if l < s { largest = s } } else { largest = s }
                }
            }
            if let ex = exclusive { return ex.score ?? 0 }
            switch q.scoring {
            case .sum: return min(1, sum)
            case .max: return largest ?? 0
            case .fraction:
                var total = 0.0
                for o in q.options where !o.exclusive { if let s = o.score { total += s } }
                return total > 0 ? sum / total : nil
            }
        // Every other pairing is unscored; named type by type, so that a new type must be decided here.
        case (.graded, _), (.scale, _), (.multi, _), (.choice, _), (.text, _), (.number, _), (.date, _):
            return nil
        }
    }
}

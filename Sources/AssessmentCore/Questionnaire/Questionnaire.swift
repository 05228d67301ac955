import FoundationEssentials
import Synchronization

/// A questionnaire as loaded from a file in `Questionnaires/`. See docs/questionnaire-format.md.
public struct Questionnaire: Sendable, Equatable {
    public static let formatVersion = 1

    public var id: String
    public var title: String
    public var version: String
    public var language: String
    public var source: Source
    public var description: String?
    public var thresholds: Thresholds
    public var derived: [DerivedValue]
    public var nodes: [Node] { didSet { indexCache = IndexCache() } }
    /// How answers given under older versions carry over (see `Migration`).
    public var migrations: [Migration] = []
    /// SHA-256 of the file's bytes, lowercase hex; sessions record it to notice edits.
    public var digest: String
    /// Where it was loaded from, if from a file.
    public var path: String?
    /// `index`, built on first use and shared by copies until `nodes` changes.
    private var indexCache = IndexCache()

    public init(id: String, title: String, version: String, language: String = "en", source: Source = Source(),
                description: String? = nil, thresholds: Thresholds = Thresholds(), derived: [DerivedValue] = [],
                nodes: [Node], digest: String = "", path: String? = nil) {
        self.id = id; self.title = title; self.version = version; self.language = language
        self.source = source; self.description = description; self.thresholds = thresholds
        self.derived = derived; self.nodes = nodes; self.digest = digest; self.path = path
    }

    public struct Source: Sendable, Equatable {
        public var document: String
        public var date: String?
        public var url: String?
        public init(document: String = "", date: String? = nil, url: String? = nil) {
            self.document = document; self.date = date; self.url = url
        }
    }

    /// Status thresholds on a score in [0, 1]. Defaults: met ≥ 0.85, partially met ≥ 0.5;
    /// a critical question scoring below `critical` caps its measure at "not met".
    public struct Thresholds: Sendable, Equatable {
        public var met: Double
        public var partial: Double
        public var critical: Double
        public init(met: Double = 0.85, partial: Double = 0.5, critical: Double = 0.5) {
            self.met = met; self.partial = partial; self.critical = critical
        }
    }

    public struct DerivedValue: Sendable, Equatable {
        public var id: String
        public var label: String
        public var unit: String?
        public var expression: Expression
        public var expressionSource: String
    }
}

public struct Node: Sendable, Equatable {
    public var id: String
    public var kind: NodeKind
    public var number: String?
    public var title: String
    /// A shorter title for labels outside the tree, e.g. "Safety & Security"; defaults to `title`.
    public var shortTitle: String?
    /// One or two letters naming a chapter in tight places, e.g. "S" in "S7.7".
    public var abbreviation: String?
    public var guidance: String?
    /// What the Code asks of this node, one obligation per line, paraphrased.
    public var requirements: [String] = []
    public var references: [String]
    public var condition: Expression?
    public var conditionSource: String?
    /// Shown when the condition hides this node, e.g. "Only for models with systemic risk".
    public var conditionReason: String?
    public var children: [Node]
    public var questions: [Question]

    public init(id: String, kind: NodeKind, number: String? = nil, title: String, guidance: String? = nil,
                references: [String] = [], condition: String? = nil, conditionReason: String? = nil,
                children: [Node] = [], questions: [Question] = []) {
        self.id = id; self.kind = kind; self.number = number; self.title = title; self.guidance = guidance
        self.references = references
        self.conditionSource = condition
        self.condition = condition.flatMap { try? ExpressionParser.parse($0) }
        self.conditionReason = conditionReason
        self.children = children; self.questions = questions
    }

    /// Every stored field as it is, the condition already parsed: how the loader and the questionnaire
    /// cache build nodes.
    public init(id: String, kind: NodeKind, number: String?, title: String, shortTitle: String?, abbreviation: String?,
                guidance: String?, requirements: [String], references: [String], condition: Expression?, conditionSource: String?,
                conditionReason: String?, children: [Node], questions: [Question]) {
        self.id = id; self.kind = kind; self.number = number; self.title = title; self.shortTitle = shortTitle
        self.abbreviation = abbreviation; self.guidance = guidance; self.requirements = requirements; self.references = references
        self.condition = condition; self.conditionSource = conditionSource; self.conditionReason = conditionReason
        self.children = children; self.questions = questions
    }

    /// Every question of this node and its descendants, in document order.
    public var questionsBelow: [Question] {
        var out = questions
        for c in children { out += c.questionsBelow }
        return out
    }

    /// "Measure 1.2 Providing information" style label.
    public var displayName: String {
        if let n = number, !n.isEmpty { return "\(n) \(title)" }
        return title
    }
}

/// Guidance shown instead of a question's own when `when` holds under the current answers.
public struct GuidanceVariant: Sendable, Equatable {
    public var when: Expression
    public var whenSource: String
    public var guidance: String
    public init(when: Expression, whenSource: String, guidance: String) {
        self.when = when; self.whenSource = whenSource; self.guidance = guidance
    }
}

public enum QuestionType: String, Sendable, CaseIterable {
    /// Single choice whose options carry scores (yes / partly / no).
    case graded
    /// Single choice without scores (used for scoping).
    case choice
    /// Several options; scored by `scoring` when options carry scores.
    case multi
    /// Maturity scale: ordered levels with labels and scores.
    case scale
    case text
    case number
    case date
}

public enum MultiScoring: String, Sendable, CaseIterable {
    /// Sum of the chosen options' scores, capped at 1.
    case sum
    /// Highest score among the chosen options.
    case max
    /// Share of the scored options that were chosen.
    case fraction
}

public struct AnswerOption: Sendable, Equatable {
    public var value: String
    public var label: String
    public var score: Double?
    public var description: String?
    /// Chosen alone ("none of these"); clears the others.
    public var exclusive: Bool
    /// Must be ticked when the question has `requireAll`.
    public var required: Bool
    /// An example or encouragement, not a requirement: carries no score and is never mandatory.
    public var example: Bool
    /// With a question that `holdsVerdict`: choosing this option keeps the verdict held.
    public var holdsVerdict: Bool = false
    public init(value: String, label: String, score: Double? = nil, description: String? = nil, exclusive: Bool = false,
                required: Bool = false, example: Bool = false) {
        self.value = value; self.label = label; self.score = score; self.description = description; self.exclusive = exclusive
        self.required = required; self.example = example
    }
}

public struct Question: Sendable, Equatable {
    public var id: String
    public var type: QuestionType
    public var number: String?
    public var text: String
    public var guidance: String?
    public var references: [String]
    public var options: [AnswerOption]
    public var scoring: MultiScoring
    public var weight: Double
    public var required: Bool
    public var allowNA: Bool
    public var critical: Bool
    /// Overrides the questionnaire's critical threshold for this question (older name of `passAt`).
    public var criticalThreshold: Double?
    /// The score the question must reach to count as satisfied; below it the question keeps its
    /// measure from reading met (and, if critical, fails).
    public var passAt: Double?
    /// Multi only: every mandatory option (see `mandatoryOptions`) must be ticked to pass.
    public var requireAll: Bool
    /// The answer's note is the content of a document item (e.g. a Model Documentation Form field):
    /// an answer above the lowest option with no note falls short ("content missing") and is a gap.
    public var noteIsContent: Bool = false
    /// While this question shows and is unanswered (or answered with an option that `holdsVerdict`),
    /// the overall status is `scopePending`, whatever the other answers decide (e.g. a contradiction
    /// in the scope that must be resolved before "not applicable" can be believed).
    public var holdsVerdict: Bool = false
    /// Guidance that replaces `guidance` when its condition holds (the first that holds wins), e.g.
    /// for downstream modifiers, who answer some questions for their modification only.
    public var guidanceVariants: [GuidanceVariant] = []
    public var remediation: String?
    public var condition: Expression?
    public var conditionSource: String?
    public var conditionReason: String?
    public var unit: String?
    public var min: Double?
    public var max: Double?
    /// Optional evidence prompt: what document would prove the answer.
    public var evidenceHint: String?

    public init(id: String, type: QuestionType, number: String? = nil, text: String, guidance: String? = nil,
                references: [String] = [], options: [AnswerOption] = [], scoring: MultiScoring = .sum,
                weight: Double = 1, required: Bool = true, allowNA: Bool = false, critical: Bool = false,
                criticalThreshold: Double? = nil, remediation: String? = nil, condition: String? = nil,
                conditionReason: String? = nil, unit: String? = nil, min: Double? = nil, max: Double? = nil,
                evidenceHint: String? = nil, passAt: Double? = nil, requireAll: Bool = false) {
        self.id = id; self.type = type; self.number = number; self.text = text; self.guidance = guidance
        self.references = references; self.options = options; self.scoring = scoring; self.weight = weight
        self.required = required; self.allowNA = allowNA; self.critical = critical
        self.criticalThreshold = criticalThreshold; self.remediation = remediation
        self.conditionSource = condition
        self.condition = condition.flatMap { try? ExpressionParser.parse($0) }
        self.conditionReason = conditionReason
        self.unit = unit; self.min = min; self.max = max; self.evidenceHint = evidenceHint
        self.passAt = passAt; self.requireAll = requireAll
    }

    /// Whether answers to this question contribute to scores (not only to completeness).
    public var isScored: Bool {
        switch type {
        case .graded, .scale: return true
        case .multi: return options.contains { $0.score != nil }
        case .choice, .text, .number, .date: return false
        }
    }

    public func option(_ value: String) -> AnswerOption? { options.first { $0.value == value } }

    /// With `requireAll`: the options flagged `required`, or, if none is, every option that is
    /// neither exclusive nor an example. Empty without `requireAll`.
    public var mandatoryOptions: [AnswerOption] {
        guard requireAll, type == .multi else { return [] }
        let flagged = options.filter(\.required)
        return flagged.isEmpty ? options.filter { !$0.exclusive && !$0.example } : flagged
    }

    /// The lowest score a single answer can give (one option chosen alone); nil when unscored.
    public var lowestScore: Double? {
        guard isScored else { return nil }
        // `min()` of the options' scores (in order, the first of equal ones), without building the list:
        // every question's is worked out when a questionnaire's index is built.
        var low: Double?
        for o in options {
            guard let s = type == .multi ? Evaluation.score(.choices([o.value]), self) : o.score else { continue }
            if let l = low { if s < l { low = s } } else { low = s }
        }
        return low
    }

    /// What one option is worth, for display: "1 of 7" for equal shares of a multi question,
    /// "+14%" for unequal ones, "example" for examples, nil for single-choice or unscored options.
    public func optionWorth(_ o: AnswerOption) -> String? {
        guard type == .multi else { return nil }
        if o.example { return "example" }
        guard !o.exclusive, let sc = o.score else { return nil }
        let shares = options.filter { !$0.exclusive && !$0.example }.compactMap(\.score)
        if scoring == .max { return nil }
        let total = shares.reduce(0, +)
        if let first = shares.first, first > 0, shares.allSatisfy({ abs($0 - first) < 1e-9 }),
           scoring == .fraction || abs(total - 1) < 1e-6 {
            return "1 of \(shares.count)"
        }
        let worth = scoring == .fraction ? sc / Swift.max(total, 1e-9) : sc
        return "+\(Int((worth * 100).rounded()))%"
    }
}

extension Questionnaire {
    /// Depth-first walk over every node with its ancestors.
    public func walk(_ visit: (_ node: Node, _ ancestors: [Node]) -> Void) {
        func go(_ n: Node, _ path: [Node]) {
            visit(n, path)
            for c in n.children { go(c, path + [n]) }
        }
        for n in nodes { go(n, []) }
    }

    /// Every node in document order with its parent's id: `walk` without building each node's
    /// list of ancestors (copies of whole nodes).
    public func forEachNode(_ visit: (_ node: Node, _ parent: String?) -> Void) {
        func go(_ n: Node, _ parent: String?) {
            visit(n, parent)
            for c in n.children { go(c, n.id) }
        }
        for n in nodes { go(n, nil) }
    }

    /// Every question in document order.
    public var allQuestions: [Question] {
        var out: [Question] = []
        walk { n, _ in out.append(contentsOf: n.questions) }
        return out
    }

    public func question(_ id: String) -> Question? { index.questions[id] }
    public func node(_ id: String) -> Node? { index.nodes[id] }

    /// Look-ups by id. Built once per questionnaire (scoring asks for it on every evaluation).
    public var index: QuestionnaireIndex { indexCache.get { QuestionnaireIndex(self) } }
}

/// A question behind a reference: passing `box.question` on to a function borrows it, where
/// passing an element of an array or buffer copies every field (a retain each) first.
final class QuestionBox: Sendable {
    let question: Question
    /// `question.lowestScore`, worked out once.
    let lowestScore: Double?
    /// `question.isScored`, and the options' values, scores and exclusivity, for scoring without
    /// copying an `AnswerOption` (a retain per field) at each comparison.
    let isScored: Bool
    let optionValues: [String]
    let optionScores: [Double?]
    let optionExclusive: [Bool]
    /// The denominator of a `fraction` multi question, summed as `Evaluation.score` sums it.
    let fractionTotal: Double
    /// The names its condition reads (`Expression.distinctNames`).
    let conditionNames: [String]
    /// Why its own condition hides it (its `conditionReason`, else the condition quoted).
    let hiddenReason: String?

    init(_ q: Question) {
        question = q; lowestScore = q.lowestScore; isScored = q.isScored
        optionValues = q.options.map(\.value)
        optionScores = q.options.map(\.score)
        optionExclusive = q.options.map(\.exclusive)
        // As `filter`, `compactMap` and `reduce(0, +)` sum it (same order), without their lists.
        var total = 0.0
        for o in q.options where !o.exclusive { if let s = o.score { total += s } }
        fractionTotal = total
        conditionNames = q.condition?.distinctNames ?? []
        hiddenReason = q.condition == nil ? nil : (q.conditionReason ?? "condition not met: \(q.conditionSource ?? "")")
    }
}

/// A node behind a reference, in `QuestionnaireIndex.tree`: walks read it without copying the `Node`
/// (a retain per field) at every step.
final class NodeBox: Sendable {
    let node: Node
    /// Its number in `QuestionnaireIndex.nodeNumber`.
    let number: Int
    /// Its children's positions in `tree`.
    let children: [Int]
    init(_ n: Node, number: Int, children: [Int]) { node = n; self.number = number; self.children = children }
}

/// Holds a questionnaire's index; equal to any other, so that it does not take part in `==`.
final class IndexCache: Sendable, Equatable {
    private let value = Mutex<QuestionnaireIndex?>(nil)

    func get(_ make: () -> QuestionnaireIndex) -> QuestionnaireIndex {
        value.withLock { value in
            if let v = value { return v }
            let v = make()
            value = v
            return v
        }
    }

    static func == (a: IndexCache, b: IndexCache) -> Bool { true }
}

/// Look-ups by id, built once per use site.
public struct QuestionnaireIndex: Sendable {
    /// By id, as a dictionary reads (of repeated ids the last wins). Each is a view of the lists
    /// below through the one table of positions per kind of id: building the index hashes an id once
    /// and stores a question or node once (four dictionaries of copies had been a third of the index).
    public var questions: Questions { Questions(position: questionPosition, boxes: questionList) }
    public var nodes: Nodes { Nodes(number: nodeNumber, nodes: nodeList) }
    /// Question id → ids of its node and the node's ancestors, innermost first.
    public var questionPath: Paths { Paths(position: questionPosition, paths: questionPathList) }
    public var nodePath: Paths { Paths(position: nodeNumber, paths: nodePathList) }
    public var questionOrder: [String] = []
    /// The questions in `questionOrder`, and each one's node path (as `questionPath`), for
    /// look-ups by position without copying a `Question` out of a dictionary.
    var questionList: [QuestionBox] = []
    var questionPathList: [[String]] = []
    /// Question id → its (last) position in `questionOrder`.
    var questionPosition: [String: Int] = [:]
    /// Node id → a number for it (0, 1, … in document order), each node's condition by that number,
    /// and the numbers of each question's node path (as `questionPathList`).
    var nodeNumber: [String: Int] = [:]
    var nodeConditions: [Expression?] = []
    /// The names each node's condition reads (`Expression.distinctNames`), by node number.
    var nodeConditionNames: [[String]] = []
    /// What those names are, by node number and by question position: a question's position, or -1
    /// (a derived value or unknown), so that evaluating a condition looks no name up.
    var nodeConditionTargets: [[Int]] = []
    var questionConditionTargets: [[Int]] = []
    /// Whether a condition or derived value reads the question at each position.
    var questionIsRead: [Bool] = []
    var questionPathNumbers: [[Int]] = []
    /// Every node in document order (a parent before its children), and the positions of the top-level ones.
    var tree: [NodeBox] = []
    var treeRoots: [Int] = []
    /// Each node by its number (the last of a repeated id), and its path (as `nodePath`).
    var nodeList: [Node] = []
    var nodePathList: [[String]] = []
    /// Positions of the scope questions that can hold the verdict (`holdsVerdict`), in document order.
    var verdictHolders: [Int] = []

    /// What each name is: a question's position, or -1 (a derived value, or unknown).
    func targets(_ names: [String]) -> [Int] { names.map { questionPosition[$0] ?? -1 } }

    public init(_ q: Questionnaire) {
        // One pass carrying the ids of the ancestors only (`walk` copies every ancestor `Node`: a third
        // of opening a session went into that).
        func visit(_ n: Node, _ parentPath: [String], _ index: inout QuestionnaireIndex) {
            var path = [n.id]
            path.append(contentsOf: parentPath)
            if let k = index.nodeNumber[n.id] {
                index.nodeList[k] = n
                index.nodePathList[k] = path
            } else {
                index.nodeNumber[n.id] = index.nodeList.count
                index.nodeList.append(n)
                index.nodePathList.append(path)
            }
            for qu in n.questions {
                index.questionPosition[qu.id] = index.questionOrder.count
                index.questionOrder.append(qu.id)
                index.questionList.append(QuestionBox(qu))
                index.questionPathList.append(path)
            }
            for c in n.children { visit(c, path, &index) }
        }
        // Sized once: growing a dictionary of `Question`s copies them all at each doubling, and the
        // pages it touches were a tenth of the first frame's page faults.
        var nodeCount = 0, questionCount = 0
        func count(_ n: Node) { nodeCount += 1; questionCount += n.questions.count; for c in n.children { count(c) } }
        for n in q.nodes { count(n) }
        nodeNumber.reserveCapacity(nodeCount); nodeList.reserveCapacity(nodeCount); nodePathList.reserveCapacity(nodeCount)
        questionPosition.reserveCapacity(questionCount); questionOrder.reserveCapacity(questionCount)
        questionList.reserveCapacity(questionCount); questionPathList.reserveCapacity(questionCount)
        for n in q.nodes { visit(n, [], &self) }
        for n in q.nodes where n.kind == .scope {
            for qu in n.questionsBelow where qu.holdsVerdict { if let k = questionPosition[qu.id] { verdictHolders.append(k) } }
        }
        nodeConditions = nodeList.map(\.condition)
        nodeConditionNames = nodeConditions.map { $0?.distinctNames ?? [] }
        nodeConditionTargets = nodeConditionNames.map(targets)
        questionConditionTargets = questionList.map { targets($0.conditionNames) }
        questionIsRead = [Bool](repeating: false, count: questionOrder.count)
        for t in nodeConditionTargets + questionConditionTargets + q.derived.map({ targets($0.expression.distinctNames) }) {
            for k in t where k >= 0 { questionIsRead[k] = true }
        }
        questionPathNumbers = questionPathList.map { $0.map { nodeNumber[$0]! } }
        var flat: [NodeBox?] = []
        func add(_ n: Node) -> Int {
            let at = flat.count
            flat.append(nil)
            let kids = n.children.map { add($0) }
            flat[at] = NodeBox(n, number: nodeNumber[n.id]!, children: kids)
            return at
        }
        treeRoots = q.nodes.map { add($0) }
        tree = flat.map { $0! }
    }
}

extension QuestionnaireIndex {
    /// Questions by id (`index.questions[id]`).
    public struct Questions: Sendable {
        let position: [String: Int]
        let boxes: [QuestionBox]
        public subscript(id: String) -> Question? { position[id].map { boxes[$0].question } }
        public func contains(_ id: String) -> Bool { position[id] != nil }
        public var keys: Dictionary<String, Int>.Keys { position.keys }
        public var count: Int { position.count }
        public var isEmpty: Bool { position.isEmpty }
    }

    /// Nodes by id (`index.nodes[id]`).
    public struct Nodes: Sendable {
        let number: [String: Int]
        let nodes: [Node]
        public subscript(id: String) -> Node? { number[id].map { nodes[$0] } }
        public var count: Int { number.count }
    }

    /// The path of ids up to the top, by question or node id (`index.questionPath[id]`).
    public struct Paths: Sendable {
        let position: [String: Int]
        let paths: [[String]]
        public subscript(id: String) -> [String]? { position[id].map { paths[$0] } }
    }
}

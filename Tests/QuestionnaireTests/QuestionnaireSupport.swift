import AssessmentCore
import Foundation
import TestSupport
import XCTest

/// The shipped questionnaires and small helpers to answer them in tests.
enum Shipped {
    static let finalID = "gpai-cop-2025"
    static let draftID = "gpai-cop-draft-2024"
    static var finalPath: String { Fixtures.questionnairesFolder + "/\(finalID).json" }
    static var draftPath: String { Fixtures.questionnairesFolder + "/\(draftID).json" }
    /// The reviewer's copy of `gpai-assess outline gpai-cop-2025 --format md`.
    static var outlineDocPath: String { Fixtures.packageRoot.appendingPathComponent("docs/\(finalID).md").path }
    static let regenerateOutlineCommand =
        "swift run gpai-assess outline gpai-cop-2025 --format md > docs/gpai-cop-2025.md"

    static func final() throws -> Questionnaire { try QuestionnaireLoader.load(path: finalPath) }
    static func draft() throws -> Questionnaire { try QuestionnaireLoader.load(path: draftPath) }
}

let answeredAt = Date(timeIntervalSince1970: 1_780_000_000)

func answers(_ values: [String: AnswerValue]) -> [String: Answer] {
    // With a note, as a complete answer has: a Model Documentation Form item's note is its content.
    values.mapValues { Answer(value: $0, note: "see the documentation register", by: "questionnaire-tests", at: answeredAt) }
}

func evaluate(_ q: Questionnaire, _ values: [String: AnswerValue]) -> Evaluation {
    Evaluation(questionnaire: q, answers: answers(values))
}

/// Ids of the top-level chapters that apply, in document order.
func applicableChapters(_ ev: Evaluation) -> [String] {
    ev.questionnaire.nodes.filter { $0.kind == .chapter && ev.nodes[$0.id]?.applicable == true }.map(\.id)
}

/// Scoping answers for the routes of docs/questionnaires.md.
enum Route {
    /// A provider established in the EU of a general-purpose model below the systemic-risk threshold,
    /// placed on the market after 2 August 2025, not designated, not open source.
    static let gpai: [String: AnswerValue] = [
        "scope.role": .text("provider"),
        "scope.modality": .choices(["text"]),
        "scope.compute_known": .text("yes"),
        "scope.compute": .number(3e24),
        "scope.generality": .text("criterion"),
        "scope.established": .text("in_eu"),
        "scope.market_status": .text("after"),
        "scope.designated": .text("no"),
        "scope.open_source": .text("no"),
    ]

    static func gpai(_ changes: [String: AnswerValue]) -> [String: AnswerValue] {
        gpai.merging(changes) { _, new in new }
    }

    static let notGPAI = gpai(["scope.compute": .number(1e22), "scope.generality": .text("not_gpai")])
    static let openSource = gpai(["scope.open_source": .text("yes")])
    static let systemicRisk = gpai(["scope.compute": .number(1e26), "scope.sme": .text("neither")])
    static let smeSystemicRisk = gpai(["scope.compute": .number(1e26), "scope.sme": .text("sme")])
}

/// Picks the answer that scores highest (or, for unscored questions, a valid one).
enum BestAnswer {
    static func value(for q: Question, preferring choice: [String: String] = [:]) -> AnswerValue {
        switch q.type {
        case .graded, .scale:
            let best = q.options.max { ($0.score ?? -1) < ($1.score ?? -1) } ?? q.options[0]
            return .text(best.value)
        case .choice:
            return .text(choice[q.id] ?? q.options[0].value)
        case .multi:
            let plain = q.options.filter { !$0.exclusive }.map(\.value)
            guard q.isScored else { return .choices([plain.first ?? q.options[0].value]) }
            var candidates: [[String]] = [plain]
            candidates += q.options.filter(\.exclusive).map { [$0.value] }
            let best = candidates.max { (Evaluation.score(.choices($0), q) ?? 0) < (Evaluation.score(.choices($1), q) ?? 0) }!
            return .choices(best)
        case .number:
            var n = Swift.max(q.min ?? 1, 1)
            if let hi = q.max { n = Swift.min(n, hi) }
            return .number(n)
        case .date:
            return .text("2025-08-01")
        case .text:
            return .text("Recorded in the evidence file.")
        }
    }

    /// Starting from `start`, answers every question that becomes applicable with its best value,
    /// until no applicable question is left unanswered.
    static func fill(_ q: Questionnaire, start: [String: AnswerValue], preferring choice: [String: String] = [:]) -> Evaluation {
        var values = start
        let index = q.index
        for _ in 0..<50 {
            let ev = evaluate(q, values)
            var changed = false
            for id in index.questionOrder where ev.questions[id]?.applicable == true && values[id] == nil {
                values[id] = value(for: index.questions[id]!, preferring: choice)
                changed = true
            }
            if !changed { return ev }
        }
        XCTFail("answering did not settle after 50 rounds")
        return evaluate(q, values)
    }
}

/// Depth-first search over the answers of the questions that conditions read (the drivers), to find
/// which questions some route makes applicable. Only drivers that are visible on the current path
/// branch, each over a few representative values, and the search stops once every question was seen.
final class RouteSearch {
    let q: Questionnaire
    let index: QuestionnaireIndex
    /// Questions read by any condition, directly or through a derived value, in document order.
    let drivers: [Question]
    private(set) var covered: Set<String> = []
    private(set) var evaluations = 0
    let all: Set<String>

    /// One value below every compute threshold even when two are multiplied (6 × 1e11 × 1e11 = 6e22 FLOP), one above.
    static let numbers: [Double] = [1e11, 1e26]

    init(_ q: Questionnaire) {
        let index = q.index
        self.q = q
        self.index = index
        all = Set(index.questionOrder)
        var names: Set<String> = []
        let derived = Dictionary(q.derived.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func add(_ e: AssessmentCore.Expression?, depth: Int = 0) {
            guard let e, depth < 10 else { return }
            for (name, _) in e.identifiers {
                if let d = derived[name] { add(d.expression, depth: depth + 1) } else { names.insert(name) }
            }
        }
        var sets: [String: [Set<String>]] = [:]
        func literals(_ e: AssessmentCore.Expression?) {
            guard let e else { return }
            switch e {
            case let .binary(op, l, r):
                if [.eq, .ne, .in, .notIn].contains(op) {
                    for (a, b) in [(l, r), (r, l)] {
                        guard case let .identifier(name, _) = a else { continue }
                        switch b {
                        case let .literal(.string(v)): sets[name, default: []].append([v])
                        case let .list(items):
                            sets[name, default: []].append(Set(items.compactMap { if case let .literal(.string(v)) = $0 { return v } else { return nil } }))
                        default: break
                        }
                    }
                }
                literals(l); literals(r)
            case let .unary(_, x): literals(x)
            case let .call(_, args, _): args.forEach(literals)
            default: break
            }
        }
        q.walk { n, _ in
            add(n.condition)
            literals(n.condition)
            for qu in n.questions { add(qu.condition); literals(qu.condition) }
        }
        drivers = index.questionOrder.filter(names.contains).map { index.questions[$0]! }
        literalSets = sets
        // What each question's visibility reads: the conditions on its path, through derived values,
        // and (transitively) what decides whether those drivers show.
        func reads(_ e: AssessmentCore.Expression?, _ out: inout Set<String>, depth: Int = 0) {
            guard let e, depth < 10 else { return }
            for (name, _) in e.identifiers {
                if let d = derived[name] { reads(d.expression, &out, depth: depth + 1) } else { out.insert(name) }
            }
        }
        var direct: [String: Set<String>] = [:]
        for id in index.questionOrder {
            var out = Set<String>()
            for nid in index.questionPath[id] ?? [] { reads(index.nodes[nid]?.condition, &out) }
            reads(index.questions[id]?.condition, &out)
            direct[id] = out
        }
        var closed: [String: Set<String>] = [:]
        for id in index.questionOrder {
            var seen = Set<String>(), work = Array(direct[id] ?? [])
            while let n = work.popLast() {
                guard seen.insert(n).inserted else { continue }
                for m in direct[n] ?? [] where !seen.contains(m) { work.append(m) }
            }
            closed[id] = seen
        }
        dependsOn = closed
    }

    /// Per question, the drivers its visibility depends on (transitively).
    let dependsOn: [String: Set<String>]

    /// Per driver, the option sets its conditions compare it with: two options that fall in the same
    /// sets everywhere show and hide the same questions, so the search tries one of them.
    let literalSets: [String: [Set<String>]]

    func candidates(_ d: Question) -> [AnswerValue] {
        switch d.type {
        case .graded, .choice, .scale:
            let sets = literalSets[d.id] ?? []
            var seen = Set<[Bool]>()
            return d.options.filter { o in seen.insert(sets.map { $0.contains(o.value) }).inserted }.map { .text($0.value) }
        case .multi: return d.options.map { .choices([$0.value]) }
        case .number:
            return RouteSearch.numbers.map { n in
                var v = Swift.max(n, d.min ?? n)
                if let hi = d.max { v = Swift.min(v, hi) }
                return .number(v)
            }
        case .date: return [.text("2025-08-01")]
        case .text: return [.text("x")]
        }
    }

    func run() {
        search([:])
    }

    /// Branches on the first visible driver not yet answered (in document order), so a driver that only
    /// becomes visible after a later one is answered is still branched on.
    private func search(_ values: [String: AnswerValue]) {
        if covered == all { return }
        let ev = evaluate(q, values)
        evaluations += 1
        for (id, r) in ev.questions where r.applicable { covered.insert(id) }
        // Only drivers that some still-uncovered question depends on are worth branching on.
        var relevant = Set<String>()
        for id in all where !covered.contains(id) { relevant.formUnion(dependsOn[id] ?? []) }
        guard let d = drivers.first(where: { relevant.contains($0.id) && values[$0.id] == nil && ev.questions[$0.id]?.applicable == true }) else { return }
        for v in candidates(d) {
            var next = values
            next[d.id] = v
            search(next)
        }
    }
}

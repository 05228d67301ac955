import ArgumentParser
import AssessmentCore
import Reports

struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "score",
        abstract: "Show scores, coverage and status for every part of an assessment.",
        discussion: """
        A node's score is the weighted mean of the answered, applicable, scored questions below it;
        coverage is the share of applicable required questions answered. See docs/scoring.md.

        Examples:
          gpai-assess score acme --explain 1.1       how Measure 1.1's number was made
          gpai-assess score acme --fail-under 0.7    exit 3 when the overall score is below 0.7
                                                     or any applicable question is unanswered
          gpai-assess score acme --fail-under 0.7 --allow-provisional
                                                     compare the provisional score only
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Session id or unique prefix.") var session: String
    @Flag(help: "Print JSON.") var json = false
    @Option(help: ArgumentHelp("Explain one node: its id, its printed number, the number with its chapter ('Copyright 1.3', C1.3), or 'overall'.", valueName: "node")) var explain: String?
    @Option(name: .customLong("fail-under"), help: ArgumentHelp("Exit with status 3 when the overall score is below this fraction (0–1) or coverage is below 100%.", valueName: "x"))
    var failUnder: Double?
    @Flag(name: .customLong("allow-provisional"), help: "With --fail-under: compare the score even while coverage is below 100%.")
    var allowProvisional = false

    func validate() throws {
        if let f = failUnder, !(0...1).contains(f) { throw ValidationError("invalid --fail-under '\(formatNumber(f))': use a fraction between 0 and 1") }
    }

    func run() throws {
        let ctx = try Context(global)
        let (s, q) = try ctx.open(session)
        let ev = Evaluation(questionnaire: q, session: s)
        if let explain {
            let nodeID = explain == "overall" ? "overall" : try resolveNodeArgument(explain, in: q).id
            guard let ex = Explanation(evaluation: ev, nodeID: nodeID, answers: s.answers) else {
                throw CLIError("unknown node '\(AnswerInput.shown(explain))' in questionnaire '\(q.id)'")
            }
            Output.stdout(json ? Self.json(ex).serialized() : Self.text(ex))
        } else if json {
            var nodes: [JSON] = []
            q.walk { n, ancestors in
                let r = ev.nodes[n.id]!
                nodes.append(["id": .string(n.id), "kind": .string(n.kind.rawValue), "number": JSON(n.number), "title": .string(n.title),
                              "parent": JSON(ancestors.last?.id), "status": .string(r.status.rawValue), "score": JSON(rounded(r.score)),
                              "coverage": JSON(rounded(r.coverage)), "applicable": .bool(r.applicable), "reason": JSON(r.hiddenReason),
                              "answered": JSON(r.answeredQuestions), "questions": JSON(r.applicableQuestions),
                              "blockedBy": JSON(r.blockedBy), "waitingFor": JSON(r.waitingFor)])
            }
            Output.stdout(JSON.object([
                "session": .string(s.id), "questionnaire": ["id": .string(q.id), "version": .string(q.version)],
                "overall": ["score": JSON(rounded(ev.overall.score)), "coverage": JSON(rounded(ev.overall.coverage)),
                            "status": .string(ev.overall.status.rawValue), "answered": JSON(ev.overall.answeredQuestions),
                            "questions": JSON(ev.overall.applicableQuestions), "waitingFor": JSON(ev.overall.waitingFor)],
                "provisional": .bool((ev.overall.coverage ?? 0) < 1),
                "nodes": .array(nodes),
                "gaps": .array(ev.gaps.prefix(50).map { g in
                    ["kind": .string(g.kind.rawValue), "id": .string(g.id), "number": JSON(g.number), "priority": JSON(rounded(g.priority)),
                     "score": JSON(rounded(g.score)), "critical": .bool(g.critical), "remediation": JSON(g.remediation)]
                }),
            ]).serialized())
        } else {
            Output.stdout(Self.tree(s, q, ev))
        }
        if let f = failUnder, let why = Self.gateFailure(ev.overall, failUnder: f, allowProvisional: allowProvisional) {
            Output.error(why)
            throw ExitCode(Exit.belowThreshold)
        }
    }

    /// Why `--fail-under` fails, or nil when the gate passes: a score below the mark, or (unless
    /// provisional results are allowed) coverage below 100%, which would make the score provisional.
    static func gateFailure(_ o: Evaluation.NodeResult, failUnder f: Double, allowProvisional: Bool) -> String? {
        var why: [String] = []
        if let s = o.score, s >= f {} else {
            why.append("overall score \(o.score.map { pct($0) } ?? "(none yet)") is below --fail-under \(formatNumber(f))")
        }
        if !allowProvisional, (o.coverage ?? 0) < 1 || o.status == .scopePending {
            var c = "coverage is \(pct(o.coverage ?? 0)) (\(o.requiredAnswered) of \(o.requiredQuestions) required questions answered)"
            if o.status == .scopePending { c += "; the scope is not complete" }
            why.append(c + ", so the score is provisional; answer every applicable question or pass --allow-provisional")
        }
        return why.isEmpty ? nil : why.joined(separator: "\n")
    }

    static func pct(_ x: Double?) -> String { x.map { "\(Int(($0 * 100).rounded()))%" } ?? "–" }

    static func tree(_ s: Session, _ q: Questionnaire, _ ev: Evaluation) -> String {
        var out = "\(SafeText.inert(s.title, keepNewlines: false)) — \(q.title) \(q.version)\n"
        let o = ev.overall
        out += "Overall: \(o.status.label), score \(pct(o.score)), coverage \(pct(o.coverage)) (\(o.answeredQuestions) of \(o.applicableQuestions) answered)"
        if (o.coverage ?? 0) < 1 { out += " — provisional until every applicable question is answered" }
        out += "\n\n"
        q.walk { n, ancestors in
            let r = ev.nodes[n.id]!
            let pad = String(repeating: "  ", count: ancestors.count)
            var label = pad + SafeText.inert(n.displayName, keepNewlines: false)
            if label.count > 52 { label = String(label.prefix(51)) + "…" }
            var line = label.padded(toLength: 53)
            // "waiting for scope" is longer than the column: keep a space after it.
            line += r.status.label.count >= 15 ? r.status.label + " " : r.status.label.padded(toLength: 15)
            if r.status == .notApplicable || r.status == .scopePending {
                line += r.hiddenReason.map { SafeText.inert($0, keepNewlines: false) } ?? ""
                if !r.waitingFor.isEmpty { line += " (answer " + r.waitingFor.joined(separator: ", ") + ")" }
            } else {
                line += "score " + pct(r.score).padded(toLength: 5) + " coverage " + pct(r.coverage)
                if !r.cappedBy.isEmpty && (n.kind == .measure || n.children.isEmpty) { line += "  capped by critical " + r.cappedBy.joined(separator: ", ") }
            }
            out += line + "\n"
        }
        let qgaps = ev.gaps.filter { $0.kind == .question }.prefix(10)
        if !qgaps.isEmpty {
            out += "\nTop gaps:\n"
            for g in qgaps {
                out += "  \(g.critical ? "!" : "-") \(g.id) (score \(pct(g.score)), priority \(formatNumber(rounded(g.priority, places: 2)!))): \(SafeText.inert(g.remediation ?? g.title, keepNewlines: false))\n"
            }
        }
        if !ev.orphanedAnswers.isEmpty {
            out += "\nKept answers to questions no longer in the questionnaire: \(ev.orphanedAnswers.joined(separator: ", "))\n"
        }
        return out
    }

    static func text(_ ex: Explanation) -> String {
        let r = ex.node
        var out = "\(SafeText.inert(ex.title, keepNewlines: false)) [\(r.id)]\n"
        out += "status \(r.status.label), score \(pct(r.score)), coverage \(pct(r.coverage)) (\(r.requiredAnswered) of \(r.requiredQuestions) required answered)\n"
        if let why = r.hiddenReason { out += "\(r.status == .scopePending ? "waiting for scope" : "not applicable"): \(SafeText.inert(why, keepNewlines: false))\n" }
        if !r.waitingFor.isEmpty { out += "waiting for the answers to: " + r.waitingFor.joined(separator: ", ") + "\n" }
        let blockers = ex.lines.filter { $0.blocksMet != nil }
        if !blockers.isEmpty {
            out += "kept from met by: " + blockers.map { "\($0.questionID) (\($0.blocksMet!))" }.joined(separator: "; ") + "\n"
        }
        out += "score = Σ(weight × score) / Σ weight over answered, applicable, scored questions"
        out += " (Σ weight = \(formatNumber(rounded(r.scoredWeight)!)))\n"
        out += "thresholds: met ≥ \(formatNumber(ex.thresholds.met)), partially met ≥ \(formatNumber(ex.thresholds.partial)); critical below \(formatNumber(ex.thresholds.critical)) caps at not met\n\n"
        for l in ex.lines {
            var line = "  \(l.questionID)\(l.critical ? " [critical]" : "")  "
            line += "answer: \(SafeText.inert(l.answer ?? "—", keepNewlines: false))"
            if let e = l.excluded {
                line += "  → excluded: \(SafeText.inert(e, keepNewlines: false))"
            } else {
                line += "  score \(formatNumber(rounded(l.score ?? 0)!)) × weight \(formatNumber(l.weight))"
                if let c = l.contribution { line += " (\(pct(c)) of the node)" }
            }
            if l.caps { line += "  ⚠ critical and short of its pass mark: caps the measure at not met" }
            else if let b = l.blocksMet { line += "  ⚠ keeps the node from met: \(b)" }
            out += line + "\n"
        }
        return out
    }

    static func json(_ ex: Explanation) -> JSON {
        ["node": ReportJSON.summary(ex.node).merging(["id": .string(ex.node.id), "title": .string(ex.title), "cappedBy": JSON(ex.node.cappedBy), "blockedBy": JSON(ex.node.blockedBy), "reason": JSON(ex.node.hiddenReason)]),
         "lines": .array(ex.lines.map { l in
             ["question": .string(l.questionID), "answer": JSON(l.answer), "score": JSON(rounded(l.score)), "weight": .number(l.weight),
              "contribution": JSON(rounded(l.contribution)), "excluded": JSON(l.excluded), "critical": .bool(l.critical), "caps": .bool(l.caps),
              "blocksMet": JSON(l.blocksMet)]
         })]
    }
}

extension JSON {
    func merging(_ other: [String: JSON]) -> JSON {
        guard case var .object(o) = self else { return self }
        for (k, v) in other { o[k] = v }
        return .object(o)
    }
}

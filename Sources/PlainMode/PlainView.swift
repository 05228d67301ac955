import AssessmentCore
import FoundationEssentials

/// Plain mode's words: how a question, the end, the score, guidance and help read as lines.
extension PlainSession {
    func showEnd() {
        guard let o = current else { return }
        let ev = o.evaluation
        let open = ev.overall.applicableQuestions - ev.overall.answeredQuestions
        say("End of the questionnaire. " + progressWords(ev))
        if open > 0 {
            say("\(open) \(open == 1 ? "question is" : "questions are") still unanswered. Type u to go to the first one.")
        } else {
            say("Every applicable question is answered.")
        }
        say("Type score for the score, b to go back, or q to quit.")
    }

    func showQuestion() {
        guard var o = current, let q = o.index.questions[o.question] else { return }
        let ev = o.evaluation
        if !(ev.questions[q.id]?.applicable ?? false) {
            say("This question does not apply. " + sentence(inline(ev.questions[q.id]?.hiddenReason ?? "condition not met")))
            // The walk moves on (and remembers where); `show` comes back here or to the end.
            if let fx = perform(.next) { show(fx) }
            return
        }
        // Announce the chapter, commitment and measure when they change.
        let path = Array((o.index.questionPath[q.id] ?? []).reversed())
        var newlyEntered = Set<String>()
        for (k, nid) in path.enumerated() where k >= o.announced.count || o.announced[k] != nid {
            if let n = o.index.nodes[nid] { say(heading(n)); newlyEntered.insert(nid) }
        }
        o.announced = path
        current = o
        say(progressLine(q) + ".")
        say(block(q.text))
        if q.critical { say("This is a critical question.") }
        if !q.required { say("Optional: an empty line leaves it unanswered and moves on.") }
        switch q.type {
        case .graded, .choice, .scale, .multi:
            let keys = optionKeys(q)
            for (k, opt) in zip(keys, q.options) {
                var line = "\(k). \(inline(opt.label))"
                if let d = opt.description, !d.isEmpty { line += ": \(inline(d))" }
                if opt.exclusive && q.type == .multi { line += " (only on its own)" }
                if q.type == .multi, opt.example { line += " (an example, not scored)" }
                if q.type == .multi, q.mandatoryOptions.contains(opt) { line += " (required)" }
                say(sentence(line))
            }
            if q.type == .multi { say("Choose one or more, separated by commas.") }
        case .number, .date, .text:
            say("Answer with \(AnswerInput.allowed(for: Question(id: q.id, type: q.type, text: q.text, unit: q.unit, min: q.min, max: q.max))).")
        }
        if q.allowNA { say("na. Not applicable, with a reason.") }
        if let a = o.session.answers[q.id] {
            if let bad = ev.questions[q.id]?.invalidAnswer {
                say("The saved answer no longer fits: \(bad).")
            } else if let d = describe(a, q) {
                say(sentence("Current answer: \(d)"))
            }
            if let n = a.note, !n.isEmpty { say("Note: \(n)") }
            if !a.evidence.isEmpty { say("Evidence: " + a.evidence.joined(separator: "; ") + ".") }
        }
        // The measure's guidance is mentioned once, on entering it; a question's own on every visit.
        let measure = path.compactMap { o.index.nodes[$0] }.last { $0.kind == .measure }
        if let m = measure, newlyEntered.contains(m.id) { sayRequirements(m) }
        if q.guidance != nil || (measure?.guidance != nil && newlyEntered.contains(measure!.id)) { say("Type i for guidance.") }
    }

    /// "Chapter: Transparency.", "Measure 1.1: Keep documentation."
    func heading(_ n: Node) -> String {
        let kind = n.kind.label
        if n.title.lowercased() == n.kind.rawValue { return "\(inline(n.title))." }
        if let num = n.number, !num.isEmpty {
            if num.lowercased().hasPrefix(n.kind.rawValue) { return "\(inline(num)): \(inline(n.title))." }
            if n.kind == .chapter || n.kind == .scope { return "\(kind): \(inline(n.title))." }
            return "\(kind) \(inline(num)): \(inline(n.title))."
        }
        return "\(kind): \(inline(n.title))."
    }

    /// "Copyright, measure 1.3, question 2 of 4"
    func progressLine(_ q: Question) -> String {
        guard let o = current else { return "" }
        let path = o.index.questionPath[q.id] ?? []
        guard let top = path.last.flatMap({ o.index.nodes[$0] }) else { return "" }
        let partID = path.first { o.index.nodes[$0]?.kind == .measure } ?? path.first!
        var parts = [top.kind == .scope ? "Scope" : inline(top.title)]
        if partID != top.id, let part = o.index.nodes[partID] { parts.append(partLabel(part)) }
        let siblings = questions(under: partID).filter(isApplicable)
        let k = (siblings.firstIndex(of: q.id) ?? 0) + 1
        parts.append("question \(k) of \(siblings.count)")
        return parts.joined(separator: ", ")
    }

    /// The measure panel as lines: what the Code asks, and the measure's references.
    func sayRequirements(_ m: Node) {
        guard let o = current, !m.requirements.isEmpty else { return }
        say("What \(inline(o.questionnaire.qualifiedNumber(of: m.id) ?? partLabel(m))) asks:")
        for r in m.requirements { say("- " + sentence(inline(r))) }
        if !m.references.isEmpty { say("References: " + m.references.map(inline).joined(separator: "; ") + ".") }
    }

    func partLabel(_ n: Node) -> String {
        guard let num = n.number, !num.isEmpty else { return inline(n.title) }
        if num.lowercased().hasPrefix(n.kind.rawValue) { return inline(num) }
        return "\(n.kind.rawValue) \(inline(num))"
    }

    func questions(under nodeID: String) -> [String] { current?.walk.questions(under: nodeID) ?? [] }

    /// "37 of 212 answered."
    func progressWords(_ ev: Evaluation) -> String {
        "\(ev.overall.answeredQuestions) of \(ev.overall.applicableQuestions) answered."
    }

    /// Option numbers as shown: 1, 2, 3…, or the values themselves when they are all whole numbers
    /// (a 0–4 scale is typed as 0–4, never shifted by one).
    func optionKeys(_ q: Question) -> [String] {
        let values = q.options.map(\.value)
        if !values.isEmpty, values.allSatisfy({ Int($0) != nil && $0 == String(Int($0)!) }), Set(values).count == values.count {
            return values
        }
        return values.indices.map { String($0 + 1) }
    }

    /// Turns a typed option number or label into the option's value; anything else is left for the parser.
    func mapOption(_ token: String, _ q: Question) -> String {
        let t = token.trimmingWhitespace()
        let keys = optionKeys(q)
        if let i = keys.firstIndex(of: t) { return q.options[i].value }
        if q.options.contains(where: { $0.value.lowercased() == t.lowercased() }) { return t }
        if let o = q.options.first(where: { $0.label.lowercased() == t.lowercased() }) { return o.value }
        return t
    }

    func hint(_ q: Question) -> String {
        switch q.type {
        case .graded, .choice, .scale:
            let keys = optionKeys(q)
            return "Type a number from \(keys.first ?? "1") to \(keys.last ?? "1")" + (q.allowNA ? ", or na" : "") + ". Type ? for help."
        case .multi:
            return "Type one or more numbers separated by commas, like 1,2" + (q.allowNA ? ", or na" : "") + "."
        case .number, .date, .text:
            return "Type \(AnswerInput.allowed(for: q)), or s to skip."
        }
    }

    /// "Chapter Safety and Security", "Measure 1.2 Provide information"
    func partTitle(_ n: Node) -> String {
        let kind = n.kind.label
        if let num = n.number, !num.isEmpty, n.kind != .chapter, n.kind != .scope {
            if num.lowercased().hasPrefix(n.kind.rawValue) { return "\(inline(num)) \(inline(n.title))" }
            return "\(kind) \(inline(num)) \(inline(n.title))"
        }
        return "\(kind) \(inline(n.title))"
    }

    func describe(_ v: AnswerValue, _ q: Question) -> String {
        let keys = optionKeys(q)
        func opt(_ value: String) -> String {
            guard let i = q.options.firstIndex(where: { $0.value == value }) else { return inline(value) }
            return "\(keys[i]). \(inline(q.options[i].label))"
        }
        switch v {
        case let .text(s):
            switch q.type {
            case .graded, .choice, .scale: return opt(s)
            case .text: return s.count > 60 ? "your text" : inline(s)
            case .multi, .number, .date: return inline(s)
            }
        case let .number(n): return formatNumber(n) + (q.unit.map { " \(inline($0))" } ?? "")
        case let .choices(c): return c.map(opt).joined(separator: ", ")
        }
    }

    func describe(_ a: Answer, _ q: Question) -> String? {
        if a.notApplicable { return "not applicable, because: \(a.justification ?? "")" }
        guard let v = a.value else { return nil }
        return describe(v, q)
    }

    func showGuidance() {
        guard let o = current, let q = o.index.questions[o.question] else { return }
        var any = false
        if let g = q.guidance, !g.isEmpty { say("Guidance: \(block(g))"); any = true }
        let path = o.index.questionPath[q.id] ?? []
        let measure = path.compactMap({ o.index.nodes[$0] }).first(where: { $0.kind == .measure })
        if let m = measure, let g = m.guidance, !g.isEmpty {
            say("Guidance for \(partLabel(m)): \(block(g))"); any = true
        }
        if let m = measure, !m.requirements.isEmpty {
            sayRequirements(m); any = true
        }
        if !q.references.isEmpty { say("References: " + q.references.map(inline).joined(separator: "; ") + "."); any = true }
        if let h = q.evidenceHint { say("Suggested evidence: \(block(h))"); any = true }
        if let r = q.remediation, !r.isEmpty { say("If this falls short: \(block(r))"); any = true }
        if !any { say("There is no guidance for this question.") }
    }

    func showScore() {
        guard let o = current else { return }
        let ev = o.evaluation
        func pct(_ x: Double?) -> String { x.map { "\(Int(($0 * 100).rounded())) percent" } ?? "no score yet" }
        func line(_ name: String, _ r: Evaluation.NodeResult) -> String {
            if r.status == .notApplicable { return "\(name): not applicable." + (r.hiddenReason.map { " \(sentence(inline($0)))" } ?? "") }
            if r.status == .scopePending, r.id != "overall" {
                return "\(name): waiting for scope." + (r.hiddenReason.map { " \(sentence(inline($0)))" } ?? "")
            }
            var s = "\(name): \(r.status.label)"
            if r.score != nil { s += ", score \(pct(r.score))" }
            return s + ", \(r.answeredQuestions) of \(r.applicableQuestions) answered."
        }
        say(line("Overall", ev.overall))
        if (ev.overall.coverage ?? 0) < 1 && ev.overall.status != .notApplicable {
            say("The score is provisional until every applicable question is answered.")
        }
        for n in o.questionnaire.nodes { if let r = ev.nodes[n.id] { say(line(inline(n.title), r)) } }
        if mode == .question, let m = (o.index.questionPath[o.question] ?? []).compactMap({ o.index.nodes[$0] }).first(where: { $0.kind == .measure }),
           let r = ev.nodes[m.id] {
            say(line(inline(o.questionnaire.qualifiedName(of: m.id) ?? partTitle(m)), r))
        }
    }

    func showHelp() {
        say("Answer by typing the number of an option, or its value.")
        say("For several choices, separate the numbers with commas, like 1,3.")
        say("Commands:")
        say("s: skip to the next question.")
        say("b: go back to the previous question.")
        say("u: go to the next unanswered question.")
        say("r: repeat the question.")
        say("na: mark not applicable. You will be asked why.")
        say("c: clear the answer.")
        say("note: add or change a note.")
        say("e: add evidence, such as a document id, path or URL.")
        say("i: show guidance.")
        say("p or score: show the score.")
        say("g and a measure number, like g 1.2: go to that measure. Add a chapter name if needed, like g copyright 1.2.")
        say("q: quit. Everything is saved as you go.")
        say("An empty line keeps the current answer and moves on.")
        say("To give an answer that looks like a command, start it with =.")
    }

    // MARK: - Text

    /// One-line text from a file or user: control characters made visible, line breaks as spaces.
    func inline(_ s: String) -> String {
        SafeText.inert(s.replacingAll("\r\n", with: " ").replacingAll("\n", with: " "), keepNewlines: false)
    }

    /// "only for models" → "Only for models."
    func sentence(_ s: String) -> String {
        var t = s.prefix(1).uppercased() + s.dropFirst()
        if !(t.hasSuffix(".") || t.hasSuffix("!") || t.hasSuffix("?")) { t += "." }
        return t
    }

    /// Paragraph text: control characters made visible, line breaks kept.
    func block(_ s: String) -> String { SafeText.inert(s, keepNewlines: true) }

    func shortDate(_ d: Date) -> String {
        let f = Timestamp.format(d)
        return String(f.prefix(10)) + " " + String(f.dropFirst(11).prefix(5)) + " UTC"
    }
}

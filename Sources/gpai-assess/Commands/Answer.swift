import ArgumentParser
import AssessmentCore
import AssessmentStore
import FoundationEssentials

struct AnswerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "answer",
        abstract: "Record an answer (or many from a file).",
        discussion: """
        VALUE is an option value (see 'gpai-assess outline') or its number in the list (1 is the first),
        a comma-separated list of these for multiple choice,
        a number, a date (YYYY-MM-DD), text, or 'na' (not applicable; needs --justification).
        Everything is checked before anything is written: on any error nothing changes.

        ANSWERS.json is an object keyed by question id; each value is either the answer value
        or an object with "value", "note", "evidence" (array) and "justification":
          {"tr.c1.m1_1.q1": "yes", "tr.c1.m1_1.q2": {"value": "na", "justification": "…"}}

        Examples:
          gpai-assess answer acme tr.c1.m1_1.q1 partly --note "Sections 5–8 missing" --evidence DOC-112
          gpai-assess answer acme --file answers.json
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Session id or unique prefix.") var session: String
    @Argument(help: "Question id.") var question: String?
    @Argument(help: "The answer.") var value: String?
    @Option(help: "A note to keep with the answer.") var note: String?
    @Option(help: "An evidence reference (repeatable): document id, path or URL.") var evidence: [String] = []
    @Option(help: "Why the question is not applicable (required with 'na').") var justification: String?
    @Option(name: .customLong("file"), help: ArgumentHelp("Answers to record at once (JSON).", valueName: "answers.json")) var file: String?
    @Flag(help: "Remove the answer to QUESTION.") var clear = false

    struct Item { var question: String; var value: String?; var note: String?; var evidence: [String]?; var justification: String? }

    func validate() throws {
        if file != nil && (question != nil || value != nil) { throw ValidationError("give either QUESTION VALUE or --file, not both") }
        if file == nil && question == nil { throw ValidationError("missing QUESTION (or --file ANSWERS.json)") }
        if file == nil && !clear && value == nil && note == nil && evidence.isEmpty {
            throw ValidationError("missing VALUE for question '\(question ?? "")'")
        }
    }

    func run() throws {
        let ctx = try Context(global)
        let (s0, q) = try ctx.open(session)
        let items = try file.map(Self.readFile) ?? [Item(question: question!, value: value, note: note,
                                                         evidence: evidence.isEmpty ? nil : evidence, justification: justification)]
        let index = q.index
        // Check everything before writing anything.
        var parsed: [(Question, Item, AnswerValue?, Bool)] = []
        for item in items {
            guard let qu = index.questions[item.question] else {
                let near = q.allQuestions.map(\.id).filter { $0.hasPrefix(item.question.prefix(4)) }.prefix(5)
                throw CLIError("unknown question '\(AnswerInput.shown(item.question))' in questionnaire '\(q.id)'" +
                               (near.isEmpty ? "; see 'gpai-assess outline \(q.id)'" : "; similar: \(near.joined(separator: ", "))"))
            }
            if clear { parsed.append((qu, item, nil, false)); continue }
            do {
                try AnswerInput.checkLength(item.note ?? "", what: "the note for '\(qu.id)'")
                try AnswerInput.checkLength(item.justification ?? "", what: "the justification for '\(qu.id)'")
                try AnswerInput.checkLength((item.evidence ?? []).joined(separator: "\n"), what: "the evidence for '\(qu.id)'")
            } catch { throw CLIError(error.message) }
            var v: AnswerValue? = nil
            var na = false
            if let raw = item.value {
                do { v = try AnswerInput.parseValue(raw, for: qu) } catch { throw CLIError(error.message) }
                na = v == nil
                if na && (item.justification ?? "").trimmingWhitespaceAndNewlines().isEmpty {
                    throw CLIError("N/A for question '\(qu.id)' needs a justification; add --justification TEXT")
                }
            }
            for e in item.evidence ?? [] where !AnswerInput.isValidEvidence(e) {
                throw CLIError("invalid evidence reference '\(AnswerInput.shown(e))' for question '\(qu.id)'")
            }
            parsed.append((qu, item, v, na))
        }
        let now = Timestamp.now()
        let user = ctx.user
        let saved = try ctx.update(s0.id, questionnaire: q) { s in
            for (qu, item, v, na) in parsed {
                if clear { SessionChange.answer(question: qu.id, nil, shown: s.answers[qu.id]).apply(to: &s, by: user, at: now); continue }
                let old = s.answers[qu.id]
                var a = old ?? Answer(value: nil, by: user, at: now)
                if item.value != nil {
                    a.value = v
                    a.notApplicable = na
                    a.justification = na ? item.justification : nil
                }
                if let n = item.note { a.note = n.isEmpty ? nil : n }
                if let e = item.evidence { a.evidence = e }
                a.by = user
                a.at = now
                SessionChange.answer(question: qu.id, a, shown: old).apply(to: &s, by: user, at: now)
            }
            SessionChange.position(Session.Position(question: parsed.last?.0.id)).apply(to: &s, by: user, at: now)
        }
        for (qu, _, _, _) in parsed where s0.conflict(onQuestion: qu.id) != nil && saved.conflict(onQuestion: qu.id) == nil {
            Output.note("resolved the conflict on '\(qu.id)'")
        }
        for (qu, item, v, _) in parsed {
            guard let raw = item.value, let v else { continue }
            let typed = raw.split(separator: ",").map(String.init)
            guard typed.contains(where: { AnswerInput.isOptionNumber($0, of: qu) }) else { continue }
            let chosen: [String]
            switch v { case let .choices(c): chosen = c; case let .text(t): chosen = [t]; default: chosen = [] }
            let named = chosen.compactMap { val in qu.options.firstIndex { $0.value == val }.map { "option \($0 + 1) '\(qu.options[$0].label)' (\(val))" } }
            Output.note("recorded \(named.joined(separator: ", ")) for '\(qu.id)'")
        }
        let ev = Evaluation(questionnaire: q, session: saved)
        for (qu, _, _, _) in parsed {
            if let r = ev.questions[qu.id], !r.applicable {
                Output.note("question '\(qu.id)' does not apply under the current scope (\(r.hiddenReason ?? "condition not met")); the answer is kept but not scored")
            }
        }
    }

    static func readFile(_ path: String) throws -> [Item] {
        let bytes: [UInt8]
        do { bytes = try FileIO.read(path, limit: 16 * 1024 * 1024) } catch { throw CLIError(error.description) }
        let root: JSONNode
        do { root = try JSONParser.parse(bytes) } catch { throw CLIError("'\(path)' is not valid JSON: \(error.description)") }
        guard let members = root.members else { throw CLIError("'\(path)' must hold a JSON object keyed by question id") }
        var out: [Item] = []
        for (k, v) in members {
            func str(_ n: JSONNode?) -> String? {
                guard let n else { return nil }
                switch n.value {
                case let .string(s): return s
                case let .number(x): return formatNumber(x)
                case let .array(a): return a.compactMap(\.string).joined(separator: ",")
                default: return nil
                }
            }
            if v.members != nil {
                let allowed: Set<String> = ["value", "note", "evidence", "justification"]
                if let bad = v.members!.first(where: { !allowed.contains($0.key) }) {
                    throw CLIError("unknown field '\(AnswerInput.shown(bad.key))' for question '\(k)' in '\(path)' (line \(bad.value.location.line)); allowed: value, note, evidence, justification")
                }
                out.append(Item(question: k, value: str(v["value"]), note: v["note"]?.string,
                                evidence: v["evidence"].map { $0.array?.compactMap(\.string) ?? [$0.string].compactMap { $0 } },
                                justification: v["justification"]?.string))
            } else if let s = str(v) {
                out.append(Item(question: k, value: s, note: nil, evidence: nil, justification: nil))
            } else {
                throw CLIError("invalid answer for question '\(AnswerInput.shown(k))' in '\(path)' (line \(v.location.line)): expected a string, number, list or object")
            }
        }
        if out.isEmpty { throw CLIError("'\(path)' holds no answers") }
        return out
    }
}

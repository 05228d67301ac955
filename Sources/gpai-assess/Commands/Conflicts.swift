import ArgumentParser
import AssessmentCore
import AssessmentStore
import FoundationEssentials
import Reports

struct Conflicts: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "conflicts",
        abstract: "List a session's conflicts from syncing, or resolve one by picking a side.",
        discussion: """
        A conflict is something two machines changed differently since they last synced; both values
        are kept with who and when. A conflicted question counts as unanswered until resolved.
        Resolve a question with 'gpai-assess answer SESSION QUESTION VALUE', or pick a side here:

          gpai-assess conflicts acme
          gpai-assess conflicts acme --resolve "answer tr.1.1.q1" --side 2
          gpai-assess conflicts acme --resolve title --side 1
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Session id or unique prefix.") var session: String
    @Flag(help: "Print JSON.") var json = false
    @Option(help: ArgumentHelp("The conflict to resolve, as listed (e.g. \"answer tr.1.1.q1\", title).", valueName: "conflict")) var resolve: String?
    @Option(help: ArgumentHelp("Which side to keep (1, 2, …, as listed).", valueName: "n")) var side: Int?

    func validate() throws {
        if (resolve == nil) != (side == nil) { throw ValidationError("--resolve and --side go together") }
    }

    func run() throws {
        let ctx = try Context(global)
        let id = try ctx.resolve(session)
        let s: Session
        do { s = try ctx.store.load(id) } catch { throw CLIError(error.description, code: Exit.problems) }
        if let label = resolve, let n = side {
            try pick(ctx, s, label: label, side: n)
            return
        }
        if json {
            Output.stdout(JSON.array(s.conflicts.map(Self.row)).serialized())
            return
        }
        if s.conflicts.isEmpty { Output.stdout("No conflicts in \(id)."); return }
        var out: [String] = []
        for c in s.conflicts {
            out.append(c.label)
            for (i, side) in c.sides.enumerated() {
                out.append("  \(i + 1)) \(Self.value(side))  — \(SafeText.inert(side.by, keepNewlines: false)), \(List.short(side.at))")
            }
        }
        Output.stdout(out.joined(separator: "\n"))
    }

    static func value(_ side: Conflict.Side) -> String {
        if let a = side.answer {
            var t = a.notApplicable ? "not applicable" : (a.value?.description ?? "(no value)")
            if let n = a.note { t += " [note: \(n)]" }
            if !a.evidence.isEmpty { t += " [evidence: \(a.evidence.joined(separator: ", "))]" }
            return SafeText.inert(t, keepNewlines: false)
        }
        if let t = side.text { return SafeText.inert(t, keepNewlines: false) }
        return "(cleared)"
    }

    static func row(_ c: Conflict) -> JSON {
        ["kind": .string(c.kind.rawValue), "key": .string(c.key), "label": .string(c.label),
         "sides": JSON.array(c.sides.map { s in
             ["value": .string(value(s)), "by": .string(s.by), "at": .string(ReportJSON.iso(s.at))]
         })]
    }

    func pick(_ ctx: Context, _ s0: Session, label: String, side n: Int) throws {
        guard let c = s0.conflicts.first(where: { $0.label == label || ($0.kind == .answer && $0.key == label) }) else {
            throw CLIError("no conflict '\(AnswerInput.shown(label))' in session '\(s0.id)'" +
                           (s0.conflicts.isEmpty ? "" : "; conflicts: " + s0.conflicts.map(\.label).joined(separator: ", ")))
        }
        guard c.sides.indices.contains(n - 1) else { throw CLIError("no side \(n) for '\(c.label)'; choose 1–\(c.sides.count)") }
        let chosen = c.sides[n - 1]
        let user = ctx.user
        let now = Timestamp.now()
        do {
            try ctx.store.update(s0.id) { s in
                guard let c = s.conflicts.first(where: { $0.kind == c.kind && $0.key == c.key }) else { return }
                switch c.kind {
                case .answer:
                    // Recorded in history like any answer; `set` clears the conflict.
                    s.set(c.key, to: chosen.answer.map { var a = $0; a.by = user; a.at = now; return a }, by: user, at: now)
                case .title: if let t = chosen.text { s.title = t }
                case .organisation: s.organisation = chosen.text
                case .model: s.model = chosen.text
                case .event: s.events[c.key] = chosen.text
                case .discussion: s.discussion[c.key] = chosen.text
                case .action:
                    let parts = c.key.split(separator: ".", maxSplits: 1).map(String.init)
                    if parts.count == 2, let i = s.actions.firstIndex(where: { $0.id == parts[0] }) {
                        Self.setField(&s.actions[i], parts[1], chosen.text)
                        s.actions[i].updated = now
                    }
                }
                s.clearConflict(c.kind, key: c.key)
                s.touch(by: user, at: now)
            }
        } catch let e as StoreError { throw CLIError(e.description, code: Exit.ioError) }
        Output.note("resolved '\(c.label)' in \(s0.id) with side \(n)")
    }

    static func setField(_ a: inout Action, _ field: String, _ v: String?) {
        switch field {
        case "title": if let v { a.title = v }
        case "question": a.question = v
        case "measure": a.measure = v
        case "owner": a.owner = v
        case "due": a.due = v
        case "note": a.note = v
        case "status": if let v, let st = Action.State(rawValue: v) { a.status = st }
        case "priority": a.priority = v.flatMap(Double.init)
        default: break
        }
    }
}

import AssessmentCore

/// A questionnaire's whole tree, for `outline`: JSON for scripts, Markdown for reviewers, text for a terminal.
public enum QuestionnaireOutline {
    public static func json(_ q: Questionnaire) -> JSON {
        [
            "id": .string(q.id), "title": .string(q.title), "version": .string(q.version), "language": .string(q.language),
            "digest": .string(q.digest),
            "source": ["document": .string(q.source.document), "date": JSON(q.source.date), "url": JSON(q.source.url)],
            "thresholds": ["met": .number(q.thresholds.met), "partial": .number(q.thresholds.partial), "critical": .number(q.thresholds.critical)],
            "derived": .array(q.derived.map { ["id": .string($0.id), "label": .string($0.label), "unit": JSON($0.unit), "expression": .string($0.expressionSource)] }),
            "nodes": .array(q.nodes.map(node)),
        ]
    }

    static func node(_ n: Node) -> JSON {
        [
            "id": .string(n.id), "kind": .string(n.kind.rawValue), "number": JSON(n.number), "title": .string(n.title),
            "guidance": JSON(n.guidance), "requirements": JSON(n.requirements), "references": JSON(n.references),
            "condition": JSON(n.conditionSource),
            "conditionReason": JSON(n.conditionReason),
            "children": .array(n.children.map(node)), "questions": .array(n.questions.map(question)),
        ]
    }

    public static func question(_ q: Question) -> JSON {
        var o: [String: JSON] = [
            "id": .string(q.id), "type": .string(q.type.rawValue), "number": JSON(q.number), "text": .string(q.text),
            "guidance": JSON(q.guidance), "references": JSON(q.references),
            "options": .array(q.options.map { o in
                var x: [String: JSON] = ["value": .string(o.value), "label": .string(o.label), "score": JSON(o.score)]
                if o.exclusive { x["exclusive"] = true }
                if let d = o.description { x["description"] = .string(d) }
                return .object(x)
            }),
            "allowNA": .bool(q.allowNA), "required": .bool(q.required), "weight": .number(q.weight), "critical": .bool(q.critical),
            "condition": JSON(q.conditionSource), "conditionReason": JSON(q.conditionReason), "remediation": JSON(q.remediation),
            "scored": .bool(q.isScored),
        ]
        if q.type == .multi { o["scoring"] = .string(q.scoring.rawValue) }
        if let u = q.unit { o["unit"] = .string(u) }
        if let m = q.min { o["min"] = .number(m) }
        if let m = q.max { o["max"] = .number(m) }
        if let e = q.evidenceHint { o["evidenceHint"] = .string(e) }
        return .object(o)
    }

    /// What a multi option is worth ("1 of 7", "example") and whether it is mandatory: never a score per option.
    static func optionNotes(_ q: Question, _ o: AnswerOption) -> String? {
        let parts = [q.optionWorth(o), q.mandatoryOptions.contains(o) ? "mandatory" : nil].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// Plain indented tree for a terminal.
    public static func text(_ q: Questionnaire) -> String {
        var out = "\(q.title) — \(q.id) version \(q.version)\n"
        func go(_ n: Node, _ depth: Int) {
            let pad = String(repeating: "  ", count: depth)
            out += "\(pad)\(n.kind.rawValue) \(n.displayName)"
            if let c = n.conditionSource { out += "   [if \(c)]" }
            out += "\n"
            for qu in n.questions {
                out += "\(pad)  - \(qu.id) (\(qu.type.rawValue)\(qu.critical ? ", critical" : "")\(qu.allowNA ? ", N/A allowed" : "")): \(qu.text)\n"
                if !qu.options.isEmpty {
                    out += "\(pad)      " + qu.options.map { o in
                        qu.type == .multi ? (optionNotes(qu, o).map { "\(o.value) (\($0))" } ?? o.value)
                            : (o.score.map { "\(o.value)=\(formatNumber($0))" } ?? o.value)
                    }.joined(separator: " | ") + "\n"
                }
            }
            for c in n.children { go(c, depth + 1) }
        }
        for n in q.nodes { go(n, 0) }
        return SafeText.inert(out)
    }

    /// Reviewer's view: every measure with its questions, options, guidance and hints.
    public static func markdown(_ q: Questionnaire) -> String {
        var out = "# \(Markdown.escape(q.title))\n\n"
        out += "- Questionnaire: `\(q.id)` version \(Markdown.escape(q.version))\n"
        out += "- Source: \(Markdown.escape(q.source.document))\(q.source.date.map { " (\(Markdown.escape($0)))" } ?? "")\n"
        out += "- Status thresholds: met ≥ \(formatNumber(q.thresholds.met)), partially met ≥ \(formatNumber(q.thresholds.partial)); a critical question below \(formatNumber(q.thresholds.critical)) caps its measure at not met\n"
        if let d = q.description { out += "\n\(Markdown.escape(d))\n" }
        if !q.derived.isEmpty {
            out += "\n## Derived values\n\n"
            for d in q.derived { out += "- `\(d.id)` \(Markdown.escape(d.label))\(d.unit.map { " (\(Markdown.escape($0)))" } ?? ""): `\(d.expressionSource)`\n" }
        }
        func go(_ n: Node, _ depth: Int) {
            let level = min(6, depth + 2)
            out += "\n" + String(repeating: "#", count: level) + " \(Markdown.escape(n.kind.label)) \(Markdown.escape(n.displayName))\n\n"
            if let c = n.conditionSource {
                out += "*Applies when* `\(c)`\(n.conditionReason.map { " — \(Markdown.escape($0))" } ?? "")\n\n"
            }
            if let g = n.guidance, !g.isEmpty { out += Markdown.escape(g) + "\n\n" }
            if !n.requirements.isEmpty {
                out += "What the Code asks:\n\n" + n.requirements.map { "- \(Markdown.escape($0))\n" }.joined() + "\n"
            }
            if !n.references.isEmpty { out += "References: " + n.references.map(Markdown.escape).joined(separator: "; ") + "\n\n" }
            for qu in n.questions {
                var flags = [qu.type.rawValue]
                if qu.critical { flags.append("critical") }
                if qu.weight != 1 { flags.append("weight \(formatNumber(qu.weight))") }
                if !qu.required { flags.append("optional") }
                if qu.allowNA { flags.append("N/A allowed with justification") }
                if let p = qu.passAt { flags.append("pass mark \(formatNumber(p))") }
                if qu.requireAll { flags.append("mandatory options must all be ticked") }
                out += "- **\(Markdown.escape(qu.number ?? qu.id))** \(Markdown.escape(qu.text)) `\(qu.id)` (\(flags.joined(separator: ", ")))\n"
                if let c = qu.conditionSource { out += "  - Applies when `\(c)`\n" }
                if !qu.options.isEmpty {
                    out += "  - Options: " + qu.options.map { o in
                        let note = qu.type == .multi ? optionNotes(qu, o).map { ", \($0)" } ?? "" : o.score.map { ", \(formatNumber($0))" } ?? ""
                        return "\(Markdown.escape(o.label)) (`\(o.value)`\(note))"
                    }.joined(separator: "; ") + "\n"
                }
                if qu.type == .number {
                    var r: [String] = []
                    if let u = qu.unit { r.append(Markdown.escape(u)) }
                    if let m = qu.min { r.append("min \(formatNumber(m))") }
                    if let m = qu.max { r.append("max \(formatNumber(m))") }
                    if !r.isEmpty { out += "  - Number: " + r.joined(separator: ", ") + "\n" }
                }
                if let g = qu.guidance, !g.isEmpty { out += "  - Guidance: \(Markdown.escape(g))\n" }
                if let e = qu.evidenceHint { out += "  - Evidence: \(Markdown.escape(e))\n" }
                if let r = qu.remediation { out += "  - If it falls short: \(Markdown.escape(r))\n" }
                if !qu.references.isEmpty { out += "  - References: " + qu.references.map(Markdown.escape).joined(separator: "; ") + "\n" }
            }
            for c in n.children { go(c, depth + 1) }
        }
        for n in q.nodes { go(n, 0) }
        return out
    }
}

/// Markdown escaping for user and questionnaire text: inert control characters,
/// no raw HTML, no accidental emphasis, tables or headings.
public enum Markdown {
    public static func escape(_ s: String) -> String {
        var out = ""
        for ch in SafeText.inert(s, keepNewlines: false).unicodeScalars {
            switch ch {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "~", "{", "}":
                out += "\\"
                out.unicodeScalars.append(ch)
            case "&": out += "&amp;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}

import AssessmentCore
import FoundationEssentials

/// The public summary of training content (AI Act Art. 53(1)(d)) in the structure and order of the Commission's
/// template (explanatory notice and template of 24 July 2025, C(2025) 8311): general information, the list of data
/// sources by kind, and the relevant aspects of data processing. Each field is filled from one answer of the
/// questionnaire's `ts` part (or a scope answer); a field still to be written is marked missing.
public struct TrainingSummary: Sendable, RenderedDocument {
    public enum State: String, Sendable {
        /// Answered.
        case given
        /// Required, applicable and not answered.
        case missing
        /// Optional and not answered.
        case empty
        /// Does not apply (e.g. no crawled data, or the provider is established in the EU).
        case notApplicable = "not_applicable"
    }

    public struct Field: Sendable {
        public var id: String
        public var label: String
        public var question: String
        public var state: State
        public var value: String?
        /// Why the field does not apply, when it does not.
        public var reason: String?
        public var note: String?
        /// A date field: ISO 8601 in `value` and JSON, written as people write dates in Markdown and HTML.
        public var isDate = false
    }

    public struct Part: Sendable {
        public var number: String
        public var title: String
        public var fields: [Field]
    }

    public struct Section: Sendable {
        public var number: String
        public var title: String
        public var parts: [Part]
    }

    public var sections: [Section]
    public var session: Session
    public var questionnaire: Questionnaire
    public var generated: Date

    public var fields: [Field] { sections.flatMap { $0.parts.flatMap(\.fields) } }
    public var missing: [Field] { fields.filter { $0.state == .missing } }
    /// Fields that apply and are required, and how many of them are given.
    public var completeness: (given: Int, required: Int) {
        let req = fields.filter { $0.state == .given || $0.state == .missing }
        return (req.filter { $0.state == .given }.count, req.count)
    }
    public var isComplete: Bool { missing.isEmpty }

    public enum Problem: Error, Sendable, CustomStringConvertible {
        case noTemplate(String)
        public var description: String {
            switch self {
            case let .noTemplate(q): return "questionnaire '\(q)' has no public summary of training content (questions 'ts.*'); use gpai-cop-2025"
            }
        }
    }

    /// The template: section, part, then (field id, label, question id). Labels paraphrase the template's headings.
    static let template: [(String, String, [(String, String, [(String, String, String)])])] = [
        ("1", "General information", [
            ("1.1", "Provider identification", [
                ("provider", "Provider name and contact details", "ts.general.provider"),
                ("authorised_representative", "Authorised representative: name and contact details", "ts.general.auth_rep"),
            ]),
            ("1.2", "Model identification", [
                ("model", "Versioned model name(s)", "ts.general.model"),
                ("dependencies", "Model dependencies (the model it modifies, with a link to its summary)", "ts.general.dependencies"),
                ("placement_date", "Date of placement on the EU market", "scope.placement_date"),
            ]),
            ("1.3", "Modalities, overall training data size and other characteristics", [
                ("modalities", "Modalities", "scope.modality"),
                ("size", "Overall training data size per modality (size band)", "ts.general.size"),
                ("content_types", "Types of content per modality", "ts.general.content"),
                ("cutoff", "Latest date of data collection", "ts.general.cutoff"),
                ("languages", "Linguistic characteristics", "ts.general.languages"),
                ("other_characteristics", "Other relevant characteristics", "ts.general.other"),
            ]),
        ]),
        ("2", "List of data sources", [
            ("2.1", "Publicly available datasets", [
                ("public_used", "Publicly available datasets used", "ts.sources.public"),
                ("public_datasets", "Large datasets (name and link) and a description of the others", "ts.sources.public_detail"),
            ]),
            ("2.2", "Private datasets obtained from third parties", [
                ("licensed_used", "Datasets licensed from rightsholders or their representatives used", "ts.sources.licensed"),
                ("licensed_description", "Description of the licensed datasets", "ts.sources.licensed_detail"),
                ("private_used", "Other private datasets from third parties used", "ts.sources.private"),
                ("private_description", "Publicly known private datasets and a description of the others", "ts.sources.private_detail"),
            ]),
            ("2.3", "Data crawled and scraped from online sources", [
                ("crawled_used", "Crawled or scraped data used", "ts.sources.crawled"),
                ("crawling", "Crawlers, their purpose and behaviour, collection period, kind of content, most relevant domain names", "ts.sources.crawled_detail"),
            ]),
            ("2.4", "User data", [
                ("user_used", "User data used", "ts.sources.user"),
                ("user_description", "Services or products the data come from, and modality", "ts.sources.user_detail"),
            ]),
            ("2.5", "Synthetic data", [
                ("synthetic_used", "Synthetic data used", "ts.sources.synthetic"),
                ("synthetic_description", "Models used to generate the data, and modality", "ts.sources.synthetic_detail"),
            ]),
            ("2.6", "Other sources of data", [
                ("other_used", "Other sources used", "ts.sources.other"),
                ("other_description", "Description of the other sources", "ts.sources.other_detail"),
            ]),
        ]),
        ("3", "Relevant aspects of data processing", [
            ("3.1", "Respect of reservations of rights from the text-and-data-mining exception", [
                ("rights_reservations", "Measures to respect reservations of rights", "ts.processing.rights"),
            ]),
            ("3.2", "Removal of illegal content", [
                ("illegal_content", "Measures to avoid or remove illegal content", "ts.processing.illegal"),
            ]),
            ("3.3", "Other information", [
                ("other_information", "Other information (optional)", "ts.processing.other"),
            ]),
        ]),
    ]

    public init(session s: Session, questionnaire q: Questionnaire, evaluation ev: Evaluation, generated: Date) throws(Problem) {
        guard ev.index.questions["ts.general.provider"] != nil else { throw .noTemplate(q.id) }
        session = s; questionnaire = q; self.generated = generated
        sections = Self.template.map { number, title, parts in
            Section(number: number, title: title, parts: parts.map { pn, pt, fields in
                Part(number: pn, title: pt, fields: fields.map { id, label, qid in
                    guard let question = ev.index.questions[qid], let r = ev.questions[qid] else {
                        return Field(id: id, label: label, question: qid, state: .missing, value: nil, reason: "not in this questionnaire", note: nil)
                    }
                    let a = s.answers[qid]
                    // A source's description is needed only when the source was used ("ts.sources.x" answered yes).
                    if qid.hasSuffix("_detail"), let used = ev.index.questions[String(qid.dropLast("_detail".count))] {
                        let v = s.answers[used.id]?.value
                        if v == .text("no") {
                            return Field(id: id, label: label, question: qid, state: .notApplicable, value: nil, reason: "none used", note: nil)
                        }
                        if v == .text("yes"), !(r.answered && a?.value != nil) {
                            return Field(id: id, label: label, question: qid, state: .missing, value: nil, reason: nil, note: nil)
                        }
                    }
                    if !r.applicable {
                        return Field(id: id, label: label, question: qid, state: .notApplicable, value: nil, reason: r.hiddenReason, note: nil)
                    }
                    if r.answered, let a, let text = ReportContent.answerText(a, question) {
                        return Field(id: id, label: label, question: qid, state: a.notApplicable ? .notApplicable : .given,
                                     value: a.notApplicable ? nil : text, reason: a.notApplicable ? (a.justification ?? "not applicable") : nil, note: a.note,
                                     isDate: question.type == .date)
                    }
                    return Field(id: id, label: label, question: qid, state: r.isRequired ? .missing : .empty, value: nil, reason: nil, note: nil)
                })
            })
        }
    }

    /// "Public summary of training content: 14 of 22 required fields given; missing: …"
    public var completenessLine: String {
        let c = completeness
        if isComplete { return "Public summary of training content: complete (\(c.given) of \(c.required) required fields given)." }
        let names = missing.prefix(4).map(\.label).joined(separator: "; ")
        return "Public summary of training content: \(c.given) of \(c.required) required fields given; missing: \(names)\(missing.count > 4 ? "; and \(missing.count - 4) more" : "")."
    }

    var title: String { "Public summary of training content" + (session.modelDescription.map { ": \($0)" } ?? "") }

    static let intro = "Summary of the content used to train the model, published under Article 53(1)(d) of the AI Act in the structure of the Commission's template (explanatory notice and template of 24 July 2025, C(2025) 8311)."

    func shown(_ f: Field) -> (text: String, mark: String?) {
        switch f.state {
        case .given: return (f.value.map { f.isDate ? ReportContent.humanDay($0) : $0 } ?? "", nil)
        case .missing: return ("", "missing")
        case .empty: return ("", "not given")
        case .notApplicable: return ("", "not applicable" + (f.reason.map { ": \($0)" } ?? ""))
        }
    }

    // MARK: Markdown

    public func markdown() -> String {
        let e = Markdown.escape
        var out = "# \(e(title))\n\n\(e(Self.intro))\n\n"
        out += Markdown.table(["Field", "Value"], [
            ["Provider", session.organisation.map(Markdown.cell) ?? "*(not given)*"],
            ["Model", session.modelDescription.map(Markdown.cell) ?? "*(not given)*"],
            ["Generated", ReportContent.human(generated)],
            ["Assessment", "\(Markdown.cell(session.title)) (\(Markdown.code(session.id)))"],
        ])
        if !isComplete {
            out += "\n> **Not ready to publish:** \(missing.count) required field\(missing.count == 1 ? " is" : "s are") missing: \(missing.map { e($0.label) }.joined(separator: "; ")).\n"
        }
        for sec in sections {
            out += "\n## \(sec.number). \(e(sec.title))\n"
            for part in sec.parts {
                out += "\n### \(part.number) \(e(part.title))\n\n"
                out += Markdown.table(["Field", "Content"], part.fields.map { f in
                    let (text, mark) = shown(f)
                    var cell = mark.map { f.state == .missing ? "**\(Markdown.cell($0))**" : "*\(Markdown.cell($0))*" } ?? Markdown.cell(text)
                    if f.state == .given, let n = f.note, !n.isEmpty { cell += " — " + Markdown.cell(n) }
                    return [Markdown.cell(f.label), cell]
                })
            }
        }
        out += "\n---\n\nWritten by gpai-assess from assessment \(Markdown.code(session.id)), questionnaire \(Markdown.code(questionnaire.id)) version \(e(questionnaire.version)).\n"
        return out
    }

    // MARK: HTML

    public func html() -> String {
        let h = HTML.escape
        var out = "<!DOCTYPE html>\n<html lang=\"\(h(questionnaire.language.isEmpty ? "en" : questionnaire.language))\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"gpai-assess\">\n"
        out += "<title>\(h(title))</title>\n<style>\n\(HTMLReport.css)\n.missing { color: var(--notmet); font-weight: 700; } .mark { color: var(--muted); font-style: italic; }\n</style>\n</head>\n<body>\n"
        out += "<header>\n<h1>\(h(title))</h1>\n<p>\(h(Self.intro))</p>\n<dl class=\"meta\">\n"
        out += "<dt>Provider</dt><dd>\(session.organisation.map(h) ?? "<span class=\"missing\">(not given)</span>")</dd>\n"
        out += "<dt>Model</dt><dd>\(session.modelDescription.map(h) ?? "<span class=\"missing\">(not given)</span>")</dd>\n"
        out += "<dt>Generated</dt><dd>\(ReportContent.human(generated))</dd>\n"
        out += "<dt>Assessment</dt><dd>\(h(session.title)) (<code>\(h(session.id))</code>)</dd>\n</dl>\n"
        if !isComplete {
            out += "<p class=\"banner\">Not ready to publish: \(missing.count) required field\(missing.count == 1 ? " is" : "s are") missing: \(missing.map { h($0.label) }.joined(separator: "; ")).</p>\n"
        }
        out += "</header>\n<main>\n"
        for sec in sections {
            out += "<section id=\"section-\(sec.number)\">\n<h2>\(sec.number). \(h(sec.title))</h2>\n"
            for part in sec.parts {
                out += "<h3 id=\"part-\(part.number)\">\(part.number) \(h(part.title))</h3>\n"
                out += HTML.table(["Field", "Content"], rows: part.fields.map { f in
                    let (text, mark) = shown(f)
                    var cell = mark.map { "<span class=\"\(f.state == .missing ? "missing" : "mark")\">\(h($0))</span>" } ?? "<span class=\"text\">\(h(text))</span>"
                    if f.state == .given, let n = f.note, !n.isEmpty { cell += "<br><span class=\"text\">\(h(n))</span>" }
                    return [h(f.label), cell]
                }, widths: [34, 66])
            }
            out += "</section>\n"
        }
        out += "</main>\n<footer>Written by gpai-assess from assessment <code>\(h(session.id))</code>, questionnaire <code>\(h(questionnaire.id))</code> version \(h(questionnaire.version)).</footer>\n</body>\n</html>\n"
        return out
    }

    // MARK: JSON

    /// Stable form for version control (docs/training-summary.md): keys sorted, ISO 8601 times, one entry per template field.
    public func json() -> JSON {
        let c = completeness
        return [
            "format": "gpai-assess-training-summary",
            "formatVersion": 1,
            "template": "Commission template for the public summary of training content, 24 July 2025 (C(2025) 8311)",
            "generated": .string(ReportJSON.iso(generated)),
            "questionnaire": ["id": .string(questionnaire.id), "version": .string(questionnaire.version)],
            "session": ["id": .string(session.id), "title": .string(session.title)],
            "provider": JSON(session.organisation),
            "model": JSON(session.model),
            "modelVersion": JSON(session.modelVersion),
            "complete": .bool(isComplete),
            "requiredFields": JSON(c.required),
            "givenFields": JSON(c.given),
            "missing": JSON(missing.map(\.id)),
            "sections": .array(sections.map { sec in
                ["number": .string(sec.number), "title": .string(sec.title), "parts": .array(sec.parts.map { part in
                    ["number": .string(part.number), "title": .string(part.title), "fields": .array(part.fields.map { f in
                        ["id": .string(f.id), "label": .string(f.label), "question": .string(f.question), "state": .string(f.state.rawValue),
                         "value": JSON(f.value), "note": JSON(f.note), "reason": JSON(f.reason)]
                    })]
                })]
            }),
        ]
    }

}

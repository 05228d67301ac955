import AssessmentCore
import FoundationEssentials

/// Who receives a part of the Model Documentation Form (Code, Transparency chapter).
public enum MDFAudience: String, CaseIterable, Sendable {
    case aiOffice = "ai-office"
    case authority
    case downstream

    public var title: String {
        switch self {
        case .aiOffice: return "AI Office"
        case .authority: return "National competent authorities"
        case .downstream: return "Downstream providers"
        }
    }

    /// How the items reach this audience, per the Code.
    public var delivery: String {
        switch self {
        case .aiOffice: return "Provided to the AI Office on request."
        case .authority: return "Provided to national competent authorities on request, through the AI Office."
        case .downstream: return "Made available proactively to providers of AI systems who intend to integrate the model."
        }
    }

    /// The marker a questionnaire puts in an item's references: "MDF audience: AI Office, national authorities, downstream providers".
    public static let referencePrefix = "MDF audience:"

    /// Audiences named in one reference, nil when it is not an audience marker.
    public static func parse(reference: String) -> [MDFAudience]? {
        let r = reference.trimmingWhitespace()
        guard r.lowercased().hasPrefix(referencePrefix.lowercased()) else { return nil }
        var out: [MDFAudience] = []
        for part in r.dropFirst(referencePrefix.count).split(whereSeparator: { $0 == "," || $0 == ";" }) {
            let p = part.trimmingWhitespace().lowercased()
            let a: MDFAudience?
            if p.contains("ai office") { a = .aiOffice }
            else if p.contains("authorit") { a = .authority }
            else if p.contains("downstream") { a = .downstream }
            else { a = nil }
            if let a, !out.contains(a) { out.append(a) }
        }
        return out
    }
}

/// The Model Documentation Form for one audience, filled from the Transparency answers:
/// each item's documentation status, the assessor's note (content or where it is documented),
/// evidence, who and when. Unanswered items stay visibly empty; items for other audiences are left out.
///
/// Items are the questions whose references carry an `MDF audience:` marker; a section is the node
/// holding them (in gpai-cop-2025: the eight `tr.mdf.<section>` groups under Measure 1.1).
public struct ModelDocumentationForm: Sendable, RenderedDocument {
    public enum State: String, Sendable {
        case documented, partly, missing = "not_documented", unanswered, notApplicable = "not_applicable"

        public var label: String {
            switch self {
            case .documented: return "documented"
            case .partly: return "partly documented"
            case .missing: return "not documented"
            case .unanswered: return "not answered"
            case .notApplicable: return "not applicable"
            }
        }
    }

    public struct Item: Sendable {
        public var id: String
        public var label: String
        public var audiences: [MDFAudience]
        public var state: State
        /// The chosen option's label.
        public var answer: String?
        public var justification: String?
        /// Why the item does not apply (a scope condition), when it does not.
        public var reason: String?
        public var note: String?
        public var evidence: [String]
        public var by: String?
        public var at: Date?
        /// Facts this assessment already records for the item (e.g. model size from the scope questions).
        public var facts: [(label: String, value: String)]

        /// The answer shown in the status column (none for an item that does not apply).
        var shownAnswer: String? { state == .notApplicable ? nil : answer }
        /// Why an item that does not apply does not: the justification given, else the scope reason.
        var notApplicableText: String? { state == .notApplicable ? justification ?? reason : nil }
        /// Answered as (partly) documented, but the note that becomes the item's content in the form is empty.
        public var contentMissing: Bool {
            (state == .documented || state == .partly) && (note?.trimmingWhitespaceAndNewlines().isEmpty ?? true)
        }
    }

    public struct Section: Sendable {
        public var id: String
        public var title: String
        public var items: [Item]
    }

    public var audience: MDFAudience
    public var sections: [Section]
    /// Sections of the whole form (all audiences), to say how many were left out.
    public var totalSections: Int
    public var session: Session
    public var questionnaire: Questionnaire
    public var generated: Date
    /// "Document version number" and "Date the document was last updated" of the form.
    public var documentVersion: String?
    public var documentDate: String?
    /// Whether the date is the latest answer date (no date was given).
    public var documentDateFromAnswers: Bool
    public var transparencyReason: String?

    public enum Problem: Error, Sendable, CustomStringConvertible {
        case noItems(String)
        public var description: String {
            switch self {
            case let .noItems(q): return "questionnaire '\(q)' has no Model Documentation Form items (questions whose references start with '\(MDFAudience.referencePrefix)')"
            }
        }
    }

    /// Scope answers that fill in an item directly (gpai-cop question ids).
    static let facts: [String: [(label: String, question: String)]] = [
        "tr.mdf.general.dates": [("Placed on the EU market", "scope.placement_date")],
        "tr.mdf.properties.modalities": [("Output modalities", "scope.modality")],
        "tr.mdf.properties.size": [("Parameters", "scope.parameters")],
        "tr.mdf.compute.amount": [("Cumulative training compute", "scope.compute")],
    ]

    public init(session s: Session, questionnaire q: Questionnaire, evaluation ev: Evaluation, audience: MDFAudience,
                generated: Date, documentVersion: String? = nil, documentDate: String? = nil) throws(Problem) {
        self.audience = audience; self.session = s; self.questionnaire = q; self.generated = generated
        self.documentVersion = documentVersion
        var sections: [Section] = []
        var total = 0
        var latest: Date? = nil
        var reason: String? = nil
        q.walk { n, ancestors in
            let items = n.questions.compactMap { qu -> (Question, [MDFAudience])? in
                for r in qu.references { if let a = MDFAudience.parse(reference: r) { return (qu, a) } }
                return nil
            }
            guard !items.isEmpty else { return }
            total += 1
            if reason == nil, let r = ev.nodes[n.id], r.status == .notApplicable, let why = r.hiddenReason {
                reason = why
            }
            let mine = items.filter { $0.1.contains(audience) }
            guard !mine.isEmpty else { return }
            sections.append(Section(id: n.id, title: n.title, items: mine.map { qu, aud in
                let a = s.answers[qu.id]
                let r = ev.questions[qu.id]!
                let state: State
                if !r.applicable { state = .notApplicable }
                else if !r.answered { state = .unanswered }
                else if r.notApplicable { state = .notApplicable }
                else if let sc = r.score { state = sc >= 1 ? .documented : (sc > 0 ? .partly : .missing) }
                else { state = .documented }
                if let at = a?.at, r.answered { latest = max(latest ?? at, at) }
                var facts: [(String, String)] = []
                if qu.id == "tr.mdf.general.identity" {
                    if let o = s.organisation { facts.append(("Provider", o)) }
                    if let m = s.modelDescription { facts.append(("Model", m)) }
                }
                for f in Self.facts[qu.id] ?? [] {
                    guard let fq = ev.index.questions[f.question], let fr = ev.questions[f.question], fr.applicable, fr.answered,
                          let text = ReportContent.answerText(s.answers[f.question], fq) else { continue }
                    facts.append((f.label, text))
                }
                return Item(id: qu.id, label: Self.label(qu.text), audiences: aud, state: state,
                            answer: r.applicable && r.answered ? ReportContent.answerText(a, qu) : nil,
                            justification: r.applicable ? a?.justification : nil, reason: r.applicable ? nil : r.hiddenReason,
                            note: r.applicable ? a?.note : nil, evidence: r.applicable ? (a?.evidence ?? []) : [],
                            by: r.applicable ? a?.by : nil, at: r.applicable ? a?.at : nil, facts: facts)
            }))
        }
        guard total > 0 else { throw .noItems(q.id) }
        self.sections = sections
        self.totalSections = total
        self.transparencyReason = reason
        if let documentDate {
            self.documentDate = documentDate
            self.documentDateFromAnswers = false
        } else {
            self.documentDate = latest.map(ReportContent.day)
            self.documentDateFromAnswers = latest != nil
        }
    }

    /// "MDF item: Model size. Is it in the current model documentation?" → "Model size".
    static func label(_ text: String) -> String {
        var t = text
        if t.hasPrefix("MDF item:") { t = String(t.dropFirst("MDF item:".count)).trimmingWhitespace() }
        if let r = t.firstRange(of: ". Is it ") { t = String(t[..<r.lowerBound]) }
        return t
    }

    public var items: [Item] { sections.flatMap(\.items) }
    public var unanswered: Int { items.filter { $0.state == .unanswered }.count }
    /// Items said to be documented whose content (the note) is empty: a gap of the form.
    public var contentMissing: [Item] { items.filter(\.contentMissing) }

    static let contentMissingText = "content missing: the item is answered as documented but its note (which becomes its content in the form) is empty"

    var headerFacts: [(String, String?)] {
        [
            ("Provider", session.organisation),
            ("Model", session.modelDescription),
            ("Document version number", documentVersion),
            ("Date the document was last updated", documentDate.map { d in
                let shown = ReportContent.humanDay(d)
                return documentDateFromAnswers ? "\(shown) (latest answer to an item)" : shown
            }),
            ("Audience", audience.title),
            ("Questionnaire", "\(questionnaire.title) (\(questionnaire.id), version \(questionnaire.version))"),
            ("Assessment", "\(session.title) (\(session.id))"),
            ("Generated", ReportContent.human(generated)),
        ]
    }

    // MARK: Markdown

    public func markdown() -> String {
        let e = Markdown.escape
        var out = "# Model Documentation Form — \(e(audience.title))\n\n"
        out += Markdown.table(["Field", "Value"], headerFacts.map { k, v in [k, v.map(Markdown.cell) ?? "*(not given)*"] })
        out += "\n\(e(audience.delivery)) Only the items meant for this audience are included (\(sections.count) of \(totalSections) sections).\n"
        if let r = transparencyReason { out += "\n> **The Transparency chapter does not apply under the current scope:** \(e(r))\n" }
        if unanswered > 0 { out += "\n> **Incomplete:** \(unanswered) of \(items.count) items are not answered yet and are left empty below.\n" }
        if !contentMissing.isEmpty {
            out += "\n> **Content missing:** \(contentMissing.count) item\(contentMissing.count == 1 ? " is" : "s are") answered as documented but \(contentMissing.count == 1 ? "has" : "have") no note, so the form has nothing to show: "
            out += contentMissing.map { Markdown.code($0.id) }.joined(separator: ", ") + ".\n"
        }
        for sec in sections {
            out += "\n## \(e(sec.title))\n\n"
            out += Markdown.table(["Item", "Status", "Content / where documented", "Evidence", "Answered by"], sec.items.map { it in
                var content: [String] = it.facts.map { "\(Markdown.cell($0.label)): \(Markdown.cell($0.value))" }
                if let n = it.note { content.append(Markdown.cell(n)) }
                if let j = it.notApplicableText { content.append("N/A: " + Markdown.cell(j)) }
                let status = it.state == .unanswered ? "**not answered**" : (it.shownAnswer.map(Markdown.cell) ?? it.state.label)
                if it.contentMissing { content.append("**content missing**") }
                return ["\(Markdown.cell(it.label)) \(Markdown.code(it.id))", status, content.isEmpty ? "*(empty)*" : content.joined(separator: " · "),
                        it.evidence.isEmpty ? "*(none)*" : it.evidence.map(Markdown.cell).joined(separator: "; "),
                        it.by.map { Markdown.cell($0) + (it.at.map { ", \(ReportContent.humanDay($0))" } ?? "") } ?? "–"]
            })
        }
        out += "\n---\n\nFilled from the Transparency answers of the assessment by gpai-assess; questionnaire \(Markdown.code(questionnaire.id)) version \(e(questionnaire.version)).\n"
        return out
    }

    // MARK: HTML

    public func html() -> String {
        let h = HTML.escape
        func text(_ t: String) -> String { "<span class=\"text\">\(h(t))</span>" }
        var out = "<!DOCTYPE html>\n<html lang=\"\(h(questionnaire.language.isEmpty ? "en" : questionnaire.language))\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"gpai-assess\">\n"
        out += "<title>Model Documentation Form — \(h(audience.title))</title>\n<style>\n\(HTMLReport.css)\n.empty { color: var(--notmet); font-style: italic; }\n</style>\n</head>\n<body>\n"
        out += "<header>\n<h1>Model Documentation Form — \(h(audience.title))</h1>\n<dl class=\"meta\">\n"
        for (k, v) in headerFacts { out += "<dt>\(h(k))</dt><dd>\(v.map(h) ?? "<span class=\"empty\">(not given)</span>")</dd>\n" }
        out += "</dl>\n<p>\(h(audience.delivery)) Only the items meant for this audience are included (\(sections.count) of \(totalSections) sections).</p>\n"
        if let r = transparencyReason { out += "<p class=\"banner\">The Transparency chapter does not apply under the current scope: \(h(r))</p>\n" }
        if unanswered > 0 { out += "<p class=\"banner\">Incomplete: \(unanswered) of \(items.count) items are not answered yet and are left empty below.</p>\n" }
        if !contentMissing.isEmpty {
            out += "<p class=\"banner\">Content missing: \(contentMissing.count) item\(contentMissing.count == 1 ? " is" : "s are") answered as documented but \(contentMissing.count == 1 ? "has" : "have") no note, so the form has nothing to show: "
            out += contentMissing.map { "<code>\(h($0.id))</code>" }.joined(separator: ", ") + ".</p>\n"
        }
        out += "</header>\n<nav class=\"toc\" aria-label=\"Contents\">\n<h2>Sections</h2>\n<ol>\n"
        for sec in sections { out += "<li><a href=\"#\(HTML.anchor("s", sec.id))\">\(h(sec.title))</a></li>\n" }
        out += "</ol>\n</nav>\n<main>\n"
        for sec in sections {
            out += "<section id=\"\(HTML.anchor("s", sec.id))\">\n<h2>\(h(sec.title))</h2>\n"
            out += HTML.table(["Item", "Status", "Content / where documented", "Evidence", "Answered by"], rows: sec.items.map { it in
                var content = it.facts.map { "<div>\(h($0.label)): \(text($0.value))</div>" }
                if let n = it.note { content.append("<div>\(text(n))</div>") }
                if let j = it.notApplicableText { content.append("<div>N/A: \(text(j))</div>") }
                if it.contentMissing { content.append("<div class=\"empty\">content missing</div>") }
                let status = it.state == .unanswered ? "<span class=\"empty\">not answered</span>" : h(it.shownAnswer ?? it.state.label)
                let evidence = it.evidence.isEmpty ? "<span class=\"empty\">(none)</span>" : "<ul>" + it.evidence.map { "<li>\(HTML.evidence($0))</li>" }.joined() + "</ul>"
                return ["\(h(it.label)) <code>\(h(it.id))</code>", status, content.isEmpty ? "<span class=\"empty\">(empty)</span>" : content.joined(),
                        evidence, it.by.map { h($0) + (it.at.map { ", \(ReportContent.humanDay($0))" } ?? "") } ?? "–"]
            })
            out += "</section>\n"
        }
        out += "</main>\n<footer>Filled from the Transparency answers of the assessment by gpai-assess; questionnaire <code>\(h(questionnaire.id))</code> version \(h(questionnaire.version)).</footer>\n</body>\n</html>\n"
        return out
    }

    // MARK: JSON

    public func json() -> JSON {
        [
            "format": "gpai-assess-mdf",
            "formatVersion": 1,
            "audience": .string(audience.rawValue),
            "generated": .string(ReportJSON.iso(generated)),
            "questionnaire": ["id": .string(questionnaire.id), "version": .string(questionnaire.version), "digest": .string(questionnaire.digest)],
            "session": ["id": .string(session.id), "title": .string(session.title)],
            "provider": JSON(session.organisation),
            "model": JSON(session.model),
            "modelVersion": JSON(session.modelVersion),
            "documentVersion": JSON(documentVersion),
            "documentDate": JSON(documentDate),
            "documentDateFromAnswers": .bool(documentDateFromAnswers),
            "transparencyApplies": .bool(transparencyReason == nil),
            "transparencyReason": JSON(transparencyReason),
            "totalSections": JSON(totalSections),
            "unanswered": JSON(unanswered),
            "contentMissing": JSON(contentMissing.map(\.id)),
            "sections": .array(sections.map { sec in
                ["id": .string(sec.id), "title": .string(sec.title), "items": .array(sec.items.map { it in
                    ["id": .string(it.id), "label": .string(it.label), "audiences": JSON(it.audiences.map(\.rawValue)),
                     "state": .string(it.state.rawValue), "contentMissing": .bool(it.contentMissing), "answer": JSON(it.answer), "justification": JSON(it.justification), "reason": JSON(it.reason),
                     "note": JSON(it.note), "evidence": JSON(it.evidence), "by": JSON(it.by), "at": JSON(it.at.map(ReportJSON.iso)),
                     "facts": .array(it.facts.map { ["label": .string($0.label), "value": .string($0.value)] })]
                })]
            }),
        ]
    }

}

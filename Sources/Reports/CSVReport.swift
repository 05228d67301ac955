import AssessmentCore
import FoundationEssentials

/// One row per question, RFC 4180 (comma separated, CRLF line ends, fields with a comma, quote or
/// line break quoted, quotes doubled). Cells that a spreadsheet would run as a formula are neutralised.
public enum CSVReport {
    public static let columns = [
        "questionnaire", "questionnaire_version", "session", "provisional",
        "chapter", "commitment", "measure_id", "measure_number", "measure_title", "measure_status", "measure_score",
        "question_id", "question_number", "question_text", "question_type", "critical", "weight",
        "state", "answer_value", "answer", "justification", "score", "note", "evidence", "answered_by", "answered_at",
        "remediation",
    ]

    public static func render(session s: Session, questionnaire q: Questionnaire, evaluation ev: Evaluation, generated: Date) -> String {
        render(ReportContent(session: s, questionnaire: q, evaluation: ev, generated: generated))
    }

    public static func render(_ c: ReportContent) -> String {
        let s = c.session, q = c.questionnaire, ev = c.evaluation
        var out = row(columns)
        func num(_ x: Double?) -> String { x.map { formatNumber(rounded($0)!) } ?? "" }
        q.walk { n, ancestors in
            guard !n.questions.isEmpty else { return }
            let path = ancestors + [n]
            let chapter = path.first { $0.kind == .chapter }
            let commitment = path.last { $0.kind == .commitment }
            let measure = path.last { $0.kind == .measure } ?? n
            let mr = ev.nodes[measure.id]!
            for qu in n.questions {
                let r = ev.questions[qu.id]!
                let a = s.answers[qu.id]
                out += row([
                    q.id, q.version, s.id, c.provisional ? "yes" : "no",
                    chapter?.displayName ?? "", commitment?.displayName ?? "",
                    measure.id, measure.number ?? "", measure.title, mr.status.rawValue, num(mr.score),
                    qu.id, qu.number ?? "", qu.text, qu.type.rawValue, qu.critical ? "yes" : "no", formatNumber(qu.weight),
                    c.questionState(qu).replacingAll(" ", with: "_"),
                    ReportContent.answerValue(a) ?? "", ReportContent.answerText(a, qu) ?? "",
                    a?.justification ?? "", num(r.score), a?.note ?? "", a?.evidence.joined(separator: "\n") ?? "",
                    a?.by ?? "", a.map { ReportContent.iso($0.at) } ?? "",
                    c.remediation(qu.id) ?? "",
                ])
            }
        }
        return out
    }

    static func row(_ cells: [String]) -> String { cells.map(field).joined(separator: ",") + "\r\n" }

    /// One field: neutralised, made inert, quoted when needed.
    public static func field(_ raw: String) -> String {
        var s = SafeText.inert(normalisedNewlines(raw), keepNewlines: true)
        if needsNeutralising(s) { s = "'" + s }
        let mustQuote = s.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        guard mustQuote else { return s }
        var out = String.UnicodeScalarView()
        out.append("\"")
        for u in s.unicodeScalars {
            out.append(u)
            if u == "\"" { out.append("\"") }
        }
        out.append("\"")
        return String(out)
    }

    /// Starts with = + - @ (or tab/CR), possibly after blanks: a spreadsheet may evaluate it.
    static func needsNeutralising(_ s: String) -> Bool {
        let triggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"]
        guard let first = s.unicodeScalars.first else { return false }
        if triggers.contains(first) { return true }
        if first == " " || first == "\n" {
            return s.unicodeScalars.first { $0 != " " && $0 != "\n" }.map { triggers.contains($0) } ?? false
        }
        return false
    }
}

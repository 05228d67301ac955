import AssessmentCore
import FoundationEssentials

/// One entry point for every report format. Rendering is a pure function of its inputs:
/// the same session, questionnaire, generation date (and baseline) give the same bytes.
public enum ReportRenderer {
    /// - Parameter baseline: an earlier assessment (and its questionnaire) to compare with; adds a "changes" section
    ///   (not in CSV, which stays one row per question).
    public static func render(_ format: ReportFormat, session: Session, questionnaire: Questionnaire,
                              generated: Date = Date(), baseline: (session: Session, questionnaire: Questionnaire)? = nil) -> String {
        let ev = Evaluation(questionnaire: questionnaire, session: session)
        let diff = baseline.map { SessionDiff(before: $0.session, questionnaire: $0.questionnaire, after: session, questionnaire: questionnaire) }
        switch format {
        case .json: return ReportJSON.render(session: session, questionnaire: questionnaire, evaluation: ev, generated: generated, comparison: diff)
        case .md: return MarkdownReport.render(session: session, questionnaire: questionnaire, evaluation: ev, generated: generated, comparison: diff)
        case .html: return HTMLReport.render(session: session, questionnaire: questionnaire, evaluation: ev, generated: generated, comparison: diff)
        case .csv: return CSVReport.render(session: session, questionnaire: questionnaire, evaluation: ev, generated: generated)
        }
    }
}

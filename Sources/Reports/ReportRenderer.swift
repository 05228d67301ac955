import AssessmentCore
import Foundation

public enum ReportFormat: String, CaseIterable, Sendable {
    case md, html, json, csv
}

/// One entry point for every report format.
public enum ReportRenderer {
    public static func render(_ format: ReportFormat, session: Session, questionnaire: Questionnaire,
                              generated: Date = Date()) -> String {
        let ev = Evaluation(questionnaire: questionnaire, session: session)
        switch format {
        case .json: return ReportJSON.document(session: session, questionnaire: questionnaire, evaluation: ev, generated: generated).serialized()
        case .md: return MarkdownReport.render(session: session, questionnaire: questionnaire, evaluation: ev, generated: generated)
        case .html, .csv:
            // Filled in by the reports work (issue 5).
            return MarkdownReport.render(session: session, questionnaire: questionnaire, evaluation: ev, generated: generated)
        }
    }
}

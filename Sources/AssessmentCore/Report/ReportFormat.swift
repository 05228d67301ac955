/// The formats a report is rendered in. Here, not in `Reports`, so that the full screen can
/// name a format in its effects without depending on the renderers.
public enum ReportFormat: String, CaseIterable, Sendable {
    case md, html, json, csv

    public var fileExtension: String { rawValue }
}

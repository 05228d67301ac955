import AssessmentCore

/// The three forms of a filled-in document (the Model Documentation Form, the training-content
/// summary): one format list and one dispatch for every such document.
public enum DocumentFormat: String, CaseIterable, Sendable { case md, html, json }

public protocol RenderedDocument {
    func markdown() -> String
    func html() -> String
    func json() -> JSON
}

extension RenderedDocument {
    public typealias Format = DocumentFormat

    public func render(_ f: DocumentFormat) -> String {
        switch f {
        case .md: return markdown()
        case .html: return html()
        case .json: return json().serialized()
        }
    }
}

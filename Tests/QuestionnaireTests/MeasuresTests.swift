import AssessmentCore
import TestSupport
import XCTest

/// The final Code's structure (10 July 2025): 12 Commitments, 40 Measures, titles as the Code gives them
/// (from /work/shared/reference/gpai-code-outline.md, sections 1.A–1.C).
final class MeasuresTests: XCTestCase {
    struct Entry { var chapter: String; var number: String; var title: String }

    static let chapters: [(id: String, title: String)] = [
        ("tr", "Transparency"), ("cr", "Copyright"), ("ss", "Safety and Security"),
    ]

    static let commitments: [Entry] = [
        Entry(chapter: "tr", number: "1", title: "Documentation"),
        Entry(chapter: "cr", number: "1", title: "Copyright policy"),
        Entry(chapter: "ss", number: "1", title: "Safety and Security Framework"),
        Entry(chapter: "ss", number: "2", title: "Systemic risk identification"),
        Entry(chapter: "ss", number: "3", title: "Systemic risk analysis"),
        Entry(chapter: "ss", number: "4", title: "Systemic risk acceptance determination"),
        Entry(chapter: "ss", number: "5", title: "Safety mitigations"),
        Entry(chapter: "ss", number: "6", title: "Security mitigations"),
        Entry(chapter: "ss", number: "7", title: "Safety and Security Model Reports"),
        Entry(chapter: "ss", number: "8", title: "Systemic risk responsibility allocation"),
        Entry(chapter: "ss", number: "9", title: "Serious incident reporting"),
        Entry(chapter: "ss", number: "10", title: "Additional documentation and transparency"),
    ]

    static let measures: [Entry] = [
        // Transparency
        Entry(chapter: "tr", number: "1.1", title: "Drawing up and keeping up-to-date model documentation"),
        Entry(chapter: "tr", number: "1.2", title: "Providing relevant information"),
        Entry(chapter: "tr", number: "1.3", title: "Ensuring quality, integrity, and security of information"),
        // Copyright
        Entry(chapter: "cr", number: "1.1", title: "Draw up, keep up-to-date and implement a copyright policy"),
        Entry(chapter: "cr", number: "1.2", title: "Reproduce and extract only lawfully accessible copyright-protected content when crawling the World Wide Web"),
        Entry(chapter: "cr", number: "1.3", title: "Identify and comply with rights reservations when crawling the World Wide Web"),
        Entry(chapter: "cr", number: "1.4", title: "Mitigate the risk of copyright-infringing outputs"),
        Entry(chapter: "cr", number: "1.5", title: "Designate a point of contact and enable the lodging of complaints"),
        // Safety and Security
        Entry(chapter: "ss", number: "1.1", title: "Creating the Framework"),
        Entry(chapter: "ss", number: "1.2", title: "Implementing the Framework"),
        Entry(chapter: "ss", number: "1.3", title: "Updating the Framework"),
        Entry(chapter: "ss", number: "1.4", title: "Framework notifications"),
        Entry(chapter: "ss", number: "2.1", title: "Systemic risk identification process"),
        Entry(chapter: "ss", number: "2.2", title: "Systemic risk scenarios"),
        Entry(chapter: "ss", number: "3.1", title: "Model-independent information"),
        Entry(chapter: "ss", number: "3.2", title: "Model evaluations"),
        Entry(chapter: "ss", number: "3.3", title: "Systemic risk modelling"),
        Entry(chapter: "ss", number: "3.4", title: "Systemic risk estimation"),
        Entry(chapter: "ss", number: "3.5", title: "Post-market monitoring"),
        Entry(chapter: "ss", number: "4.1", title: "Systemic risk acceptance criteria and acceptance determination"),
        Entry(chapter: "ss", number: "4.2", title: "Proceeding or not proceeding based on systemic risk acceptance determination"),
        Entry(chapter: "ss", number: "5.1", title: "Appropriate safety mitigations"),
        Entry(chapter: "ss", number: "6.1", title: "Security Goal"),
        Entry(chapter: "ss", number: "6.2", title: "Appropriate security mitigations"),
        Entry(chapter: "ss", number: "7.1", title: "Model description and behaviour"),
        Entry(chapter: "ss", number: "7.2", title: "Reasons for proceeding"),
        Entry(chapter: "ss", number: "7.3", title: "Documentation of systemic risk identification, analysis, and mitigation"),
        Entry(chapter: "ss", number: "7.4", title: "External reports"),
        Entry(chapter: "ss", number: "7.5", title: "Material changes to the systemic risk landscape"),
        Entry(chapter: "ss", number: "7.6", title: "Model Report updates"),
        Entry(chapter: "ss", number: "7.7", title: "Model Report notifications"),
        Entry(chapter: "ss", number: "8.1", title: "Definition of clear responsibilities"),
        Entry(chapter: "ss", number: "8.2", title: "Allocation of appropriate resources"),
        Entry(chapter: "ss", number: "8.3", title: "Promotion of a healthy risk culture"),
        Entry(chapter: "ss", number: "9.1", title: "Methods for serious incident identification"),
        Entry(chapter: "ss", number: "9.2", title: "Relevant information for serious incident tracking, documentation, and reporting"),
        Entry(chapter: "ss", number: "9.3", title: "Reporting timelines"),
        Entry(chapter: "ss", number: "9.4", title: "Retention period"),
        Entry(chapter: "ss", number: "10.1", title: "Additional documentation"),
        Entry(chapter: "ss", number: "10.2", title: "Public transparency"),
    ]

    /// Every node of a kind, with the chapter it sits in and its parent.
    struct Found { var node: Node; var chapter: String?; var parent: Node? }
    func nodes(_ q: Questionnaire, kind: NodeKind) -> [Found] {
        var out: [Found] = []
        q.walk { n, ancestors in
            guard n.kind == kind else { return }
            out.append(Found(node: n, chapter: ancestors.first { $0.kind == .chapter }?.id, parent: ancestors.last))
        }
        return out
    }

    func testTableIsTheCode() {
        XCTAssertEqual(Self.measures.count, 40)
        XCTAssertEqual(Self.commitments.count, 12)
        XCTAssertEqual(Self.measures.filter { $0.chapter == "tr" }.count, 3)
        XCTAssertEqual(Self.measures.filter { $0.chapter == "cr" }.count, 5)
        XCTAssertEqual(Self.measures.filter { $0.chapter == "ss" }.count, 32)
    }

    func testChapters() throws {
        let q = try Shipped.final()
        // The Code's three chapters, then the AI Act's public summary of training content (not a chapter of the Code).
        let chapters = q.nodes.filter { $0.kind == .chapter && $0.id != "ts" }
        XCTAssertEqual(q.nodes.last?.id, "ts", "the training content summary comes last")
        XCTAssertEqual(chapters.map(\.id), Self.chapters.map(\.id))
        XCTAssertEqual(chapters.map(\.title), Self.chapters.map(\.title))
        XCTAssertEqual(q.nodes.first?.kind, .scope, "the scoping questions come first")
    }

    func testEveryMeasureOnceInItsChapterWithNumberAndTitle() throws {
        let q = try Shipped.final()
        let found = nodes(q, kind: .measure)
        XCTAssertEqual(found.count, 40, "the final Code has 40 measures")
        for e in Self.measures {
            let here = found.filter { $0.chapter == e.chapter && $0.node.number == e.number }
            XCTAssertEqual(here.count, 1, "\(e.chapter) Measure \(e.number) should be present exactly once")
            guard let m = here.first else { continue }
            XCTAssertEqual(m.node.title, e.title, "\(e.chapter) Measure \(e.number) title (node \(m.node.id))")
            XCTAssertEqual(m.node.kind, .measure)
            // Under its commitment: Measure 7.3 sits in Commitment 7.
            let commitment = String(e.number.split(separator: ".")[0])
            XCTAssertEqual(m.parent?.kind, .commitment, "\(m.node.id) should sit directly under a commitment")
            XCTAssertEqual(m.parent?.number, commitment, "\(m.node.id) should sit under Commitment \(commitment)")
            XCTAssertEqual(found.filter { $0.node.title == e.title }.count, 1, "title '\(e.title)' used by more than one measure")
        }
        // And nothing that is not in the table.
        for m in found where !Self.measures.contains(where: { $0.chapter == m.chapter && $0.number == m.node.number }) {
            XCTFail("measure \(m.node.id) (\(m.chapter ?? "no chapter") \(m.node.number ?? "no number")) is not in the Code's table")
        }
        XCTAssertEqual(Set(found.map(\.node.id)).count, 40, "measure ids are unique")
    }

    func testTwelveCommitments() throws {
        let q = try Shipped.final()
        let found = nodes(q, kind: .commitment)
        XCTAssertEqual(found.count, 12, "the final Code has 12 commitments")
        for e in Self.commitments {
            let here = found.filter { $0.chapter == e.chapter && $0.node.number == e.number }
            XCTAssertEqual(here.count, 1, "\(e.chapter) Commitment \(e.number) should be present exactly once")
            XCTAssertEqual(here.first?.node.title, e.title, "\(e.chapter) Commitment \(e.number) title")
            XCTAssertEqual(here.first?.parent?.kind, .chapter)
        }
    }

    /// The issue asks for 2–6 questions per measure, counting those in its groups and appendices.
    func testEveryMeasureHasQuestions() throws {
        let q = try Shipped.final()
        for m in nodes(q, kind: .measure) {
            var count = 0
            func add(_ n: Node) { count += n.questions.count; n.children.forEach(add) }
            add(m.node)
            XCTAssertGreaterThanOrEqual(count, 2, "\(m.node.id) has \(count) question(s)")
            XCTAssertLessThanOrEqual(m.node.questions.count, 6, "\(m.node.id) asks \(m.node.questions.count) questions directly")
            XCTAssertTrue(m.node.questions.contains(where: \.isScored) || m.node.children.contains { $0.questions.contains(where: \.isScored) },
                          "\(m.node.id) has no scored question")
        }
    }
}

@testable import AssessmentCore
import Foundation
import TestSupport
import XCTest

/// The index is built in one pass over ids; it must say what the plain walk over nodes says.
final class QuestionnaireIndexTests: XCTestCase {
    func testPathsAndOrderMatchTheWalk() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.questionnairesFolder)
            .filter { $0.hasSuffix(".json") && !$0.hasSuffix(".schema.json") }
        XCTAssertFalse(files.isEmpty)
        for f in files + ["mini.json"] {
            let q = try QuestionnaireLoader.load(path: f == "mini.json" ? Fixtures.path(f) : Fixtures.questionnairesFolder + "/" + f)
            let index = q.index
            var order: [String] = []
            var nodeCount = 0
            q.walk { n, ancestors in
                nodeCount += 1
                let path = ([n] + ancestors.reversed()).map(\.id)
                XCTAssertEqual(index.nodePath[n.id], path, "\(f): \(n.id)")
                XCTAssertEqual(index.nodes[n.id], n, "\(f): \(n.id)")
                for qu in n.questions {
                    XCTAssertEqual(index.questionPath[qu.id], path, "\(f): \(qu.id)")
                    XCTAssertEqual(index.questions[qu.id], qu, "\(f): \(qu.id)")
                    order.append(qu.id)
                }
            }
            XCTAssertEqual(index.questionOrder, order, f)
            XCTAssertEqual(index.questionList.map(\.question.id), order, f)
            XCTAssertEqual(index.nodes.count, nodeCount, f)
            XCTAssertEqual(index.tree.count, nodeCount, f)
            XCTAssertGreaterThan(order.count, 0, f)
        }
    }
}

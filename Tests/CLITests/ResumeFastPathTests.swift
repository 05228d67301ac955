@testable import gpai_assess
import XCTest

/// `resume` is read without ArgumentParser only in its plain forms; every other form falls back
/// to the parser (nil), so help and error messages are unchanged.
final class ResumeFastPathTests: XCTestCase {
    func testPlainFormsAreTaken() {
        XCTAssertEqual(ResumeFastPath(["resume", "acme"]), ResumeFastPath(session: "acme"))
        XCTAssertEqual(ResumeFastPath(["resume", "--store", "/s", "acme", "--as", "bob", "--plain", "--facilitate"]),
                       ResumeFastPath(session: "acme", store: "/s", asUser: "bob", plain: true, facilitate: true))
        XCTAssertEqual(ResumeFastPath(["resume", "--facilitate", "acme"]), ResumeFastPath(session: "acme", facilitate: true))
        XCTAssertEqual(ResumeFastPath(["resume", "acme", "--at", "Copyright 1.3"]), ResumeFastPath(session: "acme", at: "Copyright 1.3"))
    }

    func testEverythingElseGoesToTheParser() {
        for args in [[], ["resume"], ["new", "acme"], ["resume", "--help"], ["resume", "-h", "acme"], ["resume", "acme", "other"],
                     ["resume", "--store=/s", "acme"], ["resume", "--store"], ["resume", "--store", "-x", "acme"],
                     ["resume", "--plain", "--plain", "acme"], ["resume", "acme", "--at"], ["resume", "acme", "--at", "-x"],
                     ["resume", "--at", "1.1", "--at", "1.2", "acme"], ["resume", "--at", "1.1"], ["resume", "--as", "a", "--as", "b", "acme"],
                     ["resume", "--version"], ["resume", "--", "acme"], ["resume", "acme", "--unknown"], ["help", "resume"]] {
            XCTAssertNil(ResumeFastPath(args), "\(args)")
        }
    }
}

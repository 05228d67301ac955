import AssessmentCore
import Foundation

/// Hostile inputs from the red-team campaign (issue 17), shared by the tests that replay it.
public enum RedTeamFixtures {
    /// The mini questionnaire with `length` derived values, each reading the next one, so that scoring
    /// follows a chain that long (the campaign used 10,000). `id` replaces the questionnaire id.
    public static func derivedChain(length: Int, id: String = "mini") throws -> [UInt8] {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("mini.json")))
        guard var root = try JSONSerialization.jsonObject(with: bytes) as? [String: Any] else { return [] }
        var derived: [[String: Any]] = []
        for i in 0..<length {
            let e = i == length - 1 ? "scope.params" : "chain\(i + 1) + 1"
            derived.append(["id": "chain\(i)", "label": "Link \(i)", "expression": e])
        }
        root["derived"] = (root["derived"] as? [[String: Any]] ?? []) + derived
        root["id"] = id
        return [UInt8](try JSONSerialization.data(withJSONObject: root))
    }
}

import BrandCreationDemo
import DangjianHTTPTestSupport
import DangjianTestSupport
import Testing
@testable import Dangjian
@testable import BrandCreation

/// Issue 13: everything the demo district holds is outside an empty branch's subtree, so its
/// secretary must get, for each id, the answer a missing id gets.
@Suite struct HiddenIDTests {
    @Test func everyByIDRouteAnswersAnotherUnitsIDAsItAnswersAMissingOne() async throws {
        let t = try await TestApplication.open(plugins: [BrandCreationPlugin.self])
        defer { Task { await t.close() } }
        var bodies = [
            "POST /api/v1/brand/brands/{id}/adoptions":
                #"{"organizationID": \#(HiddenIDProbe.ownBranch), "adoptedOn": "2099-01-01"}"#,
            "POST /api/v1/brand/adoptions/{id}/results": json(["results": "成效"]),
            "POST /api/v1/brand/rounds/{id}/sheets": json([
                "brandID": 1, "evaluatorMemberID": 1, "scores": [["item": "理念", "points": 5]],
            ]),
        ]
        for step in ["assess", "return", "evidence", "promotion"] {
            bodies["POST /api/v1/brand/brands/{id}/\(step)"] = json([
                "on": "2026-06-01", "reason": "材料不全", "opinion": "同意", "item": 1,
                "note": "佐证", "practice": "做法",
            ])
        }
        // A promoted brand's practice and its adopters are shown to anyone by design, and any unit
        // may adopt it (a date in the future keeps the probe from adopting it).
        try await HiddenIDProbe.expectNothingShown(
            on: t, tags: ["brand"], atLeast: 5, bodies: bodies, seeders: [BrandCreationDemoSeeder()]
        ) { s in
            let promoted = Set(
                try s.query("SELECT id FROM brand_brands WHERE promoted_on IS NOT NULL", []).map { try $0.int64("id") })
            return [
                "GET /api/v1/brand/brands/{id}/adoptions": promoted,
                "POST /api/v1/brand/brands/{id}/adoptions": promoted,
            ]
        }
    }

    /// Issue 16: the plugin's console pages, asked for every id in the path and the query.
    @Test func everyConsolePageAnswersAnotherUnitsIDAsItAnswersAMissingOne() async throws {
        let t = try await TestApplication.open(plugins: [BrandCreationPlugin.self])
        defer { Task { await t.close() } }
        try await ConsoleHiddenIDProbe.expectNothingShown(
            on: t, prefixes: ["/brand/"], seeders: [BrandCreationDemoSeeder()], atLeast: 3)
    }
}

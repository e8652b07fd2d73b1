import RegionalCouncilDemo
import DangjianHTTPTestSupport
import DangjianTestSupport
import Testing
@testable import Dangjian
@testable import RegionalCouncil

/// Issue 13: everything the demo district holds is outside an empty branch's subtree, so its
/// secretary must get, for each id, the answer a missing id gets.
@Suite struct HiddenIDTests {
    @Test func everyByIDRouteAnswersAnotherUnitsIDAsItAnswersAMissingOne() async throws {
        let t = try await TestApplication.open(plugins: [RegionalCouncilPlugin.self])
        defer { Task { await t.close() } }
        let day = "2026-06-01"
        var bodies: [String: String] = [
            "POST /api/v1/council/councils/{id}/committees": json([
                "name": "教育专委会", "organizationID": 1, "establishedOn": day,
            ]),
            "POST /api/v1/council/committees/{id}/charter": json(["text": "章程", "adoptedOn": day]),
            "POST /api/v1/council/committees/{id}/subcouncils": json([
                "name": "东部分会", "convenerID": 1, "establishedOn": day,
            ]),
            "POST /api/v1/council/subcouncils/{id}/units": json(["organizationIDs": [1], "joinedOn": day]),
            "POST /api/v1/council/committees/{id}/calls": json([
                "year": 2026, "title": "课题申报", "opensOn": day, "closesOn": "2026-06-30",
            ]),
            "POST /api/v1/council/topics/{id}/transfers": json([
                "organizationID": 1, "appliedOn": day, "description": "转化",
            ]),
            "POST /api/v1/council/projects/{id}/results": json(["results": "成效"]),
        ]
        // Every step of a topic takes the same body; each reads the fields it needs.
        for step in ["approve", "reject", "advisor", "submissions", "reviews", "award"] {
            bodies["POST /api/v1/council/topics/{id}/\(step)"] = json([
                "on": day, "advisor": "王教授", "review": "kickoff", "document": "开题报告", "outcome": "passed",
                "reviewer": "专家组",
                "comments": "通过", "awardScope": "district", "awardRank": "first", "awardedBy": "区委组织部",
                "reason": "不符合申报条件",
            ])
        }
        try await HiddenIDProbe.expectNothingShown(
            on: t, tags: ["council"], atLeast: 5, bodies: bodies, seeders: [RegionalCouncilDemoSeeder()])
    }

    /// Issue 16: the plugin's console pages, asked for every id in the path and the query.
    @Test func everyConsolePageAnswersAnotherUnitsIDAsItAnswersAMissingOne() async throws {
        let t = try await TestApplication.open(plugins: [RegionalCouncilPlugin.self])
        defer { Task { await t.close() } }
        try await ConsoleHiddenIDProbe.expectNothingShown(
            on: t, prefixes: ["/council/"], seeders: [RegionalCouncilDemoSeeder()], atLeast: 4)
    }
}

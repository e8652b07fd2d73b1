import DualLiaisonDemo
import RegionalCouncilDemo
import DangjianHTTPTestSupport
import DangjianTestSupport
import Testing
@testable import Dangjian
@testable import DualLiaison

/// Issue 13: everything the demo district holds is outside an empty branch's subtree, so its
/// secretary must get, for each id, the answer a missing id gets.
@Suite struct HiddenIDTests {
    @Test func everyByIDRouteAnswersAnotherUnitsIDAsItAnswersAMissingOne() async throws {
        let t = try await TestApplication.open(plugins: PluginValuesTests.types)
        defer { Task { await t.close() } }
        let bodies = [
            "POST /api/v1/liaison/committees/{id}/settings": json([
                "leadershipOrganizationID": 1, "officeOrganizationID": 2,
            ]),
            "POST /api/v1/liaison/subcouncils/{id}/liaisons": json([
                "role": "leader", "memberID": 1, "from": "2026-06-01",
            ]),
            "POST /api/v1/liaison/subcouncils/{id}/liaisons/end": json(["role": "leader", "on": "2026-06-01"]),
        ]
        try await HiddenIDProbe.expectNothingShown(
            on: t, tags: ["liaison"], atLeast: 5, bodies: bodies,
            seeders: [RegionalCouncilDemoSeeder(), DualLiaisonDemoSeeder()])
    }

    /// Issue 16: the plugin's console pages, asked for every id in the path and the query.
    @Test func everyConsolePageAnswersAnotherUnitsIDAsItAnswersAMissingOne() async throws {
        let t = try await TestApplication.open(plugins: PluginValuesTests.types)
        defer { Task { await t.close() } }
        try await ConsoleHiddenIDProbe.expectNothingShown(
            on: t, prefixes: ["/liaison/"], seeders: [RegionalCouncilDemoSeeder(), DualLiaisonDemoSeeder()], atLeast: 2)
    }
}

import OrgLifeDemo
import DangjianHTTPTestSupport
import DangjianTestSupport
import Testing
@testable import Dangjian
@testable import OrgLife

/// Issue 13: everything the demo district holds is outside an empty branch's subtree, so its
/// secretary must get, for each id, the answer a missing id gets.
@Suite struct HiddenIDTests {
    @Test func everyByIDRouteAnswersAnotherUnitsIDAsItAnswersAMissingOne() async throws {
        let t = try await TestApplication.open(plugins: [OrgLifePlugin.self])
        defer { Task { await t.close() } }
        let bodies = [
            "POST /api/v1/orglife/records/{id}/corrections":
                #"{"reason": "补记", "organizationID": \#(HiddenIDProbe.ownBranch), "kind": "partyLecture", "heldAt": "2026-06-01", "topic": "学习"}"#
        ]
        try await HiddenIDProbe.expectNothingShown(
            on: t, tags: ["orglife"], atLeast: 4, bodies: bodies, seeders: [OrgLifeDemoSeeder()])
    }

    /// Issue 16: the plugin's console pages, asked for every id in the path and the query.
    @Test func everyConsolePageAnswersAnotherUnitsIDAsItAnswersAMissingOne() async throws {
        let t = try await TestApplication.open(plugins: [OrgLifePlugin.self])
        defer { Task { await t.close() } }
        try await ConsoleHiddenIDProbe.expectNothingShown(
            on: t, prefixes: ["/orglife/"], seeders: [OrgLifeDemoSeeder()], atLeast: 8)
    }
}

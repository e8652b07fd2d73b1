import SecretaryProjectsDemo
import DangjianHTTPTestSupport
import DangjianTestSupport
import Testing
@testable import Dangjian
@testable import SecretaryProjects

/// Issue 13: the demo district's programmes, projects and reports are all outside an empty
/// branch's subtree, so its secretary must get, for each of their ids, the answer a missing id gets.
@Suite struct HiddenIDTests {
    @Test func everyByIDRouteAnswersAnotherUnitsIDAsItAnswersAMissingOne() async throws {
        let t = try await TestApplication.open(plugins: [SecretaryProjectsPlugin.self])
        defer { Task { await t.close() } }
        try await HiddenIDProbe.expectNothingShown(
            on: t, tags: ["secretary"], atLeast: 15,
            bodies: [
                "POST /api/v1/secretary/reports/{id}/rating": json(["rating": "good"]),
                "POST /api/v1/secretary/programmes/{id}/group": json([
                    "officeOrganizationID": 1,
                    "members": [
                        ["memberID": 1, "role": "leader"], ["memberID": 2, "role": "officeDirector"],
                    ],
                ]),
                "POST /api/v1/secretary/programmes/{id}/template": json([
                    "organizationID": 1, "title": "书记项目",
                    "items": [
                        [
                            "component": "standardisation", "title": "细化任务清单", "dueOn": "2026-09-30",
                            "acceptanceCriteria": "有记录",
                        ]
                    ],
                ]),
                "POST /api/v1/secretary/projects/{id}/studies": json([
                    "heldOn": "2026-05-10", "topic": "研究部署", "decisions": "分工到人",
                ]),
                "POST /api/v1/secretary/programmes/{id}/inspections": json([
                    "quarter": "2026-Q1", "inspectedOn": "2026-04-05", "summary": "督查",
                    "findings": [] as [Any],
                ]),
                "POST /api/v1/secretary/programmes/{id}/bulletins": json(["quarter": "2026-Q1"]),
                "POST /api/v1/secretary/projects/{id}/reports": json(["year": 2026, "text": "述职"]),
            ], seeders: [SecretaryProjectsDemoSeeder()])
    }

    /// Issue 16: the plugin's console pages, asked for every id in the path and the query.
    @Test func everyConsolePageAnswersAnotherUnitsIDAsItAnswersAMissingOne() async throws {
        let t = try await TestApplication.open(plugins: [SecretaryProjectsPlugin.self])
        defer { Task { await t.close() } }
        try await ConsoleHiddenIDProbe.expectNothingShown(
            on: t, prefixes: ["/secretary/"], seeders: [SecretaryProjectsDemoSeeder()], atLeast: 4)
    }
}

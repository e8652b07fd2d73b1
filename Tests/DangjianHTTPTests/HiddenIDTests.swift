import DangjianHTTPTestSupport
import Testing
@testable import Dangjian

/// Issue 13, for the core's routes: the demo district's organisations, members, tasks,
/// inspections, transfers, notifications and tokens are all outside an empty branch's subtree.
@Suite struct HiddenIDTests {
    @Test func everyCoreByIDRouteAnswersAnotherUnitsIDAsItAnswersAMissingOne() async throws {
        let server = try await TestServer.make()
        defer { Task { await server.close() } }
        try await HiddenIDProbe.expectNothingShown(
            on: server.application, atLeast: 15,
            bodies: [
                "POST /api/v1/organizations/{id}/move": #"{"parentID": \#(HiddenIDProbe.ownBranch)}"#,
                "POST /api/v1/members/{id}/status": #"{"status": "activist", "on": "2026-06-01", "reason": "培养"}"#,
                "POST /api/v1/members/{id}/transfers":
                    #"{"toOrganizationID": \#(HiddenIDProbe.ownBranch), "sentOn": "2026-06-01"}"#,
                "POST /api/v1/tasks/{id}/status": #"{"status": "inProgress", "note": "开始"}"#,
                "POST /api/v1/tasks/{id}/evidence": #"{"note": "佐证"}"#,
                "PUT /api/v1/me/channels/{channel}": #"{"address": "probe@example.cn"}"#,
                "POST /api/v1/inspections/{id}/findings": #"""
                {"organizationID": \#(HiddenIDProbe.ownBranch), "description": "记录不全", "rectifyBy": "2026-07-01"}
                """#,
            ])
    }
}

import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import Dangjian
@testable import DangjianHTTP
import DangjianTestSupport

@Suite struct TaskTests {
    /// The demo district's task list, issued by the root committee.
    static func demoList(_ client: any TestClientProtocol, _ world: DemoWorld) async throws -> TaskList {
        let lists = try await client.call(.get, "/api/v1/organizations/\(world.rootID)/task-lists", token: world.admin)
        #expect(lists.status == .ok)
        return try #require(try lists.decode([TaskList].self).first)
    }

    @Test func issueSubmitAndAccept() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            let list = try await Self.demoList(client, world)
            let created = try await client.call(
                .post, "/api/v1/tasks", token: world.admin,
                json: """
                    {"listID":\(list.id),"responsibleOrganizationID":\(world.branchID),"title":"开展主题党日活动",
                     "acceptanceCriteria":"有签到表和活动记录","dueOn":"2026-07-31"}
                    """)
            #expect(created.status == .created, "\(created.text)")
            let task = try created.decode(TaskItem.self)
            #expect(task.status == .open)
            #expect(task.issuerOrganizationID == world.rootID)
            #expect(task.responsibleOrganizationID == world.branchID)
            #expect(task.listID == list.id)
            #expect(task.kind == "general")

            // The secretary sees it in their own list.
            let mine = try await client.call(.get, "/api/v1/tasks?listID=\(list.id)&limit=500", token: world.secretary)
                .decode(ListPage<TaskItem>.self)
            #expect(mine.items.contains { $0.id == task.id })
            #expect(mine.items.allSatisfy { $0.responsibleOrganizationID == world.branchID })

            let submitted = try await client.call(
                .post, "/api/v1/tasks/\(task.id)/status", token: world.secretary,
                json: #"{"status":"submitted","note":"已上传签到表"}"#)
            #expect(submitted.status == .ok, "\(submitted.text)")
            #expect(try submitted.decode(TaskItem.self).status == .submitted)

            // Accepting belongs to the issuer: the secretary, who can see the task, is refused.
            let selfAccept = try await client.call(
                .post, "/api/v1/tasks/\(task.id)/status", token: world.secretary,
                json: #"{"status":"accepted"}"#)
            expectError(selfAccept, .forbidden, "auth.forbidden")
            #expect(
                try await client.call(.get, "/api/v1/tasks/\(task.id)", token: world.admin).decode(TaskItem.self).status
                    == .submitted)

            let accepted = try await client.call(
                .post, "/api/v1/tasks/\(task.id)/status", token: world.admin, json: #"{"status":"accepted"}"#)
            #expect(accepted.status == .ok, "\(accepted.text)")
            #expect(try accepted.decode(TaskItem.self).status == .accepted)

            let detail = try await client.call(.get, "/api/v1/tasks/\(task.id)", token: world.secretary).decode(
                TaskItem.self)
            #expect(detail.status == .accepted)
            #expect(detail.evidence?.map(\.note) == ["已上传签到表"])
            // Nothing moves an accepted task.
            expectError(
                try await client.call(
                    .post, "/api/v1/tasks/\(task.id)/status", token: world.admin,
                    json: #"{"status":"returned","note":"再改"}"#),
                .badRequest, "task.transitionNotAllowed", field: "status")
        }
        await server.close()
    }

    @Test func taskOutsideTheSecretarysBranchIsNotFound() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            // A task for another branch under the root, issued by the root.
            let organizations = try await client.call(
                .get, "/api/v1/organizations?kind=branch&limit=500", token: world.admin
            )
            .decode(ListPage<Organization>.self)
            let other = try #require(organizations.items.first { !$0.path.hasPrefix(world.branchPath) })
            let task = try await client.call(
                .post, "/api/v1/tasks", token: world.admin,
                json: """
                    {"issuerOrganizationID":\(world.rootID),"responsibleOrganizationID":\(other.id),"title":"核查党员信息","dueOn":"2026-07-31"}
                    """
            ).decode(TaskItem.self)
            expectError(
                try await client.call(.get, "/api/v1/tasks/\(task.id)", token: world.secretary), .notFound,
                "task.notFound")
            expectError(
                try await client.call(
                    .post, "/api/v1/tasks/\(task.id)/status", token: world.secretary,
                    json: #"{"status":"submitted"}"#), .notFound, "task.notFound")
            #expect(
                try await client.call(.get, "/api/v1/tasks/\(task.id)", token: world.admin).decode(TaskItem.self).status
                    == .open)
        }
        await server.close()
    }

    @Test func secretaryCannotIssueATaskUpward() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            let before = try await server.count("tasks")
            let response = try await client.call(
                .post, "/api/v1/tasks", token: world.secretary,
                json: """
                    {"issuerOrganizationID":\(world.branchID),"responsibleOrganizationID":\(world.rootID),"title":"上级任务","dueOn":"2026-07-31"}
                    """)
            expectError(response, .badRequest, "task.responsibleOutsideIssuer", field: "responsibleOrganizationID")
            #expect(try await server.count("tasks") == before)
        }
        await server.close()
    }

    @Test func inspectionFindingOpensARectificationTask() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            let inspection = try await client.call(
                .post, "/api/v1/inspections", token: world.admin,
                json: """
                    {"organizationID":\(world.rootID),"title":"2026年上半年党建督查","inspectedOn":"2026-06-10"}
                    """)
            #expect(inspection.status == .created, "\(inspection.text)")
            let inspectionID = try inspection.decode(Inspection.self).id
            let tasksBefore = try await server.count("tasks")

            let finding = try await client.call(
                .post, "/api/v1/inspections/\(inspectionID)/findings", token: world.admin,
                json: """
                    {"organizationID":\(world.branchID),"description":"三会一课记录不完整","rectifyBy":"2026-07-15",
                     "acceptanceCriteria":"补齐记录并报送"}
                    """)
            #expect(finding.status == .created, "\(finding.text)")
            let recorded = try finding.decode(Inspection.Finding.self)
            let taskID = try #require(recorded.rectificationTaskID)
            #expect(try await server.count("tasks") == tasksBefore + 1)

            for token in [world.admin, world.secretary] {
                let response = try await client.call(.get, "/api/v1/tasks/\(taskID)", token: token)
                #expect(response.status == .ok)
                let task = try response.decode(TaskItem.self)
                #expect(task.kind == "rectification")
                #expect(task.findingID == recorded.id)
                #expect(task.issuerOrganizationID == world.rootID)
                #expect(task.responsibleOrganizationID == world.branchID)
                #expect(task.dueOn == Day("2026-07-15"))
                #expect(task.status == .open)
                #expect(task.acceptanceCriteria == "补齐记录并报送")
            }
            let detail = try await client.call(.get, "/api/v1/inspections/\(inspectionID)", token: world.admin).decode(
                Inspection.self)
            #expect(detail.findings.map(\.rectificationTaskID) == [taskID])

            // A finding without a deadline is recorded with no task.
            let plain = try await client.call(
                .post, "/api/v1/inspections/\(inspectionID)/findings", token: world.admin,
                json: #"{"organizationID":\#(world.branchID),"description":"宣传栏内容陈旧"}"#)
            #expect(plain.status == .created)
            #expect(try plain.decode(Inspection.Finding.self).rectificationTaskID == nil)
            #expect(try await server.count("tasks") == tasksBefore + 1)
        }
        await server.close()
    }

    @Test func findingWithADeadlineBeforeTheInspectionIsRefused() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            let inspection = try await client.call(
                .post, "/api/v1/inspections", token: world.admin,
                json: """
                    {"organizationID":\(world.rootID),"title":"督查","inspectedOn":"2026-06-10"}
                    """
            ).decode(Inspection.self)
            let before = (try await server.count("inspection_findings"), try await server.count("tasks"))
            let response = try await client.call(
                .post, "/api/v1/inspections/\(inspection.id)/findings", token: world.admin,
                json: #"{"organizationID":\#(world.branchID),"description":"x","rectifyBy":"2026-06-01"}"#)
            expectError(response, .badRequest, "validation.dateOrder", field: "rectifyBy")
            #expect((try await server.count("inspection_findings"), try await server.count("tasks")) == before)
        }
        await server.close()
    }

    /// A finding names the unit concerned; an id that is no organisation must be a 4xx, not a
    /// database foreign-key failure surfacing as a 500.
    @Test(arguments: [false, true])
    func findingForAnUnknownOrganisationIsA4xx(withDeadline: Bool) async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            let inspection = try await client.call(
                .post, "/api/v1/inspections", token: world.admin,
                json: """
                    {"organizationID":\(world.rootID),"title":"督查","inspectedOn":"2026-06-10"}
                    """
            ).decode(Inspection.self)
            let deadline = withDeadline ? #","rectifyBy":"2026-07-15""# : ""
            let response = try await client.call(
                .post, "/api/v1/inspections/\(inspection.id)/findings", token: world.admin,
                json: #"{"organizationID":987654,"description":"x"\#(deadline)}"#)
            #expect(response.status != .internalServerError, "\(response.text)")
            #expect((400..<500).contains(response.status.code))
            #expect(try await server.count("inspection_findings") == 0)
        }
        await server.close()
    }

    /// Without a deadline a finding opens no task, but it must still name a unit inside the
    /// inspected subtree, as the deadline path already insists (task.responsibleOutsideIssuer).
    @Test func findingForAUnitOutsideTheInspectionIsRefused() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            let inspection = try await client.call(
                .post, "/api/v1/inspections", token: world.secretary,
                json: """
                    {"organizationID":\(world.branchID),"title":"支部自查","inspectedOn":"2026-06-10"}
                    """)
            #expect(inspection.status == .created, "\(inspection.text)")
            let id = try inspection.decode(Inspection.self).id
            let withDeadline = try await client.call(
                .post, "/api/v1/inspections/\(id)/findings", token: world.secretary,
                json: #"{"organizationID":\#(world.rootID),"description":"x","rectifyBy":"2026-07-15"}"#)
            #expect((400..<500).contains(withDeadline.status.code), "\(withDeadline.text)")
            let without = try await client.call(
                .post, "/api/v1/inspections/\(id)/findings", token: world.secretary,
                json: #"{"organizationID":\#(world.rootID),"description":"上级党委问题"}"#)
            #expect((400..<500).contains(without.status.code), "\(without.text)")
            #expect(try await server.count("inspection_findings") == 0)
        }
        await server.close()
    }
}

import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import Dangjian
import DangjianDemo
@testable import DangjianHTTP
import DangjianTestSupport

@Suite struct AuditTests {
    /// An organisation outside the secretary's branch: the first school after theirs.
    static func otherOrganization(_ client: any TestClientProtocol, _ world: DemoWorld) async throws -> Organization {
        let children = try await client.call(
            .get, "/api/v1/organizations?parentID=\(world.rootID)&limit=100", token: world.admin
        )
        .decode(ListPage<Organization>.self)
        return try #require(children.items.first { !world.branchPath.hasPrefix($0.path) })
    }

    @Test func renameIsAuditedWithBeforeAndAfter() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            let organization = try await Self.otherOrganization(client, world)
            let me = try await client.call(.get, "/api/v1/users/me", token: world.admin).decode(User.self)
            server.clock.advance(by: 3600)
            let renamed = try await client.call(
                .patch, "/api/v1/organizations/\(organization.id)", token: world.admin,
                json: #"{"name":"新港实验学校党支部"}"#)
            #expect(renamed.status == .ok, "\(renamed.text)")
            #expect(try renamed.decode(Organization.self).name == "新港实验学校党支部")

            let response = try await client.call(
                .get, "/api/v1/audit?entity=organization&entityID=\(organization.id)", token: world.admin)
            #expect(response.status == .ok)
            let entries = try response.decode(ListPage<AuditEntry>.self).items
            #expect(entries.allSatisfy { $0.entity == "organization" && $0.entityID == organization.id })
            // Newest first: the rename, ..., the creation by the demo loader.
            #expect(entries.first?.action == "update")
            #expect(entries.last?.action == "create")
            let update = try #require(entries.first)
            #expect(update.actorUserID == me.id)
            #expect(update.actorName == DemoDistrict.adminUsername)
            #expect(update.at == TestServer.start.addingTimeInterval(3600))
            let before = try #require(
                update.before.flatMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
            let after = try #require(
                update.after.flatMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
            #expect(before["name"] as? String == organization.name)
            #expect(after["name"] as? String == "新港实验学校党支部")
            #expect(before["id"] as? Int == Int(organization.id))

            // A window of time keeps only the entries inside it.
            let from = Timestamp.format(TestServer.start.addingTimeInterval(1800))
            let recent = try await client.call(
                .get, "/api/v1/audit?entity=organization&entityID=\(organization.id)&from=\(from)",
                token: world.admin
            ).decode(ListPage<AuditEntry>.self)
            #expect(recent.items.map(\.action) == ["update"])
        }
        await server.close()
    }

    @Test func secretaryReadsNoAuditOutsideTheirBranch() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            let organization = try await Self.otherOrganization(client, world)
            _ = try await client.call(
                .patch, "/api/v1/organizations/\(organization.id)", token: world.admin, json: #"{"name":"改名党委"}"#)
            #expect(
                try await server.count("audit_log", "entity = 'organization' AND entity_id = \(organization.id)") >= 2)

            for id in [organization.id, world.rootID] {
                let response = try await client.call(
                    .get, "/api/v1/audit?entity=organization&entityID=\(id)", token: world.secretary)
                #expect(response.status == .ok)
                #expect(try response.decode(ListPage<AuditEntry>.self).items.isEmpty)
            }
            // Everything the secretary may read lies in their branch.
            let own = try await client.call(.get, "/api/v1/audit?limit=500", token: world.secretary).decode(
                ListPage<AuditEntry>.self)
            #expect(!own.items.isEmpty)
            #expect(own.items.contains { $0.entity == "organization" && $0.entityID == world.branchID })
            #expect(!own.items.contains { $0.entity == "organization" && $0.entityID == organization.id })
        }
        await server.close()
    }

    @Test func auditLogNeedsTheRightAndAValidWindow() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            expectError(try await client.call(.get, "/api/v1/audit"), .unauthorized, "auth.required")
            expectError(
                try await client.call(.get, "/api/v1/audit?from=yesterday", token: world.admin),
                .badRequest, "validation.badValue", field: "from")
            expectError(
                try await client.call(.get, "/api/v1/audit?entityID=x", token: world.admin),
                .badRequest, "validation.badValue", field: "entityID")
        }
        await server.close()
    }
}

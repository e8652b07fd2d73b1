import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import Dangjian
@testable import DangjianHTTP
import DangjianTestSupport

/// A secretary sees their own branch and nothing else, and never unmasked personal data; what
/// lies outside their subtree answers "not found", so they cannot even learn that it exists.
@Suite struct ScopingTests {
    /// One member held inside the secretary's branch and one held elsewhere, read as the system.
    static func members(_ server: TestServer, _ world: DemoWorld) async throws -> (inside: Member, outside: Member) {
        let all = try await server.host.members.list(.init(), page: try PageRequest(limit: 500), by: .system).items
        let inside = try #require(all.first { $0.organizationID == world.branchID })
        let outsideIDs = try await server.host.store.read { s in
            try s.query(
                "SELECT m.id FROM members m JOIN organizations o ON o.id = m.organization_id WHERE o.path NOT LIKE ? LIMIT 1",
                [.text(world.branchPath + "%")]
            ).map { try $0.int64("id") }
        }
        let outside = try await server.host.members.get(try #require(outsideIDs.first), by: .system)
        return (inside, outside)
    }

    @Test func secretaryReadsOwnBranchMemberButNotAnotherBranchs() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            let (inside, outside) = try await Self.members(server, world)

            let own = try await client.call(.get, "/api/v1/members/\(inside.id)", token: world.secretary)
            #expect(own.status == .ok)
            #expect(try own.decode(Member.self).id == inside.id)

            let other = try await client.call(.get, "/api/v1/members/\(outside.id)", token: world.secretary)
            expectError(other, .notFound, "member.notFound")
            // The same answer as for an id that does not exist at all.
            let missing = try await client.call(.get, "/api/v1/members/99999999", token: world.secretary)
            #expect(other.error == missing.error)
            // Every other door to the same member is shut the same way.
            expectError(
                try await client.call(.get, "/api/v1/members/\(outside.id)/status-history", token: world.secretary),
                .notFound, "member.notFound")
            expectError(
                try await client.call(
                    .patch, "/api/v1/members/\(outside.id)", token: world.secretary,
                    json: #"{"phone":"10099998888"}"#), .notFound, "member.notFound")
            // The admin does see it.
            #expect(try await client.call(.get, "/api/v1/members/\(outside.id)", token: world.admin).status == .ok)
        }
        #expect(try await server.count("members", "phone = '10099998888'") == 0)
        await server.close()
    }

    @Test func secretaryListsOnlyTheirSubtree() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            let subtree = try await client.call(
                .get, "/api/v1/organizations/\(world.branchID)/subtree", token: world.secretary)
            #expect(subtree.status == .ok)
            let allowed = Set(try subtree.decode([Organization].self).map(\.id))
            #expect(allowed.contains(world.branchID))

            var seen = 0
            var cursor: String?
            repeat {
                let uri = "/api/v1/members?limit=7" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await client.call(.get, uri, token: world.secretary).decode(ListPage<Member>.self)
                for member in page.items {
                    #expect(allowed.contains(member.organizationID), "member \(member.id) leaked")
                }
                seen += page.items.count
                cursor = page.nextCursor
            } while cursor != nil
            let expected = try await server.count(
                "members", "organization_id IN (\(allowed.map(String.init).joined(separator: ",")))")
            #expect(seen == expected)
            #expect(seen > 0)

            // The organisations list is scoped the same way.
            let organizations = try await client.call(.get, "/api/v1/organizations?limit=500", token: world.secretary)
                .decode(ListPage<Organization>.self)
            #expect(Set(organizations.items.map(\.id)) == allowed)
        }
        await server.close()
    }

    @Test func secretaryCannotSeeTheRootOrganisation() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            expectError(
                try await client.call(.get, "/api/v1/organizations/\(world.rootID)", token: world.secretary),
                .notFound, "organization.notFound")
            expectError(
                try await client.call(.get, "/api/v1/organizations/\(world.rootID)/subtree", token: world.secretary),
                .notFound, "organization.notFound")
            expectError(
                try await client.call(.get, "/api/v1/members?within=\(world.rootID)", token: world.secretary),
                .notFound, "organization.notFound")
            #expect(
                try await client.call(.get, "/api/v1/organizations/\(world.branchID)", token: world.secretary).status
                    == .ok)
            #expect(
                try await client.call(.get, "/api/v1/organizations/\(world.rootID)", token: world.admin).status == .ok)
        }
        await server.close()
    }

    @Test func secretarySeesMaskedPersonalData() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            let (inside, _) = try await Self.members(server, world)

            let masked = try await client.call(.get, "/api/v1/members/\(inside.id)", token: world.secretary)
            #expect(masked.status == .ok)
            let idNumber = try #require(masked.object["idNumber"] as? String)
            #expect(idNumber.contains("********"))
            #expect(idNumber.count == 18)
            #expect(masked.object["birthDate"] == nil)
            #expect(masked.object["personalDataVisible"] as? Bool == false)
            if let phone = masked.object["phone"] as? String { #expect(phone.contains("****")) }

            // Lists mask the same way.
            let page = try await client.call(.get, "/api/v1/members?limit=50", token: world.secretary).decode(
                ListPage<Member>.self)
            #expect(!page.items.isEmpty)
            for member in page.items {
                #expect(member.idNumber?.contains("********") ?? true)
                #expect(member.birthDate == nil)
            }

            let full = try await client.call(.get, "/api/v1/members/\(inside.id)", token: world.admin)
            let fullID = try #require(full.object["idNumber"] as? String)
            #expect(fullID.count == 18)
            #expect(!fullID.contains("*"))
            #expect(fullID == inside.idNumber)
            #expect((try? ResidentID.parse(fullID, today: server.clock.today()).get()) != nil)
            #expect(full.object["birthDate"] as? String != nil)
            #expect(full.object["personalDataVisible"] as? Bool == true)
        }
        await server.close()
    }

    @Test func secretaryCannotWriteOutsideTheirBranch() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            let before = try await server.count("members")
            let response = try await client.call(
                .post, "/api/v1/members", token: world.secretary,
                json: applicantJSON(organizationID: world.rootID, idNumber: IDs.make(born: "1990-01-01")))
            expectError(response, .notFound, "organization.notFound")
            #expect(try await server.count("members") == before)
            // Inside the branch the same registration works.
            let own = try await client.call(
                .post, "/api/v1/members", token: world.secretary,
                json: applicantJSON(organizationID: world.branchID, idNumber: IDs.make(born: "1990-01-01")))
            #expect(own.status == .created, "\(own.text)")
            #expect(try await server.count("members") == before + 1)
        }
        await server.close()
    }
}

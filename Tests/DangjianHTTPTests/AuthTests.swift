import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import Dangjian
import DangjianDemo
@testable import DangjianHTTP
import DangjianTestSupport

extension TestServer {
    /// A root committee and a district admin `admin` over it, without the whole demo district.
    @discardableResult
    func seedAdmin(username: String = "admin") async throws -> Organization {
        let root = try await host.organizations.create(
            .init(parentID: nil, name: "区教育局党委", kind: "committee"), by: .system)
        _ = try await host.users.create(
            UserDraft(
                username: username, displayName: "管理员", password: DemoDistrict.password,
                grants: [GrantDraft(role: Role.districtAdmin.rawValue, organizationID: root.id)]), by: .system)
        return root
    }
}

@Suite struct AuthTests {
    @Test func loginReturnsASessionToken() async throws {
        let server = try await TestServer.make()
        try await server.seedAdmin()
        try await server.test { client in
            let response = try await client.call(
                .post, "/api/v1/auth/login", json: #"{"username":"admin","password":"Dangjian2026"}"#)
            #expect(response.status == .created)
            let issued = try response.decode(IssuedToken.self)
            #expect(issued.token.hasPrefix("dj_"))
            #expect(issued.token.count > 20)
            #expect(issued.kind == "session")
            #expect(issued.expiresAt == TestServer.start.addingTimeInterval(12 * 3600))
            let me = try await client.call(.get, "/api/v1/users/me", token: issued.token)
            #expect(me.status == .ok)
            #expect(try me.decode(User.self).username == "admin")
        }
        await server.close()
    }

    @Test func wrongPasswordAndUnknownUserAreTheSame401() async throws {
        let server = try await TestServer.make()
        try await server.seedAdmin()
        try await server.test { client in
            let wrong = try await client.call(
                .post, "/api/v1/auth/login", json: #"{"username":"admin","password":"Wrong2026x"}"#)
            let unknownError = expectError(wrong, .unauthorized, "auth.badCredentials")
            #expect(wrong.headers[.wwwAuthenticate] == "Bearer")
            let unknown = try await client.call(
                .post, "/api/v1/auth/login", json: #"{"username":"nobody","password":"Dangjian2026"}"#)
            let wrongError = expectError(unknown, .unauthorized, "auth.badCredentials")
            // The two answers must not tell an attacker which accounts exist.
            #expect(unknownError == wrongError)
        }
        #expect(try await server.count("api_tokens") == 0)
        await server.close()
    }

    @Test func loginWithoutPasswordIsA400() async throws {
        let server = try await TestServer.make()
        try await server.test { client in
            let response = try await client.call(.post, "/api/v1/auth/login", json: #"{"username":"admin"}"#)
            expectError(response, .badRequest, "validation.required", field: "password")
        }
        await server.close()
    }

    @Test func protectedRouteWithoutTokenIs401Required() async throws {
        let server = try await TestServer.make()
        try await server.test { client in
            for uri in [
                "/api/v1/users/me", "/api/v1/members", "/api/v1/organizations", "/api/v1/notifications/unread-count",
            ] {
                let response = try await client.call(.get, uri)
                expectError(response, .unauthorized, "auth.required")
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
            }
        }
        await server.close()
    }

    @Test(arguments: [
        "Bearer dj_not-a-real-token", "Bearer garbage", "Basic YWRtaW46RGFuZ2ppYW4yMDI2", "Bearer", "dj_x",
    ])
    func garbageAuthorizationIs401BadToken(header: String) async throws {
        let server = try await TestServer.make()
        try await server.test { client in
            let response = try await client.execute(
                uri: "/api/v1/users/me", method: .get, headers: [.authorization: header])
            expectError(response, .unauthorized, "auth.badToken")
        }
        await server.close()
    }

    @Test func logoutRevokesTheToken() async throws {
        let server = try await TestServer.make()
        try await server.seedAdmin()
        try await server.test { client in
            let token = try await client.login("admin")
            let other = try await client.login("admin")
            let logout = try await client.call(.post, "/api/v1/auth/logout", token: token)
            #expect(logout.status == .noContent)
            expectError(try await client.call(.get, "/api/v1/users/me", token: token), .unauthorized, "auth.badToken")
            expectError(
                try await client.call(.post, "/api/v1/auth/logout", token: token), .unauthorized, "auth.badToken")
            // Only the session that logged out ends.
            #expect(try await client.call(.get, "/api/v1/users/me", token: other).status == .ok)
        }
        await server.close()
    }

    @Test func sessionExpiresAfterItsLifetime() async throws {
        let server = try await TestServer.make()
        try await server.seedAdmin()
        try await server.test { client in
            let token = try await client.login("admin")
            server.clock.advance(by: 12 * 3600 - 1)
            #expect(try await client.call(.get, "/api/v1/users/me", token: token).status == .ok)
            server.clock.advance(by: 1)
            expectError(try await client.call(.get, "/api/v1/users/me", token: token), .unauthorized, "auth.badToken")
        }
        await server.close()
    }

    @Test func apiTokenWorksAndCanBeRevoked() async throws {
        let server = try await TestServer.make()
        try await server.seedAdmin()
        try await server.test { client in
            let session = try await client.login("admin")
            let created = try await client.call(
                .post, "/api/v1/tokens", token: session, json: #"{"name":"数据对接","expiresInDays":30}"#)
            #expect(created.status == .created)
            let issued = try created.decode(IssuedToken.self)
            #expect(issued.kind == "api")
            #expect(issued.name == "数据对接")
            #expect(issued.token.hasPrefix("dj_") && issued.token != session)
            #expect(issued.expiresAt == TestServer.start.addingTimeInterval(30 * 86400))

            let me = try await client.call(.get, "/api/v1/users/me", token: issued.token)
            #expect(me.status == .ok)
            #expect(try me.decode(User.self).username == "admin")
            // The API token outlives the 12-hour session.
            server.clock.advance(by: 24 * 3600)
            #expect(try await client.call(.get, "/api/v1/users/me", token: issued.token).status == .ok)
            expectError(try await client.call(.get, "/api/v1/users/me", token: session), .unauthorized, "auth.badToken")

            let list = try await client.call(.get, "/api/v1/tokens", token: issued.token)
            #expect(try list.decode([TokenInfo].self).contains { $0.id == issued.id && $0.kind == "api" })
            let revoke = try await client.call(.delete, "/api/v1/tokens/\(issued.id)", token: issued.token)
            #expect(revoke.status == .noContent)
            expectError(
                try await client.call(.get, "/api/v1/users/me", token: issued.token), .unauthorized, "auth.badToken")
        }
        await server.close()
    }

    @Test func apiTokenDraftIsValidated() async throws {
        let server = try await TestServer.make()
        try await server.seedAdmin()
        try await server.test { client in
            let session = try await client.login("admin")
            expectError(
                try await client.call(
                    .post, "/api/v1/tokens", token: session, json: #"{"name":"x","expiresInDays":0}"#),
                .badRequest, "validation.badValue", field: "expiresInDays")
            expectError(
                try await client.call(.post, "/api/v1/tokens", token: session, json: #"{}"#),
                .badRequest, "validation.required", field: "name")
        }
        #expect(try await server.count("api_tokens", "kind = 'api'") == 0)
        await server.close()
    }

    @Test func anotherUsersTokenCannotBeRevoked() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            let issued = try await client.call(.post, "/api/v1/tokens", token: world.admin, json: #"{"name":"对接"}"#)
                .decode(IssuedToken.self)
            expectError(
                try await client.call(.delete, "/api/v1/tokens/\(issued.id)", token: world.secretary),
                .notFound, "token.notFound")
            #expect(try await client.call(.get, "/api/v1/users/me", token: issued.token).status == .ok)
        }
        await server.close()
    }
}

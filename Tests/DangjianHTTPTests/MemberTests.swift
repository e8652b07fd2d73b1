import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import Dangjian
@testable import DangjianHTTP
import DangjianTestSupport

@Suite struct MemberStatusTests {
    @Test func disallowedTransitionIsRefusedAndWritesNothing() async throws {
        let server = try await TestServer.make()
        let tree = try await BadInputTests.tree(server)
        let before = try await BadInputTests.counts(server)
        try await server.test { client in
            let token = try await client.login("admin")
            for target in ["probationary", "full", "developmentCandidate"] {
                let response = try await client.call(
                    .post, "/api/v1/members/\(tree.member.id)/status", token: token,
                    json: #"{"status":"\#(target)","reason":"跳级"}"#)
                expectError(response, .badRequest, "member.transitionNotAllowed", field: "status")
            }
            let member = try await client.call(.get, "/api/v1/members/\(tree.member.id)", token: token).decode(
                Member.self)
            #expect(member.status == .applicant)
            #expect(member.activistOn == nil)
            let history = try await client.call(.get, "/api/v1/members/\(tree.member.id)/status-history", token: token)
            #expect(try history.decode([StatusChangeRecord].self).isEmpty)
        }
        #expect(try await BadInputTests.counts(server) == before)
        await server.close()
    }

    @Test func allowedTransitionIsRecordedWithItsReason() async throws {
        let server = try await TestServer.make()
        let tree = try await BadInputTests.tree(server)
        try await server.test { client in
            let token = try await client.login("admin")
            let me = try await client.call(.get, "/api/v1/users/me", token: token).decode(User.self)
            let reason = "经支部委员会研究，确定为入党积极分子"
            let response = try await client.call(
                .post, "/api/v1/members/\(tree.member.id)/status", token: token,
                json: #"{"status":"activist","on":"2026-06-01","reason":"\#(reason)"}"#)
            #expect(response.status == .ok, "\(response.text)")
            let member = try response.decode(Member.self)
            #expect(member.status == .activist)
            #expect(member.activistOn == Day("2026-06-01"))
            #expect(member.appliedOn == Day("2026-01-10"))

            let history = try await client.call(.get, "/api/v1/members/\(tree.member.id)/status-history", token: token)
            #expect(history.status == .ok)
            let records = try history.decode([StatusChangeRecord].self)
            #expect(records.count == 1)
            let record = try #require(records.first)
            #expect(record.memberID == tree.member.id)
            #expect(record.from == .applicant && record.to == .activist)
            #expect(record.reason == reason)
            #expect(record.on == Day("2026-06-01"))
            #expect(record.actorUserID == me.id)
            #expect(record.at == TestServer.start)

            // Back one stage is allowed too, and clears the stage being left.
            let back = try await client.call(
                .post, "/api/v1/members/\(tree.member.id)/status", token: token,
                json: #"{"status":"applicant","reason":"取消积极分子资格"}"#)
            #expect(back.status == .ok)
            #expect(try back.decode(Member.self).activistOn == nil)
            let all = try await client.call(.get, "/api/v1/members/\(tree.member.id)/status-history", token: token)
                .decode([StatusChangeRecord].self)
            #expect(all.map(\.to) == [.activist, .applicant])
        }
        #expect(try await server.count("member_status_changes") == 2)
        #expect(try await server.count("audit_log", "entity = 'member' AND action = 'changeStatus'") == 2)
        await server.close()
    }

    @Test func statusChangeNeedsAReasonAndAPastDay() async throws {
        let server = try await TestServer.make()
        let tree = try await BadInputTests.tree(server)
        let before = try await BadInputTests.counts(server)
        try await server.test { client in
            let token = try await client.login("admin")
            let uri = "/api/v1/members/\(tree.member.id)/status"
            expectError(
                try await client.call(.post, uri, token: token, json: #"{"status":"activist"}"#),
                .badRequest, "validation.required", field: "reason")
            expectError(
                try await client.call(.post, uri, token: token, json: #"{"status":"activist","reason":"  "}"#),
                .badRequest, "validation.required", field: "reason")
            expectError(
                try await client.call(
                    .post, uri, token: token, json: #"{"status":"activist","reason":"x","on":"2026-07-01"}"#),
                .badRequest, "validation.futureDate", field: "on")
            expectError(
                try await client.call(
                    .post, uri, token: token, json: #"{"status":"activist","reason":"x","on":"2025-12-01"}"#),
                .badRequest, "validation.dateOrder", field: "activistOn")
            expectError(
                try await client.call(
                    .post, "/api/v1/members/99999/status", token: token,
                    json: #"{"status":"activist","reason":"x"}"#), .notFound, "member.notFound")
        }
        #expect(try await BadInputTests.counts(server) == before)
        await server.close()
    }
}

@Suite struct PaginationTests {
    /// Walks a list to its end, following `nextCursor`.
    static func walk(_ client: any TestClientProtocol, _ uri: String, token: String) async throws -> [Member] {
        var all: [Member] = []
        var cursor: String?
        var pages = 0
        repeat {
            let separator = uri.contains("?") ? "&" : "?"
            let response = try await client.call(
                .get, uri + (cursor.map { "\(separator)cursor=\($0)" } ?? ""), token: token)
            #expect(response.status == .ok, "\(response.text)")
            let page = try response.decode(ListPage<Member>.self)
            #expect(page.items.count <= 100)
            if page.nextCursor != nil { #expect(page.items.count == 100) }
            all += page.items
            cursor = page.nextCursor
            pages += 1
        } while cursor != nil && pages < 1000
        return all
    }

    @Test(arguments: [
        "/api/v1/members?limit=100", "/api/v1/members?limit=100&sort=name", "/api/v1/members?limit=100&sort=-name",
        "/api/v1/members?limit=100&sort=-id", "/api/v1/members?limit=100&sort=updatedAt",
    ])
    func walkingThePagesReturnsEveryMemberOnce(_ uri: String) async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            let members = try await Self.walk(client, uri, token: world.admin)
            let total = try await server.count("members")
            #expect(total > 1000)
            #expect(members.count == total)
            #expect(Set(members.map(\.id)).count == total)
            // Pages join in the promised order across their boundaries: names in pinyin order.
            let pinyin = Locale(identifier: "zh@collation=pinyin")
            func before(_ a: String, _ b: String) -> Bool { a.compare(b, locale: pinyin) == .orderedAscending }
            if uri.hasSuffix("sort=name") {
                for (a, b) in zip(members, members.dropFirst()) {
                    #expect(
                        before(a.name, b.name) || (a.name == b.name && a.id < b.id),
                        "\(a.name)#\(a.id) before \(b.name)#\(b.id)")
                }
            } else if uri.hasSuffix("sort=-name") {
                for (a, b) in zip(members, members.dropFirst()) { #expect(!before(a.name, b.name)) }
            } else if uri.hasSuffix("sort=-id") {
                #expect(members.map(\.id) == members.map(\.id).sorted(by: >))
            } else if uri.hasSuffix("limit=100") {
                #expect(members.map(\.id) == members.map(\.id).sorted())
            }
        }
        await server.close()
    }

    @Test func filtersAndPagesCompose() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            let full = try await Self.walk(
                client, "/api/v1/members?limit=100&status=full&sort=name", token: world.admin)
            #expect(full.allSatisfy { $0.status == .full })
            #expect(full.count == (try await server.count("members", "status = 'full'")))
            let within = try await Self.walk(
                client, "/api/v1/members?limit=100&within=\(world.branchID)", token: world.admin)
            #expect(within.count == (try await server.count("members", "organization_id = \(world.branchID)")))
        }
        await server.close()
    }
}

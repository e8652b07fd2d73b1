import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import Dangjian
@testable import DangjianHTTP
import DangjianTestSupport

/// Bad input is a 4xx with a stable code and both messages, never a 500, and writes nothing.
@Suite struct BadInputTests {
    /// root committee → general branch → branch, an admin over the root, one registered member.
    struct Tree {
        let root: Organization
        let general: Organization
        let branch: Organization
        let member: Member
    }

    static func tree(_ server: TestServer) async throws -> Tree {
        let root = try await server.seedAdmin()
        let o = server.host.organizations
        let general = try await o.create(.init(parentID: root.id, name: "一中党总支", kind: "generalBranch"), by: .system)
        let branch = try await o.create(.init(parentID: general.id, name: "一中第一支部", kind: "branch"), by: .system)
        let member = try await server.host.members.create(
            MemberDraft(
                organizationID: branch.id, name: "张伟", idNumber: IDs.make(born: "1980-05-06"),
                status: "applicant", appliedOn: "2026-01-10"), by: .system)
        return Tree(root: root, general: general, branch: branch, member: member)
    }

    struct Counts: Equatable { let members: Int, organizations: Int, audit: Int, changes: Int }

    static func counts(_ server: TestServer) async throws -> Counts {
        Counts(
            members: try await server.count("members"), organizations: try await server.count("organizations"),
            audit: try await server.count("audit_log"), changes: try await server.count("member_status_changes"))
    }

    struct MemberCase: Sendable, CustomTestStringConvertible {
        let label: String
        let body: @Sendable (Tree) -> String
        let code: String
        let field: String?
        var testDescription: String { label }
    }

    static let memberCases: [MemberCase] = [
        MemberCase(
            label: "truncated JSON", body: { #"{"organizationID":\#($0.branch.id),"name":"李明""# },
            code: "request.malformedJSON", field: nil),
        MemberCase(label: "JSON array", body: { _ in "[1, 2, 3]" }, code: "request.malformedJSON", field: nil),
        MemberCase(label: "empty body", body: { _ in "" }, code: "request.malformedJSON", field: nil),
        MemberCase(label: "not JSON", body: { _ in "name=李明" }, code: "request.malformedJSON", field: nil),
        MemberCase(
            label: "string for an integer", body: { _ in #"{"organizationID":"abc","name":"李明"}"# },
            code: "request.wrongType", field: "organizationID"),
        MemberCase(
            label: "number for a string", body: { #"{"organizationID":\#($0.branch.id),"name":42}"# },
            code: "request.wrongType", field: "name"),
        MemberCase(
            label: "string for a boolean",
            body: { #"{"organizationID":\#($0.branch.id),"name":"李明","retired":"yes"}"# },
            code: "request.wrongType", field: "retired"),
        MemberCase(
            label: "unknown field", body: { applicantJSON(organizationID: $0.branch.id, extra: #","nickname":"小李""#) },
            code: "request.unknownField", field: "nickname"),
        MemberCase(
            label: "misspelt field", body: { #"{"organisationID":\#($0.branch.id),"name":"李明"}"# },
            code: "request.unknownField", field: "organisationID"),
        MemberCase(
            label: "missing organisation", body: { _ in #"{"name":"李明"}"# },
            code: "validation.required", field: "organizationID"),
        MemberCase(
            label: "activist before applying",
            body: {
                #"{"organizationID":\#($0.branch.id),"name":"李明","status":"activist","appliedOn":"2025-05-01","activistOn":"2025-01-01"}"#
            }, code: "validation.dateOrder", field: "activistOn"),
        MemberCase(
            label: "date in the future",
            body: {
                #"{"organizationID":\#($0.branch.id),"name":"李明","status":"applicant","appliedOn":"2027-01-01"}"#
            }, code: "validation.futureDate", field: "appliedOn"),
        MemberCase(
            label: "badly formed date",
            body: {
                #"{"organizationID":\#($0.branch.id),"name":"李明","status":"applicant","appliedOn":"2025/01/01"}"#
            }, code: "validation.badValue", field: "appliedOn"),
        MemberCase(
            label: "wrong check digit",
            body: {
                applicantJSON(
                    organizationID: $0.branch.id, idNumber: IDs.withWrongCheckDigit(IDs.make(born: "1990-02-03")))
            }, code: "member.badIDNumber", field: "idNumber"),
        MemberCase(
            label: "10,000-character name",
            body: {
                applicantJSON(organizationID: $0.branch.id, name: String(repeating: "李", count: 10_000))
            }, code: "validation.tooLong", field: "name"),
        MemberCase(
            label: "unknown status", body: { #"{"organizationID":\#($0.branch.id),"name":"李明","status":"leader"}"# },
            code: "validation.badValue", field: "status"),
        MemberCase(
            label: "member held by an unknown organisation", body: { _ in applicantJSON(organizationID: 987_654) },
            code: "organization.notFound", field: nil),
    ]

    @Test(arguments: memberCases)
    func registeringAMemberWithBadInput(_ badCase: MemberCase) async throws {
        let server = try await TestServer.make()
        let tree = try await Self.tree(server)
        let before = try await Self.counts(server)
        try await server.test { client in
            let token = try await client.login("admin")
            let response = try await client.call(.post, "/api/v1/members", token: token, json: badCase.body(tree))
            #expect((400..<500).contains(response.status.code))
            let status: HTTPResponse.Status = badCase.code.hasSuffix("notFound") ? .notFound : .badRequest
            expectError(response, status, badCase.code, field: badCase.field)
        }
        #expect(try await Self.counts(server) == before)
        await server.close()
    }

    @Test func duplicateIDNumberIsAConflict() async throws {
        let server = try await TestServer.make()
        let tree = try await Self.tree(server)
        let before = try await Self.counts(server)
        try await server.test { client in
            let token = try await client.login("admin")
            let idNumber = try #require(tree.member.idNumber)
            let again = try await client.call(
                .post, "/api/v1/members", token: token,
                json: applicantJSON(organizationID: tree.branch.id, name: "张伟二", idNumber: idNumber))
            expectError(again, .conflict, "member.duplicateIDNumber", field: "idNumber")
            // A lowercase x or the same number sent to another member by PATCH is the same clash.
            let other = try await client.call(
                .post, "/api/v1/members", token: token,
                json: applicantJSON(organizationID: tree.branch.id, name: "王芳", idNumber: IDs.make(born: "1991-03-04")))
            #expect(other.status == .created)
            let otherID = try other.decode(Member.self).id
            let patch = try await client.call(
                .patch, "/api/v1/members/\(otherID)", token: token, json: #"{"idNumber":"\#(idNumber)"}"#)
            expectError(patch, .conflict, "member.duplicateIDNumber", field: "idNumber")
            #expect(
                try await client.call(.get, "/api/v1/members/\(otherID)", token: token).decode(Member.self).idNumber
                    == IDs.make(born: "1991-03-04"))
        }
        #expect(try await server.count("members") == before.members + 1)
        await server.close()
    }

    @Test func movingAnOrganisationUnderItsOwnChildIsACycle() async throws {
        let server = try await TestServer.make()
        let tree = try await Self.tree(server)
        let before = try await Self.counts(server)
        try await server.test { client in
            let token = try await client.login("admin")
            let underChild = try await client.call(
                .post, "/api/v1/organizations/\(tree.general.id)/move", token: token,
                json: #"{"parentID":\#(tree.branch.id)}"#)
            expectError(underChild, .badRequest, "organization.cycle", field: "parentID")
            let underItself = try await client.call(
                .post, "/api/v1/organizations/\(tree.general.id)/move", token: token,
                json: #"{"parentID":\#(tree.general.id)}"#)
            expectError(underItself, .badRequest, "organization.cycle", field: "parentID")
            expectError(
                try await client.call(.post, "/api/v1/organizations/\(tree.general.id)/move", token: token, json: "{}"),
                .badRequest, "validation.required", field: "parentID")
            let general = try await client.call(.get, "/api/v1/organizations/\(tree.general.id)", token: token).decode(
                Organization.self)
            #expect(general.parentID == tree.root.id)
            #expect(general.path == tree.general.path)
            let branch = try await client.call(.get, "/api/v1/organizations/\(tree.branch.id)", token: token).decode(
                Organization.self)
            #expect(branch.path == tree.branch.path)
        }
        #expect(try await Self.counts(server) == before)
        await server.close()
    }

    @Test func bodyOverTheLimitIs413() async throws {
        let server = try await TestServer.make { $0.maxBodyBytes = 2048 }
        let tree = try await Self.tree(server)
        let before = try await Self.counts(server)
        try await server.test { client in
            let token = try await client.login("admin")
            let big = applicantJSON(
                organizationID: tree.branch.id, extra: #","flowingTo":"\#(String(repeating: "a", count: 4000))""#)
            let response = try await client.call(.post, "/api/v1/members", token: token, json: big)
            expectError(response, .contentTooLarge, "request.tooLarge")
            // A body within the limit is read and judged on its content.
            let small = try await client.call(
                .post, "/api/v1/members", token: token,
                json: applicantJSON(organizationID: tree.branch.id, idNumber: IDs.make(born: "1992-01-01")))
            #expect(small.status == .created)
        }
        #expect(try await server.count("members") == before.members + 1)
        await server.close()
    }

    @Test(arguments: [
        "limit=0", "limit=abc", "limit=501", "limit=-1", "cursor=bm90LWEtY3Vyc29y", "sort=phone", "status=leader",
        "retired=maybe",
    ])
    func badListQueryIs400(_ query: String) async throws {
        let server = try await TestServer.make()
        _ = try await Self.tree(server)
        try await server.test { client in
            let token = try await client.login("admin")
            let response = try await client.call(.get, "/api/v1/members?\(query)", token: token)
            let field = String(query.prefix { $0 != "=" })
            expectError(response, .badRequest, "validation.badValue", field: field)
        }
        await server.close()
    }

    @Test func unknownQueryParameterIsRefused() async throws {
        let server = try await TestServer.make()
        let tree = try await Self.tree(server)
        let before = try await Self.counts(server)
        try await server.test { client in
            let token = try await client.login("admin")
            expectError(
                try await client.call(.get, "/api/v1/members?staus=full", token: token),
                .badRequest, "request.unknownParameter", field: "staus")
            expectError(
                try await client.call(.get, "/api/v1/organizations?limit=10&parent=1", token: token),
                .badRequest, "request.unknownParameter", field: "parent")
            // Body routes take no query at all.
            expectError(
                try await client.call(
                    .post, "/api/v1/members?dryRun=true", token: token,
                    json: applicantJSON(organizationID: tree.branch.id, idNumber: IDs.make(born: "1993-01-01"))),
                .badRequest, "request.unknownParameter", field: "dryRun")
        }
        #expect(try await Self.counts(server) == before)
        await server.close()
    }

    @Test(arguments: ["/api/v1/members/abc", "/api/v1/members/0", "/api/v1/members/-3", "/api/v1/organizations/1.5"])
    func badPathIDIs400(_ uri: String) async throws {
        let server = try await TestServer.make()
        _ = try await Self.tree(server)
        try await server.test { client in
            let token = try await client.login("admin")
            expectError(try await client.call(.get, uri, token: token), .badRequest, "validation.badValue", field: "id")
        }
        await server.close()
    }

    /// `APIInput` promises that a field the type does not know is refused, not silently dropped;
    /// that must hold inside nested objects too (a grant, a committee seat).
    @Test func unknownNestedFieldIsRefused() async throws {
        let server = try await TestServer.make()
        let tree = try await Self.tree(server)
        let users = try await server.count("users")
        try await server.test { client in
            let token = try await client.login("admin")
            let response = try await client.call(
                .post, "/api/v1/users", token: token,
                json: """
                    {"username":"zhang","displayName":"张书记","password":"Secret2026",
                     "grants":[{"role":"secretary","organizationID":\(tree.branch.id),"expiresOn":"2026-12-31"}]}
                    """)
            expectError(response, .badRequest, "request.unknownField")
        }
        #expect(try await server.count("users") == users)
        await server.close()
    }
}

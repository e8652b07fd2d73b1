import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import HummingbirdTesting
import Testing
@testable import Dangjian
@testable import DangjianHTTP
import DangjianTestSupport

@Suite struct OpenAPITests {
    static func document(_ server: TestServer) async throws -> [String: Any] {
        let data = try await server.test { client in
            let response = try await client.call(.get, "/api/v1/openapi.json")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            return Data(response.body.readableBytesView)
        }
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func documentListsExactlyTheRouterRoutes() async throws {
        let server = try await TestServer.make()
        let document = try await Self.document(server)
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var documented: Set<String> = []
        for (path, operations) in paths {
            for method in operations.keys { documented.insert("\(method.uppercased()) \(path)") }
        }
        let api = try buildRouter(host: server.host)
        // The console's pages share the router but are not API routes.
        #expect(api.consoleRoutes.contains("GET /members/{id}"))
        let routed = Set(api.router.routes.map { "\($0.method.rawValue) \($0.path.description)" })
            .subtracting(api.consoleRoutes)
        #expect(routed.count > 40)
        #expect(
            documented.subtracting(routed).isEmpty,
            "documented but not routed: \(documented.subtracting(routed).sorted())")
        #expect(
            routed.subtracting(documented).isEmpty,
            "routed but not documented: \(routed.subtracting(documented).sorted())")
        #expect(routed.contains("POST /api/v1/members/{id}/status"))
        await server.close()
    }

    @Test func everyOperationIsDescribed() async throws {
        let server = try await TestServer.make()
        let document = try await Self.document(server)
        let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
        var operationIDs: [String] = []
        for (path, operations) in paths {
            for (method, operation) in operations {
                let summary = operation["summary"] as? String ?? ""
                #expect(!summary.isEmpty, "\(method) \(path) has no summary")
                operationIDs.append(operation["operationId"] as? String ?? "")
                let parameters = operation["parameters"] as? [[String: Any]] ?? []
                let inPath = Set(
                    parameters.filter { $0["in"] as? String == "path" }.compactMap { $0["name"] as? String })
                let named = Set(
                    path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) })
                #expect(inPath == named, "\(method) \(path) path parameters")
                if let body = operation["requestBody"] as? [String: Any] {
                    let reference =
                        ((body["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"]
                        as? [String: String]
                    let name = try #require(reference?["$ref"]).replacingOccurrences(
                        of: "#/components/schemas/", with: "")
                    let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any]
                    #expect(schemas?[name] != nil, "\(method) \(path) refers to a missing schema \(name)")
                }
            }
        }
        // OpenAPI requires operationId to be unique across the document.
        let duplicates = Dictionary(grouping: operationIDs, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        #expect(duplicates.isEmpty, "duplicate operationIds: \(duplicates)")
        // Anonymous routes say so; the rest ask for the bearer token.
        let login = try #require(paths["/api/v1/auth/login"]?["post"])
        #expect(login["security"] == nil)
        #expect(paths["/api/v1/members"]?["get"]?["security"] != nil)
        let memberQuery = (paths["/api/v1/members"]?["get"]?["parameters"] as? [[String: Any]] ?? []).compactMap {
            $0["name"] as? String
        }
        #expect(Set(["limit", "cursor", "sort", "status", "within"]).isSubset(of: Set(memberQuery)))
        await server.close()
    }

    @Test func bodySchemasListTheAcceptedFieldsWithTheirTypes() async throws {
        let server = try await TestServer.make()
        let document = try await Self.document(server)
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
        let draft = try #require(schemas["MemberDraft"]?["properties"] as? [String: [String: Any]])
        #expect(draft["organizationID"]?["type"] as? String == "integer")
        #expect(draft["name"]?["type"] as? String == "string")
        #expect(draft["retired"]?["type"] as? String == "boolean")
        #expect(Set(draft.keys) == MemberDraft.fieldNames)
        #expect(schemas["MemberDraft"]?["additionalProperties"] as? Bool == false)
        let patch = try #require(schemas["OrganizationPatch"]?["properties"] as? [String: [String: Any]])
        #expect(patch["committee"]?["type"] as? String == "array")
        await server.close()
    }

    /// Issue 14, point 9: the schemas are read from the bodies' own `Decodable`, so they list
    /// exactly the fields decoding reads, nested ones included, with their JSON types.
    @Test func bodySchemasComeFromDecodingAtEveryDepth() async throws {
        // Every stored property of a draft is a field, at the top level as below it.
        for (name, draft) in [
            ("MemberDraft", MemberDraft() as Any), ("UserDraft", UserDraft()), ("TaskDraft", TaskDraft()),
        ] {
            let labels = Set(Mirror(reflecting: draft).children.compactMap(\.label))
            let schema = BodySchema.of(type(of: draft))
            guard case .object(let top) = schema, case .object(let properties)? = top["properties"] else {
                Issue.record("\(name) has no properties: \(schema)"); continue
            }
            #expect(Set(properties.keys) == labels, "\(name)")
        }
        // A nested array of objects is described with its items' own fields and types.
        let user = BodySchema.foundation(BodySchema.of(UserDraft.self)) as? [String: Any]
        let grants = (user?["properties"] as? [String: Any])?["grants"] as? [String: Any]
        #expect(grants?["type"] as? String == "array")
        let grant = (grants?["items"] as? [String: Any])?["properties"] as? [String: [String: Any]]
        #expect(grant?["role"]?["type"] as? String == "string")
        #expect(grant?["organizationID"]?["type"] as? String == "integer")
        #expect((grants?["items"] as? [String: Any])?["additionalProperties"] as? Bool == false)
    }
}

@Suite struct ProbeTests {
    @Test func healthAndReadiness() async throws {
        let server = try await TestServer.make()
        try await server.test { client in
            let health = try await client.call(.get, "/healthz")
            #expect(health.status == .ok)
            #expect(health.object["status"] as? String == "ok")
            let ready = try await client.call(.get, "/readyz")
            #expect(ready.status == .ok)
            #expect(ready.object["status"] as? String == "ready")
        }
        await server.close()
    }

    @Test func metricsAreServedAsText() async throws {
        let server = try await TestServer.make()
        try await server.test { client in
            _ = try await client.call(.get, "/healthz")
            let metrics = try await client.call(.get, "/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain") == true)
            #expect(!metrics.text.hasPrefix("{"))
        }
        await server.close()
    }

    @Test(arguments: ["/api/v1/nothing-here", "/api/v2/members", "/api/v1/members/1/unknown"])
    func unknownRouteIsA404InTheErrorShape(_ uri: String) async throws {
        let server = try await TestServer.make()
        try await server.test { client in
            let response = try await client.call(.get, uri)
            expectError(response, .notFound, "route.notFound")
            #expect(errorCode(response.body) == "route.notFound")
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
        }
        await server.close()
    }

    @Test func wrongMethodOnAKnownPathIsAJSONError() async throws {
        let server = try await TestServer.make()
        try await server.test { client in
            let response = try await client.call(.delete, "/api/v1/members")
            #expect(response.status == .methodNotAllowed || response.status == .notFound)
            #expect(
                ["route.methodNotAllowed", "route.notFound"].contains(errorCode(response.body) ?? "none"),
                "\(response.text)")
        }
        await server.close()
    }

    /// The district admin holds every right over the whole demo tree, so the operator's view of
    /// the scheduled jobs is theirs to read.
    @Test func districtAdminReadsTheScheduledJobs() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            let jobs = try await client.call(.get, "/api/v1/admin/jobs", token: world.admin)
            #expect(jobs.status == .ok, "\(jobs.text)")
            #expect(jobs.text.contains("kernel.task-overdue"))
        }
        await server.close()
    }

    @Test func adminEndpointsRefuseASecretaryWith403() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            // The secretary is a known caller lacking a right: 403, not "organisation not found".
            expectError(
                try await client.call(.get, "/api/v1/admin/jobs", token: world.secretary), .forbidden, "auth.forbidden")
            let plugins = try await client.call(.get, "/api/v1/admin/plugins", token: world.secretary)
            #expect(plugins.status == .ok)
            #expect(
                (plugins.object["taskKinds"] as? [[String: Any]])?.compactMap { $0["id"] as? String }.contains(
                    "rectification") == true)
        }
        await server.close()
    }

    @Test func unknownRouteIsNotFoundEvenWithABadToken() async throws {
        let server = try await TestServer.make()
        try await server.test { client in
            // The answer is a JSON error either way; never an empty body.
            let response = try await client.call(.get, "/api/v1/nothing-here", token: "dj_bogus")
            #expect(response.status == .notFound || response.status == .unauthorized)
            #expect(errorCode(response.body) != nil)
        }
        await server.close()
    }
}

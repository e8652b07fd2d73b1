import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import Dangjian
import DangjianDemo
@testable import DangjianHTTP
import DangjianLua
import DangjianTestSupport
import DangjianHTTPTestSupport

/// A plugin with a route, as a campaign plugin would add one.
struct CountingPlugin: RoutedPlugin, CompiledPlugin {
    static let pluginID = "counting"
    var title = "计数示例"

    init(_ environment: PluginEnvironment) {}

    struct Count: Encodable, Sendable { let organizations: Int }

    func register(into context: PluginContext) throws {}

    func registerRoutes(_ routes: PluginRoutes, host: DangjianHost) {
        routes.add(.get, "/organizations/count", "组织数 / How many organisations the caller sees") { _, context, _ in
            let caller = try context.caller()
            let page = try await host.organizations.list(.init(), page: try PageRequest(limit: 500), by: caller)
            return JSONReply(Count(organizations: page.items.count))
        }
    }
}

@Suite struct PluginRouteTests {
    @Test func aPluginRouteIsMountedScopedAndDocumented() async throws {
        let app = try await TestApplication.open(
            plugins: [CountingPlugin.self],
            prepare: { host in
                _ = try await DemoDistrict(host: host, seed: 1).load()
            })
        let host = app.host
        let api = try buildRouter(host: host)
        #expect(api.router.routes.contains { $0.path.description == "/api/v1/counting/organizations/count" })
        try await app.test { client in
            let login = try await client.execute(
                uri: "/api/v1/auth/login", method: .post,
                body: ByteBuffer(string: #"{"username":"demo-secretary","password":"Dangjian2026"}"#))
            let token = try JSONSerialization.jsonObject(with: Data(login.body.readableBytesView)) as! [String: Any]
            let count = try await client.execute(
                uri: "/api/v1/counting/organizations/count", method: .get,
                headers: [.authorization: "Bearer \(token["token"] as! String)"])
            #expect(count.status == .ok)
            // The secretary sees their branch and its party groups, not the district.
            let body = try JSONSerialization.jsonObject(with: Data(count.body.readableBytesView)) as! [String: Any]
            #expect((body["organizations"] as! Int) >= 1 && (body["organizations"] as! Int) < 10)
            let anonymous = try await client.execute(uri: "/api/v1/counting/organizations/count", method: .get)
            #expect(anonymous.status == .unauthorized)
            let doc = try await client.execute(uri: "/api/v1/openapi.json", method: .get)
            #expect(String(buffer: doc.body).contains("/api/v1/counting/organizations/count"))
        }
        await app.close()
    }
}

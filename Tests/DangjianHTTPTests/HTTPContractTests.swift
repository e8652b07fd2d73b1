import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Metrics
import Prometheus
import Testing
@testable import Dangjian
@testable import DangjianHTTP
import DangjianTestSupport

/// The process has one metrics system; every test that reads `/metrics` shares this registry.
enum SharedMetrics {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()
}

@Suite struct HTTPContractTests {
    /// The request counter's lines for one route and method, as `/metrics` serves them.
    static func counted(_ metrics: String, route: String, method: String) -> [String] {
        metrics.split(separator: "\n").map(String.init).filter {
            $0.hasPrefix("hb_requests") && $0.contains(#"http_route="\#(route)""#)
                && $0.contains(#"http_request_method="\#(method)""#)
        }
    }

    @Test func aRefusedRequestIsCountedWithItsOwnStatus() async throws {
        let server = try await TestServer.make(demo: true, metrics: SharedMetrics.registry)
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            // A member outside the secretary's subtree: the registry's 404, not Hummingbird's.
            expectError(
                try await client.call(.get, "/api/v1/members/999999", token: world.secretary), .notFound,
                "member.notFound")
            expectError(try await client.call(.get, "/api/v1/members/999999"), .unauthorized, "auth.required")
            let metrics = try await client.call(.get, "/metrics").text
            let lines = Self.counted(metrics, route: "/api/v1/members/{id}", method: "GET")
            #expect(lines.contains { $0.contains(#"http_response_status_code="404""#) }, "\(lines)")
            #expect(lines.contains { $0.contains(#"http_response_status_code="401""#) }, "\(lines)")
            #expect(!lines.contains { $0.contains(#"http_response_status_code="500""#) }, "\(lines)")
        }
        await server.close()
    }

    @Test func aWrongMethodOnAKnownPathIs405WithAllow() async throws {
        let server = try await TestServer.make()
        try await server.test { client in
            let response = try await client.call(.delete, "/api/v1/members")
            expectError(response, .methodNotAllowed, "route.methodNotAllowed")
            #expect(response.headers[.allow] == "GET, POST")
            let member = try await client.call(.put, "/api/v1/members/12")
            expectError(member, .methodNotAllowed, "route.methodNotAllowed")
            #expect(member.headers[.allow] == "GET, PATCH", "\(member.headers)")
            // A path no route has stays a 404.
            expectError(try await client.call(.delete, "/api/v1/members/12/nothing"), .notFound, "route.notFound")
        }
        await server.close()
    }

    @Test func the405sAreCountedAs405() async throws {
        let server = try await TestServer.make(metrics: SharedMetrics.registry)
        try await server.test { client in
            _ = try await client.call(.delete, "/api/v1/users/me")
            let metrics = try await client.call(.get, "/metrics").text
            let lines = metrics.split(separator: "\n").filter {
                $0.hasPrefix("hb_requests") && $0.contains(#"http_request_method="DELETE""#)
            }
            #expect(lines.contains { $0.contains(#"http_response_status_code="405""#) }, "\(lines)")
        }
        await server.close()
    }

    @Test func readinessSaysDrainingOnceShutdownBegins() async throws {
        let server = try await TestServer.make()
        let activity = RequestActivity()
        let router = try buildRouter(host: server.host, activity: activity).router
        try await Application(router: router).test(.router) { client in
            #expect(try await client.call(.get, "/readyz").status == .ok)
            await activity.drain(quiet: .zero, limit: .milliseconds(100))
            let draining = try await client.call(.get, "/readyz")
            #expect(draining.status == .serviceUnavailable)
            #expect(draining.object["status"] as? String == "draining")
            // Everything else is still answered while the server drains.
            #expect(try await client.call(.get, "/healthz").status == .ok)
        }
        await server.close()
    }
}

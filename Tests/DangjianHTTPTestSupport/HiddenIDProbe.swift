import Dangjian
import DangjianHTTP
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore

/// Probes every route with an id in its path: for an object outside the caller's subtree it
/// must answer exactly as for an id that does not exist (the same status and the same code),
/// or probing ids tells a caller which objects exist elsewhere. The routes come from the
/// router's own table, so a route added later is probed without touching any test.
public struct HiddenIDProbe: Sendable {
    public let routes: [RouteDoc]

    /// The documented routes of these OpenAPI tags (a plugin's id, or the core's tags) whose
    /// path has a parameter.
    public init(host: DangjianHost, tags: Set<String>) {
        routes = buildRouter(host: host).docs.filter { tags.contains($0.tag) && $0.path.contains("{") }
    }

    /// The core's routes: every tag no plugin owns.
    public static func core(host: DangjianHost) -> HiddenIDProbe {
        let plugins = Set(host.plugins.ordered.map(\.id))
        return HiddenIDProbe(host: host, tags: Set(buildRouter(host: host).docs.map(\.tag)).subtracting(plugins))
    }

    /// A branch that holds nothing, under the first top-level organisation, and its secretary's
    /// username: every object the host holds is outside that secretary's subtree.
    public static func outsider(on host: DangjianHost) async throws -> String {
        let root = try await host.store.read { s in try s.scalarInt("SELECT MIN(id) FROM organizations WHERE parent_id IS NULL") }
        let branch = try await host.organizations.create(OrganizationDraft(parentID: Int64(root), name: "空白党支部", kind: "branch"), by: .system)
        _ = try await host.users.create(UserDraft(username: "outsider", displayName: "外单位书记", password: DemoDistrict.password,
                                                  grants: [GrantDraft(role: Role.secretary.rawValue, organizationID: branch.id)]), by: .system)
        return "outsider"
    }

    static let missingID: Int64 = 987_654_321

    public struct Findings: Sendable {
        /// One line per route and id whose answer differs from a missing id's.
        public var differences: [String] = []
        /// Routes that refused the body before looking the id up (400 for a missing id), so that
        /// the probe did not reach the lookup: give them a body that passes validation.
        public var refusedBodies: [String] = []
    }

    /// Every route, for every id in `hidden`, answered as for the missing id. Write routes get
    /// `bodies["POST /path/{id}/…"]` or `{}`: the same body for both ids.
    public func probe(_ client: any TestClientProtocol, token: String, hidden: [Int64],
                      bodies: [String: String] = [:]) async throws -> Findings {
        var findings = Findings()
        for route in routes {
            let key = "\(route.method.rawValue) \(route.path)"
            let body = route.bodyType == nil ? nil : bodies[key] ?? "{}"
            let missing = try await answer(client, route, id: Self.missingID, token: token, body: body)
            if missing.hasPrefix("400 ") { findings.refusedBodies.append("\(key): \(missing)") }
            for id in hidden {
                let got = try await answer(client, route, id: id, token: token, body: body)
                if got != missing { findings.differences.append("\(key) id \(id): \(got), a missing id: \(missing)") }
            }
        }
        return findings
    }

    private func answer(_ client: any TestClientProtocol, _ route: RouteDoc, id: Int64, token: String, body: String?) async throws -> String {
        var headers: HTTPFields = [.authorization: "Bearer \(token)"]
        if body != nil { headers[.contentType] = "application/json" }
        let response = try await client.execute(uri: Self.uri(route.path, id: id), method: route.method, headers: headers,
                                                body: body.map { ByteBuffer(string: $0) })
        let code = ((try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any])
            .flatMap { $0["error"] as? [String: Any] }?["code"] as? String
        return "\(response.status.code) \(code ?? "-")"
    }

    /// Fills the id parameters (`{id}`, `{organizationID}`) with the id probed, and the others
    /// with a well-formed value, so that only the id decides the answer.
    static func uri(_ path: String, id: Int64) -> String {
        var uri = ""
        var rest = Substring(path)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            uri += rest[..<open]
            let name = rest[rest.index(after: open)..<close]
            switch name {
            case "month": uri += "2026-06"
            case "quarter": uri += "2026-Q2"
            default: uri += String(id)
            }
            rest = rest[rest.index(after: close)...]
        }
        return uri + rest
    }
}

import Dangjian
import DangjianDemo
import DangjianHTTP
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Probes every route with an id in its path: for an object outside the caller's subtree it
/// must answer exactly as for an id that does not exist (the same status and the same code),
/// or probing ids tells a caller which objects exist elsewhere. The routes come from the
/// router's own table, so a route added later is probed without touching any test.
public struct HiddenIDProbe: Sendable {
    public let routes: [RouteDoc]

    /// The documented routes of these OpenAPI tags (a plugin's id, or the core's tags) whose
    /// path has a parameter.
    public init(host: DangjianHost, tags: Set<String>) {
        routes = try! buildRouter(host: host).docs.filter { tags.contains($0.tag) && $0.path.contains("{") }
    }

    /// The core's routes: every tag no plugin owns.
    public static func core(host: DangjianHost) -> HiddenIDProbe {
        let plugins = Set(host.plugins.ordered.map(\.id))
        return HiddenIDProbe(host: host, tags: Set(try! buildRouter(host: host).docs.map(\.tag)).subtracting(plugins))
    }

    /// A branch that holds nothing, under the first top-level organisation, and its secretary's
    /// username: every object the host holds is outside that secretary's subtree.
    public static func outsider(on host: DangjianHost) async throws -> (username: String, branchID: Int64) {
        let root = try await host.store.read { s in
            try s.scalarInt("SELECT MIN(id) FROM organizations WHERE parent_id IS NULL")
        }
        let branch = try await host.organizations.create(
            OrganizationDraft(parentID: Int64(root), name: "空白党支部", kind: "branch"), by: .system)
        _ = try await host.users.create(
            UserDraft(
                username: "outsider", displayName: "外单位书记", password: DemoDistrict.password,
                grants: [GrantDraft(role: Role.secretary.rawValue, organizationID: branch.id)]), by: .system)
        return ("outsider", branch.id)
    }

    /// Written in a body, stands for the outsider's own branch (a unit it may act for).
    public static let ownBranch = "\"OWN_BRANCH\""

    static let missingID: Int64 = 987_654_321

    public struct Findings: Sendable {
        public var routes = 0
        /// One line per route and id whose answer differs from a missing id's.
        public var differences: [String] = []
        /// Routes that refused the body before looking the id up (400 for a missing id), so that
        /// the probe did not reach the lookup: give them a body that passes validation.
        public var refusedBodies: [String] = []
    }

    /// The whole probe on an application whose host holds its objects already: an outsider is
    /// added, signed in over HTTP, and every route of `tags` is probed with the ids `hidden`.
    public static func findings(
        on app: TestApplication, tags: Set<String>? = nil, hidden: [Int64] = Array(1...40),
        bodies: [String: String] = [:], open: [String: Set<Int64>] = [:]
    ) async throws -> Findings {
        let host = app.host
        let probe = tags.map { HiddenIDProbe(host: host, tags: $0) } ?? .core(host: host)
        let outsider = try await outsider(on: host)
        let filled = bodies.mapValues { $0.replacingOccurrences(of: ownBranch, with: String(outsider.branchID)) }
        return try await app.test { client in
            let token = try await client.login(outsider.username)
            // The caller's own token is its to revoke, wherever it sits among the ids.
            guard let caller = try await host.users.principal(forToken: token) else { return Findings() }
            var open = open
            open["DELETE /api/v1/tokens/{id}", default: []].formUnion(try await host.users.tokens(by: caller).map(\.id))
            return try await probe.probe(client, token: token, hidden: hidden, bodies: filled, open: open)
        }
    }

    /// The probe on the demo district, loaded here: no route of `tags` may tell the outsider
    /// anything, and each must reach its lookup (`bodies` for those that check a body first).
    /// `open` reads, once the demo is loaded, the ids each route serves to anyone by design.
    public static func expectNothingShown(
        on app: TestApplication, tags: Set<String>? = nil, atLeast routes: Int,
        bodies: [String: String] = [:], seeders: [any DemoSeeder] = [],
        sourceLocation: SourceLocation = #_sourceLocation,
        open: @escaping @Sendable (any SQLSession) throws -> [String: Set<Int64>] = { _ in [:] }
    ) async throws {
        _ = try await DemoDistrict(host: app.host, seeders: seeders).load()
        let findings = try await findings(
            on: app, tags: tags, bodies: bodies, open: try await app.host.store.read(open))
        #expect(findings.routes >= routes, sourceLocation: sourceLocation)
        #expect(
            findings.differences.isEmpty, "\(findings.differences.joined(separator: "\n"))",
            sourceLocation: sourceLocation)
        #expect(
            findings.refusedBodies.isEmpty, "\(findings.refusedBodies.joined(separator: "\n"))",
            sourceLocation: sourceLocation)
    }

    /// Every route, for every id in `hidden`, answered as for the missing id. Write routes get
    /// `bodies["POST /path/{id}/…"]` or `{}`: the same body for both ids. `open["GET /path/{id}"]`
    /// names the ids a route serves to anyone by design (a promoted brand's practice), which are
    /// not probed there.
    public func probe(
        _ client: any TestClientProtocol, token: String, hidden: [Int64],
        bodies: [String: String] = [:], open: [String: Set<Int64>] = [:]
    ) async throws -> Findings {
        var findings = Findings(routes: routes.count)
        for route in routes {
            let key = "\(route.method.rawValue) \(route.path)"
            let body = route.bodyType == nil ? nil : bodies[key] ?? "{}"
            let missing = try await answer(client, route, id: Self.missingID, token: token, body: body)
            if missing.hasPrefix("400 ") { findings.refusedBodies.append("\(key): \(missing)") }
            for id in hidden where open[key]?.contains(id) != true {
                let got = try await answer(client, route, id: id, token: token, body: body)
                if got != missing { findings.differences.append("\(key) id \(id): \(got), a missing id: \(missing)") }
            }
        }
        return findings
    }

    private func answer(_ client: any TestClientProtocol, _ route: RouteDoc, id: Int64, token: String, body: String?)
        async throws -> String
    {
        var headers: HTTPFields = [.authorization: "Bearer \(token)"]
        if body != nil { headers[.contentType] = "application/json" }
        let response = try await client.execute(
            uri: Self.uri(route.path, id: id), method: route.method, headers: headers,
            body: body.map { ByteBuffer(string: $0) })
        let code =
            ((try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any])
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
            case "channel": uri += "email"
            case "kind": uri += "general"
            default: uri += String(id)
            }
            rest = rest[rest.index(after: close)...]
        }
        return uri + rest
    }
}

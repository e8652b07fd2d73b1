import Foundation

/// Works out, inside the notification's own transaction, which outbox rows a notice makes:
/// the route for its kind (the nearest set on its organisation or above, else the
/// configuration's), the robots of its organisation or the one above, the recipient's
/// @-mention and email address, less what the recipient muted. Everything a batch of notices
/// needs is read in a few queries, whatever its size, so a sweep's thousands of reminders make
/// no per-row round trips.
struct DeliveryPlanner {
    /// One outbox row to write besides the inbox's.
    struct Row: Equatable {
        let channel: String
        let endpointID: Int64?
        let address: String?
        let mention: String?
    }

    let defaults: [String: [DeliveryTarget]]
    private var paths: [Int64: String] = [:]
    private var routes: [String: [DeliveryRoute]] = [:]
    private var endpoints: [Int64: [(id: Int64, kind: String)]] = [:]
    private var addresses: [Int64: [String: String]] = [:]
    private var muted: Set<String> = []

    /// Reads what `drafts` need, in one query per table (per 10,000 ids).
    init(_ drafts: [NotificationDraft], defaults: [String: [DeliveryTarget]], in s: any SQLSession) throws {
        self.defaults = defaults
        let organizations = Set(drafts.compactMap(\.organizationID))
        paths = try OrganizationRegistry.paths(of: Array(organizations), in: s)
        routes = try Self.routes(above: Array(Set(paths.values)), in: s)
        let parents = paths.values.compactMap(Self.parent(of:))
        for row in try s.query(
            ids: organizations.union(parents),
            { "SELECT id, organization_id, kind FROM channel_endpoints WHERE organization_id IN (\($0)) ORDER BY id" })
        {
            endpoints[try row.int64("organization_id"), default: []].append(
                (try row.int64("id"), try row.string("kind")))
        }
        let users = Set(drafts.map(\.userID))
        for row in try s.query(
            ids: users, { "SELECT user_id, kind, address FROM user_channels WHERE user_id IN (\($0))" })
        {
            addresses[try row.int64("user_id"), default: [:]][try row.string("kind")] = try row.string("address")
        }
        for row in try s.query(ids: users, { "SELECT user_id, kind FROM notification_mutes WHERE user_id IN (\($0))" })
        {
            muted.insert("\(try row.int64("user_id")):\(try row.string("kind"))")
        }
    }

    /// The rows for one notice; none when its route sends it to the inbox only.
    func rows(for draft: NotificationDraft) -> [Row] {
        let path = draft.organizationID.flatMap { paths[$0] }
        let targets =
            path.flatMap { routes[$0]?.first { $0.kind == draft.kind }?.targets } ?? defaults[draft.kind] ?? []
        let mutedHere = muted.contains("\(draft.userID):\(draft.kind)")
        var rows: [Row] = []
        for target in targets {
            switch target {
            case .group, .parentGroup:
                let organization = target == .group ? draft.organizationID : path.flatMap(Self.parent(of:))
                for endpoint in organization.flatMap({ endpoints[$0] }) ?? [] {
                    let mention = mutedHere ? nil : addresses[draft.userID]?[endpoint.kind]
                    rows.append(Row(channel: endpoint.kind, endpointID: endpoint.id, address: nil, mention: mention))
                }
            case .email:
                if !mutedHere, let address = addresses[draft.userID]?["email"] {
                    rows.append(Row(channel: "email", endpointID: nil, address: address, mention: nil))
                }
            }
        }
        return rows
    }

    /// The organisation above the one at `path` ("/1/4/17/" → 4), nil for a root.
    static func parent(of path: String) -> Int64? {
        let ids = path.split(separator: "/").compactMap { Int64($0) }
        return ids.count >= 2 ? ids[ids.count - 2] : nil
    }

    /// For each path, the routes set on its organisation and above, nearest first. Paths hold
    /// their ancestors' ids, so one query reads them all.
    static func routes(above paths: [String], in s: any SQLSession) throws -> [String: [DeliveryRoute]] {
        let ancestors = Set(paths.flatMap { $0.split(separator: "/").compactMap { Int64($0) } })
        var set: [Int64: [DeliveryRoute]] = [:]
        for row in try s.query(ids: ancestors, { "SELECT * FROM delivery_routes WHERE organization_id IN (\($0))" }) {
            let organization = try row.int64("organization_id")
            let targets = try row.string("targets").split(separator: "+").compactMap {
                DeliveryTarget(rawValue: String($0))
            }
            set[organization, default: []].append(
                DeliveryRoute(organizationID: organization, kind: try row.string("kind"), targets: targets))
        }
        var answer: [String: [DeliveryRoute]] = [:]
        for path in paths {
            let chain = path.split(separator: "/").compactMap { Int64($0) }.reversed()
            answer[path] = chain.flatMap { set[$0]?.sorted { $0.kind < $1.kind } ?? [] }
        }
        return answer
    }
}

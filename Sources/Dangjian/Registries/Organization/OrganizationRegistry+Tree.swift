import Foundation

/// One node of the console's organisation tree: enough to draw it and to know whether it opens.
public struct OrganizationNode: Sendable, Codable, Equatable {
    /// The organisation's id.
    public let id: Int64
    /// Its name.
    public let name: String
    /// Its kind's Chinese name (党委, 党总支, 党支部 …).
    public let kind: String
    /// How many active organisations sit directly under it.
    public let children: Int
    /// For a search hit: the names from the caller's top down to the node, "区委 / 一中 / 初一支部".
    public let trail: String?
}

extension OrganizationRegistry {
    /// The tree's first level: the tops of the caller's subtrees.
    public func treeRoots(by actor: Principal) async throws -> [OrganizationNode] {
        let paths = actor.scope(for: .readOrganizations).paths
        guard !paths.isEmpty else { return [] }
        return try await nodes(
            where: "o.path IN (\(paths.map { _ in "?" }.joined(separator: ", ")))", paths.map { .text($0) }, by: actor)
    }

    /// The active organisations directly under `id`, in tree order, each with its number of
    /// children, in one query; a node outside the caller's subtree is a 404. The console loads
    /// the tree level by level this way, so a district of 20,000 nodes is never sent whole.
    public func treeChildren(of id: Int64, by actor: Principal) async throws -> [OrganizationNode] {
        let scope = actor.scope(for: .readOrganizations)
        _ = try await store.read { s in try Self.path(of: id, in: s, scope: scope) }
        return try await nodes(where: "o.parent_id = ?", [.integer(id)], by: actor)
    }

    /// Active organisations whose name contains `text`, at most `limit`, with the trail that
    /// leads to each (the tree's search box).
    public func searchTree(_ text: String, limit: Int = 30, by actor: Principal) async throws -> [OrganizationNode] {
        let needle = try Validate.text(text, field: "q", max: 50)
        let escaped = needle.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        let found = try await nodes(
            where: "o.name LIKE ? ESCAPE '\\'", [.text("%\(escaped)%")], by: actor, limit: limit, withPaths: true)
        return found
    }

    private func nodes(
        where condition: String, _ arguments: [SQLValue], by actor: Principal, limit: Int = 10_000,
        withPaths: Bool = false
    ) async throws -> [OrganizationNode] {
        let scope = actor.scope(for: .readOrganizations).condition("o.path")
        return try await store.read { s in
            let rows = try s.query(
                """
                SELECT o.id, o.name, o.kind, o.path,
                  (SELECT COUNT(*) FROM organizations c WHERE c.parent_id = o.id AND c.archived_at IS NULL) AS children
                FROM organizations o
                WHERE \(condition) AND \(scope.sql) AND o.archived_at IS NULL ORDER BY o.path LIMIT \(limit)
                """, arguments + scope.arguments)
            var names: [Int64: String] = [:]
            if withPaths {
                let ancestors = Set(
                    try rows.flatMap { row in try row.string("path").split(separator: "/").compactMap { Int64($0) } })
                names = try OrganizationRegistry.names(of: Array(ancestors), in: s)
            }
            let tops = Set(actor.scope(for: .readOrganizations).paths)
            return try rows.map { row in
                let path = try row.string("path")
                var trail: String?
                if withPaths {
                    // From the caller's own top down: the part above it is not theirs to see.
                    let top = tops.filter { path.hasPrefix($0) }.max { $0.count < $1.count } ?? path
                    let start = top.split(separator: "/").count - 1
                    let ids = path.split(separator: "/").compactMap { Int64($0) }
                    trail = ids.dropFirst(max(0, start)).compactMap { names[$0] }.joined(separator: " / ")
                }
                return OrganizationNode(
                    id: try row.int64("id"), name: try row.string("name"),
                    kind: (Organization.Kind(rawValue: try row.string("kind"))?.zh) ?? "",
                    children: try row.int("children"), trail: trail)
            }
        }
    }
}

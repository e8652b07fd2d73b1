import Foundation

/// An organisation's name and path, as plugins need them to label and scope their own rows.
public struct OrganizationLabel: Sendable, Hashable {
    /// The organisation's id.
    public let id: Int64
    /// Its name as the tree shows it.
    public let name: String
    /// The materialised path ("/1/4/"), for subtree checks and for ordering as the tree does.
    public let path: String

    /// A label as the registry reads it.
    public init(id: Int64, name: String, path: String) {
        self.id = id
        self.name = name
        self.path = path
    }
}

extension OrganizationRegistry {
    /// The names and paths of several organisations in one query, whoever may see them: the
    /// plugin scopes what it shows. Ids that do not exist are left out of the answer.
    public static func labels(of ids: [Int64], in session: any SQLSession) throws -> [Int64: OrganizationLabel] {
        var labels: [Int64: OrganizationLabel] = [:]
        for row in try session.query(ids: ids, { "SELECT id, name, path FROM organizations WHERE id IN (\($0))" }) {
            let id = try row.int64("id")
            labels[id] = OrganizationLabel(id: id, name: try row.string("name"), path: try row.string("path"))
        }
        return labels
    }
}

extension OrganizationRegistry {
    /// The path of every organisation in the subtree at `path` (itself included, archived ones
    /// too), by id, in one query whoever may see them: the plugin checks the caller's scope
    /// over `path` first, keeps its own rows of the subtree with `organization_id IN (…)` over
    /// these ids, and orders them as the tree does by these paths.
    public static func paths(within path: String, in session: any SQLSession) throws -> [Int64: String] {
        let within = Scope.within("path", path)
        var paths: [Int64: String] = [:]
        try session.forEach("SELECT id, path FROM organizations WHERE \(within.sql)", within.arguments) { row in
            paths[try row.int64("id")] = try row.string("path")
        }
        return paths
    }

    /// The ids of the organisations of these kinds in the subtree at `path` (itself included)
    /// that are not archived, in path order, in one query whoever may see them: the units a
    /// plugin opens its work for.
    public static func ids(within path: String, kinds: Set<Organization.Kind>, in session: any SQLSession) throws
        -> [Int64]
    {
        guard !kinds.isEmpty else { return [] }
        let within = Scope.within("path", path)
        let wanted = kinds.map(\.rawValue).sorted()
        return try session.query(
            """
            SELECT id FROM organizations WHERE kind IN (\(wanted.map { _ in "?" }.joined(separator: ", ")))
                AND archived_at IS NULL AND \(within.sql) ORDER BY path
            """, wanted.map { .text($0) } + within.arguments
        ).map { try $0.int64("id") }
    }
}

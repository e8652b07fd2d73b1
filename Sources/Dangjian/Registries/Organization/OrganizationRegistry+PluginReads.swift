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
        let unique = Array(Set(ids))
        guard !unique.isEmpty else { return [:] }
        var labels: [Int64: OrganizationLabel] = [:]
        for row in try session.query(
            "SELECT id, name, path FROM organizations WHERE id IN (\(unique.map { _ in "?" }.joined(separator: ", ")))",
            unique.map { .integer($0) })
        {
            let id = try row.int64("id")
            labels[id] = OrganizationLabel(id: id, name: try row.string("name"), path: try row.string("path"))
        }
        return labels
    }
}

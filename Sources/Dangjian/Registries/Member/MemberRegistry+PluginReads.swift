import Foundation

/// What plugins read about a member beside their own rows: who, where, and in what status.
public struct MemberFacts: Sendable, Hashable {
    /// The member's id.
    public let id: Int64
    /// The member's name; never ID or phone numbers.
    public let name: String
    /// Where the member stands on the way to full membership.
    public let status: MemberStatus
    /// The organisation that holds the member's relation.
    public let organizationID: Int64
    /// The path of the member's organisation, for subtree checks.
    public let path: String

    /// Facts as the registry reads them.
    public init(id: Int64, name: String, status: MemberStatus, organizationID: Int64, path: String) {
        self.id = id
        self.name = name
        self.status = status
        self.organizationID = organizationID
        self.path = path
    }

    static let select = """
        SELECT m.id, m.name, m.status, m.organization_id, o.path FROM members m JOIN organizations o ON o.id = m.organization_id
        """

    init?(row: SQLRow) throws {
        guard let status = MemberStatus(rawValue: try row.string("status")) else { return nil }
        self.init(
            id: try row.int64("id"), name: try row.string("name"), status: status,
            organizationID: try row.int64("organization_id"), path: try row.string("path"))
    }
}

extension MemberRegistry {
    /// The facts of several members in one query, whoever may see them: the plugin scopes what
    /// it shows. Ids that do not exist are left out of the answer.
    public static func facts(of ids: [Int64], in session: any SQLSession) throws -> [Int64: MemberFacts] {
        let rows = try session.query(ids: ids, { "\(MemberFacts.select) WHERE m.id IN (\($0))" })
        return Dictionary(uniqueKeysWithValues: try rows.compactMap(MemberFacts.init(row:)).map { ($0.id, $0) })
    }

    /// The members of the subtree at `path` in these statuses, in one query, whoever may see
    /// them: the plugin checks the caller's scope over `path` first. Ordered by id.
    public static func roster(within path: String, statuses: Set<MemberStatus>, in session: any SQLSession) throws
        -> [MemberFacts]
    {
        guard !statuses.isEmpty else { return [] }
        let within = Scope.within("o.path", path)
        let wanted = statuses.map(\.rawValue).sorted()
        return try session.query(
            """
            \(MemberFacts.select) WHERE \(within.sql) AND m.status IN (\(wanted.map { _ in "?" }.joined(separator: ", "))) ORDER BY m.id
            """, within.arguments + wanted.map { .text($0) }
        ).compactMap(MemberFacts.init(row:))
    }
}

extension MemberRegistry {
    /// Per member, the paths of the organisations they stand in: the one that holds their
    /// membership, and every one where any of their accounts (disabled or not) holds a role.
    /// Whether a member belongs to a unit's subtree is whether one of them starts with the
    /// unit's path (an evaluator's conflict of interest, say). Two queries, chunked past
    /// 10,000 ids; members that do not exist are left out.
    public static func standingPaths(of ids: [Int64], in session: any SQLSession) throws -> [Int64: Set<String>] {
        var paths: [Int64: Set<String>] = [:]
        for (id, path) in try organizationPaths(of: ids, in: session) { paths[id, default: []].insert(path) }
        for row in try session.query(
            ids: paths.keys,
            {
                """
                SELECT u.member_id, o.path FROM users u JOIN role_grants g ON g.user_id = u.id
                JOIN organizations o ON o.id = g.organization_id WHERE u.member_id IN (\($0))
                """
            })
        {
            paths[try row.int64("member_id"), default: []].insert(try row.string("path"))
        }
        return paths
    }
}

import Foundation

/// Owns the organisation tree. Each node stores its materialised path ("/1/4/17/"), so a
/// subtree of any size is one range scan on an index, and scoping a query by a caller's
/// subtree is a condition on the same column.
public struct OrganizationRegistry: Sendable {
    let store: Store

    /// A registry over `store`; the host makes one, and plugins reach it as `host.organizations`.
    public init(store: Store) { self.store = store }

    // MARK: Reading

    /// One organisation with its committee seats (支委会), which lists leave out.
    /// - Throws: 404 `organization.notFound` when it is absent or outside the caller's
    ///   `readOrganizations` subtrees (the same answer, so existence does not leak). Archived
    ///   organisations are still answered: their history stays readable.
    public func get(_ id: Int64, by actor: Principal) async throws -> Organization {
        let scope = actor.scope(for: .readOrganizations)
        let condition = scope.condition("path")
        return try await store.read { session in
            guard
                let row = try session.queryOne(
                    "SELECT \(Organization.Columns.all) FROM organizations WHERE id = ? AND \(condition.sql)",
                    [.integer(id)] + condition.arguments)
            else { throw DangjianError.notFound(.organization) }
            var organization = try Organization(row: row)
            organization.committee = try Self.committee(of: id, in: session)
            return organization
        }
    }

    /// What `list` narrows to; every field left nil does not narrow, and archived nodes are left out
    /// unless asked for. Nodes outside the caller's view never appear.
    public struct Filter: Sendable {
        /// Only the direct children of this organisation.
        public var parentID: Int64?
        /// Only nodes in this organisation's subtree (itself included).
        public var within: Int64?
        /// Only nodes of this kind (committee, general branch, branch, joint branch, group).
        public var kind: Organization.Kind?
        /// Whether archived (撤销) nodes are listed too; by default only active ones are.
        public var includeArchived = false
        /// Terms ending on or before this day (for "terms expiring soon").
        public var termEndsBy: Day?
        /// The order of the page: by path (default, the tree depth-first), id, name (pinyin order) or
        /// termEnd; "-name" sorts descending.
        public var sort: SortOrder

        /// A filter with nothing narrowed, active nodes only, in tree order.
        public init(
            parentID: Int64? = nil, within: Int64? = nil, kind: Organization.Kind? = nil,
            includeArchived: Bool = false, termEndsBy: Day? = nil, sort: SortOrder = try! .organizations(nil)
        ) {
            self.parentID = parentID
            self.within = within
            self.kind = kind
            self.includeArchived = includeArchived
            self.termEndsBy = termEndsBy
            self.sort = sort
        }
    }

    /// One page of the organisations the caller can see that match `filter`, without committee
    /// seats (`get` adds them).
    /// - Throws: 400 `validation.badValue` for a bad cursor; 404 `organization.notFound` when
    ///   `within` lies outside the caller's view.
    public func list(_ filter: Filter, page: PageRequest, by actor: Principal) async throws -> Page<Organization> {
        let scope = actor.scope(for: .readOrganizations)
        let condition = scope.condition("path")
        let cursor = try page.decodedCursor()
        let sort = filter.sort
        return try await store.read { session in
            var sql = "SELECT \(Organization.Columns.all) FROM organizations WHERE \(condition.sql)"
            var arguments = condition.arguments
            if let within = filter.within {
                let path = try Self.path(of: within, in: session, scope: scope)
                let subtree = Scope.within("path", path)
                sql += " AND \(subtree.sql)"
                arguments += subtree.arguments
            }
            if let parentID = filter.parentID { sql += " AND parent_id = ?"; arguments.append(.integer(parentID)) }
            if let kind = filter.kind { sql += " AND kind = ?"; arguments.append(SQLValue(kind)) }
            if !filter.includeArchived { sql += " AND archived_at IS NULL" }
            if let day = filter.termEndsBy { sql += " AND term_end <= ?"; arguments.append(SQLValue(day)) }
            sort.appendPage(to: &sql, &arguments, cursor: cursor, limit: page.limit, idColumn: "id")
            let rows = try session.query(sql, arguments)
            return try Page(rows: rows, limit: page.limit, decode: Organization.init(row:)) { org in
                sort.column == "id" ? .id(org.id) : .key(sort.value(of: org), org.id)
            }
        }
    }

    /// The whole subtree under `id` (itself first, then depth-first by path), in one query.
    public func subtree(of id: Int64, includeArchived: Bool = false, by actor: Principal) async throws -> [Organization]
    {
        let scope = actor.scope(for: .readOrganizations)
        return try await store.read { session in
            let path = try Self.path(of: id, in: session, scope: scope)
            var sql = "SELECT \(Organization.Columns.all) FROM organizations WHERE path >= ? AND path < ?"
            if !includeArchived { sql += " AND archived_at IS NULL" }
            return try session.query(sql + " ORDER BY path", [.text(path), .text(Scope.upperBound(path))])
                .map(Organization.init(row:))
        }
    }

    // MARK: Helpers shared with the other registries

    /// The path of an organisation the caller can see, or 404.
    public static func path(of id: Int64, in session: any SQLSession, scope: Scope) throws -> String {
        let condition = scope.condition("path")
        guard
            let row = try session.queryOne(
                "SELECT path FROM organizations WHERE id = ? AND \(condition.sql)", [.integer(id)] + condition.arguments
            )
        else { throw DangjianError.notFound(.organization) }
        return try row.string("path")
    }

    /// The paths of several organisations, in one query, whoever may see them: for checks that
    /// compare paths, never for showing.
    public static func paths(of ids: [Int64], in session: any SQLSession) throws -> [Int64: String] {
        var paths: [Int64: String] = [:]
        for row in try session.query(ids: ids, { "SELECT id, path FROM organizations WHERE id IN (\($0))" }) {
            paths[try row.int64("id")] = try row.string("path")
        }
        return paths
    }

    /// An organisation by id whoever may see it, archived or not, without its committee seats;
    /// nil when there is none. For checks inside a transaction whose caller was already scoped
    /// (a task's responsible side, a finding's unit), never for showing to the caller.
    public static func load(_ id: Int64, in session: any SQLSession) throws -> Organization? {
        try session.queryOne("SELECT \(Organization.Columns.all) FROM organizations WHERE id = ?", [.integer(id)])
            .map(Organization.init(row:))
    }

    /// The committee seats (支委会) of one organisation in member id order, empty when it has
    /// none; unscoped, like `load`. A rule's `has_committee` reads the same table.
    public static func committee(of id: Int64, in session: any SQLSession) throws -> [CommitteeSeat] {
        try session.query(
            "SELECT member_id, position FROM organization_committee_seats WHERE organization_id = ? ORDER BY member_id",
            [.integer(id)]
        ).map { CommitteeSeat(memberID: try $0.int64("member_id"), position: try $0.string("position")) }
    }

    /// The committee seats of many organisations in one query, by organisation, each in member
    /// id order; organisations without a committee are left out. At most 32,766 ids a call.
    public static func committees(of ids: [Int64], in session: any SQLSession) throws -> [Int64: [CommitteeSeat]] {
        guard !ids.isEmpty else { return [:] }
        var seats: [Int64: [CommitteeSeat]] = [:]
        try session.forEach(
            """
            SELECT organization_id, member_id, position FROM organization_committee_seats
            WHERE organization_id IN (\(ids.map { _ in "?" }.joined(separator: ", "))) ORDER BY member_id
            """, ids.map { .integer($0) }
        ) { row in
            seats[try row.int64("organization_id"), default: []].append(
                CommitteeSeat(memberID: try row.int64("member_id"), position: try row.string("position")))
        }
        return seats
    }
}

extension SortOrder {
    /// The orders an organisation list accepts: "path" (default), "id", "name", "termEnd" (nodes
    /// without a term first), each with "-" for descending.
    /// - Throws: 400 `validation.badValue` on the `sort` field for any other name.
    public static func organizations(_ text: String?) throws -> SortOrder {
        try SortOrder(
            text, allowed: ["id": "id", "name": "name", "path": "path", "termEnd": "COALESCE(term_end, '')"],
            default: "path")
    }

    func value(of organization: Organization) -> String {
        switch column {
        case "name": organization.name
        case "COALESCE(term_end, '')": organization.termEnd?.description ?? ""
        default: organization.path
        }
    }
}

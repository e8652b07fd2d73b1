import Foundation

/// Owns members, their status history and their relation transfers.
public struct MemberRegistry: Sendable {
    let store: Store

    /// A registry over `store`; the host makes one, and plugins reach it as `host.members`.
    public init(store: Store) { self.store = store }

    /// What `list` narrows to; every field left nil does not narrow. Members outside the caller's view never appear.
    public struct Filter: Sendable {
        /// Members held anywhere in this organisation's subtree.
        public var within: Int64?
        /// Members held by exactly this organisation.
        public var organizationID: Int64?
        /// Only members at this stage.
        public var status: MemberStatus?
        /// Only retired (true) or only not retired (false) members.
        public var retired: Bool?
        /// Only flowing (true) or only not flowing (false) members.
        public var flowing: Bool?
        /// Only lost-contact (true) or only in-contact (false) members.
        public var lostContact: Bool?
        /// Stage date range on the current status's date, e.g. admitted between two days.
        public var stageFrom: Day?
        /// The last day of the stage date range, inclusive; a range needs `status`, else it is refused.
        public var stageTo: Day?
        /// The order of the page: by id (default), name or updatedAt; "-name" sorts descending.
        public var sort: SortOrder

        /// A filter with nothing narrowed and the default order.
        public init(
            within: Int64? = nil, organizationID: Int64? = nil, status: MemberStatus? = nil,
            retired: Bool? = nil, flowing: Bool? = nil, lostContact: Bool? = nil,
            stageFrom: Day? = nil, stageTo: Day? = nil, sort: SortOrder = try! .members(nil)
        ) {
            self.within = within
            self.organizationID = organizationID
            self.status = status
            self.retired = retired
            self.flowing = flowing
            self.lostContact = lostContact
            self.stageFrom = stageFrom
            self.stageTo = stageTo
            self.sort = sort
        }
    }

    /// The member, masked unless the caller may see personal data over their organisation.
    /// A member the caller cannot see answers 404 `member.notFound`.
    public func get(_ id: Int64, by actor: Principal) async throws -> Member {
        try await store.read { session in
            guard let (member, path) = try Self.visible(id, in: session, actor: actor) else {
                throw DangjianError.notFound(.member)
            }
            return Self.present(member, path: path, to: actor)
        }
    }

    /// One page of the members the caller can see (their subtrees with `readMembers`, plus their own record)
    /// that match `filter`, masked where the caller may not see personal data. `within` outside the
    /// caller's subtree answers 404.
    public func list(_ filter: Filter, page: PageRequest, by actor: Principal) async throws -> Page<Member> {
        let visibility = Self.visibility(actor)
        let cursor = try page.decodedCursor()
        return try await store.read { session in
            var sql =
                "SELECT \(Member.Columns.all) FROM members m JOIN organizations o ON o.id = m.organization_id WHERE \(visibility.sql)"
            var arguments = visibility.arguments
            if let within = filter.within {
                let path = try OrganizationRegistry.path(
                    of: within, in: session, scope: actor.scope(for: .readOrganizations))
                let subtree = Scope.within("o.path", path)
                sql += " AND \(subtree.sql)"
                arguments += subtree.arguments
            }
            if let id = filter.organizationID { sql += " AND m.organization_id = ?"; arguments.append(.integer(id)) }
            if let status = filter.status {
                sql += " AND m.status = ?"
                arguments.append(SQLValue(status))
                if let from = filter.stageFrom {
                    sql += " AND m.\(status.dateColumn) >= ?"; arguments.append(SQLValue(from))
                }
                if let to = filter.stageTo { sql += " AND m.\(status.dateColumn) <= ?"; arguments.append(SQLValue(to)) }
            } else if filter.stageFrom != nil || filter.stageTo != nil {
                throw DangjianError.invalid(
                    KernelErrorCode.memberStageRangeNeedsStatus, field: "status",
                    zh: "按阶段日期筛选时须指定状态", en: "Filtering by stage date needs a status")
            }
            for (column, flag) in [
                ("retired", filter.retired), ("flowing", filter.flowing), ("lost_contact", filter.lostContact),
            ] {
                if let flag { sql += " AND m.\(column) = ?"; arguments.append(SQLValue(flag)) }
            }
            filter.sort.appendPage(to: &sql, &arguments, cursor: cursor, limit: page.limit, idColumn: "m.id")
            let rows = try session.query(sql, arguments)
            let sort = filter.sort
            return try Page(
                rows: rows, limit: page.limit,
                decode: { row in
                    Self.present(try Member(row: row), path: try row.string("org_path"), to: actor)
                }
            ) { member in sort.column == "m.id" ? .id(member.id) : .key(sort.value(of: member), member.id) }
        }
    }

    /// The member's stage history, oldest first. A member the caller cannot see answers 404.
    public func history(of id: Int64, by actor: Principal) async throws -> [StatusChangeRecord] {
        try await store.read { session in
            guard try Self.visible(id, in: session, actor: actor) != nil else { throw DangjianError.notFound(.member) }
            return try session.query(
                "SELECT * FROM member_status_changes WHERE member_id = ? ORDER BY id", [.integer(id)]
            ).map { row in
                StatusChangeRecord(
                    id: try row.int64("id"), memberID: id, from: try row.enumValue("from_status"),
                    to: try row.enumValue("to_status"), on: try row.day("on_day"),
                    reason: try row.string("reason"), actorUserID: try row.optionalInt64("actor_user_id"),
                    at: try row.date("at"))
            }
        }
    }

    // MARK: Shared with the write side and other registries

    /// Who can see which members: the subtrees with `readMembers`, plus the caller's own record.
    static func visibility(_ actor: Principal) -> (sql: String, arguments: [SQLValue]) {
        let condition = actor.scope(for: .readMembers).condition("o.path")
        guard let own = actor.memberID else { return condition }
        return ("(\(condition.sql) OR m.id = ?)", condition.arguments + [.integer(own)])
    }

    static func visible(_ id: Int64, in session: any SQLSession, actor: Principal) throws -> (Member, String)? {
        let visibility = visibility(actor)
        guard
            let row = try session.queryOne(
                "SELECT \(Member.Columns.all) FROM members m JOIN organizations o ON o.id = m.organization_id WHERE m.id = ? AND \(visibility.sql)",
                [.integer(id)] + visibility.arguments)
        else { return nil }
        return (try Member(row: row), try row.string("org_path"))
    }

    static func present(_ member: Member, path: String, to actor: Principal) -> Member {
        actor.mayUnmask(at: path) ? member : member.masked()
    }
}

extension SortOrder {
    /// The orders a member list accepts: "id" (default), "name", "updatedAt", each with "-" for descending.
    public static func members(_ text: String?) throws -> SortOrder {
        try SortOrder(text, allowed: ["id": "m.id", "name": "m.name", "updatedAt": "m.updated_at"], default: "id")
    }

    func value(of member: Member) -> String {
        column == "m.name" ? member.name : Timestamp.format(member.updatedAt)
    }
}

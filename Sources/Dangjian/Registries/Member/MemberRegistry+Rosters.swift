/// Reads of members that plugins need inside their own reads and writes (issue 14, point 4):
/// the plugin names no kernel table, and each read is one query whatever the district's size.
extension MemberRegistry {
    /// A party member on a roster: who they are and when they were admitted (入党).
    public struct RosterMember: Sendable, Equatable {
        /// The member's id, as attendance and class-hour records name them.
        public let id: Int64
        /// The organisation that holds the member's relation; the roster is keyed by it.
        public let organizationID: Int64
        /// The member's name, for lists that say who was absent; unmasked, so a plugin shows it only
        /// to callers who may read the organisation's members, and never logs it.
        public let name: String
        /// The day the member was admitted as a probationary member (预备党员); nil when not recorded.
        /// It prorates a yearly duty: one admitted in June owes seven twelfths of the class hours.
        public let admittedOn: Day?
    }

    /// Full and probationary members who can be reached (not out of contact, 失联), by
    /// organisation, in member id order: whom attendance and class hours concern.
    public static func partyRoster(in session: any SQLSession) throws -> [Int64: [RosterMember]] {
        var roster: [Int64: [RosterMember]] = [:]
        try session.forEach(
            """
            SELECT id, organization_id, name, admitted_on FROM members
            WHERE status IN ('full', 'probationary') AND lost_contact = 0 ORDER BY id
            """, []
        ) { row in
            let member = RosterMember(
                id: try row.int64("id"), organizationID: try row.int64("organization_id"),
                name: try row.string("name"), admittedOn: try row.optionalDay("admitted_on"))
            roster[member.organizationID, default: []].append(member)
        }
        return roster
    }

    /// The ids of the members an organisation holds in the given statuses.
    public static func memberIDs(of organizationID: Int64, statuses: [MemberStatus], in session: any SQLSession) throws
        -> Set<Int64>
    {
        guard !statuses.isEmpty else { return [] }
        let marks = statuses.map { _ in "?" }.joined(separator: ", ")
        return Set(
            try session.query(
                "SELECT id FROM members WHERE organization_id = ? AND status IN (\(marks))",
                [.integer(organizationID)] + statuses.map { SQLValue($0) }
            ).map { try $0.int64("id") })
    }

    /// The ids of the members many organisations hold in the given statuses, in one query, by
    /// organisation and in member id order; `organizationIDs` nil means every organisation.
    public static func memberIDs(
        of organizationIDs: [Int64]?, statuses: [MemberStatus], in session: any SQLSession
    ) throws -> [Int64: [Int64]] {
        guard !statuses.isEmpty, organizationIDs?.isEmpty != true else { return [:] }
        let within = organizationIDs.map { "organization_id IN (\($0.map { _ in "?" }.joined(separator: ", "))) AND " }
        var ids: [Int64: [Int64]] = [:]
        try session.forEach(
            """
            SELECT id, organization_id FROM members
            WHERE \(within ?? "")status IN (\(statuses.map { _ in "?" }.joined(separator: ", "))) ORDER BY id
            """, (organizationIDs ?? []).map { .integer($0) } + statuses.map { SQLValue($0) }
        ) { row in ids[try row.int64("organization_id"), default: []].append(try row.int64("id")) }
        return ids
    }

    /// Members' names by id, for lists that show who took part; unknown ids are left out.
    public static func names(of ids: [Int64], in session: any SQLSession) throws -> [Int64: String] {
        var names: [Int64: String] = [:]
        for row in try session.query(ids: ids, { "SELECT id, name FROM members WHERE id IN (\($0))" }) {
            names[try row.int64("id")] = try row.string("name")
        }
        return names
    }

    /// Every member's organisation path ("/1/4/9/"), in one query: for sums over members that
    /// are then scoped to a subtree.
    public static func organizationPaths(in session: any SQLSession) throws -> [Int64: String] {
        var paths: [Int64: String] = [:]
        try session.forEach("SELECT m.id, o.path FROM members m JOIN organizations o ON o.id = m.organization_id", []) {
            row in
            paths[try row.int64("id")] = try row.string("path")
        }
        return paths
    }

    /// The organisation path of each of the given members, in one query (chunked past 10,000):
    /// whether a person sits in a subtree is `path.hasPrefix(subtree)`.
    public static func organizationPaths(of ids: [Int64], in session: any SQLSession) throws -> [Int64: String] {
        var paths: [Int64: String] = [:]
        for row in try session.query(
            ids: ids,
            {
                "SELECT m.id, o.path FROM members m JOIN organizations o ON o.id = m.organization_id WHERE m.id IN (\($0))"
            })
        {
            paths[try row.int64("id")] = try row.string("path")
        }
        return paths
    }
}

/// Whole-district reads for the rule sweep: one query each, whatever the number of
/// organisations, so a sweep never reads organisation by organisation.
extension OrganizationRegistry {
    /// One organisation as the rule sweep matches it against a rule's `applies_to`.
    public struct SweepEntry: Sendable {
        /// The organisation as stored, without its committee seats.
        public let organization: Organization
        /// How many committee seats it has: `has_committee` is `committeeSize > 0`, and rules read
        /// the number as `committee_size`.
        public let committeeSize: Int
    }

    /// Every active organisation with the size of its committee; with `ids`, only those (an
    /// event hook needs one organisation and its ancestors, not the district).
    public func sweepEntries(ids: [Int64]? = nil) async throws -> [SweepEntry] {
        try await store.read { s in
            var seats: [Int64: Int] = [:]
            for row in try s.query(
                orAll: ids,
                {
                    """
                    SELECT organization_id, COUNT(*) AS n FROM organization_committee_seats
                    WHERE \($0("organization_id")) GROUP BY organization_id
                    """
                })
            {
                seats[try row.int64("organization_id")] = try row.int("n")
            }
            let rows = try s.query(orAll: ids) {
                "SELECT \(Organization.Columns.all) FROM organizations WHERE archived_at IS NULL AND \($0("id")) ORDER BY path"
            }
            // Chunks each come in path order; the whole list must too (parents before children).
            return try rows.map { row in
                let organization = try Organization(row: row)
                return SweepEntry(organization: organization, committeeSize: seats[organization.id] ?? 0)
            }.sorted { $0.organization.path < $1.organization.path }
        }
    }
}

extension UserRegistry {
    /// Active users holding `role`, by organisation id: who a reminder goes to. With
    /// `organizationIDs`, only grants on those organisations.
    public func holders(of role: Role, organizationIDs: [Int64]? = nil) async throws -> [Int64: [Int64]] {
        try await store.read { s in try Self.holders(of: role, organizationIDs: organizationIDs, in: s) }
    }

    /// The same inside a running transaction, e.g. to notify units as part of publishing to them.
    public static func holders(of role: Role, organizationIDs: [Int64]? = nil, in s: any SQLSession) throws -> [Int64:
        [Int64]]
    {
        var holders: [Int64: [Int64]] = [:]
        // An organisation's grants all come in one chunk, so each list stays in user order.
        for row in try s.query(
            orAll: organizationIDs, before: [SQLValue(role)],
            {
                """
                SELECT g.organization_id, g.user_id FROM role_grants g JOIN users u ON u.id = g.user_id
                WHERE g.role = ? AND u.disabled = 0 AND \($0("g.organization_id")) ORDER BY g.user_id
                """
            })
        {
            holders[try row.int64("organization_id"), default: []].append(try row.int64("user_id"))
        }
        return holders
    }

    /// The active accounts of a member, with the path of the member's organisation: who a rule's
    /// notice to one person (`notify = "member"`) reaches, and whether the pack may reach them.
    public struct MemberAccounts: Sendable {
        /// The path of the organisation that holds the member's relation, so that a district pack may
        /// notify only members inside the subtree it is bound to.
        public let path: String
        /// The member's active (not disabled) user accounts, in id order; a notice reaches each one.
        public var userIDs: [Int64]
    }

    /// Every member with an active account (with `memberIDs`, only those), in one query: a
    /// sweep reads them once.
    public func memberAccounts(memberIDs: [Int64]? = nil) async throws -> [Int64: MemberAccounts] {
        try await store.read { s in
            var accounts: [Int64: MemberAccounts] = [:]
            for row in try s.query(
                orAll: memberIDs,
                {
                    """
                    SELECT u.id, u.member_id, o.path FROM users u JOIN members m ON m.id = u.member_id
                    JOIN organizations o ON o.id = m.organization_id WHERE u.disabled = 0 AND \($0("u.member_id")) ORDER BY u.id
                    """
                })
            {
                let (member, path, user) = (try row.int64("member_id"), try row.string("path"), try row.int64("id"))
                accounts[member, default: MemberAccounts(path: path, userIDs: [])].userIDs.append(user)
            }
            return accounts
        }
    }
}

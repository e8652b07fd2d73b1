/// Whole-district reads for the rule sweep: one query each, whatever the number of
/// organisations, so a sweep never reads organisation by organisation.
extension OrganizationRegistry {
    public struct SweepEntry: Sendable {
        public let organization: Organization
        public let committeeSize: Int
    }

    /// Every active organisation with the size of its committee.
    public func sweepEntries() async throws -> [SweepEntry] {
        try await store.read { s in
            var seats: [Int64: Int] = [:]
            for row in try s.query("SELECT organization_id, COUNT(*) AS n FROM organization_committee_seats GROUP BY organization_id", []) {
                seats[try row.int64("organization_id")] = try row.int("n")
            }
            return try s.query("SELECT \(Organization.Columns.all) FROM organizations WHERE archived_at IS NULL ORDER BY path", [])
                .map { row in
                    let organization = try Organization(row: row)
                    return SweepEntry(organization: organization, committeeSize: seats[organization.id] ?? 0)
                }
        }
    }
}

extension UserRegistry {
    /// Active users holding `role`, by organisation id: who a reminder goes to.
    public func holders(of role: Role) async throws -> [Int64: [Int64]] {
        try await store.read { s in
            var holders: [Int64: [Int64]] = [:]
            for row in try s.query("""
                SELECT g.organization_id, g.user_id FROM role_grants g JOIN users u ON u.id = g.user_id
                WHERE g.role = ? AND u.disabled = 0 ORDER BY g.user_id
                """, [SQLValue(role)]) {
                holders[try row.int64("organization_id"), default: []].append(try row.int64("user_id"))
            }
            return holders
        }
    }
}

/// Whole-district reads for the rule sweep: one query each, whatever the number of
/// organisations, so a sweep never reads organisation by organisation.
extension OrganizationRegistry {
    public struct SweepEntry: Sendable {
        public let organization: Organization
        public let committeeSize: Int
    }

    /// Every active organisation with the size of its committee; with `ids`, only those (an
    /// event hook needs one organisation and its ancestors, not the district).
    public func sweepEntries(ids: [Int64]? = nil) async throws -> [SweepEntry] {
        let filter = Self.idFilter("organization_id", ids)
        let orgFilter = Self.idFilter("id", ids)
        return try await store.read { s in
            var seats: [Int64: Int] = [:]
            for row in try s.query("""
                SELECT organization_id, COUNT(*) AS n FROM organization_committee_seats WHERE \(filter.sql) GROUP BY organization_id
                """, filter.arguments) {
                seats[try row.int64("organization_id")] = try row.int("n")
            }
            return try s.query("SELECT \(Organization.Columns.all) FROM organizations WHERE archived_at IS NULL AND \(orgFilter.sql) ORDER BY path",
                               orgFilter.arguments)
                .map { row in
                    let organization = try Organization(row: row)
                    return SweepEntry(organization: organization, committeeSize: seats[organization.id] ?? 0)
                }
        }
    }
}

extension OrganizationRegistry {
    /// `column IN (…)` for the given ids, or no condition when there are none.
    static func idFilter(_ column: String, _ ids: [Int64]?) -> (sql: String, arguments: [SQLValue]) {
        guard let ids else { return ("1 = 1", []) }
        guard !ids.isEmpty else { return ("1 = 0", []) }
        return ("\(column) IN (\(ids.map { _ in "?" }.joined(separator: ", ")))", ids.map { .integer($0) })
    }
}

extension UserRegistry {
    /// Active users holding `role`, by organisation id: who a reminder goes to. With
    /// `organizationIDs`, only grants on those organisations.
    public func holders(of role: Role, organizationIDs: [Int64]? = nil) async throws -> [Int64: [Int64]] {
        let filter = OrganizationRegistry.idFilter("g.organization_id", organizationIDs)
        return try await store.read { s in
            var holders: [Int64: [Int64]] = [:]
            for row in try s.query("""
                SELECT g.organization_id, g.user_id FROM role_grants g JOIN users u ON u.id = g.user_id
                WHERE g.role = ? AND u.disabled = 0 AND \(filter.sql) ORDER BY g.user_id
                """, [SQLValue(role)] + filter.arguments) {
                holders[try row.int64("organization_id"), default: []].append(try row.int64("user_id"))
            }
            return holders
        }
    }
}

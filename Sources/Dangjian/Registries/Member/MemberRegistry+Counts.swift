extension MemberRegistry {
    /// How many members the caller can see are in each status, counted by the database in one
    /// grouped query (the console's home page: it never reads the members themselves).
    /// Statuses with no member are 0.
    public func statusCounts(by actor: Principal) async throws -> [MemberStatus: Int] {
        let visibility = Self.visibility(actor)
        return try await store.read { s in
            var counts = Dictionary(uniqueKeysWithValues: MemberStatus.allCases.map { ($0, 0) })
            for row in try s.query(
                """
                SELECT m.status, COUNT(*) AS n FROM members m JOIN organizations o ON o.id = m.organization_id
                WHERE \(visibility.sql) GROUP BY m.status
                """, visibility.arguments)
            {
                if let status = MemberStatus(rawValue: try row.string("status")) { counts[status] = try row.int("n") }
            }
            return counts
        }
    }
}

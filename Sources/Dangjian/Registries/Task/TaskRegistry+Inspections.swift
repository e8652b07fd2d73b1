extension TaskRegistry {
    /// One page of the inspections of organisations in the caller's `readTasks` subtrees, newest
    /// first, without their findings (`inspection(_:by:)` reads those); the cursor is the last id seen.
    public func inspections(page: PageRequest, by actor: Principal) async throws -> Page<Inspection> {
        let condition = actor.scope(for: .readTasks).condition("o.path")
        let after = try page.cursorID()
        return try await store.read { s in
            var sql =
                "SELECT n.* FROM inspections n JOIN organizations o ON o.id = n.organization_id WHERE \(condition.sql)"
            var arguments = condition.arguments
            if let after { sql += " AND n.id < ?"; arguments.append(.integer(after)) }
            sql += " ORDER BY n.id DESC LIMIT ?"
            arguments.append(.integer(Int64(page.limit + 1)))
            return try Page(
                rows: try s.query(sql, arguments), limit: page.limit,
                decode: { row in
                    Inspection(
                        id: try row.int64("id"), organizationID: try row.int64("organization_id"),
                        title: try row.string("title"), inspectedOn: try row.day("inspected_on"),
                        summary: try row.optionalString("summary"),
                        inspectorUserID: try row.optionalInt64("inspector_user_id"), findings: [])
                }
            ) { .id($0.id) }
        }
    }

    /// The inspection a finding belongs to, when the caller can see it (a rectification task's
    /// page links to it); nil otherwise.
    public func inspectionID(ofFinding findingID: Int64, by actor: Principal) async throws -> Int64? {
        let condition = actor.scope(for: .readTasks).condition("o.path")
        return try await store.read { s in
            try s.queryOne(
                """
                SELECT n.id FROM inspection_findings f JOIN inspections n ON n.id = f.inspection_id
                JOIN organizations o ON o.id = n.organization_id WHERE f.id = ? AND \(condition.sql)
                """, [.integer(findingID)] + condition.arguments)?.int64("id")
        }
    }
}

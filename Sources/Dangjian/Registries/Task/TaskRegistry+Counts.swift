extension TaskRegistry {
    /// How many tasks the caller can see are in each status, in one grouped query (the console's
    /// home page). Statuses with no task are 0.
    public func statusCounts(by actor: Principal) async throws -> [TaskItem.Status: Int] {
        let visibility = Self.visibility(actor)
        return try await store.read { s in
            var counts = Dictionary(uniqueKeysWithValues: TaskItem.Status.allCases.map { ($0, 0) })
            for row in try s.query(
                """
                SELECT t.status, COUNT(*) AS n FROM tasks t
                JOIN organizations r ON r.id = t.responsible_org_id JOIN organizations i ON i.id = t.issuer_org_id
                WHERE \(visibility.sql) GROUP BY t.status
                """, visibility.arguments)
            {
                if let status = TaskItem.Status(rawValue: try row.string("status")) {
                    counts[status] = try row.int("n")
                }
            }
            return counts
        }
    }
}

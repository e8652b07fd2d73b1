extension MemberRegistry {
    /// The earliest registered member (lowest id) in `status` anywhere in the subtree at `path`,
    /// whoever may see them: for generated data that needs a person of a unit (a topic's lead, a
    /// plan item's owner), never for showing.
    public static func first(_ status: MemberStatus, within path: String, in s: any SQLSession) throws -> Int64? {
        let inside = Scope.within("path", path)
        // The subtree's organisations, then members_status (status, organization_id) for each: a
        // join ordered by member id walks every member in the status first.
        return try s.queryOne(
            """
            SELECT id FROM members WHERE status = ? AND organization_id IN (SELECT id FROM organizations WHERE \(inside.sql))
            ORDER BY id LIMIT 1
            """, [SQLValue(status)] + inside.arguments)?.int64("id")
    }
}

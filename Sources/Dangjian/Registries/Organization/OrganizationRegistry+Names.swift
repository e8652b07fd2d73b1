extension OrganizationRegistry {
    /// Organisations' names by id, in one query, for reports that list units; unknown ids are
    /// left out. Issue 14, point 4: plugins read names here, not from the table.
    public static func names(of ids: [Int64], in session: any SQLSession) throws -> [Int64: String] {
        var names: [Int64: String] = [:]
        for row in try session.query(ids: ids, { "SELECT id, name FROM organizations WHERE id IN (\($0))" }) {
            names[try row.int64("id")] = try row.string("name")
        }
        return names
    }
}

extension OrganizationRegistry {
    /// Organisations' names by id, in one query, for reports that list units; unknown ids are
    /// left out. Issue 14, point 4: plugins read names here, not from the table.
    public static func names(of ids: [Int64], in session: any SQLSession) throws -> [Int64: String] {
        let unique = Array(Set(ids))
        guard !unique.isEmpty else { return [:] }
        var names: [Int64: String] = [:]
        for row in try session.query(
            "SELECT id, name FROM organizations WHERE id IN (\(unique.map { _ in "?" }.joined(separator: ", ")))",
            unique.map { .integer($0) })
        {
            names[try row.int64("id")] = try row.string("name")
        }
        return names
    }
}

/// Reads of tasks and inspection findings that plugins need beside their own rows (issue 14,
/// point 4): the plugin names no kernel table, and each read is one query per 10,000 ids.
extension TaskRegistry {
    /// The tasks with these ids, whoever may see them: the plugin scopes what it shows. Ids that
    /// do not exist are left out; evidence is not read.
    public static func items(of ids: [Int64], in session: any SQLSession) throws -> [Int64: TaskItem] {
        var items: [Int64: TaskItem] = [:]
        for row in try session.query(ids: ids, { "SELECT \(TaskItem.Columns.all) FROM tasks t WHERE t.id IN (\($0))" })
        {
            let item = try TaskItem(row: row)
            items[item.id] = item
        }
        return items
    }

    /// The findings of these inspections, in the order they were recorded (by id), whoever may
    /// see them: for a plugin that keeps which inspections are its own.
    public static func findings(ofInspections ids: [Int64], in session: any SQLSession) throws -> [Inspection.Finding] {
        try session.query(ids: ids, { "SELECT * FROM inspection_findings WHERE inspection_id IN (\($0))" })
            .map(Inspection.Finding.init(row:)).sorted { $0.id < $1.id }
    }
}

extension Inspection.Finding {
    init(row: SQLRow) throws {
        self.init(
            id: try row.int64("id"), organizationID: try row.int64("organization_id"),
            description: try row.string("description"),
            rectificationTaskID: try row.optionalInt64("rectification_task_id"))
    }
}

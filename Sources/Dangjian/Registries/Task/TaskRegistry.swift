import Foundation

/// Owns task lists, tasks and their evidence, and inspections with their findings.
/// A task is visible to the issuing side, the responsible side and its assignee.
public struct TaskRegistry: Sendable {
    let store: Store
    let kinds: KindCatalog

    /// A registry over `store` that checks task kinds against `kinds` (the kernel's and those plugins add
    /// at registration). The host makes one; plugins reach it as `host.tasks`.
    public init(store: Store, kinds: KindCatalog) {
        self.store = store
        self.kinds = kinds
    }

    /// What `list` narrows to; every field left nil (or false) does not narrow. Tasks the caller
    /// cannot see (neither issuer side, nor responsible side, nor assignee) never appear.
    public struct Filter: Sendable {
        /// Only the items of this task list (任务清单).
        public var listID: Int64?
        /// Tasks whose responsible organisation lies in this subtree.
        public var responsibleWithin: Int64?
        /// Only tasks at this step of the workflow; `overdue` is set by the daily sweep, not by users.
        public var status: TaskItem.Status?
        /// Only tasks of this registered kind, e.g. "general" or "rectification"; an unknown kind
        /// matches nothing rather than failing.
        public var kind: String?
        /// Only tasks due on or after this day.
        public var dueFrom: Day?
        /// Only tasks due on or before this day, inclusive.
        public var dueTo: Day?
        /// Only tasks whose assignee is the caller's own account: the "my to-dos" view.
        public var assignedToMe = false
        /// The order of the page: by dueOn (default), id or title; "-dueOn" sorts descending.
        public var sort: SortOrder

        /// A filter with nothing narrowed, in due-date order.
        public init(
            listID: Int64? = nil, responsibleWithin: Int64? = nil, status: TaskItem.Status? = nil,
            kind: String? = nil, dueFrom: Day? = nil, dueTo: Day? = nil, assignedToMe: Bool = false,
            sort: SortOrder = try! .tasks(nil)
        ) {
            self.listID = listID
            self.responsibleWithin = responsibleWithin
            self.status = status
            self.kind = kind
            self.dueFrom = dueFrom
            self.dueTo = dueTo
            self.assignedToMe = assignedToMe
            self.sort = sort
        }
    }

    /// The task with its evidence notes (佐证) in the order they were added.
    /// - Throws: 404 `task.notFound` when it is absent or the caller is neither on its issuer side,
    ///   nor on its responsible side (`readTasks`), nor its assignee.
    public func get(_ id: Int64, by actor: Principal) async throws -> TaskItem {
        try await store.read { s in
            guard var task = try Self.visible(id, in: s, actor: actor) else { throw DangjianError.notFound(.task) }
            task.evidence = try s.query("SELECT * FROM task_evidence WHERE task_id = ? ORDER BY id", [.integer(id)]).map
            {
                TaskItem.Evidence(
                    id: try $0.int64("id"), note: try $0.string("note"),
                    actorUserID: try $0.optionalInt64("actor_user_id"), at: try $0.date("at"))
            }
            return task
        }
    }

    /// One page of the tasks the caller can see that match `filter`. The page carries no evidence
    /// (`get` adds it), so a long list stays one query.
    /// - Throws: 400 `validation.badValue` for a bad cursor; 404 `organization.notFound` when
    ///   `responsibleWithin` lies outside the caller's view.
    public func list(_ filter: Filter, page: PageRequest, by actor: Principal) async throws -> Page<TaskItem> {
        let visibility = Self.visibility(actor)
        let cursor = try page.decodedCursor()
        return try await store.read { s in
            var sql = """
                SELECT \(TaskItem.Columns.all) FROM tasks t
                JOIN organizations r ON r.id = t.responsible_org_id JOIN organizations i ON i.id = t.issuer_org_id
                WHERE \(visibility.sql)
                """
            var arguments = visibility.arguments
            if let within = filter.responsibleWithin {
                let path = try OrganizationRegistry.path(of: within, in: s, scope: actor.scope(for: .readOrganizations))
                let subtree = Scope.within("r.path", path)
                sql += " AND \(subtree.sql)"
                arguments += subtree.arguments
            }
            if let listID = filter.listID { sql += " AND t.list_id = ?"; arguments.append(.integer(listID)) }
            if let status = filter.status { sql += " AND t.status = ?"; arguments.append(SQLValue(status)) }
            if let kind = filter.kind { sql += " AND t.kind = ?"; arguments.append(.text(kind)) }
            if let from = filter.dueFrom { sql += " AND t.due_on >= ?"; arguments.append(SQLValue(from)) }
            if let to = filter.dueTo { sql += " AND t.due_on <= ?"; arguments.append(SQLValue(to)) }
            if filter.assignedToMe { sql += " AND t.assignee_user_id = ?"; arguments.append(.integer(actor.userID)) }
            filter.sort.appendPage(to: &sql, &arguments, cursor: cursor, limit: page.limit, idColumn: "t.id")
            let sort = filter.sort
            return try Page(rows: try s.query(sql, arguments), limit: page.limit, decode: TaskItem.init(row:)) { task in
                sort.column == "t.id" ? .id(task.id) : .key(sort.value(of: task), task.id)
            }
        }
    }

    /// An organisation's task lists, oldest first.
    /// - Throws: 404 `organization.notFound` when the organisation lies outside the caller's
    ///   `readTasks` subtrees, so a list's existence does not leak.
    public func lists(of organizationID: Int64, by actor: Principal) async throws -> [TaskList] {
        try await store.read { s in
            _ = try OrganizationRegistry.path(of: organizationID, in: s, scope: actor.scope(for: .readTasks))
            return try s.query(
                "SELECT * FROM task_lists WHERE organization_id = ? ORDER BY id", [.integer(organizationID)]
            )
            .map(Self.decodeList)
        }
    }

    // MARK: Shared

    /// Issuer side, responsible side (both by `readTasks` subtree), or the assignee.
    static func visibility(_ actor: Principal) -> (sql: String, arguments: [SQLValue]) {
        let scope = actor.scope(for: .readTasks)
        let responsible = scope.condition("r.path")
        let issuer = scope.condition("i.path")
        return (
            "(\(responsible.sql) OR \(issuer.sql) OR t.assignee_user_id = ?)",
            responsible.arguments + issuer.arguments + [.integer(actor.userID)]
        )
    }

    static func visible(_ id: Int64, in s: any SQLSession, actor: Principal) throws -> TaskItem? {
        let visibility = visibility(actor)
        return try s.queryOne(
            """
            SELECT \(TaskItem.Columns.all), r.path AS responsible_path, i.path AS issuer_path FROM tasks t
            JOIN organizations r ON r.id = t.responsible_org_id JOIN organizations i ON i.id = t.issuer_org_id
            WHERE t.id = ? AND \(visibility.sql)
            """, [.integer(id)] + visibility.arguments
        ).map(TaskItem.init(row:))
    }

    static func paths(of task: TaskItem, in s: any SQLSession) throws -> (issuer: String, responsible: String) {
        let rows = try s.query(
            "SELECT id, path FROM organizations WHERE id IN (?, ?)",
            [.integer(task.issuerOrganizationID), .integer(task.responsibleOrganizationID)])
        var paths: [Int64: String] = [:]
        for row in rows { paths[try row.int64("id")] = try row.string("path") }
        return (paths[task.issuerOrganizationID]!, paths[task.responsibleOrganizationID]!)
    }

    static func decodeList(_ row: SQLRow) throws -> TaskList {
        TaskList(
            id: try row.int64("id"), organizationID: try row.int64("organization_id"), title: try row.string("title"),
            description: try row.optionalString("description"), createdAt: try row.date("created_at"))
    }
}

extension SortOrder {
    /// The orders a task list accepts: "dueOn" (default), "id", "title", each with "-" for descending.
    /// - Throws: 400 `validation.badValue` on the `sort` field for any other name.
    public static func tasks(_ text: String?) throws -> SortOrder {
        try SortOrder(text, allowed: ["id": "t.id", "dueOn": "t.due_on", "title": "t.title"], default: "dueOn")
    }

    func value(of task: TaskItem) -> String {
        column == "t.title" ? task.title : task.dueOn.description
    }
}

import Foundation

extension TaskRegistry {
    /// Creates a task list (任务清单) under an organisation, the container its items are issued from.
    /// - Parameter actor: who creates it; they need `writeTasks` over the organisation.
    /// - Throws: 400 `validation.required` or `validation.tooLong` (title 200, description 5,000
    ///   characters); 404 `organization.notFound` outside the caller's view; 403 `auth.forbidden`.
    public func createList(_ draft: TaskListDraft, by actor: Principal) async throws -> TaskList {
        guard let organizationID = draft.organizationID else { throw DangjianError.required("organizationID") }
        let title = try Validate.text(draft.title, field: "title", max: 200)
        let description = try Validate.optionalText(draft.description, field: "description", max: 5000, multiline: true)
        return try await store.write(actor) { tx in
            let path = try OrganizationRegistry.path(
                of: organizationID, in: tx.session, scope: actor.scope(for: .readOrganizations))
            try actor.require(.writeTasks, over: path)
            let id = try tx.session.insert(
                "INSERT INTO task_lists (organization_id, title, description, created_at) VALUES (?, ?, ?, ?)",
                [.integer(organizationID), .text(title), SQLValue(description), tx.timestamp])
            let list = TaskList(
                id: id, organizationID: organizationID, title: title, description: description, createdAt: tx.now)
            try tx.audit(.taskList, id: id, action: "create", path: path, before: TaskList?.none, after: list)
            return list
        }
    }

    /// Issues one task (下达任务) in its own transaction, with its audit entry and `task.created`.
    /// A task already past its due date is opened as overdue. It has no idempotency key, so two
    /// calls issue two tasks.
    /// - Parameter actor: who issues it; they need `writeTasks` over the issuing organisation.
    /// - Throws: what `validate(_:)` throws, then what `open` throws (the list, the issuer, the
    ///   responsible organisation, the assignee and the person responsible are checked there).
    public func create(_ draft: TaskDraft, by actor: Principal) async throws -> TaskItem {
        let valid = try validate(draft)
        return try await store.write(actor) { tx in
            try self.open(valid, in: tx, idempotencyKey: nil, ruleRef: nil, findingID: nil)!
        }
    }

    /// A task checked for shape, before the database checks the organisations.
    public struct ValidTask: Sendable {
        let draft: TaskDraft
        let kind: String
        /// The trimmed title; dry runs show it as the planned task's title.
        public let title: String
        /// The trimmed description, nil when empty; dry runs show it as the planned task's body.
        public let description: String?
        let criteria: String?
        let dueOn: Day
        let responsible: Int64
    }

    /// Checks a task draft's shape and kind without touching the database, so that a plugin or a
    /// rule's intent can be refused before its transaction opens. The kind defaults to "general".
    /// - Throws: 400 `validation.required` (responsibleOrganizationID, title, dueOn),
    ///   `validation.tooLong` (title 200, description 5,000, acceptance criteria 2,000 characters),
    ///   `validation.badValue` for a bad dueOn or an unregistered task kind.
    public func validate(_ draft: TaskDraft) throws -> ValidTask {
        guard let responsible = draft.responsibleOrganizationID else {
            throw DangjianError.required("responsibleOrganizationID")
        }
        let kind = draft.kind ?? "general"
        try kinds.requireTaskKind(kind)
        return ValidTask(
            draft: draft, kind: kind, title: try Validate.text(draft.title, field: "title", max: 200),
            description: try Validate.optionalText(draft.description, field: "description", max: 5000, multiline: true),
            criteria: try Validate.optionalText(
                draft.acceptanceCriteria, field: "acceptanceCriteria", max: 2000, multiline: true),
            dueOn: try Validate.requiredDay(draft.dueOn, field: "dueOn"), responsible: responsible)
    }

    /// Opens a task inside a running transaction. With an idempotency key (rule id, subject,
    /// period, stage), opening the same task twice returns nil the second time instead of a copy.
    /// Plugins and the rule engine call this, so their tasks take the same checks and audit.
    /// - Parameter forIssuer: the caller acts for the issuer under a plugin's own rule, which the
    ///   plugin has checked (a unit writes the work plan of a programme the organisation above
    ///   runs: the items are the programme's to accept, not the unit's). The caller's right to
    ///   issue tasks is then not asked for; everything else is.
    public func open(
        _ task: ValidTask, in tx: Transaction, idempotencyKey: String?, ruleRef: String?,
        findingID: Int64?, forIssuer: Bool = false
    ) throws -> TaskItem? {
        let s = tx.session
        let actor = tx.actor
        let scope = forIssuer ? Scope(paths: ["/"]) : actor.scope(for: .readOrganizations)
        var issuer = task.draft.issuerOrganizationID
        if let listID = task.draft.listID {
            guard let row = try s.queryOne("SELECT * FROM task_lists WHERE id = ?", [.integer(listID)]) else {
                throw DangjianError.notFound(.taskList)
            }
            let list = try Self.decodeList(row)
            // A list outside the caller's subtree does not exist for them.
            guard (try? OrganizationRegistry.path(of: list.organizationID, in: s, scope: scope)) != nil else {
                throw DangjianError.notFound(.taskList)
            }
            if let issuer, issuer != list.organizationID {
                throw DangjianError.invalid(
                    KernelErrorCode.taskIssuerMismatch, field: "issuerOrganizationID",
                    zh: "清单内任务由清单所属组织下达", en: "Items of a list are issued by the list's organisation")
            }
            issuer = list.organizationID
        }
        guard let issuer else { throw DangjianError.required("issuerOrganizationID") }
        let issuerPath = try OrganizationRegistry.path(of: issuer, in: s, scope: scope)
        if !forIssuer { try actor.require(.writeTasks, over: issuerPath) }
        // The responsible side must lie under the issuer: tasks flow down the tree.
        guard let responsible = try OrganizationRegistry.load(task.responsible, in: s),
            responsible.path.hasPrefix(issuerPath)
        else {
            throw DangjianError.invalid(
                KernelErrorCode.taskResponsibleOutsideIssuer, field: "responsibleOrganizationID",
                zh: "责任单位须为下达组织本级或下级", en: "The responsible organisation must be the issuer or under it")
        }
        guard !responsible.isArchived else { throw OrganizationRegistry.archived }
        // The assignee must be an active user holding a role inside the issuer's subtree, so a
        // task cannot reach, or probe for, accounts of other districts.
        let issuerRange = Scope.within("o.path", issuerPath)
        if let assignee = task.draft.assigneeUserID,
            try s.queryOne(
                """
                SELECT u.id FROM users u JOIN role_grants g ON g.user_id = u.id JOIN organizations o ON o.id = g.organization_id
                WHERE u.id = ? AND u.disabled = 0 AND \(issuerRange.sql)
                """, [.integer(assignee)] + issuerRange.arguments) == nil
        {
            throw DangjianError.invalid(
                KernelErrorCode.taskUnknownAssignee, field: "assigneeUserID",
                zh: "责任人账号不存在", en: "The assignee has no active account")
        }
        // The person responsible belongs to the responsible organisation (or an organisation under it).
        if let person = task.draft.responsibleMemberID {
            let inside = Scope.within("o.path", responsible.path)
            guard
                try s.queryOne(
                    """
                    SELECT m.id FROM members m JOIN organizations o ON o.id = m.organization_id
                    WHERE m.id = ? AND m.status IN ('full', 'probationary') AND \(inside.sql)
                    """, [.integer(person)] + inside.arguments) != nil
            else {
                throw DangjianError.invalid(
                    KernelErrorCode.taskResponsibleMemberOutside, field: "responsibleMemberID",
                    zh: "责任人须为责任单位的正式党员或预备党员",
                    en:
                        "The person responsible must be a full or probationary party member of the responsible organisation"
                )
            }
        }
        let status: TaskItem.Status = task.dueOn < tx.today ? .overdue : .open
        guard
            let id = try s.queryOne(
                """
                INSERT INTO tasks (list_id, kind, issuer_org_id, responsible_org_id, assignee_user_id, responsible_member_id, title,
                    description, acceptance_criteria, due_on, status, finding_id, rule_ref, idempotency_key, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (idempotency_key) DO NOTHING RETURNING id
                """,
                [
                    SQLValue(task.draft.listID), .text(task.kind), .integer(issuer), .integer(task.responsible),
                    SQLValue(task.draft.assigneeUserID), SQLValue(task.draft.responsibleMemberID), .text(task.title),
                    SQLValue(task.description),
                    SQLValue(task.criteria), SQLValue(task.dueOn), SQLValue(status), SQLValue(findingID),
                    SQLValue(ruleRef),
                    SQLValue(idempotencyKey), tx.timestamp, tx.timestamp,
                ])?.int64("id")
        else { return nil }
        let created = try s.queryOne("SELECT \(TaskItem.Columns.all) FROM tasks t WHERE t.id = ?", [.integer(id)])
            .map(TaskItem.init(row:))!
        try tx.audit(.task, id: id, action: "create", path: responsible.path, before: TaskItem?.none, after: created)
        tx.emit(TaskCreated(taskID: id, organizationID: task.responsible, kind: task.kind, dueOn: task.dueOn))
        return created
    }

    /// Which of these idempotency keys opened a task already, for dry runs.
    public func existingKeys(_ keys: [String]) async throws -> Set<String> {
        try await store.existingKeys(keys, in: "tasks")
    }

    /// Moves a task along its workflow. Submitting and starting belong to the responsible side
    /// (or the assignee); accepting and returning belong to the issuer.
    public func transition(_ id: Int64, _ change: TaskTransition, by actor: Principal) async throws -> TaskItem {
        let target: TaskItem.Status = try Validate.enumValue(change.status, field: "status")
        let note = try Validate.optionalText(change.note, field: "note", max: 2000, multiline: true)
        if target == .returned, note == nil { throw DangjianError.required("note") }
        if target == .overdue {
            throw DangjianError.invalid(
                KernelErrorCode.taskOverdueIsDerived, field: "status",
                zh: "逾期状态由系统按完成时限自动标记", en: "Overdue is set by the host from the due date")
        }
        return try await store.write(actor) { tx in
            let s = tx.session
            guard let before = try Self.visible(id, in: s, actor: actor) else { throw DangjianError.notFound(.task) }
            let paths = try Self.paths(of: before, in: s)
            if target.reviewedByIssuer {
                try actor.requireOnVisible(.writeTasks, over: paths.issuer)
            } else if before.assigneeUserID != actor.userID {
                try actor.requireOnVisible(.writeTasks, over: paths.responsible)
            }
            guard before.status.next.contains(target) else {
                throw DangjianError.invalid(
                    KernelErrorCode.taskTransitionNotAllowed, field: "status",
                    zh: "任务不能从「\(before.status.zh)」变为「\(target.zh)」",
                    en: "A task cannot go from \(before.status.rawValue) to \(target.rawValue)")
            }
            var after = before
            after.status = target
            after.updatedAt = tx.now
            try s.execute(
                "UPDATE tasks SET status = ?, updated_at = ? WHERE id = ?",
                [SQLValue(target), tx.timestamp, .integer(id)])
            if let note { try Self.appendEvidence(note, to: id, in: tx) }
            try tx.audit(
                .task, id: id, action: "status:\(target.rawValue)", path: paths.responsible, before: before,
                after: after)
            tx.emit(
                TaskStatusChanged(
                    taskID: id, organizationID: before.responsibleOrganizationID, from: before.status, to: target))
            return after
        }
    }

    /// Adds an evidence note (佐证) to a task without moving it, and returns the task with all its
    /// evidence. The assignee may add one; anyone else needs `writeTasks` over the responsible side.
    /// - Throws: 400 `validation.required` or `validation.tooLong` (2,000 characters); 404
    ///   `task.notFound` for a task the caller cannot see; 403 `auth.forbidden`.
    public func addEvidence(_ id: Int64, note: String?, by actor: Principal) async throws -> TaskItem {
        let note = try Validate.text(note, field: "note", max: 2000)
        try await store.write(actor) { tx in
            guard let task = try Self.visible(id, in: tx.session, actor: actor) else {
                throw DangjianError.notFound(.task)
            }
            if task.assigneeUserID != actor.userID {
                try actor.requireOnVisible(.writeTasks, over: try Self.paths(of: task, in: tx.session).responsible)
            }
            try Self.appendEvidence(note, to: id, in: tx)
        }
        return try await get(id, by: actor)
    }

    static func appendEvidence(_ note: String, to id: Int64, in tx: Transaction) throws {
        try tx.session.execute(
            "INSERT INTO task_evidence (task_id, note, actor_user_id, at) VALUES (?, ?, ?, ?)",
            [.integer(id), .text(note), tx.actor.isSystem ? .null : .integer(tx.actor.userID), tx.timestamp])
    }

    /// Marks every unfinished task past its due date as overdue, in one statement, and emits
    /// `task.overdue` for each. Run daily by the scheduler; running it twice changes nothing.
    @discardableResult
    public func markOverdue(asOf day: Day) async throws -> Int {
        try await store.write(.system) { tx in
            let s = tx.session
            let rows = try s.query(
                """
                SELECT t.id, t.responsible_org_id, t.due_on FROM tasks t
                WHERE t.status IN ('open', 'inProgress', 'returned') AND t.due_on < ?
                """, [SQLValue(day)])
            guard !rows.isEmpty else { return 0 }
            try s.execute(
                """
                UPDATE tasks SET status = 'overdue', updated_at = ?
                WHERE status IN ('open', 'inProgress', 'returned') AND due_on < ?
                """, [tx.timestamp, SQLValue(day)])
            for row in rows {
                tx.emit(
                    TaskOverdue(
                        taskID: try row.int64("id"), organizationID: try row.int64("responsible_org_id"),
                        dueOn: try row.string("due_on")))
            }
            return rows.count
        }
    }
}

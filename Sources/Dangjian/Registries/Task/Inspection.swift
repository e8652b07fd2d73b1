import Foundation

/// An inspection (督查) of an organisation's subtree. Each finding (问题清单) opens a
/// rectification task with its own deadline (限期整改) for the unit concerned.
public struct Inspection: Sendable, Codable, Equatable {
    /// The inspection's row id, the `{id}` of `/api/v1/inspections/{id}`.
    public let id: Int64
    /// The organisation inspected. Its subtree bounds the units a finding may name, and the caller
    /// needs `writeTasks` over it to record the inspection or add to it.
    public let organizationID: Int64
    /// What the inspection was, e.g. "组织生活抽查 2026-Q2"; at most 200 characters.
    public let title: String
    /// The day it took place (China time); never after the day it was recorded, and a finding's
    /// rectification deadline may not fall before it.
    public let inspectedOn: Day
    /// The inspectors' notes, several lines and up to 10,000 characters; nil when none were given.
    public let summary: String?
    /// The user who recorded it, for the trace inspections ask for; nil when the host recorded it
    /// as the system actor (an import, a job or a test).
    public let inspectorUserID: Int64?
    /// The findings in the order they were recorded; empty in the value `recordInspection` returns.
    public var findings: [Finding]

    /// One problem (问题清单) an inspection found at one unit, and the rectification task it opened.
    public struct Finding: Sendable, Codable, Equatable {
        /// The finding's row id; its rectification task's idempotency key is "finding:<id>".
        public let id: Int64
        /// The unit the finding is about: the inspected organisation or one inside its subtree, and the
        /// responsible organisation of the rectification task.
        public let organizationID: Int64
        /// The problem as the inspectors wrote it, up to 2,000 characters; its first 60 characters
        /// title the rectification task ("整改：…").
        public let description: String
        /// The rectification task (限期整改) opened for the finding; nil when the finding was recorded
        /// without a deadline.
        public let rectificationTaskID: Int64?
    }
}

/// The body of `POST /api/v1/inspections`, as the caller sent it. Every field is optional here so
/// that `TaskRegistry.validate(_:)` can answer a missing one with `validation.required` naming it.
public struct InspectionDraft: Sendable, Codable {
    /// The organisation inspected; required.
    public var organizationID: Int64?
    /// The inspection's title; required, at most 200 characters.
    public var title: String?
    /// The day of the inspection as "YYYY-MM-DD"; required, and not in the future.
    public var inspectedOn: String?
    /// The inspectors' notes; optional, several lines, at most 10,000 characters.
    public var summary: String?

    /// A draft as a plugin builds one (a spot check, a programme's quarterly inspection) before
    /// validating it; nothing is checked until `TaskRegistry.validate(_:)`.
    public init(organizationID: Int64?, title: String?, inspectedOn: String?, summary: String? = nil) {
        self.organizationID = organizationID
        self.title = title
        self.inspectedOn = inspectedOn
        self.summary = summary
    }
}

/// The body of `POST /api/v1/inspections/{id}/findings`: one finding, and with `rectifyBy` the
/// rectification task it opens. Fields are optional so that validation names a missing one.
public struct FindingDraft: Sendable, Codable {
    /// The unit the finding is about; required, and inside the inspected organisation's subtree.
    public var organizationID: Int64?
    /// The problem found; required, at most 2,000 characters.
    public var description: String?
    /// The rectification deadline; without one the finding is recorded with no task.
    public var rectifyBy: String?
    /// The acceptance criteria (验收标准) of the rectification task; optional, at most 2,000
    /// characters, and unused without `rectifyBy`.
    public var acceptanceCriteria: String?

    /// A draft as a plugin builds one before validating it; nothing is checked here.
    public init(organizationID: Int64?, description: String?, rectifyBy: String?, acceptanceCriteria: String? = nil) {
        self.organizationID = organizationID
        self.description = description
        self.rectifyBy = rectifyBy
        self.acceptanceCriteria = acceptanceCriteria
    }
}

extension TaskRegistry {
    /// Records an inspection (督查) in its own transaction, with its audit entry and an
    /// `inspection.recorded` event, and returns it with no findings yet.
    /// - Parameters:
    ///   - draft: the inspection as the caller sent it.
    ///   - actor: who records it; they need `writeTasks` over the inspected organisation.
    /// - Throws: 400 `validation.*` for a missing, too long or badly formed field or a day in the
    ///   future; 404 `organization.notFound` for an organisation outside the caller's view; 403
    ///   `auth.forbidden` when they may see it but not write tasks there.
    public func recordInspection(_ draft: InspectionDraft, by actor: Principal) async throws -> Inspection {
        let valid = try Self.validate(draft)
        return try await store.write(actor) { tx in try self.recordInspection(valid, in: tx) }
    }

    /// An inspection checked for shape, before the database checks the organisation.
    public struct ValidInspection: Sendable {
        let organizationID: Int64
        let title: String
        let day: Day
        let summary: String?
    }

    /// Checks an inspection draft's shape without touching the database, so that a plugin can
    /// refuse bad input before it opens the transaction that records the inspection.
    /// - Throws: 400 `validation.required`, `validation.tooLong` or `validation.badValue`, naming
    ///   the field. Whether the day lies in the future is checked later, against the transaction's day.
    public static func validate(_ draft: InspectionDraft) throws -> ValidInspection {
        guard let organizationID = draft.organizationID else { throw DangjianError.required("organizationID") }
        return ValidInspection(
            organizationID: organizationID, title: try Validate.text(draft.title, field: "title", max: 200),
            day: try Validate.requiredDay(draft.inspectedOn, field: "inspectedOn"),
            summary: try Validate.optionalText(draft.summary, field: "summary", max: 10000, multiline: true))
    }

    /// Records an inspection inside a running transaction, so that a plugin can record it
    /// together with its findings (a spot check) and nothing is ever half written.
    public func recordInspection(_ valid: ValidInspection, in tx: Transaction) throws -> Inspection {
        let actor = tx.actor
        try Validate.notFuture(valid.day, field: "inspectedOn", today: tx.today)
        let path = try OrganizationRegistry.path(
            of: valid.organizationID, in: tx.session, scope: actor.scope(for: .readOrganizations))
        try actor.require(.writeTasks, over: path)
        let id = try tx.session.insert(
            """
            INSERT INTO inspections (organization_id, title, inspected_on, summary, inspector_user_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            [
                .integer(valid.organizationID), .text(valid.title), SQLValue(valid.day), SQLValue(valid.summary),
                actor.isSystem ? .null : .integer(actor.userID), tx.timestamp,
            ])
        let inspection = Inspection(
            id: id, organizationID: valid.organizationID, title: valid.title, inspectedOn: valid.day,
            summary: valid.summary, inspectorUserID: actor.isSystem ? nil : actor.userID, findings: [])
        try tx.audit(.inspection, id: id, action: "create", path: path, before: Inspection?.none, after: inspection)
        tx.emit(InspectionRecorded(inspectionID: id, organizationID: valid.organizationID))
        return inspection
    }

    /// Records a finding and, with a deadline, opens its rectification task, in one transaction.
    public func addFinding(to inspectionID: Int64, _ draft: FindingDraft, by actor: Principal) async throws
        -> Inspection.Finding
    {
        let valid = try Self.validate(draft)
        return try await store.write(actor) { tx in try self.addFinding(to: inspectionID, valid, in: tx) }
    }

    /// A finding checked for shape, before the database checks its unit against the inspection.
    /// Plugins make it with `validate(_:)` and hand it to `addFinding(to:_:in:)`.
    public struct ValidFinding: Sendable {
        /// The organisation the finding is about.
        public let unit: Int64
        let description: String
        let deadline: Day?
        let criteria: String?
    }

    /// Checks a finding draft's shape without touching the database, so that a plugin can refuse
    /// a bad finding (and name its place in a list) before any write begins.
    /// - Throws: 400 `validation.required`, `validation.tooLong` or `validation.badValue` (a
    ///   `rectifyBy` that is not a supported "YYYY-MM-DD"), naming the field.
    public static func validate(_ draft: FindingDraft) throws -> ValidFinding {
        guard let unit = draft.organizationID else { throw DangjianError.required("organizationID") }
        return ValidFinding(
            unit: unit, description: try Validate.text(draft.description, field: "description", max: 2000),
            deadline: try Validate.day(draft.rectifyBy, field: "rectifyBy"),
            criteria: try Validate.optionalText(
                draft.acceptanceCriteria, field: "acceptanceCriteria", max: 2000, multiline: true))
    }

    /// Records a finding inside a running transaction and, when it has a deadline, opens its
    /// rectification task for the unit and tells the unit's secretaries, so that an inspection and
    /// all its findings commit together or not at all.
    /// - Parameters:
    ///   - inspectionID: the inspection the finding belongs to; it must be visible to the
    ///     transaction's actor, who needs `writeTasks` over the inspected organisation.
    ///   - valid: the finding, from `validate(_:)`.
    ///   - tx: the running transaction; its actor is the one checked.
    /// - Throws: 404 `inspection.notFound` for an inspection the actor cannot see; 400
    ///   `inspection.unitOutside` for a unit outside the inspected subtree; 400
    ///   `validation.dateOrder` for a deadline before the inspection; the task checks of `open`.
    public func addFinding(to inspectionID: Int64, _ valid: ValidFinding, in tx: Transaction) throws
        -> Inspection.Finding
    {
        let s = tx.session
        let actor = tx.actor
        let (unit, description, deadline, criteria) = (valid.unit, valid.description, valid.deadline, valid.criteria)
        let inspection = try Self.loadInspection(inspectionID, in: s, actor: actor)
        let path = try OrganizationRegistry.path(
            of: inspection.organizationID, in: s, scope: actor.scope(for: .readOrganizations))
        try actor.require(.writeTasks, over: path)
        guard let unitOrganization = try OrganizationRegistry.load(unit, in: s), unitOrganization.path.hasPrefix(path)
        else {
            throw DangjianError.invalid(
                KernelErrorCode.inspectionUnitOutside, field: "organizationID",
                zh: "问题所属单位须在被督查组织范围内", en: "The finding's unit must lie inside the inspected organisation")
        }
        if let deadline, deadline < inspection.inspectedOn {
            throw DangjianError.invalid(
                KernelErrorCode.validationDateOrder, field: "rectifyBy",
                zh: "整改期限不能早于督查日期", en: "The rectification deadline cannot be before the inspection")
        }
        let findingID = try s.insert(
            """
            INSERT INTO inspection_findings (inspection_id, organization_id, description, created_at) VALUES (?, ?, ?, ?)
            """, [.integer(inspectionID), .integer(unit), .text(description), tx.timestamp])
        var taskID: Int64?
        if let deadline {
            let task = ValidTask(
                draft: TaskDraft(
                    issuerOrganizationID: inspection.organizationID, responsibleOrganizationID: unit,
                    kind: "rectification", title: "整改：\(description.prefix(60))", dueOn: deadline.description),
                kind: "rectification", title: "整改：\(description.prefix(60))", description: description,
                criteria: criteria, dueOn: deadline, responsible: unit)
            let opened = try open(
                task, in: tx, idempotencyKey: "finding:\(findingID)", ruleRef: nil, findingID: findingID)
            if let opened { try NotificationCenter(store: store, kinds: kinds).announceRectification(opened, in: tx) }
            taskID = opened?.id
            try s.execute(
                "UPDATE inspection_findings SET rectification_task_id = ? WHERE id = ?",
                [SQLValue(taskID), .integer(findingID)])
        }
        let finding = Inspection.Finding(
            id: findingID, organizationID: unit, description: description, rectificationTaskID: taskID)
        try tx.audit(
            .finding, id: findingID, action: "create", path: path, before: Inspection.Finding?.none, after: finding)
        tx.emit(FindingRecorded(findingID: findingID, organizationID: unit, inspectionID: inspectionID))
        return finding
    }

    /// An inspection with its findings, for the caller.
    /// - Throws: 404 `inspection.notFound` when it is absent or its organisation lies outside the
    ///   caller's `readTasks` subtrees (the same answer, so existence does not leak).
    public func inspection(_ id: Int64, by actor: Principal) async throws -> Inspection {
        try await store.read { s in try Self.loadInspection(id, in: s, actor: actor) }
    }

    /// An inspection with its findings as they stand inside a running transaction (after a
    /// plugin added the findings).
    public func inspection(_ id: Int64, in tx: Transaction) throws -> Inspection {
        try Self.loadInspection(id, in: tx.session, actor: tx.actor)
    }

    static func loadInspection(_ id: Int64, in s: any SQLSession, actor: Principal) throws -> Inspection {
        let condition = actor.scope(for: .readTasks).condition("o.path")
        guard
            let row = try s.queryOne(
                """
                SELECT n.* FROM inspections n JOIN organizations o ON o.id = n.organization_id WHERE n.id = ? AND \(condition.sql)
                """, [.integer(id)] + condition.arguments)
        else { throw DangjianError.notFound(.inspection) }
        let findings = try s.query(
            "SELECT * FROM inspection_findings WHERE inspection_id = ? ORDER BY id", [.integer(id)]
        ).map(Inspection.Finding.init(row:))
        return Inspection(
            id: id, organizationID: try row.int64("organization_id"), title: try row.string("title"),
            inspectedOn: try row.day("inspected_on"), summary: try row.optionalString("summary"),
            inspectorUserID: try row.optionalInt64("inspector_user_id"), findings: findings)
    }
}

import Foundation

/// An inspection (督查) of an organisation's subtree. Each finding (问题清单) opens a
/// rectification task with its own deadline (限期整改) for the unit concerned.
public struct Inspection: Sendable, Codable, Equatable {
    public let id: Int64
    public let organizationID: Int64
    public let title: String
    public let inspectedOn: Day
    public let summary: String?
    public let inspectorUserID: Int64?
    public var findings: [Finding]

    public struct Finding: Sendable, Codable, Equatable {
        public let id: Int64
        public let organizationID: Int64
        public let description: String
        public let rectificationTaskID: Int64?
    }
}

public struct InspectionDraft: Sendable, Codable {
    public var organizationID: Int64?
    public var title: String?
    public var inspectedOn: String?
    public var summary: String?

    public init(organizationID: Int64?, title: String?, inspectedOn: String?, summary: String? = nil) {
        self.organizationID = organizationID
        self.title = title
        self.inspectedOn = inspectedOn
        self.summary = summary
    }
}

public struct FindingDraft: Sendable, Codable {
    public var organizationID: Int64?
    public var description: String?
    /// The rectification deadline; without one the finding is recorded with no task.
    public var rectifyBy: String?
    public var acceptanceCriteria: String?

    public init(organizationID: Int64?, description: String?, rectifyBy: String?, acceptanceCriteria: String? = nil) {
        self.organizationID = organizationID
        self.description = description
        self.rectifyBy = rectifyBy
        self.acceptanceCriteria = acceptanceCriteria
    }
}

extension TaskRegistry {
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

    public struct ValidFinding: Sendable {
        /// The organisation the finding is about.
        public let unit: Int64
        let description: String
        let deadline: Day?
        let criteria: String?
    }

    public static func validate(_ draft: FindingDraft) throws -> ValidFinding {
        guard let unit = draft.organizationID else { throw DangjianError.required("organizationID") }
        return ValidFinding(
            unit: unit, description: try Validate.text(draft.description, field: "description", max: 2000),
            deadline: try Validate.day(draft.rectifyBy, field: "rectifyBy"),
            criteria: try Validate.optionalText(
                draft.acceptanceCriteria, field: "acceptanceCriteria", max: 2000, multiline: true))
    }

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

import Dangjian
import Foundation

/// 党建品牌创建: applications, the stages to recognition, evidence and promotion. The unit's
/// secretary (writeLedger over the unit) applies and does the creation work; the organisation
/// above (writeLedger over the unit's parent) approves, assesses, returns and recognises.
public final class Brands: Sendable {
    let host: DangjianHost

    public static let brand = Entity("brand.brand", zh: "党建品牌", en: "Brand")
    public static let taskKind = "brand.plan"

    public init(host: DangjianHost) { self.host = host }

    /// 项目申报: the unit's one brand, with its work plan opened as tasks in the same transaction.
    public func apply(_ draft: BrandDraft, by actor: Principal) async throws -> Brand {
        guard let unitID = draft.organizationID else { throw DangjianError.required("organizationID") }
        let name = try Validate.text(draft.name, field: "name", max: 100)
        let idea = try Validate.longText(draft.idea, field: "idea", max: 5000)
        let carriers = try Self.list(draft.carriers, field: "carriers")
        let forms = try Self.list(draft.activityForms, field: "activityForms")
        let standards = try Self.list(draft.standards, field: "standards")
        let tier: Tier = try Validate.enumValue(draft.tier, field: "tier")
        let appliedDay = try Validate.day(draft.appliedOn, field: "appliedOn")
        let plan = draft.plan ?? []
        guard !plan.isEmpty else { throw DangjianError.required("plan") }
        guard plan.count <= 50 else { throw DangjianError.tooLong("plan", max: 50) }
        // Checked here for an early, exact error; opened inside the write, issued by the unit's parent.
        _ = try plan.enumerated().map { index, item in
            try Self.planTask(item, index: index, unitID: unitID, issuerID: unitID, tasks: host.tasks)
        }
        let duplicate = DangjianError.conflict(
            BrandCreationErrorCode.unitHasBrand, field: "organizationID",
            zh: "一单位一品牌：该单位已申报党建品牌", en: "One unit, one brand: this unit has a brand already")
        return try await UniqueViolation.refused(as: duplicate) {
            try await self.host.store.write(actor) { tx in
                let s = tx.session
                guard let unit = try OrganizationRegistry.load(unitID, in: s),
                    actor.scope(for: .readOrganizations).contains(path: unit.path)
                else { throw DangjianError.notFound(.organization) }
                try actor.requireOnVisible(.writeLedger, over: unit.path)
                guard !unit.isArchived else {
                    throw DangjianError.conflict(
                        BrandCreationErrorCode.unitArchived, field: "organizationID", zh: "「\(unit.name)」已撤销",
                        en: "\(unit.name) is archived")
                }
                guard tier.kinds.contains(unit.kind) else {
                    throw DangjianError.invalid(
                        BrandCreationErrorCode.tierMismatch, field: "tier",
                        zh: "「\(unit.name)」是\(unit.kind.zh)，不能创建\(tier.zh)",
                        en:
                            "\(unit.name) is a \(unit.kind.rawValue); the \(tier.rawValue) tier is for \(tier.kinds.map(\.rawValue).sorted().joined(separator: " or "))"
                    )
                }
                let applied = appliedDay ?? tx.today
                try Validate.notFuture(applied, field: "appliedOn", today: tx.today)
                let id = try s.insert(
                    """
                    INSERT INTO brand_brands (organization_id, name, idea, carriers, activity_forms, standards, tier, stage, stage_since,
                        applied_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        .integer(unitID), .text(name), .text(idea), .text(JSONText.encode(carriers)),
                        .text(JSONText.encode(forms)),
                        .text(JSONText.encode(standards)), SQLValue(tier), SQLValue(Brand.Stage.applied),
                        SQLValue(applied), SQLValue(applied),
                        tx.timestamp, tx.timestamp,
                    ])
                try Self.openPlan(plan, of: id, unit: unit, tasks: self.host.tasks, in: tx)
                let brand = try Self.load([id], in: s)[0]
                try tx.audit(Self.brand, id: id, action: "apply", path: unit.path, before: Brand?.none, after: brand)
                tx.emit(Event.StageChanged(brandID: id, organizationID: unitID, stage: .applied))
                return brand
            }
        }
    }

    public func get(_ id: Int64, by actor: Principal) async throws -> Brand {
        try await host.store.read { s in try Self.visible(id, actor: actor, in: s).brand }
    }

    /// The brands of the units under an organisation (itself included), optionally of one stage or tier.
    public func list(under organizationID: Int64, stage: Brand.Stage?, tier: Tier?, by actor: Principal) async throws
        -> [Brand]
    {
        try await host.store.read { s in
            let path = try OrganizationRegistry.path(of: organizationID, in: s, scope: actor.scope(for: .readLedger))
            let units = try OrganizationRegistry.paths(within: path, in: s)
            var filters = ""
            var arguments: [SQLValue] = []
            if let stage { filters += " AND stage = ?"; arguments.append(SQLValue(stage)) }
            if let tier { filters += " AND tier = ?"; arguments.append(SQLValue(tier)) }
            let rows = try s.query(ids: units.keys, after: arguments) {
                "SELECT id, organization_id FROM brand_brands WHERE organization_id IN (\($0))\(filters)"
            }
            // A unit has one brand, so the tree's order (by path) orders the brands.
            let ordered = try rows.map { (id: try $0.int64("id"), path: units[try $0.int64("organization_id")] ?? "") }
                .sorted { ($0.path, $0.id) < ($1.path, $1.id) }
            return try Self.load(ordered.map(\.id), in: s)
        }
    }

    // MARK: Shared

    /// A work plan item checked for shape: a kernel task the unit issues, with a person responsible.
    /// The plan's items are the unit's work, issued (and accepted) by the organisation above, so a
    /// unit never signs off its own plan; a unit with no parent issues its own.
    static func openPlan(
        _ plan: [BrandDraft.PlanItem], of brandID: Int64, unit: Organization, tasks: TaskRegistry, in tx: Transaction
    ) throws {
        for (index, item) in plan.enumerated() {
            let task = try planTask(
                item, index: index, unitID: unit.id, issuerID: unit.parentID ?? unit.id, tasks: tasks)
            let opened = try tasks.open(
                task, in: tx, idempotencyKey: nil, ruleRef: nil, findingID: nil, forIssuer: true)!
            try tx.session.execute(
                "INSERT INTO brand_plan_tasks (brand_id, task_id) VALUES (?, ?)",
                [.integer(brandID), .integer(opened.id)])
        }
    }

    static func planTask(_ item: BrandDraft.PlanItem, index: Int, unitID: Int64, issuerID: Int64, tasks: TaskRegistry)
        throws -> TaskRegistry.ValidTask
    {
        let field = "plan.\(index)"
        guard item.responsibleMemberID != nil else { throw DangjianError.required("\(field).responsibleMemberID") }
        _ = try Validate.longText(item.acceptanceCriteria, field: "\(field).acceptanceCriteria", max: 2000)
        do {
            return try tasks.validate(
                TaskDraft(
                    issuerOrganizationID: issuerID, responsibleOrganizationID: item.responsibleOrganizationID ?? unitID,
                    kind: taskKind, title: item.title, acceptanceCriteria: item.acceptanceCriteria,
                    dueOn: item.dueOn, responsibleMemberID: item.responsibleMemberID))
        } catch let error as DangjianError {
            // Report the plan item's own field, e.g. plan.1.dueOn.
            throw error.at(field: error.field.map { "\(field).\($0)" })
        }
    }

    static func list(_ values: [String]?, field: String) throws -> [String] {
        let values = values ?? []
        guard !values.isEmpty else { throw DangjianError.required(field) }
        guard values.count <= 20 else { throw DangjianError.tooLong(field, max: 20) }
        return try values.enumerated().map { try Validate.text($1, field: "\(field).\($0)", max: 200) }
    }

    static func strings(_ text: String) throws -> [String] {
        try JSONDecoder().decode([String].self, from: Data(text.utf8))
    }
}

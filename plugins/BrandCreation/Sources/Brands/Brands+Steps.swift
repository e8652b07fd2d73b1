import Dangjian
import Foundation

/// Each step of a brand's way: applied → approved → inCreation → assessed → recognised, or
/// returned. A brand returned at the application is revised and resubmitted as an application;
/// one returned at the assessment goes back to creation work to close its gaps, then is assessed
/// again. No stage is skipped.
extension Brands {
    /// Who takes a step: the unit (or anyone writing above it, who may act for it), or only the
    /// organisation above it, so a unit never approves or recognises its own brand.
    enum Decider { case unit, parent }

    /// 批准创建, by the organisation above.
    public func approve(_ id: Int64, _ draft: BrandStepDraft, by actor: Principal) async throws -> Brand {
        try await move(id, "approve", from: [.applied], to: .approved, draft, by: actor, decider: .parent)
    }

    /// 启动创建: the unit starts the creation work of its approved plan.
    public func start(_ id: Int64, _ draft: BrandStepDraft, by actor: Principal) async throws -> Brand {
        try await move(id, "start", from: [.approved], to: .inCreation, draft, by: actor, decider: .unit)
    }

    /// 考核验收, by the organisation above, with its opinion.
    public func assess(_ id: Int64, _ draft: BrandStepDraft, by actor: Principal) async throws -> Brand {
        let opinion = try Validate.longText(draft.opinion, field: "opinion", max: 5000)
        return try await move(
            id, "assess", from: [.inCreation], to: .assessed, draft, by: actor, decider: .parent, note: opinion)
    }

    /// 退回: an application or an assessed brand goes back to the unit, with the reason.
    public func returnBrand(_ id: Int64, _ draft: BrandStepDraft, by actor: Principal) async throws -> Brand {
        let reason = try Validate.longText(draft.reason, field: "reason", max: 2000)
        return try await move(
            id, "return", from: [.applied, .assessed], to: .returned, draft, by: actor, decider: .parent, note: reason
        ) { tx, brand in
            try tx.session.execute(
                "UPDATE brand_brands SET return_reason = ?, returned_from = ? WHERE id = ?",
                [.text(reason), SQLValue(brand.stage), .integer(id)])
        }
    }

    /// 重新提交: the unit answers a return. A returned application may come back revised in full
    /// (name, idea, tier, carriers, activity forms, standards, work plan; what is left out stays),
    /// each part checked as in the application and the tier against the unit again; a revised
    /// plan's items are opened as tasks and linked beside the earlier plan's, which stay open
    /// for the unit to close through the task API (the kernel has no step to close them inside
    /// this transaction). An application goes back to `applied`; a brand returned at the
    /// assessment goes back to `inCreation`, and only its idea may change
    /// (`brand.revisionAfterAssessment`).
    public func resubmit(_ id: Int64, _ draft: BrandStepDraft, by actor: Principal) async throws -> Brand {
        let idea = try Validate.optionalText(draft.idea, field: "idea", max: 5000, multiline: true)
        let name = try draft.name.map { try Validate.text($0, field: "name", max: 100) }
        let carriers = try draft.carriers.map { try Self.list($0, field: "carriers") }
        let forms = try draft.activityForms.map { try Self.list($0, field: "activityForms") }
        let standards = try draft.standards.map { try Self.list($0, field: "standards") }
        let tier: Tier? = try draft.tier.map { try Validate.enumValue($0, field: "tier") }
        if let plan = draft.plan {
            guard !plan.isEmpty else { throw DangjianError.required("plan") }
            guard plan.count <= 50 else { throw DangjianError.tooLong("plan", max: 50) }
        }
        let revises = draft.revisesApplication
        let tasks = host.tasks
        return try await dated(id, "resubmit", draft, by: actor, decider: .unit) { tx, brand, on in
            try Self.require(brand, in: [.returned], toward: "重新提交 / a resubmission")
            let s = tx.session
            if revises {
                guard brand.returnedFrom != .assessed else {
                    throw DangjianError.conflict(
                        BrandCreationErrorCode.revisionAfterAssessment, field: "stage",
                        zh: "考核时退回的品牌回到创建阶段补足差距，只能修改品牌理念，不能修改名称、层级、载体、活动形式、评价标准或工作计划",
                        en:
                            "A brand returned at the assessment goes back to creation to close its gaps: only its idea may change"
                    )
                }
                if let tier, let unit = try OrganizationRegistry.load(brand.organizationID, in: s),
                    !tier.kinds.contains(unit.kind)
                {
                    throw DangjianError.invalid(
                        BrandCreationErrorCode.tierMismatch, field: "tier",
                        zh: "「\(unit.name)」是\(unit.kind.zh)，不能创建\(tier.zh)",
                        en:
                            "\(unit.name) is a \(unit.kind.rawValue); the \(tier.rawValue) tier is for \(tier.kinds.map(\.rawValue).sorted().joined(separator: " or "))"
                    )
                }
                if let plan = draft.plan, !plan.isEmpty,
                    let unit = try OrganizationRegistry.load(brand.organizationID, in: s)
                {
                    try Self.openPlan(plan, of: id, unit: unit, tasks: tasks, in: tx)
                }
            }
            let next: Brand.Stage = brand.returnedFrom == .assessed ? .inCreation : .applied
            try s.execute(
                """
                UPDATE brand_brands SET stage = ?, stage_since = ?, idea = COALESCE(?, idea), name = COALESCE(?, name),
                    carriers = COALESCE(?, carriers), activity_forms = COALESCE(?, activity_forms), standards = COALESCE(?, standards),
                    tier = COALESCE(?, tier), return_reason = NULL, returned_from = NULL, updated_at = ? WHERE id = ?
                """,
                [
                    SQLValue(next), SQLValue(on), SQLValue(idea), SQLValue(name),
                    SQLValue(carriers.map { JSONText.encode($0) }),
                    SQLValue(forms.map { JSONText.encode($0) }), SQLValue(standards.map { JSONText.encode($0) }),
                    SQLValue(tier),
                    tx.timestamp, .integer(id),
                ])
        }
    }

    /// 命名: recognition at the brand's tier, refused while any checklist item lacks evidence.
    public func recognise(_ id: Int64, _ draft: BrandStepDraft, by actor: Principal) async throws -> Brand {
        try await move(id, "recognise", from: [.assessed], to: .recognised, draft, by: actor, decider: .parent) {
            tx, brand in
            let gaps = brand.gaps
            guard gaps.isEmpty else {
                let list = gaps.map { "\($0.item). \($0.text)" }.joined(separator: "；")
                throw DangjianError.conflict(
                    BrandCreationErrorCode.checklistGaps, field: "evidence",
                    zh: "「\(brand.tier.checklistName)」尚有 \(gaps.count) 项无佐证材料，不能命名：\(list)",
                    en:
                        "\(gaps.count) item(s) of the \(brand.tier.rawValue) checklist have no evidence yet: \(gaps.map { String($0.item) }.joined(separator: ", "))"
                )
            }
            try tx.session.execute("UPDATE brand_brands SET recognised_on = stage_since WHERE id = ?", [.integer(id)])
        }
    }

    /// 佐证材料 for one checklist item, recorded by the unit (or the organisation above) while the
    /// brand is being created or assessed.
    public func addEvidence(_ id: Int64, _ draft: BrandStepDraft, by actor: Principal) async throws -> Brand {
        guard let item = draft.item else { throw DangjianError.required("item") }
        let note = try Validate.longText(draft.note, field: "note", max: 2000)
        return try await dated(id, "evidence", draft, by: actor, decider: .unit) { tx, brand, on in
            try Self.require(brand, in: [.approved, .inCreation, .assessed, .returned], toward: "登记佐证材料 / evidence")
            guard (1...brand.tier.checklist.count).contains(item) else {
                throw DangjianError.badValue(
                    "item",
                    zh:
                        "「\(brand.tier.checklistName)」共 \(brand.tier.checklist.count) 项，应为 1 到 \(brand.tier.checklist.count)",
                    en: "the \(brand.tier.rawValue) checklist has items 1 to \(brand.tier.checklist.count)")
            }
            _ = try tx.session.insert(
                "INSERT INTO brand_evidence (brand_id, item, note, recorded_on, created_at) VALUES (?, ?, ?, ?, ?)",
                [.integer(id), SQLValue(item), .text(note), SQLValue(on), tx.timestamp])
        }
    }

    /// 推广: the organisation above marks a recognised brand's practice for promotion to other units.
    public func promote(_ id: Int64, _ draft: BrandStepDraft, by actor: Principal) async throws -> Brand {
        let practice = try Validate.longText(draft.practice, field: "practice", max: 5000)
        return try await dated(id, "promote", draft, by: actor, decider: .parent) { tx, brand, on in
            try Self.require(brand, in: [.recognised], toward: "推广 / promotion")
            try tx.session.execute(
                "UPDATE brand_brands SET promoted_practice = ?, promoted_on = ?, updated_at = ? WHERE id = ?",
                [.text(practice), SQLValue(on), tx.timestamp, .integer(id)])
        }
    }

    // MARK: Shared by the steps

    /// A change of stage: checks the stage it leaves, runs `extra`, then sets the new stage from `on`.
    func move(
        _ id: Int64, _ action: String, from: Set<Brand.Stage>, to stage: Brand.Stage, _ draft: BrandStepDraft,
        by actor: Principal,
        decider: Decider, note: String? = nil,
        _ extra: @escaping @Sendable (Transaction, Brand) throws -> Void = { _, _ in }
    ) async throws -> Brand {
        try await dated(id, action, draft, by: actor, decider: decider, note: note) { tx, brand, on in
            try Self.require(brand, in: from, toward: "\(stage.zh) / \(stage.rawValue)")
            try tx.session.execute(
                "UPDATE brand_brands SET stage = ?, stage_since = ?, updated_at = ? WHERE id = ?",
                [SQLValue(stage), SQLValue(on), tx.timestamp, .integer(id)])
            try extra(tx, brand)
        }
    }

    /// Loads the brand, checks who may act, takes the step dated `draft.on` (not in the future,
    /// not before the brand entered its stage), audits before and after and emits the stage
    /// event, all in one transaction.
    func dated(
        _ id: Int64, _ action: String, _ draft: BrandStepDraft, by actor: Principal, decider: Decider,
        note: String? = nil,
        _ body: @escaping @Sendable (Transaction, Brand, Day) throws -> Void
    ) async throws -> Brand {
        let given = try Validate.day(draft.on, field: "on")
        return try await host.store.write(actor) { tx in
            let s = tx.session
            let access = try Self.visible(id, actor: actor, in: s)
            let before = access.brand
            let allowed =
                switch decider {
                case .unit: actor.has(.writeLedger, over: access.unitPath)
                case .parent: try Self.decidesAbove(access, actor: actor)
                }
            guard allowed else {
                throw decider == .unit
                    ? DangjianError.forbidden(
                        zh: "品牌的创建材料由创建单位登记", en: "only the brand's own unit records its creation")
                    : DangjianError.forbidden(
                        zh: "品牌的审核、评估和认定由创建单位的上级党组织办理",
                        en: "only the organisation above the brand's unit reviews, assesses and recognises it")
            }
            let on = given ?? tx.today
            try Validate.notFuture(on, field: "on", today: tx.today)
            guard on >= before.stageSince else {
                throw DangjianError.invalid(
                    KernelErrorCode.validationDateOrder, field: "on", zh: "日期不能早于进入当前阶段的日期 \(before.stageSince)",
                    en: "The date cannot be before the brand entered its stage (\(before.stageSince))")
            }
            try body(tx, before, on)
            let after = try Self.load([id], in: s)[0]
            try tx.audit(
                entity: Self.brand.rawValue, id: id, action: action, path: access.unitPath,
                before: JSONText.encode(before), after: JSONText.encode(Audited(note: note, brand: after)))
            if after.stage != before.stage {
                tx.emit(Event.StageChanged(brandID: id, organizationID: after.organizationID, stage: after.stage))
            }
            return after
        }
    }

    /// Whether the actor may take a parent-only step: writeLedger over the organisation above.
    /// A unit without a parent has nobody above it, and its own secretary must not approve or
    /// recognise its own brand, so only a district admin over it decides; anyone else is refused
    /// with `brand.noParent`.
    static func decidesAbove(_ access: Access, actor: Principal) throws -> Bool {
        if let parentPath = access.parentPath { return actor.has(.writeLedger, over: parentPath) }
        guard actor.grants.contains(where: { $0.role == .districtAdmin && access.unitPath.hasPrefix($0.path) }) else {
            throw DangjianError(
                .forbidden, code: BrandCreationErrorCode.noParent, zh: "该单位没有上级党组织，此步骤须由区级管理员办理，本单位不能自行审批或命名",
                en:
                    "This unit has no organisation above it: only a district admin takes this step; a unit never decides on its own brand",
                field: "stage")
        }
        return true
    }

    struct Audited: Encodable {
        let note: String?
        let brand: Brand
    }

    static func require(_ brand: Brand, in stages: Set<Brand.Stage>, toward step: String) throws {
        guard stages.contains(brand.stage) else {
            let parts = step.components(separatedBy: " / ")
            let wanted = stages.map(\.rawValue).sorted()
            throw DangjianError.conflict(
                BrandCreationErrorCode.stageSkipped, field: "stage",
                zh: "品牌当前为「\(brand.stage.zh)」，须为「\(stages.map(\.zh).sorted().joined(separator: "」或「"))」才能\(parts[0])",
                en:
                    "The brand is \(brand.stage.rawValue); \(parts.last!) needs it to be \(wanted.joined(separator: " or "))"
            )
        }
    }
}

import Dangjian
import Foundation

/// 联建项目: joint projects between member units. The committee's organisation registers a
/// project; its milestones are TaskRegistry items the committee's organisation issues to the
/// lead or a partner unit, so they are tracked, submitted and accepted like any task.
public final class JointProjects: Sendable {
    let host: DangjianHost

    public static let project = Entity("council.project", zh: "联建项目", en: "Joint project")

    public init(host: DangjianHost) { self.host = host }

    public func create(_ draft: JointProjectDraft, by actor: Principal) async throws -> JointProject {
        guard let committeeID = draft.committeeID else { throw DangjianError.required("committeeID") }
        let kind: JointProject.Kind = try Validate.enumValue(draft.kind, field: "kind")
        let name = try Validate.text(draft.name, field: "name", max: 200)
        guard let lead = draft.leadID else { throw DangjianError.required("leadID") }
        let partners = draft.partnerIDs ?? []
        guard !partners.isEmpty else { throw DangjianError.required("partnerIDs") }
        guard partners.count <= 50, Set(partners + [lead]).count == partners.count + 1 else {
            throw DangjianError.badValue(
                "partnerIDs", zh: "共建单位不能重复，也不能是牵头单位，至多 50 个",
                en: "partners must be distinct, not the lead unit, at most 50")
        }
        let goals = try Validate.longText(draft.goals, field: "goals", max: 5000)
        let resources = try Validate.optionalText(draft.resources, field: "resources", max: 5000, multiline: true)
        let results = try Validate.optionalText(draft.results, field: "results", max: 5000, multiline: true)
        let started = try Validate.day(draft.startedOn, field: "startedOn")
        var milestones: [TaskDraft] = []
        for (index, milestone) in (draft.milestones ?? []).enumerated() {
            guard let responsible = milestone.responsibleOrganizationID else {
                throw DangjianError.required("milestones.\(index).responsibleOrganizationID")
            }
            guard responsible == lead || partners.contains(responsible) else {
                throw DangjianError.badValue(
                    "milestones.\(index).responsibleOrganizationID",
                    zh: "节点责任单位须为牵头或共建单位", en: "a milestone belongs to the lead or a partner unit")
            }
            milestones.append(
                TaskDraft(
                    responsibleOrganizationID: responsible, kind: "council.milestone", title: milestone.title,
                    acceptanceCriteria: milestone.acceptanceCriteria, dueOn: milestone.dueOn))
        }
        guard milestones.count <= 100 else { throw DangjianError.tooLong("milestones", max: 100) }
        let drafts = milestones
        return try await Councils.unique(name) {
            try await self.host.store.write(actor) { tx in
                let s = tx.session
                let access = try Councils.writable(committeeID, in: tx)
                let startedOn = started ?? tx.today
                let members = try Councils.unitIDs(ofCommittee: committeeID, in: s)
                for (index, unit) in ([lead] + partners).enumerated() where !members.contains(unit) {
                    throw Councils.notAUnit(unit, field: index == 0 ? "leadID" : "partnerIDs.\(index - 1)")
                }
                let id = try s.insert(
                    """
                    INSERT INTO council_projects (committee_id, kind, name, lead_id, goals, resources, results, started_on, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        .integer(committeeID), SQLValue(kind), .text(name), .integer(lead), .text(goals),
                        SQLValue(resources),
                        SQLValue(results), SQLValue(startedOn), tx.timestamp, tx.timestamp,
                    ])
                for partner in partners {
                    try s.execute(
                        "INSERT INTO council_project_units (project_id, organization_id) VALUES (?, ?)",
                        [.integer(id), .integer(partner)])
                }
                // Milestones are tasks the committee's organisation issues, and tasks flow down the
                // tree: a unit elsewhere in the tree can be a partner, but not own a milestone.
                let issuer = try Councils.committee(committeeID, in: s).organizationID
                let paths = try OrganizationRegistry.paths(of: drafts.compactMap(\.responsibleOrganizationID), in: s)
                for (index, var milestone) in drafts.enumerated() {
                    guard let unitPath = milestone.responsibleOrganizationID.flatMap({ paths[$0] }),
                        unitPath.hasPrefix(access.path)
                    else {
                        throw DangjianError.invalid(
                            RegionalCouncilErrorCode.milestoneOutsideCommittee,
                            field: "milestones.\(index).responsibleOrganizationID",
                            zh: "联建项目节点由专委会所在组织下达，责任单位须在其下级",
                            en: "Milestones are issued by the committee's organisation, so their units must be under it"
                        )
                    }
                    milestone.issuerOrganizationID = issuer
                    let valid: TaskRegistry.ValidTask
                    do { valid = try self.host.tasks.validate(milestone) } catch let error as DangjianError {
                        throw error.at(field: "milestones.\(index).\(error.field ?? "")")
                    }
                    if let task = try self.host.tasks.open(
                        valid, in: tx, idempotencyKey: nil, ruleRef: nil, findingID: nil)
                    {
                        try s.execute(
                            "INSERT INTO council_project_milestones (project_id, task_id) VALUES (?, ?)",
                            [.integer(id), .integer(task.id)])
                    }
                }
                let project = try Self.load(id, in: s)
                try tx.audit(
                    Self.project, id: id, action: "create", path: access.path, before: JointProject?.none,
                    after: project)
                return project
            }
        }
    }

    /// Records what the project achieved (成效) and the resources shared so far.
    public func report(_ id: Int64, _ draft: JointProjectDraft, by actor: Principal) async throws -> JointProject {
        let results = try Validate.longText(draft.results, field: "results", max: 5000)
        let resources = try Validate.optionalText(draft.resources, field: "resources", max: 5000, multiline: true)
        return try await host.store.write(actor) { tx in
            let before = try Self.load(id, in: tx.session)
            let access = try Councils.readable(before.committeeID, actor: tx.actor, as: Self.project, in: tx.session)
            let lead = try OrganizationRegistry.path(of: before.leadID, in: tx.session, scope: Scope(paths: ["/"]))
            guard tx.actor.has(.writeLedger, over: access.path) || tx.actor.has(.writeLedger, over: lead) else {
                throw DangjianError.forbidden(
                    zh: "项目成效由牵头单位或专委会所在党组织报告",
                    en: "only the project's lead unit or the committee's organisation reports its results")
            }
            try tx.session.execute(
                "UPDATE council_projects SET results = ?, resources = COALESCE(?, resources), updated_at = ? WHERE id = ?",
                [.text(results), SQLValue(resources), tx.timestamp, .integer(id)])
            let after = try Self.load(id, in: tx.session)
            try tx.audit(Self.project, id: id, action: "report", path: access.path, before: before, after: after)
            return after
        }
    }

    public func get(_ id: Int64, by actor: Principal) async throws -> JointProject {
        try await host.store.read { s in
            let project = try Self.load(id, in: s)
            _ = try Councils.readable(project.committeeID, actor: actor, as: Self.project, in: s)
            return project
        }
    }

    public func list(of committeeID: Int64, by actor: Principal) async throws -> [JointProject] {
        try await host.store.read { s in
            _ = try Councils.readable(committeeID, actor: actor, in: s)
            return try s.query(
                "SELECT id FROM council_projects WHERE committee_id = ? ORDER BY id", [.integer(committeeID)]
            )
            .map { try Self.load(try $0.int64("id"), in: s) }
        }
    }

    static func load(_ id: Int64, in s: any SQLSession) throws -> JointProject {
        guard let row = try s.queryOne("SELECT * FROM council_projects WHERE id = ?", [.integer(id)]) else {
            throw DangjianError.notFound(project)
        }
        return JointProject(
            id: id, committeeID: try row.int64("committee_id"), kind: try row.enumValue("kind"),
            name: try row.string("name"),
            leadID: try row.int64("lead_id"),
            partnerIDs: try s.query(
                "SELECT organization_id FROM council_project_units WHERE project_id = ? ORDER BY organization_id",
                [.integer(id)]
            ).map { try $0.int64("organization_id") },
            goals: try row.string("goals"), resources: try row.optionalString("resources"),
            results: try row.optionalString("results"),
            startedOn: try row.day("started_on"),
            milestoneIDs: try s.query(
                "SELECT task_id FROM council_project_milestones WHERE project_id = ? ORDER BY task_id",
                [.integer(id)]
            ).map { try $0.int64("task_id") })
    }
}

import Dangjian
import Foundation

/// Secretary projects and their work plans. A unit's secretary (writeLedger over the unit)
/// writes its project; every item is a TaskRegistry item the unit issues to itself or to an
/// organisation under it, with a person responsible, so it is done, submitted and accepted
/// like any task.
public final class Projects: Sendable {
    let host: DangjianHost

    public static let project = Entity("secretary.project", zh: "书记项目", en: "Secretary project")

    public init(host: DangjianHost) { self.host = host }

    public func create(_ draft: ProjectDraft, by actor: Principal) async throws -> SecretaryProject {
        guard let programmeID = draft.programmeID else { throw DangjianError.required("programmeID") }
        guard let organizationID = draft.organizationID else { throw DangjianError.required("organizationID") }
        let title = try Validate.text(draft.title, field: "title", max: 200)
        let items = try Self.items(draft.items ?? [], field: "items")
        let started = try Validate.day(draft.startedOn, field: "startedOn")
        return try await refusingSecondProject {
            try await self.host.store.write(actor) { tx in
                let programme = try Programmes.load(programmeID, in: tx.session)
                let unit = try Self.unit(organizationID, of: programme, in: tx)
                let startedOn = started ?? tx.today
                if startedOn != tx.today {
                    let programmePath = try OrganizationRegistry.path(
                        of: programme.organizationID, in: tx.session, scope: Scope(paths: ["/"]))
                    guard
                        tx.actor.isSystem
                            || (tx.actor.has(.writeLedger, over: programmePath) && programmePath != unit.path)
                    else {
                        throw DangjianError.invalid(
                            SecretaryProjectsErrorCode.backdated, field: "startedOn", zh: "项目开始日期为登记当日；补录由上级党组织办理",
                            en: "A project starts the day it is entered; the organisation above enters earlier ones")
                    }
                    try Self.check(start: startedOn, in: programme, today: tx.today)
                }
                return try self.insert(
                    programme, unit: unit, title: title, startedOn: startedOn,
                    items: items.map { ($0, $0.responsibleOrganizationID ?? organizationID) }, in: tx)
            }
        }
    }

    /// Copies one template to every branch (and joint branch) under `organizationID` that has no
    /// project in the programme yet, all in one transaction: each unit's items are its own, its
    /// secretary responsible. A unit without a secretary stops the copy, naming it.
    public func copyTemplate(of programmeID: Int64, _ draft: TemplateDraft, by actor: Principal) async throws
        -> [SecretaryProject]
    {
        guard let root = draft.organizationID else { throw DangjianError.required("organizationID") }
        let title = try Validate.text(draft.title, field: "title", max: 200)
        let items = try Self.items(draft.items ?? [], field: "items", personRequired: false)
        guard !items.isEmpty else { throw DangjianError.required("items") }
        let started = try Validate.day(draft.startedOn, field: "startedOn")
        return try await refusingSecondProject {
            try await self.host.store.write(actor) { tx in
                let s = tx.session
                let programme = try Programmes.load(programmeID, in: s)
                let programmePath = try Programmes.writable(programme, in: tx)
                // Only the programme's organisation copies, so the copies date from the programme's
                // start unless told otherwise: a copy made in June still owes the first quarter.
                let startedOn = started ?? programme.startedOn
                try Self.check(start: startedOn, in: programme, today: max(tx.today, programme.startedOn))
                let rootPath = try OrganizationRegistry.path(of: root, in: s, scope: Scope(paths: [programmePath]))
                let copied = Set(
                    try s.query(
                        "SELECT organization_id FROM secretary_projects WHERE programme_id = ?", [.integer(programmeID)]
                    ).map { try $0.int64("organization_id") })
                let units = try OrganizationRegistry.ids(within: rootPath, kinds: [.branch, .jointBranch], in: s)
                    .filter { !copied.contains($0) }
                return try units.map { id in
                    let unit = try Self.unit(id, of: programme, in: tx)
                    let own = items.map { item -> (ValidItem, Int64) in
                        var item = item
                        item.responsibleMemberID = unit.secretaryMemberID
                        return (item, id)
                    }
                    return try self.insert(
                        programme, unit: unit, title: title, startedOn: startedOn, items: own, in: tx)
                }
            }
        }
    }

    /// A project's start lies in its programme's year, not before the programme and not after `today`.
    static func check(start: Day, in programme: Programme, today: Day) throws {
        try Validate.notFuture(start, field: "startedOn", today: today)
        guard start >= programme.startedOn, start.year == programme.year else {
            throw DangjianError.invalid(
                KernelErrorCode.validationDateOrder, field: "startedOn",
                zh: "项目开始日期应在计划的年度内，且不早于计划开始（\(programme.startedOn)）",
                en: "A project starts within its programme's year, not before the programme (\(programme.startedOn))")
        }
    }

    public func get(_ id: Int64, by actor: Principal) async throws -> SecretaryProject {
        try await host.store.read { s in
            let project = try Self.load([id], in: s).first ?? { throw DangjianError.notFound(Self.project) }()
            try Self.requireReadable(project, actor: actor, in: s)
            return project
        }
    }

    /// A programme's projects, each with its progress, in three queries.
    public func list(of programmeID: Int64, by actor: Principal) async throws -> [SecretaryProject] {
        try await host.store.read { s in
            let programme = try Programmes.load(programmeID, in: s)
            let path = try Programmes.readablePath(programme, actor: actor, in: s)
            let ids = try s.query(
                "SELECT id FROM secretary_projects WHERE programme_id = ? ORDER BY id", [.integer(programmeID)]
            ).map { try $0.int64("id") }
            let projects = try Self.load(ids, in: s)
            if actor.has(.readLedger, over: path) { return projects }
            let paths = try OrganizationRegistry.paths(of: projects.map(\.organizationID), in: s)
            return projects.filter {
                paths[$0.organizationID].map(actor.scope(for: .readLedger).contains(path:)) ?? false
            }
        }
    }

    // MARK: Writing

    struct ValidItem {
        let component: String
        let title: String
        var responsibleOrganizationID: Int64?
        var responsibleMemberID: Int64?
        let dueOn: String?
        let criteria: String?
        let field: String
    }

    struct Unit {
        let organization: Organization
        let path: String
        let secretaryMemberID: Int64
    }

    /// A unit under the programme's organisation that the caller may write, with its secretary.
    static func unit(_ id: Int64, of programme: Programme, in tx: Transaction) throws -> Unit {
        let s = tx.session
        let programmePath = try OrganizationRegistry.path(
            of: programme.organizationID, in: s, scope: Scope(paths: ["/"]))
        guard let organization = try OrganizationRegistry.load(id, in: s),
            tx.actor.scope(for: .readOrganizations).contains(path: organization.path)
        else { throw DangjianError.notFound(.organization) }
        guard organization.path.hasPrefix(programmePath) else {
            throw DangjianError.invalid(
                SecretaryProjectsErrorCode.outsideProgramme, field: "organizationID",
                zh: "「\(organization.name)」不在本计划的范围内",
                en: "\(organization.name) is outside the programme's organisation")
        }
        try tx.actor.requireOnVisible(.writeLedger, over: organization.path)
        guard let secretary = organization.secretaryMemberID else {
            throw DangjianError.invalid(
                SecretaryProjectsErrorCode.noSecretary, field: "organizationID",
                zh: "「\(organization.name)」尚未确定书记，书记项目须由书记领办",
                en: "\(organization.name) has no secretary to own the project")
        }
        return Unit(organization: organization, path: organization.path, secretaryMemberID: secretary)
    }

    static func items(_ drafts: [ProjectDraft.ItemDraft], field: String, personRequired: Bool = true) throws
        -> [ValidItem]
    {
        guard drafts.count <= 200 else { throw DangjianError.tooLong(field, max: 200) }
        return try drafts.enumerated().map { index, item in
            let at = "\(field).\(index)"
            if personRequired, item.responsibleMemberID == nil {
                throw DangjianError.invalid(
                    SecretaryProjectsErrorCode.noResponsiblePerson, field: "\(at).responsibleMemberID",
                    zh: "每个项目事项须明确责任人", en: "Every item needs a person responsible")
            }
            guard item.dueOn != nil else { throw DangjianError.required("\(at).dueOn") }
            return ValidItem(
                component: try Validate.text(item.component, field: "\(at).component", max: 40),
                title: try Validate.text(item.title, field: "\(at).title", max: 200),
                responsibleOrganizationID: item.responsibleOrganizationID,
                responsibleMemberID: item.responsibleMemberID,
                dueOn: item.dueOn,
                criteria: try Validate.text(item.acceptanceCriteria, field: "\(at).acceptanceCriteria", max: 2000),
                field: at)
        }
    }

    func insert(
        _ programme: Programme, unit: Unit, title: String, startedOn: Day, items: [(ValidItem, Int64)],
        in tx: Transaction
    ) throws -> SecretaryProject {
        let s = tx.session
        let id = try s.insert(
            """
            INSERT INTO secretary_projects (programme_id, organization_id, secretary_member_id, title, started_on, created_at) VALUES (?, ?, ?, ?, ?, ?)
            """,
            [
                .integer(programme.id), .integer(unit.organization.id), .integer(unit.secretaryMemberID), .text(title),
                SQLValue(startedOn), tx.timestamp,
            ])
        let keys = Set(programme.components.map(\.key))
        for (item, responsible) in items {
            guard keys.contains(item.component) else {
                throw DangjianError.badValue(
                    "\(item.field).component", zh: "应为本计划的工程或工作：\(keys.sorted().joined(separator: "、"))",
                    en: "must be one of the programme's components: \(keys.sorted().joined(separator: ", "))")
            }
            // Items fall due within the programme's year: an item due in 2099 would never be late.
            guard let due = item.dueOn.flatMap({ Day($0) }),
                due.year == programme.year || (due.year == programme.year + 1 && due.month == 1)
            else {
                throw DangjianError.invalid(
                    SecretaryProjectsErrorCode.dueOutsideYear, field: "\(item.field).dueOn",
                    zh: "事项完成时限须在 \(programme.year) 年度内",
                    en: "An item falls due within the programme's year, \(programme.year)")
            }
            // The programme's organisation issues (and accepts) the items; the unit does the work,
            // so a unit never accepts its own items and climbs the bulletin's ranking by itself.
            let draft = TaskDraft(
                issuerOrganizationID: programme.organizationID, responsibleOrganizationID: responsible,
                kind: "secretary.item",
                title: item.title, acceptanceCriteria: item.criteria, dueOn: item.dueOn,
                responsibleMemberID: item.responsibleMemberID)
            let task: TaskItem?
            do {
                task = try host.tasks.open(
                    try host.tasks.validate(draft), in: tx, idempotencyKey: nil, ruleRef: nil, findingID: nil,
                    forIssuer: true)
            } catch let error as DangjianError {
                throw error.at(field: error.field.map { "\(item.field).\($0)" } ?? item.field)
            }
            if let task {
                try s.execute(
                    "INSERT INTO secretary_items (project_id, task_id, component) VALUES (?, ?, ?)",
                    [.integer(id), .integer(task.id), .text(item.component)])
            }
        }
        let project = try Self.load([id], in: s)[0]
        try tx.audit(
            Self.project, id: id, action: "create", path: unit.path, before: SecretaryProject?.none, after: project)
        return project
    }

    func refusingSecondProject<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch is UniqueViolation {
            throw DangjianError.conflict(
                SecretaryProjectsErrorCode.duplicateProject, field: "organizationID",
                zh: "该组织在本计划中已有书记项目", en: "This organisation has a project in this programme already")
        }
    }

    // MARK: Reading

    /// `entity` is what the caller asked for (a report of the project answers as a missing report).
    static func requireReadable(
        _ project: SecretaryProject, actor: Principal, as entity: Entity = project, in s: any SQLSession
    ) throws {
        let programme = try Programmes.load(project.programmeID, in: s)
        let programmePath = try OrganizationRegistry.path(
            of: programme.organizationID, in: s, scope: Scope(paths: ["/"]))
        let unitPath = try OrganizationRegistry.paths(of: [project.organizationID], in: s)[project.organizationID] ?? ""
        let scope = actor.scope(for: .readLedger)
        // The leadership group reads the projects it inspects and scores, wherever its members sit.
        let inGroup = actor.memberID.map { member in programme.group.contains { $0.memberID == member } } ?? false
        guard scope.contains(path: programmePath) || scope.contains(path: unitPath) || inGroup else {
            throw DangjianError.notFound(entity)
        }
    }

    /// Projects with their items (their tasks read through the task registry), in three queries.
    static func load(_ ids: [Int64], in s: any SQLSession) throws -> [SecretaryProject] {
        guard !ids.isEmpty else { return [] }
        let listed = try s.query(
            ids: ids, { "SELECT project_id, component, task_id FROM secretary_items WHERE project_id IN (\($0))" })
        let tasks = try TaskRegistry.items(of: try listed.map { try $0.int64("task_id") }, in: s)
        var items: [Int64: [SecretaryProject.Item]] = [:]
        for row in listed {
            // An item's task is never deleted, as the join assumed.
            guard let task = tasks[try row.int64("task_id")] else { continue }
            items[try row.int64("project_id"), default: []].append(
                .init(
                    taskID: task.id, component: try row.string("component"), title: task.title,
                    responsibleOrganizationID: task.responsibleOrganizationID,
                    responsibleMemberID: task.responsibleMemberID, dueOn: task.dueOn, status: task.status))
        }
        for (project, own) in items { items[project] = own.sorted { ($0.dueOn, $0.taskID) < ($1.dueOn, $1.taskID) } }
        var byID: [Int64: SecretaryProject] = [:]
        for row in try s.query(ids: ids, { "SELECT * FROM secretary_projects WHERE id IN (\($0))" }) {
            let id = try row.int64("id")
            let own = items[id] ?? []
            let accepted = own.filter { $0.status == .accepted }.count
            byID[id] = SecretaryProject(
                id: id, programmeID: try row.int64("programme_id"), organizationID: try row.int64("organization_id"),
                secretaryMemberID: try row.int64("secretary_member_id"), title: try row.string("title"),
                startedOn: try row.day("started_on"), items: own,
                progress: .init(
                    items: own.count, accepted: accepted, overdue: own.filter { $0.status == .overdue }.count,
                    share: own.isEmpty ? 0 : Double(accepted) / Double(own.count)))
        }
        return ids.compactMap { byID[$0] }
    }
}

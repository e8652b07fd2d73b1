import Dangjian
import Foundation

/// A synthetic district for benchmarks (`dangjian demo --scale`): up to a city of about 20,000
/// organisations, 500,000 members and 2.5 million ledger records, generated from the seed and
/// the anchor day and loaded through the registries' own write path and checks, in batches.
/// Only the tree's plan (names and sizes) is held whole; members, tasks and each plugin's
/// records are generated and written a chunk at a time.
public struct SyntheticDistrict: Sendable {
    /// What `load` wrote, stage by stage, for the rates `dangjian demo --scale` prints.
    public struct Summary: Sendable {
        /// The kernel's stages (organisations, members, tasks), then each taking-part plugin's.
        public let stages: [SyntheticStage]
        /// The name of the branch whose secretary the demo's secretary login is; empty when only the
        /// organisations were loaded.
        public let secretaryOrganization: String
        /// Wall-clock seconds for the whole load, every stage included.
        public let seconds: Double
    }

    /// A branch created from the plan, waiting for its members.
    struct Branch: Sendable {
        let organization: Organization
        let members: Int
        let retirees: Bool
    }

    let host: DangjianHost
    let scale: SyntheticScale
    let seed: UInt64
    let today: Day
    let seeders: [any DemoSeeder]

    /// Members per `createBatch` call and organisations per chunk of the tree: large enough
    /// that a transaction's fixed cost vanishes, small enough to keep memory flat.
    static let membersPerBatch = 4000
    static let tasksPerBatch = 2000
    static let organizationsPerChunk = 2000

    /// A synthetic district of `scale` for `host`, generated from `seed` and anchored on `today`
    /// (the host's today when nil): the same inputs always give the same rows.
    /// - Parameter seeders: the plugins' parts of the district; each runs when its plugin is on.
    public init(
        host: DangjianHost, scale: SyntheticScale, seed: UInt64 = 2026, today: Day? = nil,
        seeders: [any DemoSeeder] = []
    ) {
        self.seeders = seeders
        self.host = host
        self.scale = scale
        self.seed = seed
        self.today = today ?? host.store.clock.today()
    }

    /// Loads the district into an empty database.
    /// - Parameter organizationsOnly: stop after the organisations, which get the same ids as in
    ///   the whole district: the target the `import` benchmark loads the district's roster into.
    /// - Throws: `demo.notEmpty` when the database holds organisations already.
    public func load(
        organizationsOnly: Bool = false,
        progress: @escaping @Sendable (String, Int, Int) -> Void = { _, _, _ in }
    ) async throws -> Summary {
        guard try await host.isEmpty() else { throw Self.notEmpty }
        let clock = ContinuousClock()
        let start = clock.now
        return try await host.database.withBulkCache {
            var stages: [SyntheticStage] = []
            func timed(_ body: () async throws -> SyntheticStage?) async throws {
                let begin = clock.now
                guard var stage = try await body() else { return }
                stage.seconds = (clock.now - begin) / .seconds(1)
                stages.append(stage)
            }
            var tree = SyntheticTree(scale: scale, today: today, seed: seed)
            let plan = tree.plan()
            var root: Organization?
            var branches: [Branch] = []
            try await timed {
                let created = try await createOrganizations(plan, progress: progress)
                (root, branches) = (created.root, created.branches)
                return SyntheticStage(
                    name: "组织 organisations", counts: [.init("organisations", created.count)],
                    summary: "\(created.count) 个党组织 / organisations")
            }
            if organizationsOnly {
                return Summary(stages: stages, secretaryOrganization: "", seconds: (clock.now - start) / .seconds(1))
            }
            var officers = Officers()
            try await timed { try await createMembers(branches, officers: &officers, progress: progress) }
            try await timed { try await createTasks(root!, branches, progress: progress) }
            let secretaryBranch = branches.first { officers.secretaries[$0.organization.id] != nil } ?? branches[0]
            try await DemoDistrict.createLogins(
                host, root: root!, adminName: "区委组织部组织员", secretaryBranch: secretaryBranch.organization,
                secretaryMemberID: officers.secretaries[secretaryBranch.organization.id],
                welcome: "这是合成的演示数据，供性能测试使用，不含真实人员信息。")
            for seeder in host.running(seeders) {
                try await timed {
                    try await seeder.seedSynthetic(host, scale: scale, today: today, seed: seed, progress: progress)
                }
            }
            return Summary(
                stages: stages, secretaryOrganization: secretaryBranch.organization.name,
                seconds: (clock.now - start) / .seconds(1))
        }
    }

    static let notEmpty = DangjianError.conflict(
        KernelErrorCode.demoNotEmpty,
        zh: "数据库不为空，演示数据只能载入空库", en: "The database is not empty; the demo loads into an empty one only")

    // MARK: Organisations

    /// Creates the plan's organisations: the root, the second level, then the units a chunk at
    /// a time, one tree level per batch (a parent exists before its children's batch).
    func createOrganizations(_ plan: PlannedOrganization, progress: @Sendable (String, Int, Int) -> Void)
        async throws -> (root: Organization, branches: [Branch], count: Int)
    {
        let label = "组织 organisations"
        let total = plan.count
        let root = try await host.organizations.create(draft(plan, under: nil), by: .system)
        var created = 1
        var branches: [Branch] = []
        let tops = try await host.organizations.createBatch(
            plan.children.map { draft($0, under: root.id) }, by: .system)
        created += tops.count
        progress(label, created, total)
        var units = zip(tops, plan.children).flatMap { top, node in node.children.map { (parentID: top.id, node: $0) }
        }[...]
        while !units.isEmpty {
            var size = 0
            let chunk = units.prefix { unit in
                defer { size += unit.node.count }
                return size < Self.organizationsPerChunk
            }
            units = units.dropFirst(chunk.count)
            var level = Array(chunk)
            while !level.isEmpty {
                let organizations = try await host.organizations.createBatch(
                    level.map { draft($0.node, under: $0.parentID) }, by: .system)
                created += organizations.count
                progress(label, created, total)
                var next: [(parentID: Int64, node: PlannedOrganization)] = []
                for (organization, (_, node)) in zip(organizations, level) {
                    if node.kind == .branch || node.kind == .jointBranch {
                        branches.append(
                            Branch(organization: organization, members: node.members, retirees: node.retirees))
                    }
                    next += node.children.map { (organization.id, $0) }
                }
                level = next
            }
        }
        return (root, branches, created)
    }

    private func draft(_ node: PlannedOrganization, under parentID: Int64?) -> OrganizationDraft {
        OrganizationDraft(
            parentID: parentID, name: node.name, kind: node.kind.rawValue, domain: node.domain.rawValue,
            termStart: node.termStart?.description)
    }

    // MARK: Tasks

    /// The district's list of key tasks, one item for every other branch, due from 40 days ago
    /// to 60 days ahead, so some are overdue.
    func createTasks(_ root: Organization, _ branches: [Branch], progress: @Sendable (String, Int, Int) -> Void)
        async throws -> SyntheticStage
    {
        var random = SeededGenerator(seed: seed &+ 303)
        let list = try await host.tasks.createList(
            TaskListDraft(
                organizationID: root.id, title: "\(today.year)年基层党建重点任务清单",
                description: "由区委组织部下达，按月提示、按季检查、年终考评。"), by: .system)
        let responsible = stride(from: 0, to: branches.count, by: 2).map { branches[$0].organization.id }
        var count = 0
        for start in stride(from: 0, to: responsible.count, by: Self.tasksPerBatch) {
            let drafts = responsible[start..<min(start + Self.tasksPerBatch, responsible.count)].map { id in
                let (title, criteria) = random.pick(DemoDistrict.taskTemplates)
                return TaskDraft(
                    listID: list.id, responsibleOrganizationID: id, title: title, acceptanceCriteria: criteria,
                    dueOn: today.adding(days: Int.random(in: -40...60, using: &random)).description)
            }
            count += try await host.tasks.createBatch(drafts, by: .system).count
            progress("任务 tasks", count, responsible.count)
        }
        return SyntheticStage(name: "任务 tasks", counts: [.init("tasks", count)], summary: "\(count) 项任务 / tasks")
    }
}

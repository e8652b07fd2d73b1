import Dangjian
import Foundation

/// The demo district for a first run: an education bureau's party committee with about 40
/// schools, about 1,500 members in every status, terms that expire soon, and open and overdue
/// tasks. Everything is generated from the seed and the anchor day; no real person is copied.
/// ID numbers use the region code 990101, which no real region has, and phone numbers start
/// with 100, which no carrier issues.
public struct DemoDistrict: Sendable {
    /// The district admin's login over the whole demo district.
    public static let adminUsername = "demo-admin"
    /// The login of the secretary of one demo branch, the one whose task is overdue in the tour.
    public static let secretaryUsername = "demo-secretary"
    /// The password of both demo logins, printed by `serve` and `demo`: demo data only, never a
    /// real host's.
    public static let password = "Dangjian2026"

    /// What `load` made, for the summary `dangjian demo` prints.
    public struct Summary: Sendable {
        /// Organisations created, the root committee and the party groups included.
        public let organizations: Int
        /// Members created, in every status.
        public let members: Int
        /// Tasks the kernel's part issued from the root's task list; plugins' tasks are not counted.
        public let tasks: Int
        /// The name of the branch whose secretary `secretaryUsername` logs in as.
        public let secretaryOrganization: String
        /// One line per plugin that added demo data, e.g. "orglife: 9,120 ledger records".
        public let plugins: [String]
    }

    let host: DangjianHost
    let seed: UInt64
    let today: Day
    let seeders: [any DemoSeeder]
    let delivery: DemoDelivery?

    /// A demo district for `host`, generated from `seed` and anchored on `today` (the host's
    /// today when nil), so the same seed and day always give the same district.
    /// - Parameter seeders: the plugins' parts of the demo; each runs when its plugin is on.
    /// - Parameter delivery: local robots and a mailbox to wire the demo's reminders to (`make run`); none by default.
    public init(
        host: DangjianHost, seed: UInt64 = 2026, today: Day? = nil, seeders: [any DemoSeeder] = [],
        delivery: DemoDelivery? = nil
    ) {
        self.host = host
        self.seed = seed
        self.today = today ?? host.store.clock.today()
        self.seeders = seeders
        self.delivery = delivery
    }

    /// Loads the district through the registries, the same write path as the API.
    public func load(progress: @Sendable (String, Int, Int) -> Void = { _, _, _ in }) async throws -> Summary {
        var random = SeededGenerator(seed: seed)
        let system = Principal.system
        let root = try await host.organizations.create(
            OrganizationDraft(
                parentID: nil, name: "示范区教育局党委", kind: "committee", domain: "office",
                termStart: today.adding(days: -(5 * 365 - 60)).description), by: system)
        var branches: [Organization] = []
        var all: [Organization] = [root]
        let schools = Self.schoolNames
        for (i, school) in schools.enumerated() {
            progress("组织 organisations", i + 1, schools.count)
            let size = i % 8 == 0 ? "large" : (i % 3 == 0 ? "medium" : "small")
            let termStart = today.adding(days: -Int.random(in: 200...(3 * 365 - 5), using: &random))
            switch size {
            case "large":
                let committee = try await create(root.id, "\(school)党委", .committee, termStart, &all)
                for part in ["教学", "行政", "离退休"] {
                    let general = try await create(committee.id, "\(school)\(part)党总支", .generalBranch, termStart, &all)
                    for n in 1...2 {
                        branches.append(
                            try await create(general.id, "\(school)\(part)第\(n)党支部", .branch, termStart, &all))
                    }
                }
            case "medium":
                let general = try await create(root.id, "\(school)党总支", .generalBranch, termStart, &all)
                for part in ["教师", "行政后勤"] {
                    branches.append(try await create(general.id, "\(school)\(part)党支部", .branch, termStart, &all))
                }
            default:
                branches.append(try await create(root.id, "\(school)党支部", .branch, termStart, &all))
            }
        }
        // Party groups inside the larger branches.
        for branch in branches.prefix(30) {
            for n in 1...2 {
                _ = try await create(branch.id, "\(branch.name)第\(n)党小组", .group, nil, &all)
            }
        }

        var memberCount = 0
        let people = DemoPeople(today: today)
        var idNumbers = IDNumberBook()
        var secretaries: [Int64: Int64] = [:]
        var committees: [Int64: [CommitteeSeat]] = [:]
        for (i, branch) in branches.enumerated() {
            progress("党员 members", i + 1, branches.count)
            let count = Int.random(in: 14...26, using: &random)
            var drafts = (0..<count).map { n in
                (
                    line: n + 1,
                    draft: people.memberDraft(
                        branch.id, retiredBranch: branch.name.contains("离退休"), idNumbers: &idNumbers, &random)
                )
            }
            if i == 0 { Self.admitTwoForTheTour(&drafts, today: today) }
            let results = try await host.members.createBatch(drafts, allOrNothing: true, by: system)
            memberCount += results.filter { $0.memberID != nil }.count
            let full = zip(drafts, results).filter { $0.0.draft.status == "full" }.compactMap(\.1.memberID)
            if let first = full.first { secretaries[branch.id] = first }
            // A branch with seven or more full members elects a committee (RULES.md); seat three.
            if full.count >= 7 {
                committees[branch.id] = zip(full.prefix(3), ["书记", "组织委员", "宣传委员"]).map {
                    CommitteeSeat(memberID: $0, position: $1)
                }
            }
        }
        for (organizationID, memberID) in secretaries.sorted(by: { $0.key < $1.key }) {
            _ = try await host.organizations.update(
                organizationID,
                OrganizationPatch(
                    secretaryMemberID: memberID,
                    committee: committees[organizationID]), by: system)
        }

        let list = try await host.tasks.createList(
            TaskListDraft(
                organizationID: root.id, title: "\(today.year)年基层党建重点任务清单",
                description: "由区教育局党委下达，按月提示、按季检查、年终考评。"), by: system)
        var taskCount = 0
        for (i, branch) in branches.enumerated() where i % 2 == 0 {
            let (title, criteria) = random.pick(Self.taskTemplates)
            let drawn = today.adding(days: Int.random(in: -40...60, using: &random))
            // The secretary's branch is late on its task: the tour's second question.
            let due = i == 0 ? today.adding(days: -9) : drawn
            _ = try await host.tasks.create(
                TaskDraft(
                    listID: list.id, responsibleOrganizationID: branch.id, title: title,
                    acceptanceCriteria: criteria, dueOn: due.description), by: system)
            taskCount += 1
        }

        let secretaryBranch = branches[0]
        let logins = try await Self.createLogins(
            host, root: root, adminName: "区教育局党委组织员", secretaryBranch: secretaryBranch,
            secretaryMemberID: secretaries[secretaryBranch.id],
            welcome: "这是演示数据。任务清单、党员名册和换届提醒都来自示范区教育局党委。")
        try await delivery?.seed(host, root: root, branch: secretaryBranch, secretary: logins.secretary)
        var lines: [String] = []
        for seeder in host.running(seeders) {
            let id = type(of: seeder).pluginID
            progress("插件 \(id)", 0, 1)
            if let line = try await seeder.seedDemo(host, today: today, seed: seed) { lines.append("\(id): \(line)") }
        }
        return Summary(
            organizations: all.count, members: memberCount, tasks: taskCount,
            secretaryOrganization: secretaryBranch.name, plugins: lines)
    }

    private func create(
        _ parent: Int64, _ name: String, _ kind: Organization.Kind, _ termStart: Day?,
        _ all: inout [Organization]
    ) async throws -> Organization {
        let organization = try await host.organizations.create(
            OrganizationDraft(
                parentID: parent, name: name, kind: kind.rawValue, domain: "school",
                termStart: termStart?.description), by: .system)
        all.append(organization)
        return organization
    }

    static let schoolNames: [String] = {
        let places = [
            "东城", "西城", "南湖", "北岭", "新港", "临江", "青山", "白沙", "金桥", "银杏", "和平", "友谊",
            "光明", "育才", "实验", "朝阳", "海滨", "星河", "翠湖", "松林",
        ]
        let kinds = ["中学", "小学"]
        var names: [String] = []
        for (i, place) in places.enumerated() {
            names.append("\(place)\(kinds[i % 2])")
            names.append("\(place)\(kinds[(i + 1) % 2])")
        }
        return names
    }()

    static let taskTemplates: [(String, String)] = [
        ("制定本支部年度三会一课计划", "计划经支委会讨论通过，报上级党组织备案"),
        ("开展主题党日活动并形成记录", "有活动方案、签到表和活动记录"),
        ("完成党员信息核查更新", "党员信息准确率100%，流动党员去向清楚"),
        ("召开专题组织生活会", "会前开展谈心谈话，会后形成整改清单"),
        ("上报党建特色品牌创建方案", "方案包含品牌名称、载体、活动形式和评价标准"),
    ]
}

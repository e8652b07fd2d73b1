import Foundation

/// The demo district for a first run: an education bureau's party committee with about 40
/// schools, about 1,500 members in every status, terms that expire soon, and open and overdue
/// tasks. Everything is generated from the seed and the anchor day; no real person is copied.
/// ID numbers use the region code 990101, which no real region has, and phone numbers start
/// with 100, which no carrier issues.
public struct DemoDistrict: Sendable {
    public static let adminUsername = "demo-admin"
    public static let secretaryUsername = "demo-secretary"
    public static let password = "Dangjian2026"

    public struct Summary: Sendable {
        public let organizations: Int
        public let members: Int
        public let tasks: Int
        public let secretaryOrganization: String
        /// One line per plugin that added demo data, e.g. "orglife: 9,120 ledger records".
        public let plugins: [String]
    }

    let host: DangjianHost
    let seed: UInt64
    let today: Day

    public init(host: DangjianHost, seed: UInt64 = 2026, today: Day? = nil) {
        self.host = host
        self.seed = seed
        self.today = today ?? host.store.clock.today()
    }

    /// Loads the district through the registries, the same write path as the API.
    public func load(progress: @Sendable (String, Int, Int) -> Void = { _, _, _ in }) async throws -> Summary {
        var random = SeededGenerator(seed: seed)
        let system = Principal.system
        let root = try await host.organizations.create(
            OrganizationDraft(parentID: nil, name: "示范区教育局党委", kind: "committee", domain: "office",
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
                        branches.append(try await create(general.id, "\(school)\(part)第\(n)党支部", .branch, termStart, &all))
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
        var secretaries: [Int64: Int64] = [:]
        var committees: [Int64: [CommitteeSeat]] = [:]
        for (i, branch) in branches.enumerated() {
            progress("党员 members", i + 1, branches.count)
            let count = Int.random(in: 14...26, using: &random)
            let drafts = (0..<count).map { n in (line: n + 1, draft: memberDraft(branch.id, retiredBranch: branch.name.contains("离退休"), &random)) }
            let results = try await host.members.createBatch(drafts, allOrNothing: true, by: system)
            memberCount += results.filter { $0.memberID != nil }.count
            let full = zip(drafts, results).filter { $0.0.draft.status == "full" }.compactMap(\.1.memberID)
            if let first = full.first { secretaries[branch.id] = first }
            // A branch with seven or more full members elects a committee (RULES.md); seat three.
            if full.count >= 7 {
                committees[branch.id] = zip(full.prefix(3), ["书记", "组织委员", "宣传委员"]).map { CommitteeSeat(memberID: $0, position: $1) }
            }
        }
        for (organizationID, memberID) in secretaries.sorted(by: { $0.key < $1.key }) {
            _ = try await host.organizations.update(organizationID, OrganizationPatch(secretaryMemberID: memberID,
                                                                                      committee: committees[organizationID]), by: system)
        }

        let list = try await host.tasks.createList(
            TaskListDraft(organizationID: root.id, title: "\(today.year)年基层党建重点任务清单",
                          description: "由区教育局党委下达，按月提示、按季检查、年终考评。"), by: system)
        var taskCount = 0
        for (i, branch) in branches.enumerated() where i % 2 == 0 {
            let (title, criteria) = random.pick(Self.taskTemplates)
            let due = today.adding(days: Int.random(in: -40...60, using: &random))
            _ = try await host.tasks.create(
                TaskDraft(listID: list.id, responsibleOrganizationID: branch.id, title: title,
                          acceptanceCriteria: criteria, dueOn: due.description), by: system)
            taskCount += 1
        }

        let secretaryBranch = branches[0]
        let admin = try await host.users.create(
            UserDraft(username: Self.adminUsername, displayName: "区教育局党委组织员", password: Self.password,
                      grants: [GrantDraft(role: Role.districtAdmin.rawValue, organizationID: root.id)]), demo: true, by: system)
        let secretary = try await host.users.create(
            UserDraft(username: Self.secretaryUsername, displayName: "\(secretaryBranch.name)书记", password: Self.password,
                      memberID: secretaries[secretaryBranch.id],
                      grants: [GrantDraft(role: Role.secretary.rawValue, organizationID: secretaryBranch.id)]), demo: true, by: system)
        for user in [admin, secretary] {
            try await host.notifications.send(NotificationDraft(
                userID: user.id, kind: "general", title: "欢迎使用党建工作平台",
                body: "这是演示数据。任务清单、党员名册和换届提醒都来自示范区教育局党委。",
                idempotencyKey: "demo:welcome:\(user.id)"))
        }
        var lines: [String] = []
        for plugin in host.plugins.ordered {
            progress("插件 \(plugin.id)", 0, 1)
            if let line = try await plugin.seedDemo(host, today: today, seed: seed) { lines.append("\(plugin.id): \(line)") }
        }
        return Summary(organizations: all.count, members: memberCount, tasks: taskCount,
                       secretaryOrganization: secretaryBranch.name, plugins: lines)
    }

    private func create(_ parent: Int64, _ name: String, _ kind: Organization.Kind, _ termStart: Day?,
                        _ all: inout [Organization]) async throws -> Organization {
        let organization = try await host.organizations.create(
            OrganizationDraft(parentID: parent, name: name, kind: kind.rawValue, domain: "school",
                              termStart: termStart?.description), by: .system)
        all.append(organization)
        return organization
    }

    /// A member in a status drawn from a plausible school mix, with consistent stage dates.
    private func memberDraft(_ organizationID: Int64, retiredBranch: Bool, _ random: inout SeededGenerator) -> MemberDraft {
        let roll = Double.random(in: 0..<1, using: &random)
        let status: MemberStatus = retiredBranch ? .full : roll < 0.68 ? .full : roll < 0.78 ? .probationary
            : roll < 0.85 ? .developmentCandidate : roll < 0.93 ? .activist : .applicant
        let age = retiredBranch ? Int.random(in: 62...85, using: &random) : Int.random(in: 23...58, using: &random)
        let birth = today.adding(years: -age).adding(days: -Int.random(in: 0...364, using: &random))
        let male = random.chance(0.45)
        let sequence = Int.random(in: 0...49, using: &random) * 2 + (male ? 1 : 0)
        let first17 = "990101" + String(format: "%04d%02d%02d", birth.year, birth.month, birth.day)
            + String(format: "%03d", Int.random(in: 0...9, using: &random) * 100 + sequence)
        // Stage dates walk backwards from today so each stage has lasted its national minimum.
        var applied = today.adding(days: -Int.random(in: 20...200, using: &random))
        var activist: Day?, candidate: Day?, admitted: Day?, full: Day?
        switch status {
        case .applicant: break
        case .activist:
            activist = today.adding(days: -Int.random(in: 30...400, using: &random))
            applied = activist!.adding(months: -Int.random(in: 2...6, using: &random))
        case .developmentCandidate:
            candidate = today.adding(days: -Int.random(in: 10...200, using: &random))
            activist = candidate!.adding(months: -Int.random(in: 12...18, using: &random))
            applied = activist!.adding(months: -3)
        case .probationary:
            admitted = today.adding(days: -Int.random(in: 30...360, using: &random))
            candidate = admitted!.adding(months: -Int.random(in: 3...8, using: &random))
            activist = candidate!.adding(months: -13)
            applied = activist!.adding(months: -3)
        case .full:
            let partyYears = max(1, min(Int.random(in: 1...40, using: &random), age - 24))
            full = today.adding(years: -partyYears).adding(days: -Int.random(in: 0...300, using: &random))
            admitted = full!.adding(years: -1)
            candidate = admitted!.adding(months: -6)
            activist = candidate!.adding(months: -13)
            applied = activist!.adding(months: -3)
        }
        let flowing = !retiredBranch && random.chance(0.04)
        let lost = status == .full && random.chance(0.01)
        // The first talk, within a month of the application; one recent applicant in five has
        // not been talked to yet. Derived from the dates, so the seeded sequence is unchanged.
        let talked = applied.adding(days: 5 + applied.ordinal % 20)
        let talkedOn = status == .applicant && applied.ordinal % 5 == 0 || talked > today ? nil : talked
        return MemberDraft(
            organizationID: organizationID, name: ChineseNames.make(using: &random), gender: male ? "male" : "female",
            idNumber: ResidentID.withCheckDigit(first17),
            phone: "100" + String(format: "%08d", Int.random(in: 0...99_999_999, using: &random)),
            status: status.rawValue, appliedOn: applied.description, activistOn: activist?.description,
            candidateOn: candidate?.description, admittedOn: admitted?.description, fullOn: full?.description,
            retired: retiredBranch || (status == .full && age >= 60), flowing: flowing,
            flowingTo: flowing ? random.pick(["深圳市南山区", "苏州工业园区", "杭州市西湖区", "成都市高新区"]) : nil,
            lostContact: lost, lostContactSince: lost ? today.adding(months: -7).description : nil,
            talkedOn: talkedOn?.description)
    }

    static let schoolNames: [String] = {
        let places = ["东城", "西城", "南湖", "北岭", "新港", "临江", "青山", "白沙", "金桥", "银杏", "和平", "友谊",
                      "光明", "育才", "实验", "朝阳", "海滨", "星河", "翠湖", "松林"]
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

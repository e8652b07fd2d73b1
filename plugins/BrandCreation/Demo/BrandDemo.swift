import BrandCreation
import Dangjian
import DangjianDemo
import DangjianLua
import Foundation

/// Brands at every stage and tier in the demo district (the carriers and forms follow seed 002's
/// brand matrix), a published evaluation round and one still being scored, and a promoted practice
/// adopted by two units. The brands are made in a fixed order, so the README's ids hold.
struct BrandDemo {
    let host: DangjianHost
    let today: Day
    let rulesDirectory: String

    func seed() async throws -> String {
        let brands = Brands(host: host)
        let all = try await host.organizations.sweepEntries().map(\.organization)
        guard let root = all.first(where: { $0.parentID == nil }) else { return "no organisations" }
        let committees = all.filter { $0.parentID == root.id && $0.kind == .committee }.sorted { $0.id < $1.id }
        let generals = all.filter { $0.parentID == root.id && $0.kind == .generalBranch }.sorted { $0.id < $1.id }
        let departments = all.filter { $0.kind == .generalBranch && committees.map(\.id).contains($0.parentID ?? 0) }
            .sorted { $0.id < $1.id }
        let branches = all.filter { $0.parentID == root.id && $0.kind == .branch }.sorted { $0.id < $1.id }
        guard committees.count >= 4, generals.count >= 3, departments.count >= 1, branches.count >= 10 else {
            return "too few units for brands"
        }
        let secretaryBranch = all.filter { $0.kind == .branch }.min { $0.id < $1.id }!
        // (unit, tier, how far, days since the last step)
        let plan: [(Organization, Tier, Brand.Stage, Int)] = [
            (committees[0], .demonstration, .recognised, 200), (committees[1], .distinctive, .recognised, 150),
            (committees[2], .distinctive, .inCreation, 40), (committees[3], .demonstration, .approved, 20),
            (generals[0], .benchmarkDepartment, .recognised, 120),
            (departments[0], .benchmarkDepartment, .assessed, 10),
            (generals[1], .benchmarkDepartment, .returned, 15), (branches[0], .modelBranch, .recognised, 100),
            (branches[1], .modelBranch, .assessed, 30), (branches[2], .modelBranch, .inCreation, 120),
            (branches[3], .modelBranch, .applied, 100), (secretaryBranch, .modelBranch, .approved, 5),
        ]
        var made: [Brand] = []
        for (index, (unit, tier, stage, days)) in plan.enumerated() {
            made.append(try await make(brands, unit, tier, stage, lastStep: today.adding(days: -days), index: index))
        }
        _ = try await brands.promote(
            made[0].id,
            BrandStepDraft(
                on: today.adding(days: -150).description,
                practice: "“党建+学科”双融合：党员示范岗进课堂、课题攻坚党小组进实验室，每学期一次成果展示。"), by: .system)
        let promotions = Promotions(host: host)
        for (n, unit) in [generals[2], branches[4]].enumerated() {
            let adoption = try await promotions.adopt(
                made[0].id,
                AdoptionDraft(
                    organizationID: unit.id,
                    adoptedOn: today.adding(days: -100 + 20 * n).description), by: .system)
            if n == 0 {
                _ = try await promotions.report(
                    adoption.id, AdoptionDraft(results: "设立党员示范岗 6 个，成立课题攻坚党小组 2 个，学生满意度提升。"), by: .system)
            }
        }
        let rounds = try await seedRounds(
            made, evaluatorUnits: Array(branches.suffix(3)), conflicted: departments[0], root: root)
        return
            "\(made.count) 个党建品牌（各阶段、各层级）、\(rounds) 轮评比、1 项推广做法 / brands at every stage and tier, evaluation rounds, a promoted practice"
    }

    func make(_ brands: Brands, _ unit: Organization, _ tier: Tier, _ stage: Brand.Stage, lastStep: Day, index: Int)
        async throws -> Brand
    {
        let lead = try await member(in: unit)
        let start = lastStep.adding(days: -60)
        let names = [
            "笔杆子先锋", "改革攻坚哨兵", "一线调研尖兵", "红烛先锋", "杏坛先锋", "育人铸魂", "春风化雨", "红色引擎", "先锋示范岗", "星火课堂", "初心讲堂", "同心圆",
        ]
        var brand = try await brands.apply(
            BrandDraft(
                organizationID: unit.id, name: "\(names[index % names.count])党建品牌",
                idea: "党建与业务在目标、过程、考核上深度融合，跳出“就党建抓党建”。",
                carriers: ["党员示范岗", "课题攻坚党小组", "“金点子”征集"], activityForms: ["主题党日进课堂", "“战地微党课”", "支部互观互检互学"],
                standards: ["党员示范岗群众满意度不低于 90%", "每学期形成 1 篇案例", "“金点子”采纳不少于 5 条"], tier: tier.rawValue,
                appliedOn: (stage == .applied ? lastStep : start.adding(days: -30)).description,
                plan: [
                    .init(
                        title: "建立党员示范岗并挂牌", responsibleMemberID: lead, dueOn: start.adding(days: 90).description,
                        acceptanceCriteria: "示范岗挂牌，岗位职责上墙"),
                    .init(
                        title: "形成品牌创建案例", responsibleMemberID: lead, dueOn: start.adding(days: 240).description,
                        acceptanceCriteria: "案例报上级党组织"),
                ]),
            by: .system)
        if stage == .applied { return brand }
        if stage == .returned {
            return try await brands.returnBrand(
                brand.id, BrandStepDraft(on: lastStep.description, reason: "评价标准不够具体，请细化可量化指标后重新提交。"), by: .system)
        }
        brand = try await brands.approve(
            brand.id, BrandStepDraft(on: (stage == .approved ? lastStep : start.adding(days: -10)).description),
            by: .system)
        if stage == .approved { return brand }
        brand = try await brands.start(
            brand.id, BrandStepDraft(on: (stage == .inCreation ? lastStep : start).description), by: .system)
        // Every item evidenced for recognised brands; the assessed department lacks its last two
        // items (the tour closes them), the brand in creation has half.
        let evidenced =
            stage == .recognised || index == 8
            ? tier.checklist.count : (stage == .assessed ? tier.checklist.count - 2 : tier.checklist.count / 2)
        for item in 1...max(evidenced, 1) where evidenced > 0 {
            brand = try await brands.addEvidence(
                brand.id,
                BrandStepDraft(
                    on: brand.stageSince.description, item: item,
                    note: "「\(tier.checklist[item - 1])」：工作记录、照片与案例材料"), by: .system)
        }
        if stage == .inCreation { return brand }
        brand = try await brands.assess(
            brand.id,
            BrandStepDraft(
                on: (stage == .assessed ? lastStep : lastStep.adding(days: -10)).description,
                opinion: "创建工作扎实，载体鲜明。"), by: .system)
        if stage == .assessed { return brand }
        return try await brands.recognise(brand.id, BrandStepDraft(on: lastStep.description), by: .system)
    }

    /// Last year's round, scored and published; this year's, due in 5 days with sheets missing.
    /// One evaluator belongs to the assessed department's school, so that school's entries skip them.
    func seedRounds(_ made: [Brand], evaluatorUnits: [Organization], conflicted: Organization, root: Organization)
        async throws -> Int
    {
        let engine = try self.engine()
        let rubric = try await Rubric.load(for: root.id, engine: engine, host: host)
        let evaluations = Evaluations(host: host) { engine }
        var evaluators: [Int64] = []
        for unit in evaluatorUnits { evaluators.append(try await member(in: unit)) }
        let insider = try await member(in: conflicted)
        let first = try await evaluations.open(
            RoundDraft(
                organizationID: root.id, title: "\(today.year - 1) 年度党建品牌展示交流评比",
                scoringDeadline: today.description, brandIDs: [made[0].id, made[1].id, made[4].id, made[7].id],
                evaluatorMemberIDs: evaluators), by: .system)
        for (e, evaluator) in evaluators.enumerated() {
            for (b, entry) in first.entries.enumerated() {
                _ = try await evaluations.score(
                    first.id,
                    SheetDraft(
                        brandID: entry.brandID, evaluatorMemberID: evaluator,
                        scores: rubric.items.enumerated().map {
                            .init(item: $1.item, points: $1.max - Double((b * 3 + e) % 4) - ($0 == b ? 2 : 0))
                        }), by: .system)
            }
        }
        _ = try await evaluations.publish(first.id, by: .system)
        let second = try await evaluations.open(
            RoundDraft(
                organizationID: root.id, title: "\(today.year) 年度党建品牌展示交流评比",
                scoringDeadline: today.adding(days: 5).description,
                brandIDs: [made[0].id, made[5].id, made[7].id, made[8].id],
                evaluatorMemberIDs: evaluators + [insider]), by: .system)
        _ = try await evaluations.score(
            second.id,
            SheetDraft(
                brandID: made[7].id, evaluatorMemberID: evaluators[0],
                scores: rubric.items.map { .init(item: $0.item, points: $0.max - 2) }), by: .system)
        return 2
    }

    /// The plugin's own pack, as `serve` would resolve the rubric with it for the district.
    func engine() throws -> RuleEngine {
        let pack = try RulePack.load(directory: rulesDirectory).get()
        return try RuleEngine(host: host, rules: RuleSet(baseline: pack), limits: LuaLimits(), poolSize: 1)
    }

    func member(in unit: Organization) async throws -> Int64 {
        try await host.store.read { s in
            guard let id = try MemberRegistry.first(.full, within: unit.path, in: s) else {
                throw DangjianError.notFound(.member)
            }
            return id
        }
    }
}

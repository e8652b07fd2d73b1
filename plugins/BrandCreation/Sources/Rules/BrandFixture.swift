import Dangjian
import DangjianLua

/// A fixture's `brand = { … }`, stored through the plugin's own write path:
///
///     brand = {
///       brands = { { unit = "a", tier = "modelBranch", lead = "li", applied_on = "2026-01-05",
///                    approved_on = "2026-01-20", started_on = "2026-02-01", evidence = { 1, 2 },
///                    assessed_on = "2026-05-01", recognised_on = "2026-05-10" } },
///       rounds = { { organization = "root", title = "评比", deadline = "2026-06-20", entries = { "a" },
///                    evaluators = { "wang" }, sheets = { { evaluator = "wang", unit = "a", points = 80 } } } },
///     }
///
/// Each step is taken only when its day is given. `evidence = "all"` evidences every item. Rounds
/// get a fixed rubric (five items of 20 points), so fixtures test the deadline, not the rubric.
struct BrandFixture {
    let host: DangjianHost
    let fixture: FixtureData

    static let rubric = Rubric(
        items: ["品牌理念", "载体建设", "活动形式", "评价标准", "工作成效"].map {
            Rubric.Item(item: $0, max: 20, criterion: "测试")
        }, ruleRef: "fixture")

    func load(_ value: LuaValue) async throws {
        let brands = Brands(host: host)
        var byUnit: [String: Int64] = [:]
        for (index, entry) in (value["brands"].table?.array ?? []).enumerated() {
            let at = "brand.brands[\(index + 1)]"
            let unitKey = entry["unit"].string ?? ""
            let unit = try org(entry["unit"], at: "\(at).unit")
            guard let lead = entry["lead"].string.flatMap({ fixture.members[$0] }) else {
                throw LuaError(
                    kind: .badValue,
                    message: "\(at).lead must name a fixture member's key (the plan's person responsible)")
            }
            let applied = entry["applied_on"].string ?? fixture.today.description
            var brand = try await brands.apply(
                BrandDraft(
                    organizationID: unit, name: entry["name"].string ?? "品牌\(index + 1)", idea: "品牌理念",
                    carriers: ["党员示范岗"],
                    activityForms: ["主题党日"], standards: ["群众满意度"], tier: entry["tier"].string ?? "modelBranch",
                    appliedOn: applied,
                    plan: [
                        .init(
                            title: "创建计划", responsibleMemberID: lead,
                            dueOn: Day(applied)?.adding(days: 180).description,
                            acceptanceCriteria: "形成案例")
                    ]), by: .system)
            byUnit[unitKey] = brand.id
            if let on = entry["approved_on"].string {
                brand = try await brands.approve(brand.id, .init(on: on), by: .system)
            }
            if let on = entry["started_on"].string {
                brand = try await brands.start(brand.id, .init(on: on), by: .system)
            }
            let items: [Int] =
                entry["evidence"].string == "all"
                ? Array(1...brand.tier.checklist.count)
                : (entry["evidence"].table?.array ?? []).compactMap { $0.int.map(Int.init) }
            for item in items {
                brand = try await brands.addEvidence(
                    brand.id, .init(on: entry["started_on"].string, item: item, note: "佐证"), by: .system)
            }
            if let on = entry["assessed_on"].string {
                brand = try await brands.assess(brand.id, .init(on: on, opinion: "考核通过"), by: .system)
            }
            if let on = entry["recognised_on"].string {
                brand = try await brands.recognise(brand.id, .init(on: on), by: .system)
            }
            if let on = entry["returned_on"].string {
                brand = try await brands.returnBrand(brand.id, .init(on: on, reason: "退回"), by: .system)
            }
        }
        let evaluations = Evaluations(host: host) { nil }
        for (index, entry) in (value["rounds"].table?.array ?? []).enumerated() {
            let at = "brand.rounds[\(index + 1)]"
            func ids(_ field: String, _ table: [String: Int64]) throws -> [Int64] {
                try (entry[field].table?.array ?? []).map { key in
                    guard let id = key.string.flatMap({ table[$0] }) else {
                        throw LuaError(kind: .badValue, message: "\(at).\(field): unknown key \(key)")
                    }
                    return id
                }
            }
            let round = try await evaluations.open(
                RoundDraft(
                    organizationID: try org(entry["organization"], at: "\(at).organization"),
                    title: entry["title"].string ?? "评比\(index + 1)",
                    scoringDeadline: entry["deadline"].string, brandIDs: try ids("entries", byUnit),
                    evaluatorMemberIDs: try ids("evaluators", fixture.members)), rubric: Self.rubric,
                allowingPastDeadline: true, by: .system)
            for sheet in entry["sheets"].table?.array ?? [] {
                let points = sheet["points"].number ?? 80
                _ = try await evaluations.score(
                    round.id,
                    SheetDraft(
                        brandID: sheet["unit"].string.flatMap { byUnit[$0] },
                        evaluatorMemberID: sheet["evaluator"].string.flatMap { fixture.members[$0] },
                        scores: Self.rubric.items.map { .init(item: $0.item, points: points / 5) }), by: .system)
            }
        }
    }

    func org(_ key: LuaValue, at: String) throws -> Int64 {
        guard let id = key.string.flatMap({ fixture.organizations[$0] }) else {
            throw LuaError(kind: .badValue, message: "\(at) must name a fixture organisation's key, got \(key)")
        }
        return id
    }
}

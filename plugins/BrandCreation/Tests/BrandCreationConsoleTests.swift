import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import Dangjian
import DangjianLua
import DangjianHTTPTestSupport
import DangjianTestSupport
@testable import BrandCreation

/// The console's 党建品牌 pages over the router: 二小's brand in creation (its name carrying a
/// script), 语文支部's recognised and entered in the bureau's round.
@Suite struct BrandCreationConsoleTests {
    static let script = "<script>alert(1)</script>"

    struct Brands {
        let server: PluginServer<BrandWorld>
        let creating: Brand
        let recognised: Brand
        let round: EvaluationRound
    }

    static func make() async throws -> Brands {
        let server = try await PluginServer.open(
            plugins: [BrandCreationPlugin.self], configure: { $0.rulesPlugins = ["brand": brandRulesDirectory] },
            world: { try await BrandWorld.make(on: $0) },
            accounts: { w in
                [
                    Account("bureau", .districtAdmin, on: w.bureau), Account("sec-b", .secretary, on: w.branchB),
                    Account("sec-c", .secretary, on: w.branchC),
                ]
            })
        let w = server.world
        var draft = w.draft(w.branchB, .modelBranch, lead: w.li)
        draft.name = "\(script)红烛品牌"
        var creating = try await w.brands.apply(draft, by: .system)
        creating = try await w.brands.approve(creating.id, .init(on: "2026-01-20"), by: .system)
        creating = try await w.brands.start(creating.id, .init(on: "2026-02-01"), by: .system)
        creating = try await w.brands.addEvidence(creating.id, .init(item: 1, note: "党员学习台账第 3 册"), by: .system)
        let recognised = try await w.brand(w.chinese, .modelBranch, lead: w.zhang, to: .recognised)
        let engine = try RuleEngine(
            host: w.t.host, rules: RuleSet(baseline: try RulePack.load(directory: brandRulesDirectory).get()),
            limits: LuaLimits(), poolSize: 1)
        let round = try await Evaluations(host: w.t.host) { engine }.open(
            RoundDraft(
                organizationID: w.bureau.id, title: "2026 年度党建品牌评比", scoringDeadline: "2026-06-20",
                brandIDs: [recognised.id], evaluatorMemberIDs: [w.li.id]), by: .system)
        return Brands(server: server, creating: creating, recognised: recognised, round: round)
    }

    @Test func theBrandsShowByStageAndTierWithTheirChecklistGapsEscaped() async throws {
        let b = try await Self.make()
        defer { Task { await b.server.world.t.close() } }
        try await b.server.test { client in
            let bureau = try await client.consoleLogin("bureau")
            let list = try await bureau.get("/brand/brands")
            #expect(list.status == .ok && list.text.contains("一中语文党支部先锋品牌"))
            #expect(list.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;红烛品牌") && !list.text.contains(Self.script))
            #expect(list.text.contains("1/7 <b class=\"flag\">缺 6 项</b>") && list.text.contains("<td>7/7</td>"))
            let recognised = try await bureau.get("/brand/brands?stage=recognised")
            #expect(recognised.text.contains("一中语文党支部先锋品牌") && !recognised.text.contains("红烛品牌"))
            let none = try await bureau.get("/brand/brands?tier=benchmarkDepartment")
            #expect(none.text.contains("没有符合条件的党建品牌"))
            let page = try await bureau.get("/brand/brands/\(b.creating.id)")
            #expect(page.status == .ok && page.text.contains("「七个有力」清单") && page.text.contains("党员学习台账第 3 册"))
            #expect(page.text.contains("缺佐证 6 项") && page.text.contains("教育党员有力") && !page.text.contains(Self.script))
            let rounds = try await bureau.get("/brand/rounds")
            #expect(rounds.text.contains("2026 年度党建品牌评比") && rounds.text.contains("未公布"))
            let round = try await bureau.get("/brand/rounds/\(b.round.id)")
            #expect(round.status == .ok && round.text.contains("一中语文党支部先锋品牌"))
            #expect(round.text.contains("评分细则") && round.text.contains(b.round.rubric.items[0].item))
        }
    }

    @Test func evidenceIsRecordedThroughTheFormAndNotWithoutItsToken() async throws {
        let b = try await Self.make()
        defer { Task { await b.server.world.t.close() } }
        let w = b.server.world
        try await b.server.test { client in
            let secB = try await client.consoleLogin("sec-b")
            let fields = [("item", "2"), ("on", "2026-06-10"), ("note", "党员积分管理办法")]
            let refused = try await secB.post("/brand/brands/\(b.creating.id)/evidence", fields, csrf: false)
            #expect(refused.status == .forbidden)
            #expect(try await w.brands.get(b.creating.id, by: .system).evidence.count == 1)
            let posted = try await secB.post("/brand/brands/\(b.creating.id)/evidence", fields)
            #expect(posted.status == .seeOther)
            let after = try await w.brands.get(b.creating.id, by: .system)
            #expect(after.evidence.map(\.note) == ["党员学习台账第 3 册", "党员积分管理办法"])
            #expect(after.evidence.last?.item == 2)
        }
    }

    @Test func anotherBranchsSecretaryGets404ForBrandsAndRoundsOutsideHerSubtree() async throws {
        let b = try await Self.make()
        defer { Task { await b.server.world.t.close() } }
        try await b.server.test { client in
            let secC = try await client.consoleLogin("sec-c")
            for path in ["/brand/brands/\(b.creating.id)", "/brand/rounds/\(b.round.id)"] {
                let answer = try await secC.get(path)
                #expect(answer.status == .notFound, "\(path)")
                #expect(!answer.text.contains("红烛品牌") && !answer.text.contains("品牌评比</h1>"), "\(path)")
            }
            #expect(try await secC.get("/brand/brands?within=\(b.server.world.branchB.id)").status == .notFound)
            let own = try await secC.get("/brand/brands")
            #expect(own.status == .ok && own.text.contains("没有符合条件的党建品牌") && !own.text.contains("红烛品牌"))
            #expect(!(try await secC.get("/brand/rounds")).text.contains("2026 年度党建品牌评比"))
            let refused = try await secC.post(
                "/brand/brands/\(b.creating.id)/evidence", [("item", "2"), ("note", "越权")])
            #expect(refused.status == .notFound)
        }
    }
}

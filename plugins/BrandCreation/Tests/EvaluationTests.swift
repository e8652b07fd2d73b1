import Foundation
import Testing
@testable import Dangjian
import DangjianDemo
import DangjianLua
import DangjianTestSupport
@testable import BrandCreation

/// Evaluation rounds: the rubric from Lua (and a district's override), score sheets within the
/// rubric's range, one per evaluator and entry, conflict-of-interest exclusion, ranking, results.
@Suite struct EvaluationTests {
    /// The plugin's pack as baseline, with `overlay` (if any) bound to the bureau.
    func engine(_ w: BrandWorld, overlay: String? = nil) throws -> RuleEngine {
        let baseline = try RulePack.load(directory: brandRulesDirectory).get()
        let bindings =
            try overlay.map {
                [
                    RuleSet.Binding(
                        pack: try RulePack.load(directory: try TemporaryFiles.directory(["r.lua": $0])).get(),
                        organizationID: w.bureau.id)
                ]
            } ?? []
        return try RuleEngine(
            host: w.t.host, rules: RuleSet(baseline: baseline, bindings: bindings), limits: LuaLimits(), poolSize: 1)
    }

    func round(_ w: BrandWorld, _ evaluations: Evaluations, brands: [Brand]) async throws -> EvaluationRound {
        try await evaluations.open(
            RoundDraft(
                organizationID: w.bureau.id, title: "2026 年度党建品牌评比", scoringDeadline: "2026-06-20",
                brandIDs: brands.map(\.id), evaluatorMemberIDs: [w.zhang.id, w.li.id, w.wang.id]), by: .system)
    }

    func sheet(_ brand: Brand, by evaluator: Member, _ rubric: Rubric, minus: Double = 0) -> SheetDraft {
        SheetDraft(
            brandID: brand.id, evaluatorMemberID: evaluator.id,
            scores: rubric.items.map { .init(item: $0.item, points: $0.max - minus) })
    }

    @Test func theRubricComesFromLuaAndADistrictOverlayReplacesIt() async throws {
        let w = try await BrandWorld.make()
        defer { Task { await w.t.close() } }
        let baseline = try await Rubric.load(for: w.bureau.id, engine: try engine(w), host: w.t.host)
        #expect(baseline.items.map(\.item) == ["品牌理念", "载体建设", "活动形式", "评价标准", "工作成效"])
        #expect(baseline.total == 100 && baseline.ruleRef.hasPrefix("score:brand-evaluation@"))
        let overlay = try engine(
            w,
            overlay: """
                score("brand-evaluation", function(org, _)
                  return { items = { { item = "政治引领", points = 40, evidence = "区定" }, { item = "融合成效", points = 60 } } }
                end)
                """)
        let district = try await Rubric.load(for: w.bureau.id, engine: overlay, host: w.t.host)
        #expect(district.items.map(\.item) == ["政治引领", "融合成效"] && district.items.map(\.max) == [40, 60])
        // Outside the bureau the baseline still holds.
        #expect(try await Rubric.load(for: w.district.id, engine: overlay, host: w.t.host).items.count == 5)
        let brand = try await w.brand(w.branchB, .modelBranch, lead: w.li, to: .recognised)
        let evaluations = Evaluations(host: w.t.host) { overlay }
        let round = try await round(w, evaluations, brands: [brand])
        #expect(round.rubric == district)
        await expectRefusal("brand.scoreOutOfRange", field: "scores.0.points") {
            _ = try await evaluations.score(
                round.id,
                SheetDraft(
                    brandID: brand.id, evaluatorMemberID: w.wang.id,
                    scores: [.init(item: "政治引领", points: 41), .init(item: "融合成效", points: 60)]), by: .system)
        }
        let sheet = try await evaluations.score(
            round.id,
            SheetDraft(
                brandID: brand.id, evaluatorMemberID: w.wang.id,
                scores: [.init(item: "融合成效", points: 55), .init(item: "政治引领", points: 40)]), by: .system)
        #expect(sheet.total == 95 && sheet.items.map(\.item) == ["政治引领", "融合成效"])
        await expectRefusal("brand.rulesNotLoaded") {
            _ = try await Evaluations(host: w.t.host) { nil }.open(
                RoundDraft(
                    organizationID: w.bureau.id, title: "x", scoringDeadline: "2026-06-20"), by: .system)
        }
    }

    @Test func badSheetsAreRefusedAndNothingIsStored() async throws {
        let w = try await BrandWorld.make()
        defer { Task { await w.t.close() } }
        let evaluations = Evaluations(host: w.t.host) { [engine = try? engine(w)] in engine }
        let brand = try await w.brand(w.branchB, .modelBranch, lead: w.li, to: .recognised)
        let round = try await round(w, evaluations, brands: [brand])
        let rubric = round.rubric
        var high = sheet(brand, by: w.wang, rubric)
        high.scores?[4].points = 26
        await expectRefusal("brand.scoreOutOfRange", field: "scores.4.points") {
            _ = try await evaluations.score(round.id, high, by: .system)
        }
        var negative = sheet(brand, by: w.wang, rubric)
        negative.scores?[0].points = -1
        await expectRefusal("brand.scoreOutOfRange") {
            _ = try await evaluations.score(round.id, negative, by: .system)
        }
        var unknown = sheet(brand, by: w.wang, rubric)
        unknown.scores?[1].item = "创新"
        await expectRefusal("brand.unknownRubricItem", field: "scores.1.item") {
            _ = try await evaluations.score(round.id, unknown, by: .system)
        }
        var short = sheet(brand, by: w.wang, rubric)
        short.scores?.removeLast()
        await expectRefusal("brand.rubricItemMissing") { _ = try await evaluations.score(round.id, short, by: .system) }
        await expectRefusal("brand.notAnEvaluator") {
            _ = try await evaluations.score(
                round.id, SheetDraft(brandID: brand.id, evaluatorMemberID: 9999, scores: []), by: .system)
        }
        #expect(try await w.t.count("brand_sheets") == 0)
        _ = try await evaluations.score(round.id, sheet(brand, by: w.wang, rubric), by: .system)
        await expectRefusal("brand.sheetExists") {
            _ = try await evaluations.score(round.id, sheet(brand, by: w.wang, rubric, minus: 1), by: .system)
        }
        // An evaluator scores for themselves; nobody else may, except the organiser entering a paper sheet.
        await expectRefusal("auth.forbidden") {
            _ = try await evaluations.score(
                round.id, sheet(brand, by: w.zhang, rubric), by: .with(.member, w.branchC, memberID: w.wang.id))
        }
        _ = try await evaluations.score(
            round.id, sheet(brand, by: w.zhang, rubric, minus: 2), by: .with(.member, w.chinese, memberID: w.zhang.id))
        w.t.clock.advance(by: 6 * 86_400)  // 21 June: scoring has closed
        await expectRefusal("brand.scoringClosed") {
            _ = try await evaluations.score(round.id, sheet(brand, by: w.li, rubric), by: .system)
        }
        #expect(try await w.t.count("brand_sheets") == 2)
    }

    @Test func anEvaluatorNeverScoresTheirOwnUnitsBrand() async throws {
        let w = try await BrandWorld.make()
        defer { Task { await w.t.close() } }
        let evaluations = Evaluations(host: w.t.host) { [engine = try? engine(w)] in engine }
        // 张伟 is a member of 语文支部, inside 一中教学党总支: the department's brand is his own unit's.
        let department = try await w.brand(w.department, .benchmarkDepartment, lead: w.zhang, to: .recognised)
        let b = try await w.brand(w.branchB, .modelBranch, lead: w.li, to: .assessed)
        let round = try await round(w, evaluations, brands: [department, b])
        await expectRefusal("brand.conflictOfInterest", field: "brandID") {
            _ = try await evaluations.score(round.id, sheet(department, by: w.zhang, round.rubric), by: .system)
        }
        await expectRefusal("brand.conflictOfInterest") {
            _ = try await evaluations.score(
                round.id, sheet(b, by: w.li, round.rubric), by: .with(.member, w.branchB, memberID: w.li.id))
        }
        // 王强 (三中) holds 二小's secretary role as well, through his account: that is his unit too,
        // whether he scores for himself or the organiser enters his paper sheet.
        let wangUser = try await w.t.create(
            Account("wang", .secretary, on: w.branchB, member: w.wang, displayName: "王强"))
        let wangAsSecretary = Principal(
            userID: wangUser.id, username: "wang", memberID: w.wang.id,
            grants: [.init(role: .secretary, organizationID: w.branchB.id, path: w.branchB.path)])
        await expectRefusal("brand.conflictOfInterest") {
            _ = try await evaluations.score(round.id, sheet(b, by: w.wang, round.rubric), by: wangAsSecretary)
        }
        await expectRefusal("brand.conflictOfInterest") {
            _ = try await evaluations.score(round.id, sheet(b, by: w.wang, round.rubric), by: .system)
        }
        await expectRefusal("brand.conflictOfInterest") {
            _ = try await evaluations.score(
                round.id, sheet(department, by: w.zhang, round.rubric), by: .with(.secretary, w.bureau, userID: 30))
        }
        #expect(try await w.t.count("brand_sheets") == 0)
        // The same definition counts what is owed: 张伟 owes 二小's sheet, 李娜 and 王强 only the department's.
        let owed = try await w.t.host.store.read { s in try Evaluations.owedSheets(roundID: round.id, in: s) }
        #expect(
            Dictionary(uniqueKeysWithValues: owed.map { ($0.memberID, $0.owed) }) == [
                w.zhang.id: 1, w.li.id: 1, w.wang.id: 1,
            ])
        // The others score; the excluded pairs are not owed, so the round can be published before the deadline.
        await expectRefusal("brand.scoringOpen") { _ = try await evaluations.publish(round.id, by: .system) }
        _ = try await evaluations.score(round.id, sheet(b, by: w.zhang, round.rubric, minus: 4), by: .system)
        _ = try await evaluations.score(round.id, sheet(department, by: w.li, round.rubric, minus: 1), by: .system)
        _ = try await evaluations.score(
            round.id, sheet(department, by: w.wang, round.rubric, minus: 1), by: wangAsSecretary)
        // Before publication an evaluator sees no running averages or ranks; the organiser does.
        let seen = try await evaluations.get(round.id, by: .with(.member, w.chinese, memberID: w.zhang.id))
        #expect(
            seen.entries.map(\.brandID) == [department.id, b.id].sorted()
                && seen.entries.allSatisfy { $0.average == nil && $0.rank == nil })
        #expect(
            try await evaluations.get(round.id, by: .with(.secretary, w.bureau)).entries.map(\.average) == [95, 80])
        _ = try await w.t.create(Account("sec-b", .secretary, on: w.branchB, displayName: "二小书记"))
        // A disabled account is not told the results.
        try await w.t.host.store.write(.system) { tx in
            _ = try tx.session.execute("UPDATE users SET disabled = 1 WHERE username = 'sec-b'", [])
        }
        let published = try await evaluations.publish(round.id, by: .system)
        // 100 - 1 per item: 95; 100 - 4 per item: 80.
        #expect(published.entries.map(\.brandID) == [department.id, b.id])
        #expect(published.entries.map(\.average) == [95, 80] && published.entries.map(\.rank) == [1, 2])
        #expect(
            try await evaluations.get(round.id, by: .with(.member, w.chinese, memberID: w.zhang.id)).entries.map(\.rank)
                == [1, 2])
        #expect(published.publishedOn == w.t.today)
        // 王强's account; sec-b is disabled
        #expect(try await w.t.count("notifications", "kind = 'brand.results' AND title LIKE '%第 2 名%'") == 1)
        await expectRefusal("brand.alreadyPublished") { _ = try await evaluations.publish(round.id, by: .system) }
        await expectRefusal("brand.alreadyPublished") {
            _ = try await evaluations.extend(round.id, RoundDraft(brandIDs: [b.id]), by: .system)
        }
    }

    /// PostgreSQL's REAL is 4 bytes; a sheet's total is kept as an 8-byte DOUBLE PRECISION.
    @Test func aSheetsTotalIsADoublePrecisionColumn() async throws {
        let w = try await BrandWorld.make()
        defer { Task { await w.t.close() } }
        let type = try await w.t.host.store.read { s in
            try s.queryOne("SELECT type FROM pragma_table_info('brand_sheets') WHERE name = 'total'")?.string("type")
        }
        #expect(type == "DOUBLE PRECISION")
    }

    @Test func onlyAssessedOrRecognisedBrandsOfTheSubtreeEnter() async throws {
        let w = try await BrandWorld.make()
        defer { Task { await w.t.close() } }
        let evaluations = Evaluations(host: w.t.host) { [engine = try? engine(w)] in engine }
        let early = try await w.brand(w.branchB, .modelBranch, lead: w.li, to: .inCreation)
        await expectRefusal("brand.notEligible", field: "brandIDs.0") {
            _ = try await round(w, evaluations, brands: [early])
        }
        let school = try await w.brand(w.department, .benchmarkDepartment, lead: w.zhang, to: .recognised)
        await expectRefusal("brand.brand.notFound") {
            _ = try await evaluations.open(
                RoundDraft(
                    organizationID: w.branchC.id, title: "三中评比", scoringDeadline: "2026-06-20", brandIDs: [school.id]),
                by: .system)
        }
        await expectRefusal("validation.dateOrder", field: "scoringDeadline") {
            _ = try await evaluations.open(
                RoundDraft(
                    organizationID: w.bureau.id, title: "过期评比", scoringDeadline: "2026-06-14"), by: .system)
        }
        await expectRefusal("auth.forbidden") {
            _ = try await evaluations.open(
                RoundDraft(
                    organizationID: w.bureau.id, title: "评比", scoringDeadline: "2026-06-20"),
                by: .with(.auditor, w.bureau))
        }
        #expect(try await w.t.count("brand_rounds") == 0)
    }
}

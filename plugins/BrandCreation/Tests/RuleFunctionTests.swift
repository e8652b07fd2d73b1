import Dangjian
import DangjianDemo
import DangjianLua
import Foundation
import Testing
@testable import BrandCreation
import DangjianTestSupport

/// `dj.brand.*` against real brand data, through a real sweep.
@Suite struct RuleFunctionTests {
    /// A rule that reports what an expression answers, as the title of a notice to 二小 (`org`).
    func answer(_ w: BrandWorld, _ expression: String, packAt: Int64? = nil) async throws -> (
        titles: [String], failures: [String]
    ) {
        let pack = try RulePack.load(
            directory: try TemporaryFiles.directory([
                "r.lua": """
                rule { id = "probe", title = "探针", source = "测试", applies_to = { kind = "branch" },
                  check = function(org, today)
                    if org.id ~= \(w.branchB.id) then return {} end
                    return { { notify = "secretary", title = tostring(\(expression)), key = "probe" } }
                  end }
                """
            ])
        ).get()
        let rules =
            packAt.map { RuleSet(baselines: [], bindings: [.init(pack: pack, organizationID: $0)]) }
            ?? RuleSet(baseline: pack)
        let report = try await RuleEngine(host: w.t.host, rules: rules, limits: LuaLimits(), poolSize: 1).sweep(
            at: w.t.today, dryRun: true)
        return (report.planned.map(\.title), report.failures.map(\.error.message))
    }

    /// 二小's secretary, whom the probe's notices reach.
    func secretary(_ w: BrandWorld) async throws {
        _ = try await w.t.create(Account("sec-b", .secretary, on: w.branchB, displayName: "二小书记"))
    }

    @Test func stageGapsScoresAndRoundsAnswerFromTheTables() async throws {
        let w = try await BrandWorld.make()
        defer { Task { await w.t.close() } }
        try await secretary(w)
        let brand = try await w.brand(w.branchB, .modelBranch, lead: w.li, to: .inCreation, evidence: false)
        _ = try await w.brands.addEvidence(brand.id, .init(item: 1, note: "材料"), by: .system)
        #expect(try await answer(w, "dj.brand.of(org.id).stage").titles == ["inCreation"])
        // 1 February to 15 June
        #expect(try await answer(w, "dj.brand.of(org.id, today).days_in_stage").titles == ["134"])
        #expect(try await answer(w, "dj.brand.of(org.id).days_in_stage").titles == ["nil"])
        #expect(try await answer(w, "dj.brand.of(\(w.branchC.id))").titles == ["nil"])
        #expect(try await answer(w, "#dj.brand.gaps(org.id)").titles == ["6"])
        #expect(try await answer(w, "dj.brand.gaps(org.id)[1].text").titles == ["管理党员有力"])
        let recognised = try await w.brand(w.branchC, .modelBranch, lead: w.wang, to: .recognised)
        let evaluations = Evaluations(host: w.t.host) { nil }
        let round = try await evaluations.open(
            RoundDraft(
                organizationID: w.bureau.id, title: "评比", scoringDeadline: "2026-06-20",
                brandIDs: [recognised.id], evaluatorMemberIDs: [w.li.id, w.zhang.id]),
            rubric: BrandFixture.rubric, by: .system)
        _ = try await evaluations.score(
            round.id,
            SheetDraft(
                brandID: recognised.id, evaluatorMemberID: w.li.id,
                scores: BrandFixture.rubric.items.map { .init(item: $0.item, points: 17) }), by: .system)
        #expect(try await answer(w, "dj.brand.scores(\(w.branchC.id))[1].average").titles == ["85.0"])
        #expect(try await answer(w, "dj.brand.scores(\(w.branchC.id))[1].rank").titles == ["1"])
        #expect(try await answer(w, "#dj.brand.scores(org.id)").titles == ["0"])
        #expect(try await answer(w, "dj.brand.rounds(\(w.bureau.id))[1].missing").titles == ["1"])
        #expect(
            try await answer(w, "dj.brand.rounds(\(w.bureau.id))[1].evaluators[1].member_id").titles == [
                "\(w.zhang.id)"
            ])
    }

    @Test func theSnapshotTakesAFixedNumberOfQueriesWhateverTheRoundsAndSkipsPublishedOnesOwed() async throws {
        let w = try await BrandWorld.make()
        defer { Task { await w.t.close() } }
        let recognised = try await w.brand(w.branchC, .modelBranch, lead: w.wang, to: .recognised)
        let evaluations = Evaluations(host: w.t.host) { nil }
        func open(_ title: String, evaluators: [Int64]) async throws -> EvaluationRound {
            try await evaluations.open(
                RoundDraft(
                    organizationID: w.bureau.id, title: title, scoringDeadline: "2026-06-20",
                    brandIDs: [recognised.id], evaluatorMemberIDs: evaluators), rubric: BrandFixture.rubric, by: .system
            )
        }
        func snapshot() async throws -> (BrandSnapshot, Int) {
            try await w.t.host.store.read { s in
                let counting = CountingSession(base: s)
                return (try BrandSnapshot.load(in: counting), counting.queries)
            }
        }
        _ = try await open("评比 1", evaluators: [w.li.id])
        let (_, one) = try await snapshot()
        for n in 2...6 { _ = try await open("评比 \(n)", evaluators: [w.li.id, w.zhang.id]) }
        let done = try await open("已公布", evaluators: [])
        _ = try await evaluations.publish(done.id, by: .system)
        let (many, queries) = try await snapshot()
        #expect(queries == one && many.rounds.count == 7)
        #expect(
            many.rounds[done.id]?.published == true && many.rounds[done.id]?.ranking.map(\.brandID) == [recognised.id])
        #expect(many.rounds.values.filter { !$0.published }.allSatisfy { $0.owed.values.reduce(0, +) > 0 })
    }

    @Test func badArgumentsFailTheRuleAndADistrictPackReadsOnlyItsSubtree() async throws {
        let w = try await BrandWorld.make()
        defer { Task { await w.t.close() } }
        try await secretary(w)
        let date = try await answer(w, #"dj.brand.of(org.id, "June")"#)
        #expect(date.titles.isEmpty && date.failures.first?.contains("must be a date") == true)
        let outside = try await answer(w, "dj.brand.gaps(\(w.chinese.id))", packAt: w.bureau.id)
        #expect(outside.failures.isEmpty)
        let elsewhere = try await answer(w, "dj.brand.gaps(\(w.district.id))", packAt: w.bureau.id)
        #expect(elsewhere.failures.first?.contains("outside this pack's subtree") == true)
    }
}

/// A session that counts the statements it runs, to show a read takes a fixed number of them.
final class CountingSession: SQLSession {
    let base: any SQLSession
    var queries = 0

    init(base: any SQLSession) { self.base = base }

    var dialect: SQLDialect { base.dialect }

    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        queries += 1
        return try base.execute(sql, arguments)
    }

    func query(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        queries += 1
        return try base.query(sql, arguments)
    }

    func forEach(_ sql: String, _ arguments: [SQLValue], _ body: (SQLRow) throws -> Void) throws {
        queries += 1
        try base.forEach(sql, arguments, body)
    }
}

import Dangjian
import DangjianDemo
import DangjianLua
import Foundation
import Testing
@testable import RegionalCouncil
import DangjianTestSupport

/// `dj.council.*` against real council data, through a real sweep.
@Suite struct RuleFunctionTests {
    /// A rule that reports what an expression answers, as the title of a notice to 一中 (which has
    /// a secretary account). `org` is 一中.
    func answer(_ t: TemporaryHost, _ w: CouncilWorld, _ expression: String, packAt: Int64? = nil) async throws -> (
        titles: [String], failures: [String]
    ) {
        let pack = try RulePack.load(
            directory: try TemporaryFiles.directory([
                "r.lua": """
                rule { id = "probe", title = "探针", source = "测试", applies_to = { kind = "branch" },
                  check = function(org, today)
                    if org.id ~= \(w.schoolA.id) then return {} end
                    return { { notify = "secretary", title = tostring(\(expression)), key = "probe" } }
                  end }
                """
            ])
        ).get()
        let rules =
            packAt.map { RuleSet(baselines: [], bindings: [.init(pack: pack, organizationID: $0)]) }
            ?? RuleSet(baseline: pack)
        let report = try await RuleEngine(host: t.host, rules: rules, limits: LuaLimits(), poolSize: 1).sweep(
            at: t.today, dryRun: true)
        return (report.planned.map(\.title), report.failures.map(\.error.message))
    }

    func world() async throws -> (TemporaryHost, CouncilWorld) {
        let t = try await openCouncilHost()
        let w = try await CouncilWorld.make(t)
        _ = try await t.create(Account("sec-a", .secretary, on: w.schoolA, displayName: "一中书记"))
        let topics = Topics(host: t.host)
        let call = try await topics.openCall(
            in: w.committee.id,
            TopicCallDraft(
                year: 2026, title: "2026 年度课题申报", opensOn: "2026-03-01",
                closesOn: "2026-06-30"), by: .system)
        let topic = try await topics.apply(
            TopicDraft(
                callID: call.id, title: "联合课题", grade: "key", unitIDs: [w.schoolA.id, w.schoolB.id],
                leadMemberID: w.zhang.id, budget: 0, appliedOn: "2026-03-10"), by: .system)
        _ = try await topics.approve(
            topic.id, TopicStepDraft(on: "2026-04-01", advisor: "周老师", dueOn: "2026-06-01"), by: .system)
        _ = try await Councils(host: t.host).record(
            CouncilMeetingDraft(
                kind: "subCouncil", subCouncilID: w.east.id, heldAt: "2026-05-20",
                title: "东部分会例会", units: [.init(organizationID: w.schoolA.id)]), by: .system)
        return (t, w)
    }

    @Test func structureTopicsCallsAndMeetingsAnswerFromTheTables() async throws {
        let (t, w) = try await world()
        defer { Task { await t.close() } }
        #expect(try await answer(t, w, "dj.council.subcouncil(org.id).name").titles == ["东部分会"])
        #expect(try await answer(t, w, "dj.council.subcouncil(org.id, 999)").titles == ["nil"])
        #expect(try await answer(t, w, "#dj.council.units(\(w.east.id))").titles == ["2"])
        #expect(try await answer(t, w, "dj.council.hosted(org.id).subcouncils[1].name").titles == ["东部分会"])
        #expect(try await answer(t, w, "#dj.council.hosted(org.id).committees").titles == ["0"])
        #expect(
            try await answer(t, w, #"#dj.council.meetings("subCouncil", \#(w.east.id), "2026-Q2")"#).titles == ["1"])
        #expect(
            try await answer(t, w, #"#dj.council.meetings("subCouncil", \#(w.east.id), "2026-Q1")"#).titles == ["0"])
        #expect(try await answer(t, w, #"#dj.council.topics(org.id, "active")"#).titles == ["1"])
        #expect(try await answer(t, w, #"#dj.council.topics(org.id, "concluded")"#).titles == ["0"])
        #expect(try await answer(t, w, "dj.council.reviews(org.id)[1].due_on").titles == ["2026-06-01"])
        #expect(try await answer(t, w, "#dj.council.overdue_reviews(org.id, today)").titles == ["1"])
        #expect(try await answer(t, w, #"#dj.council.overdue_reviews(org.id, "2026-06-01")"#).titles == ["0"])
        #expect(try await answer(t, w, "dj.council.open_call(org.id, today).closes_on").titles == ["2026-06-30"])
        #expect(try await answer(t, w, #"dj.council.open_call(org.id, "2026-07-01")"#).titles == ["nil"])
    }

    @Test func badArgumentsFailTheRuleAndADistrictPackReadsOnlyItsSubtree() async throws {
        let (t, w) = try await world()
        defer { Task { await t.close() } }
        let stage = try await answer(t, w, #"dj.council.topics(org.id, "finished")"#)
        #expect(stage.titles.isEmpty && stage.failures.first?.contains("stage must be active or one of") == true)
        let week = try await answer(
            t, w, #"dj.council.meetings("subCouncil", \#(w.east.id), { start = "2026-06-01", ["end"] = "2026-06-07" })"#
        )
        #expect(week.failures.first?.contains("must be a month, quarter, half-year or year") == true)
        // Bound at the bureau, a pack sees 一中 but not the community branch of the same sub-council.
        #expect(try await answer(t, w, "#dj.council.units(\(w.east.id))", packAt: w.bureau.id).titles == ["1"])
        let outside = try await answer(t, w, "dj.council.topics(\(w.community.id))", packAt: w.bureau.id)
        #expect(outside.failures.first?.contains("outside this pack's subtree") == true)
    }
}

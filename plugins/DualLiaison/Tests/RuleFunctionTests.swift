import Foundation
import Testing
@testable import Dangjian
import DangjianLua
import DangjianTestSupport
@testable import DualLiaison
@testable import RegionalCouncil

/// `dj.liaison.*` and the shipped rules against real records, through real sweeps, on
/// 10 July 2026: the ended quarters are 2026-Q1 and 2026-Q2.
@Suite struct RuleFunctionTests {
    static let july = Day("2026-07-10")!.start.addingTimeInterval(10 * 3600)

    /// East: 王建国 (with an account) and 周晓敏; west: 李文华 only; north: nobody. East and west
    /// met in February and May; 李文华 attended west's May meeting, 王建国 nothing.
    struct Swept {
        let t: TemporaryHost
        let w: LiaisonWorld
        let wangUser: Int64
        let bureauSecretary: Int64
    }

    func world() async throws -> Swept {
        let t = try await openLiaisonHost(at: Self.july)
        let w = try await LiaisonWorld.make(t)
        try await w.assign(t, w.east, leader: w.leaderWang, staff: w.staffZhou)
        try await w.assign(t, w.west, leader: w.leaderLi, staff: nil)
        let councils = Councils(host: t.host)
        var may: Int64 = 0
        for sub in [w.east, w.west] {
            for day in ["2026-02-10", "2026-05-12"] {
                let meeting = try await councils.record(
                    CouncilMeetingDraft(
                        kind: "subCouncil", subCouncilID: sub.id, heldAt: "\(day)T14:00",
                        title: "\(sub.name)例会",
                        units: sub.units.map { .init(organizationID: $0.organizationID) }), by: .system)
                if sub.id == w.west.id { may = meeting.id }
            }
        }
        _ = try await Liaisons(host: t.host).log(
            LiaisonLogDraft(memberID: w.leaderLi.id, subCouncilID: w.west.id, kind: "meeting", meetingID: may),
            by: .system)
        let wang = try await t.host.users.create(
            UserDraft(
                username: "wang", displayName: "王建国", password: "secret123", memberID: w.leaderWang.id,
                grants: [GrantDraft(role: "member", organizationID: w.leadership.id)]), by: .system)
        let secretary = try await t.host.users.create(
            UserDraft(
                username: "bureau", displayName: "书记", password: "secret123",
                grants: [GrantDraft(role: "secretary", organizationID: w.bureau.id)]), by: .system)
        return Swept(t: t, w: w, wangUser: wang.id, bureauSecretary: secretary.id)
    }

    /// A rule that reports what an expression answers, as the title of a notice to the bureau.
    func answer(_ d: Swept, _ expression: String) async throws -> (titles: [String], failures: [String]) {
        let rules = try RulePack.load(
            directory: try TemporaryFiles.directory([
                "r.lua": """
                rule { id = "probe", title = "探针", source = "测试", applies_to = { kind = "committee" },
                  check = function(org, today)
                    if org.id ~= \(d.w.bureau.id) then return {} end
                    return { { notify = "secretary", title = tostring(\(expression)), key = "probe" } }
                  end }
                """
            ])
        ).get()
        let report = try await RuleEngine(
            host: d.t.host, rules: RuleSet(baseline: rules), limits: LuaLimits(), poolSize: 1
        )
        .sweep(at: d.t.today, dryRun: true)
        return (report.planned.map(\.title), report.failures.map(\.error.message))
    }

    @Test func theFunctionsAnswerFromTheLiaisonSystem() async throws {
        let d = try await world()
        defer { Task { await d.t.close() } }
        let (east, committee) = (d.w.east.id, d.w.committee.id)
        #expect(try await answer(d, "dj.liaison.liaisons(\(east)).leader.name").titles == ["王建国"])
        #expect(try await answer(d, "dj.liaison.liaisons(\(east)).staff.since").titles == ["2025-01-01"])
        #expect(try await answer(d, "dj.liaison.liaisons(\(d.w.north.id)).leader").titles == ["nil"])
        #expect(try await answer(d, "#dj.liaison.gaps(\(committee))").titles == ["3"])
        #expect(
            try await answer(d, "dj.liaison.gaps(\(committee))[1].role_zh .. dj.liaison.gaps(\(committee))[1].name")
                .titles == ["党办联系人西部分会"])
        #expect(try await answer(d, "dj.liaison.subcouncils(\(committee))[2].leader.name").titles == ["李文华"])
        #expect(try await answer(d, "#dj.liaison.log(\(d.w.leaderLi.id), \"2026-Q2\")").titles == ["1"])
        #expect(try await answer(d, "dj.liaison.log(\(d.w.leaderLi.id), \"2026-Q2\")[1].kind").titles == ["meeting"])
        #expect(try await answer(d, "#dj.liaison.log(\(d.w.leaderLi.id), \"2026-Q1\")").titles == ["0"])
        let unknown = try await answer(d, "dj.liaison.gaps(98765)")
        #expect(
            unknown.titles.isEmpty
                && unknown.failures.first?.contains("must be a committee in this pack's subtree") == true)
        let week = try await answer(d, #"dj.liaison.log(1, { start = "2026-06-01", ["end"] = "2026-06-07" })"#)
        #expect(week.failures.first?.contains("must be a month, quarter, half-year or year") == true)
    }

    @Test func theShippedRulesTellTheSecretaryAboutGapsAndTheAbsentLeaderInPerson() async throws {
        let d = try await world()
        defer { Task { await d.t.close() } }
        let rules = try RulePack.load(directory: liaisonRulesDirectory).get()
        let engine = try RuleEngine(host: d.t.host, rules: RuleSet(baseline: rules), limits: LuaLimits(), poolSize: 1)
        let first = try await engine.sweep(at: d.t.today)
        #expect(first.failures.isEmpty, "\(first.failures)")
        let personal = try await inbox(d.t, d.wangUser)
        #expect(personal.count == 1)
        #expect(
            personal.first?.title == "请参加「东部分会」的例会" && personal.first?.body.contains("2026-01-01 至 2026-06-30") == true)
        #expect(personal.first?.ruleRef?.hasPrefix("liaison-missed-meetings@") == true)
        let gaps = try await inbox(d.t, d.bureauSecretary).map(\.title).sorted()
        #expect(gaps == ["「北部分会」缺少党办联系人", "「北部分会」缺少领导联系人", "「西部分会」缺少党办联系人"])
        // 李文华 attended; and a second sweep sends nothing again.
        let again = try await engine.sweep(at: d.t.today)
        #expect(again.sent == 0 && again.alreadySent == first.sent && first.sent == 4)
    }

    /// 王建国 took north's leader post in March while the quota was two; the host's is one.
    @Test func overQuotaAnswersAndTheSecretaryIsToldOnce() async throws {
        let d = try await world()
        defer { Task { await d.t.close() } }
        _ = try await Liaisons(host: d.t.host, quota: 2).assign(
            to: d.w.north.id,
            AssignmentDraft(
                role: "leader", memberID: d.w.leaderWang.id,
                from: "2026-03-01"), by: .system)
        let over = "dj.liaison.over_quota(\(d.w.committee.id))"
        #expect(try await answer(d, "#\(over)").titles == ["1"])
        #expect(
            try await answer(
                d, "\(over)[1].name .. \(over)[1].role .. \(over)[1].count .. \(over)[1].quota .. \(over)[1].since"
            ).titles
                == ["王建国leader212026-03-01"])
        #expect(
            try await answer(
                d, "\(over)[1].subcouncils[1].name .. \(over)[1].subcouncils[2].name .. \(over)[1].elsewhere"
            ).titles
                == ["东部分会北部分会0"])
        let unknown = try await answer(d, "dj.liaison.over_quota(98765)")
        #expect(
            unknown.titles.isEmpty
                && unknown.failures.first?.contains("must be a committee in this pack's subtree") == true)

        let rules = try RulePack.load(directory: liaisonRulesDirectory).get()
        let engine = try RuleEngine(host: d.t.host, rules: RuleSet(baseline: rules), limits: LuaLimits(), poolSize: 1)
        let first = try await engine.sweep(at: d.t.today)
        #expect(first.failures.isEmpty, "\(first.failures)")
        let told = try await inbox(d.t, d.bureauSecretary).filter { $0.title == "王建国作为领导联系人联系的分会超过限额" }
        #expect(told.count == 1 && told.first?.body.contains("「东部分会」、「北部分会」") == true)
        #expect(try await engine.sweep(at: d.t.today).sent == 0)
    }

    func inbox(_ t: TemporaryHost, _ user: Int64) async throws -> [Dangjian.Notification] {
        try await t.host.notifications.inbox(
            unreadOnly: false, page: try PageRequest(limit: 100),
            by: Principal(userID: user, username: "u", memberID: nil, grants: [])
        ).items
    }
}

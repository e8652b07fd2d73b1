import Foundation
import Testing
@testable import Dangjian
@testable import DangjianLua
import DangjianTestSupport

@Suite struct RuleEngineTests {
    /// 区党委 → 一中党总支 → 一中第一支部 / 一中第二支部, with a secretary account for the general
    /// branch and the first branch.
    struct World {
        let t: TemporaryHost
        let general: Organization
        let branchA: Organization
        let branchB: Organization
        let secretaryA: Int64
        let secretaryGeneral: Int64
    }

    func world() async throws -> World {
        // The organisations exist since January, so May can be escalated in June.
        let t = try await TemporaryHost.open(at: Day("2026-01-10")!.start)
        let o = t.host.organizations
        let root = try await o.create(.init(parentID: nil, name: "区教育局党委", kind: "committee"), by: .system)
        let general = try await o.create(.init(parentID: root.id, name: "一中党总支", kind: "generalBranch"), by: .system)
        let a = try await o.create(
            .init(parentID: general.id, name: "一中第一支部", kind: "branch", termStart: "2023-07-10"), by: .system)
        let b = try await o.create(
            .init(parentID: general.id, name: "一中第二支部", kind: "branch", termStart: "2024-01-01"), by: .system)
        func secretary(_ name: String, _ organization: Organization) async throws -> Int64 {
            try await t.host.users.create(
                UserDraft(
                    username: name, displayName: name, password: "secret123",
                    grants: [GrantDraft(role: "secretary", organizationID: organization.id)]), by: .system
            ).id
        }
        return World(
            t: t, general: general, branchA: a, branchB: b, secretaryA: try await secretary("zhang", a),
            secretaryGeneral: try await secretary("wang", general))
    }

    func pack(_ files: [String: String]) throws -> RulePack {
        try RulePack.load(directory: try TemporaryFiles.directory(files)).get()
    }

    func inbox(_ w: World, _ user: Int64) async throws -> [Dangjian.Notification] {
        try await w.t.host.notifications.inbox(
            unreadOnly: false, page: try PageRequest(limit: 100),
            by: Principal(userID: user, username: "u", memberID: nil, grants: [])
        ).items
    }

    static let monthly = """
        reminder {
          id = "branch-committee-monthly",
          title = "支委会每月至少召开一次",
          source = "中国共产党支部工作条例（试行）2018",
          applies_to = { kind = "branch" },
          every = "month",
          done = function(org, period) return org.name == "一中第二支部" end,
          notify = { before_end = { 7, 3 }, to = "secretary" },
          escalate = { after_end = 5, to = "parent.secretary" },
        }
        """

    @Test func remindersNotifyAtTheirStagesEscalateAfterTheEndAndNeverTwice() async throws {
        let w = try await world()
        let engine = try RuleEngine(
            host: w.t.host, pack: try pack(["committee.lua": Self.monthly]), limits: LuaLimits(), poolSize: 1)
        // 2026-06-15: no June stage yet; May ended on the 31st, five days have passed: escalate.
        var report = try await engine.sweep(at: Day("2026-06-15")!)
        #expect(report.sent == 1 && report.failures.isEmpty)
        let escalation = try #require(try await inbox(w, w.secretaryGeneral).first)
        #expect(escalation.body.contains("一中第一支部") && escalation.body.contains("2026-05"))
        #expect(escalation.ruleRef?.hasPrefix("branch-committee-monthly@") == true)
        // An escalation has a kind of its own, which no one can mute (issue 15).
        #expect(escalation.kind == "escalation")
        #expect(try await inbox(w, w.secretaryA).isEmpty)
        // The same day again: nothing new.
        report = try await engine.sweep(at: Day("2026-06-15")!)
        #expect(report.sent == 0 && report.alreadySent == 1)
        // Seven days before the end of June, then three: one notice each, to the branch only.
        report = try await engine.sweep(at: Day("2026-06-24")!)
        #expect(report.sent == 1)
        report = try await engine.sweep(at: Day("2026-06-25")!)
        #expect(report.sent == 0)
        report = try await engine.sweep(at: Day("2026-06-28")!)
        #expect(report.sent == 1)
        let notices = try await inbox(w, w.secretaryA)
        #expect(notices.count == 2 && notices.allSatisfy { $0.body.contains("2026-06-30") && $0.kind == "reminder" })
        #expect(try await inbox(w, w.secretaryGeneral).count == 1)
        await w.t.close()
    }

    @Test func aRuleThatFailsForOneOrganisationFailsAlone() async throws {
        let w = try await world()
        let failing = Self.monthly.replacingOccurrences(
            of: "done = function(org, period) return org.name == \"一中第二支部\" end",
            with:
                "done = function(org, period)\n    if org.name == \"一中第二支部\" then error(\"数据缺失\") end\n    return false\n  end"
        )
        let engine = try RuleEngine(
            host: w.t.host, pack: try pack(["committee.lua": failing]), limits: LuaLimits(), poolSize: 1)
        let report = try await engine.sweep(at: Day("2026-06-24")!)
        #expect(report.failures.count == 2)  // June's notice and May's escalation for 第二支部
        #expect(
            report.failures.allSatisfy {
                $0.organizationID == w.branchB.id && $0.error.location?.hasSuffix("committee.lua:8") == true
            }, "\(report.failures)")
        #expect(try await inbox(w, w.secretaryA).count == 1)
        #expect(report.failures.first?.error.message.contains("数据缺失") == true)
        await w.t.close()
    }

    @Test func aRunawayCallForOneOrganisationDoesNotStopTheOthers() async throws {
        let w = try await world()
        let looping = Self.monthly.replacingOccurrences(
            of: "done = function(org, period) return org.name == \"一中第二支部\" end",
            with:
                "done = function(org, period)\n    if org.name == \"一中第一支部\" then while true do end end\n    return false\n  end"
        )
        let engine = try RuleEngine(
            host: w.t.host, pack: try pack(["committee.lua": looping]),
            limits: LuaLimits(instructions: 200_000, memoryBytes: 16 << 20, seconds: 1), poolSize: 1)
        let report = try await engine.sweep(at: Day("2026-06-15")!)
        #expect(report.failures.map(\.error.kind) == [.instructionLimit])
        #expect(report.evaluated == 2)
        #expect(engine.pool.replacements == 1)
        // 第二支部's escalation still went out to the general branch's secretary.
        #expect(try await inbox(w, w.secretaryGeneral).contains { $0.body.contains("一中第二支部") })
        await w.t.close()
    }

    @Test func aRuleThatRunsAwayEverywhereStopsCostingAfterItsBudget() async throws {
        let t = try await TemporaryHost.open(at: Day("2026-01-10")!.start)
        let root = try await t.host.organizations.create(
            .init(parentID: nil, name: "区委", kind: "committee"), by: .system)
        for n in 1...12 {
            _ = try await t.host.organizations.create(
                .init(parentID: root.id, name: "支部\(n)", kind: "branch"), by: .system)
        }
        let looping = """
            rule { id = "spin", title = "x", source = "x", applies_to = { kind = "branch" },
              check = function(org, today) while true do end end }
            """
        let engine = try RuleEngine(
            host: t.host, pack: try pack(["spin.lua": looping]),
            limits: LuaLimits(instructions: 50_000, memoryBytes: 16 << 20, seconds: 1), poolSize: 1)
        let report = try await engine.sweep(at: Day("2026-06-15")!)
        #expect(report.failures.count == 12)
        #expect(report.failures.filter { $0.error.message.contains("skipped") }.count == 2)
        #expect(engine.pool.replacements == RuleEngine.runawayBudget)
        await t.close()
    }

    @Test func aRuleReturnsIntentsKeyedSoTheyAreSentOnce() async throws {
        let w = try await world()
        let terms = """
            rule {
              id = "term-ends-within-30-days",
              title = "任期届满前30天提醒",
              source = "关于党的基层组织任期的意见 2018",
              applies_to = { kind = { "branch", "generalBranch" } },
              check = function(org, today)
                if org.term_end and dj.date.days_between(today, org.term_end) <= 30 then
                  return { { notify = "secretary", title = "任期将于 " .. org.term_end .. " 届满，请做好换届准备", key = "term:" .. org.term_end } }
                end
                return {}
              end,
            }
            """
        let engine = try RuleEngine(
            host: w.t.host, pack: try pack(["terms.lua": terms]), limits: LuaLimits(), poolSize: 1)
        // 一中第一支部's three-year term started 2023-07-10 and ends 2026-07-10.
        #expect(try await engine.sweep(at: Day("2026-06-01")!).sent == 0)
        #expect(try await engine.sweep(at: Day("2026-06-15")!).sent == 1)
        #expect(try await engine.sweep(at: Day("2026-06-16")!).sent == 0)
        let notice = try #require(try await inbox(w, w.secretaryA).first)
        #expect(notice.title.contains("2026-07-10"))
        await w.t.close()
    }
}

@Suite struct BaselinePackTests {
    static let baseline = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "../../scripts/rules"
    ).standardized.path

    @Test func theBaselinePackChecksClean() throws {
        let pack = try RulePack.load(directory: Self.baseline).get()
        #expect(
            Set(pack.declarations.compactMap(\.id)) == [
                "term-ends-soon", "probation-ends-soon", "activist-trained-a-year", "applicant-talk-within-a-month",
            ])
        #expect(pack.declarations.allSatisfy { $0.fields["source"]?.string?.isEmpty == false })
    }

    @Test func theBaselineRemindsOfTermsProbationAndActivistsOnce() async throws {
        let t = try await TemporaryHost.open()  // 2026-06-15
        let o = t.host.organizations
        let root = try await o.create(.init(parentID: nil, name: "区教育局党委", kind: "committee"), by: .system)
        // A three-year term from 2023-07-10 ends 2026-07-10: 25 days away.
        let branch = try await o.create(
            .init(parentID: root.id, name: "一中支部", kind: "branch", termStart: "2023-07-10"), by: .system)
        let secretary = try await t.host.users.create(
            UserDraft(
                username: "zhang", displayName: "张书记", password: "secret123",
                grants: [GrantDraft(role: "secretary", organizationID: branch.id)]), by: .system)
        func draft(_ name: String, _ status: String, admitted: String? = nil, activist: String? = nil, applied: String)
            -> MemberDraft
        {
            MemberDraft(
                organizationID: branch.id, name: name, status: status, appliedOn: applied,
                activistOn: activist ?? (status == "applicant" ? nil : "2024-01-10"),
                candidateOn: status == "probationary" ? "2025-02-01" : nil, admittedOn: admitted)
        }
        // ends 2026-06-20
        _ = try await t.host.members.create(
            draft("李预备", "probationary", admitted: "2025-06-20", applied: "2023-10-01"), by: .system)
        // ready since 2026-05-01
        _ = try await t.host.members.create(
            draft("王积极", "activist", activist: "2025-05-01", applied: "2025-01-05"), by: .system)
        _ = try await t.host.members.create(
            draft("赵新人", "activist", activist: "2026-01-01", applied: "2025-10-05"), by: .system)  // not yet
        let pack = try RulePack.load(directory: Self.baseline).get()
        let engine = try RuleEngine(host: t.host, pack: pack, limits: LuaLimits(), poolSize: 2)
        let first = try await engine.sweep(at: t.today)
        #expect(first.failures.isEmpty, "\(first.failures)")
        #expect(first.sent == 3)
        #expect(try await engine.sweep(at: t.today).sent == 0)
        let titles = try await t.host.notifications.inbox(
            unreadOnly: false, page: .first,
            by: Principal(userID: secretary.id, username: "zhang", memberID: nil, grants: [])
        ).items.map(\.title)
        #expect(titles.contains { $0.contains("2026-07-10") && $0.contains("25") })
        #expect(titles.contains { $0.contains("李预备") && $0.contains("2026-06-20") })
        #expect(titles.contains { $0.contains("王积极") })
        #expect(!titles.contains { $0.contains("赵新人") })
        // Closer to the end of the term, the 7-day stage is a new notice.
        #expect(try await engine.sweep(at: Day("2026-07-04")!).sent >= 1)
        await t.close()
    }
}

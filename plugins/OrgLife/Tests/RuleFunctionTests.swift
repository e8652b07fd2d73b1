import Dangjian
import DangjianLua
import Foundation
import Testing
@testable import OrgLife
import DangjianTestSupport

/// `dj.orglife.*` against real records, through a real sweep.
@Suite struct RuleFunctionTests {
    func pack(_ source: String) throws -> RulePack {
        try RulePack.load(directory: try TemporaryFiles.directory(["r.lua": source])).get()
    }

    /// A rule that reports what a function answers, as the title of a notice to branch A.
    func answer(_ d: SupervisionDistrict, _ expression: String) async throws -> (titles: [String], failures: [String]) {
        let rules = try pack(
            """
            rule { id = "probe", title = "探针", source = "测试", applies_to = { kind = "branch" },
              check = function(org, today)
                if org.id ~= \(d.a.id) then return {} end
                return { { notify = "secretary", title = tostring(\(expression)), key = "probe" } }
              end }
            """)
        let report = try await RuleEngine(
            host: d.t.host, rules: RuleSet(baseline: rules), limits: LuaLimits(), poolSize: 1
        )
        .sweep(at: d.t.today, dryRun: true)
        return (report.planned.map(\.title), report.failures.map(\.error.message))
    }

    @Test func countLastAttendanceAndHoursAnswerFromTheLedger() async throws {
        let d = try await SupervisionDistrict.make()
        let ledger = d.ledger
        let member = try await d.t.host.members.list(.init(organizationID: d.a.id), page: .first, by: .system).items[0]
        for day in ["2026-04-03", "2026-05-08"] {
            _ = try await ledger.record(
                LedgerRecordDraft(
                    organizationID: d.a.id, kind: "themeDay", heldAt: day, topic: "主题党日",
                    attendees: [.init(memberID: member.id, classHours: 3)]), by: .system)
        }
        #expect(try await answer(d, #"dj.orglife.count(org.id, "themeDay", "2026-Q2")"#).titles == ["2"])
        #expect(try await answer(d, #"dj.orglife.count(org.id, "themeDay", "2026-04")"#).titles == ["1"])
        #expect(try await answer(d, #"dj.orglife.last(org.id, "themeDay")"#).titles == ["2026-05-08"])
        #expect(try await answer(d, #"dj.orglife.last(org.id, "partyLecture")"#).titles == ["nil"])
        #expect(try await answer(d, #"dj.orglife.attendance(org.id, "2026").present"#).titles == ["2"])
        #expect(try await answer(d, "dj.orglife.class_hours(\(member.id), 2026)").titles == ["6.0"])
        #expect(try await answer(d, #"#dj.orglife.short_of_hours(org.id, 2026, 32)"#).titles == ["1"])
        #expect(try await answer(d, #"#dj.orglife.members_without(org.id, "themeDay", "2026-05")"#).titles == ["0"])
    }

    @Test func onlyWholePeriodsAndKnownKindsAreAccepted() async throws {
        let d = try await SupervisionDistrict.make()
        let week = try await answer(
            d, #"dj.orglife.count(org.id, "themeDay", { start = "2026-06-03", ["end"] = "2026-06-09" })"#)
        #expect(
            week.titles.isEmpty && week.failures.first?.contains("must be a month, quarter, half-year or year") == true)
        let kind = try await answer(d, #"dj.orglife.count(org.id, "picnic", "2026")"#)
        #expect(kind.failures.first?.contains("must be a kind") == true)
        let month = try await answer(
            d, #"dj.orglife.count(org.id, "themeDay", { start = "2026-06-01", ["end"] = "2026-06-30" })"#)
        #expect(month.titles == ["0"])
    }
}

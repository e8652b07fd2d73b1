import Dangjian
import DangjianLua
import Foundation
import Testing
@testable import OrgLife
import DangjianTestSupport

/// A committee with two branches and a party group: branch A has a committee, branch B has
/// none; each branch has a secretary account. Records are made in the second quarter of 2026.
struct SupervisionDistrict {
    static let rules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../rules")
        .standardized.path
    static let kernelRules = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../scripts/rules").standardized.path

    let t: TemporaryHost
    let plugin: OrgLifePlugin
    /// The plugin's rule lookup: `rules.start(host:)` loads the rules it scores with.
    let rules: RuleLink
    let root: Organization
    let a: Organization
    let b: Organization
    let group: Organization
    let secretaries: [Int64: Int64]

    /// 10 July 2026: the second quarter has ended and can be checked.
    static let afterQ2 = Day("2026-07-10")!.start.addingTimeInterval(10 * 3600)

    /// The organisations are set up in 2025, so they owe every item of 2026; then the clock
    /// moves to `date`.
    static func make(at date: Date = afterQ2) async throws -> SupervisionDistrict {
        let link = RuleLink()
        let plugin = OrgLifePlugin(rulesDirectory: rules, rules: link)
        let t = try await TemporaryHost.open(plugins: [plugin], at: Day("2025-01-02")!.start) {
            $0.rulesBaseline = kernelRules
        }
        defer { t.clock.set(date) }
        let o = t.host.organizations
        let root = try await t.organization("示范街道党工委", .committee)
        let a = try await t.organization("甲社区支部", .branch, under: root)
        let b = try await t.organization("乙社区支部", .branch, under: root)
        let group = try await t.organization("甲一党小组", .group, under: a)
        let member = try await t.host.members.create(
            MemberDraft(
                organizationID: a.id, name: "陈书记", status: "full", appliedOn: "2010-03-01", activistOn: "2010-09-01",
                candidateOn: "2011-10-01", admittedOn: "2012-06-01", fullOn: "2013-06-01"), by: .system)
        _ = try await o.update(
            a.id, OrganizationPatch(committee: [CommitteeSeat(memberID: member.id, position: "书记")]), by: .system)
        var secretaries: [Int64: Int64] = [:]
        for branch in [a, b] {
            secretaries[branch.id] = try await t.host.users.create(
                UserDraft(
                    username: "s\(branch.id)", displayName: "书记", password: "secret123",
                    grants: [GrantDraft(role: "secretary", organizationID: branch.id)]), by: .system
            ).id
        }
        secretaries[root.id] = try await t.host.users.create(
            UserDraft(
                username: "root", displayName: "党工委书记", password: "secret123",
                grants: [GrantDraft(role: "secretary", organizationID: root.id)]), by: .system
        ).id
        return SupervisionDistrict(
            t: t, plugin: plugin, rules: link, root: root, a: a, b: b, group: group, secretaries: secretaries)
    }

    var ledger: Ledger { Ledger(host: t.host) }
    var supervision: Supervision { Supervision(host: t.host, plugin: plugin) }

    @discardableResult
    func record(_ organization: Organization, _ kind: MeetingKind, _ heldAt: String) async throws -> LedgerRecord {
        try await ledger.record(
            LedgerRecordDraft(organizationID: organization.id, kind: kind.rawValue, heldAt: heldAt, topic: "测试"),
            by: .system)
    }
}

@Suite struct SupervisionTests {
    @Test func theQuarterlyMatrixShowsHeldPartlyAndMissingWithTheRecordsBehindIt() async throws {
        let d = try await SupervisionDistrict.make()
        let general = try await d.record(d.a, .generalMeeting, "2026-04-10T14:30")
        try await d.record(d.a, .committeeMeeting, "2026-04-03")
        try await d.record(d.a, .committeeMeeting, "2026-05-08")
        for month in ["04", "05", "06"] { try await d.record(d.a, .themeDay, "2026-\(month)-01") }
        try await d.record(d.group, .groupMeeting, "2026-05-20")
        try await d.record(d.b, .themeDay, "2026-03-31")  // the quarter before: does not count
        let matrix = try await d.supervision.matrix(under: d.root.id, quarter: try Period.parse("2026-Q2"), by: .system)
        #expect(matrix.rows.map(\.name) == ["甲社区支部", "甲一党小组", "乙社区支部"])
        func cell(_ organization: Organization, _ kind: MeetingKind) -> ComplianceMatrix.Cell? {
            matrix.rows.first { $0.organizationID == organization.id }?.cells.first { $0.kind == kind }
        }
        #expect(cell(d.a, .generalMeeting)?.status == .held)
        #expect(cell(d.a, .generalMeeting)?.recordIDs == [general.id])
        #expect(cell(d.a, .committeeMeeting)?.status == .partly && cell(d.a, .committeeMeeting)?.held == 2)
        #expect(cell(d.a, .themeDay)?.status == .held)
        #expect(cell(d.a, .partyLecture)?.status == .missing)
        #expect(cell(d.b, .committeeMeeting)?.status == .notApplicable)
        #expect(cell(d.b, .themeDay)?.status == .missing)
        #expect(cell(d.group, .groupMeeting)?.status == .partly)
        #expect(cell(d.group, .themeDay)?.status == .notApplicable)

        let csv = try matrix.csv()
        #expect(csv.hasPrefix("组织,组织编号,支部党员大会,支委会,党小组会,党课,主题党日"))
        #expect(csv.contains("甲社区支部,\(d.a.id),已落实（1/1）,部分落实（2/3）,不适用,未落实（0/1）,已落实（3/3）"))
        let summary = matrix.summary
        #expect(
            summary.items.first { $0.kind == .themeDay }
                == .init(kind: .themeDay, name: "主题党日", held: 1, partly: 0, missing: 1))
        #expect(summary.attention.first?.organizationID == d.b.id)
        await d.t.close()
    }

    @Test func aBranchSetUpDuringTheQuarterOwesOnlyWhatBeganAfterIt() async throws {
        let d = try await SupervisionDistrict.make()
        d.t.clock.set(Day("2026-05-10")!.start.addingTimeInterval(10 * 3600))
        let new = try await d.t.organization("丙社区支部", .branch, under: d.root)
        d.t.clock.set(SupervisionDistrict.afterQ2)
        let matrix = try await d.supervision.matrix(under: d.root.id, quarter: try Period.parse("2026-Q2"), by: .system)
        let cells = try #require(matrix.rows.first { $0.organizationID == new.id }?.cells)
        // June only
        #expect(cells.first { $0.kind == .themeDay }.map { ($0.status, $0.required) } ?? (.held, 0) == (.missing, 1))
        #expect(cells.first { $0.kind == .generalMeeting }?.status == .notApplicable)  // the quarter began before it
        // Registered in May, but its term began last year: it has existed all along and owes the quarter.
        d.t.clock.set(Day("2026-05-10")!.start.addingTimeInterval(10 * 3600))
        let old = try await d.t.host.organizations.create(
            .init(
                parentID: d.root.id, name: "丁社区支部", kind: "branch",
                termStart: "2025-03-01"), by: .system)
        d.t.clock.set(SupervisionDistrict.afterQ2)
        let again = try await d.supervision.matrix(under: d.root.id, quarter: try Period.parse("2026-Q2"), by: .system)
        let oldCells = try #require(again.rows.first { $0.organizationID == old.id }?.cells)
        #expect(oldCells.first { $0.kind == .themeDay }?.required == 3)
        #expect(oldCells.first { $0.kind == .generalMeeting }?.status == .missing)
        await d.t.close()
    }

    @Test func missingItemsOpenRectificationItemsOnceIssuedByTheParent() async throws {
        let d = try await SupervisionDistrict.make()
        try await d.record(d.a, .generalMeeting, "2026-04-10")
        let matrix = try await d.supervision.matrix(under: d.root.id, quarter: try Period.parse("2026-Q2"), by: .system)
        let missing = matrix.rows.reduce(0) { $0 + $1.missing }
        let opened = try await d.supervision.openRectifications(matrix, today: d.t.today, by: .system)
        #expect(opened == missing && opened > 0)
        #expect(try await d.supervision.openRectifications(matrix, today: d.t.today, by: .system) == 0)
        let tasks = try await d.t.host.tasks.list(.init(kind: "orglife.rectification"), page: .first, by: .system).items
        #expect(tasks.count == missing)
        #expect(tasks.allSatisfy { $0.issuerOrganizationID == d.root.id || $0.issuerOrganizationID == d.a.id })
        #expect(tasks.contains { $0.responsibleOrganizationID == d.b.id && $0.title.contains("主题党日") })
        #expect(!tasks.contains { $0.responsibleOrganizationID == d.a.id && $0.title.contains("支部党员大会") })
        await d.t.close()
    }

    @Test func monthlyTipsAreOneDigestPerSecretaryAndNeverTwice() async throws {
        let d = try await SupervisionDistrict.make(at: Day("2026-07-01")!.start.addingTimeInterval(9 * 3600))
        try await d.record(d.a, .themeDay, "2026-07-01T08:00")
        let sent = try await d.supervision.sendMonthlyTips(for: Day("2026-07-01")!)
        #expect(sent == 2)  // the secretaries of A and B; the group and the committee have no digest
        #expect(try await d.supervision.sendMonthlyTips(for: Day("2026-07-01")!) == 0)
        let inbox = try await d.t.host.store.read { s in
            try s.query("SELECT organization_id, body FROM notifications WHERE kind = 'orglife.monthlyTips'", [])
                .map { (try $0.int64("organization_id"), try $0.string("body")) }
        }
        let a = try #require(inbox.first { $0.0 == d.a.id }?.1)
        #expect(a.contains("支委会：2026-07 应不少于 1 次，已登记 0 次"))
        #expect(!a.contains("主题党日"))  // held this month already
        #expect(a.contains("组织生活会：2026"))
        let b = try #require(inbox.first { $0.0 == d.b.id }?.1)
        #expect(b.contains("主题党日") && !b.contains("支委会"))
        await d.t.close()
    }

    @Test func theTipsWaitForTheFirstWorkingDayOfTheMonth() async throws {
        let d = try await SupervisionDistrict.make()
        var configuration = d.t.host.configuration
        configuration.rulesCalendar = SupervisionDistrict.kernelRules + "/../calendar/cn-holidays.json"
        let calendar = try configuration.workCalendar()
        // October 2026 opens with the National Day holiday (1–7 October, as shipped in the calendar).
        #expect(!calendar.isWorkingDay(Day("2026-10-07")!))
        #expect(d.supervision.firstWorkingDay(of: Day("2026-10-20")!, calendar: calendar) == Day("2026-10-08"))
        // 1 Nov is a Sunday
        #expect(d.supervision.firstWorkingDay(of: Day("2026-11-20")!, calendar: calendar) == Day("2026-11-02"))
        await d.t.close()
    }

    @Test func theAnnualEvaluationScoresRanksAndExplainsEachPoint() async throws {
        let d = try await SupervisionDistrict.make(at: Day("2027-01-15")!.start.addingTimeInterval(9 * 3600))
        await #expect(throws: DangjianError.self) {
            try await d.supervision.evaluate(year: 2026, under: d.root.id, by: .system)
        }
        let runtime = try await d.rules.start(host: d.t.host)
        _ = runtime
        for month in 1...12 { try await d.record(d.a, .themeDay, String(format: "2026-%02d-05", month)) }
        try await d.record(d.a, .orgLifeMeeting, "2026-12-20")
        try await d.record(d.b, .themeDay, "2026-06-05")
        let evaluation = try await d.supervision.evaluate(year: 2026, under: d.root.id, by: .system)
        #expect(evaluation.failures.isEmpty)
        #expect(evaluation.entries.map(\.organizationID) == [d.a.id, d.b.id])
        #expect(evaluation.entries.map(\.rank) == [1, 2])
        let a = evaluation.entries[0]
        #expect(a.items.first { $0.item == "主题党日" }?.points == 20)
        #expect(a.items.first { $0.item == "主题党日" }?.evidence == "全年开展 12 次，应不少于 12 次")
        #expect(a.ruleRef.hasPrefix("score:orglife-annual@"))
        #expect(try await d.supervision.announceEvaluation(year: 2026) == 1)  // the root's secretary
        #expect(try await d.supervision.announceEvaluation(year: 2026) == 0)
        await d.t.close()
    }

    @Test func aSpotCheckRecordsAnInspectionWhoseFindingsOpenRectifications() async throws {
        let d = try await SupervisionDistrict.make()
        for month in ["04", "05", "06"] {
            try await d.record(d.a, .themeDay, "2026-\(month)-01")
            try await d.record(d.a, .committeeMeeting, "2026-\(month)-02")
            _ = try await d.ledger.filePlan(
                ActivityPlanDraft(
                    organizationID: d.a.id, month: "2026-\(month)",
                    items: [
                        .init(kind: "themeDay", plannedOn: "2026-\(month)-01", topic: "主题党日")
                    ]), by: .system)
        }
        try await d.record(d.a, .generalMeeting, "2026-04-10")
        try await d.record(d.a, .partyLecture, "2026-05-10")
        let check = try await d.supervision.spotCheck(
            SpotCheckDraft(organizationID: d.root.id, quarter: "2026-Q2", organizationIDs: [d.a.id, d.b.id]),
            today: d.t.today, by: .system)
        #expect(check.findings == 1)  // A held everything and filed its plans; B did nothing
        let inspection = try await d.t.host.tasks.inspection(check.inspectionID, by: .system)
        #expect(inspection.findings.map(\.organizationID) == [d.b.id])
        #expect(inspection.findings.first?.rectificationTaskID != nil)
        #expect(inspection.findings.first?.description.contains("计划未全部报备（0/3）") == true)
        let random = try await d.supervision.spotCheck(
            SpotCheckDraft(organizationID: d.root.id, quarter: "2026-Q2", sample: 1),
            today: d.t.today, by: .system, random: { _ in 0 })
        #expect(random.checked.count == 1)
        await #expect(throws: DangjianError.self) {
            try await d.supervision.spotCheck(
                SpotCheckDraft(organizationID: d.a.id, quarter: "2026-Q2", organizationIDs: [d.b.id]),
                today: d.t.today, by: .system)
        }
        await d.t.close()
    }
}

import Foundation
import Testing
@testable import Dangjian
import DangjianTestSupport
@testable import DualLiaison
@testable import RegionalCouncil

@Suite struct LiaisonAssignmentTests {
    @Test func aPairIsAssignedAndAReplacementKeepsTheHistoryWithAudit() async throws {
        let t = try await openLiaisonHost()
        defer { Task { await t.close() } }
        let w = try await LiaisonWorld.make(t)
        let liaisons = Liaisons(host: t.host)
        let leader = try await liaisons.assign(
            to: w.east.id, AssignmentDraft(role: "leader", memberID: w.leaderWang.id, from: "2025-03-01"), by: .system)
        #expect(leader.role == .leader && leader.name == "王建国" && leader.from == Day("2025-03-01") && leader.to == nil)
        _ = try await liaisons.assign(
            to: w.east.id, AssignmentDraft(role: "staff", memberID: w.staffZhou.id), by: .system)
        // 李文华 takes over on 1 June: 王建国's assignment ends on 31 May and stays in the history.
        let next = try await liaisons.assign(
            to: w.east.id, AssignmentDraft(role: "leader", memberID: w.leaderLi.id, from: "2026-06-01"), by: .system)
        let history = try await liaisons.history(ofSubCouncil: w.east.id, by: .system)
        #expect(history.map(\.name) == ["王建国", "李文华", "周晓敏"])
        #expect(history[0].to == Day("2026-05-31") && history[1].id == next.id && history[1].to == nil)
        #expect(history[2].from == t.today)
        let current = try await liaisons.liaisons(ofCommittee: w.committee.id, by: .system)
        #expect(current.settings?.leadershipOrganization == "局机关党支部" && current.maxSubCouncilsPerPerson == 1)
        #expect(current.subCouncils.map(\.name) == ["东部分会", "西部分会", "北部分会"])
        #expect(current.subCouncils[0].leader?.name == "李文华" && current.subCouncils[0].staff?.name == "周晓敏")
        #expect(current.subCouncils[1].leader == nil)
        let audit = try await t.count(
            "audit_log", "entity = 'liaison.assignment' AND action = 'assign' AND org_path = '\(w.bureau.path)'")
        #expect(audit == 3)
        #expect(
            try await t.count(
                "audit_log", "entity = 'liaison.assignment' AND before_json LIKE '%王建国%' AND entity_id = \(next.id)")
                == 1)
    }

    @Test func aLeaderOutsideTheLeadershipAndAStaffLiaisonOutsideTheOfficeAreRefusedWritingNothing() async throws {
        let t = try await openLiaisonHost()
        defer { Task { await t.close() } }
        let w = try await LiaisonWorld.make(t)
        let liaisons = Liaisons(host: t.host)
        let before = try await LiaisonCounts.of(t)
        let leader = await expectRefusal("liaison.notInLeadership", field: "memberID") {
            _ = try await liaisons.assign(
                to: w.east.id, AssignmentDraft(role: "leader", memberID: w.staffZhou.id), by: .system)
        }
        #expect(leader?.zh.contains("局机关党支部") == true && leader?.kind == .invalid)
        await expectRefusal("liaison.notInLeadership", field: "memberID") {
            _ = try await liaisons.assign(
                to: w.east.id, AssignmentDraft(role: "leader", memberID: w.teacher.id), by: .system)
        }
        let staff = await expectRefusal("liaison.notInOffice", field: "memberID") {
            _ = try await liaisons.assign(
                to: w.east.id, AssignmentDraft(role: "staff", memberID: w.leaderWang.id), by: .system)
        }
        #expect(staff?.en.contains("局党委办公室党支部") == true)
        let activist = try await LiaisonWorld.full(t, w.leadership, "新同志", 106, status: "activist")
        await expectRefusal("liaison.notAPartyMember", field: "memberID") {
            _ = try await liaisons.assign(
                to: w.east.id, AssignmentDraft(role: "leader", memberID: activist.id), by: .system)
        }
        await expectRefusal("validation.futureDate", field: "from") {
            _ = try await liaisons.assign(
                to: w.east.id, AssignmentDraft(role: "leader", memberID: w.leaderWang.id, from: "2026-06-16"),
                by: .system)
        }
        await expectRefusal("validation.badValue", field: "role") {
            _ = try await liaisons.assign(
                to: w.east.id, AssignmentDraft(role: "deputy", memberID: w.leaderWang.id), by: .system)
        }
        await expectRefusal("validation.required", field: "memberID") {
            _ = try await liaisons.assign(to: w.east.id, AssignmentDraft(role: "leader"), by: .system)
        }
        await expectRefusal("member.notFound") {
            _ = try await liaisons.assign(to: w.east.id, AssignmentDraft(role: "leader", memberID: 98765), by: .system)
        }
        await expectRefusal("council.subCouncil.notFound") {
            _ = try await liaisons.assign(
                to: 98765, AssignmentDraft(role: "leader", memberID: w.leaderWang.id), by: .system)
        }
        #expect(try await LiaisonCounts.of(t) == before)
    }

    @Test func withoutSettingsNothingCanBeAssignedAndTheSettingsAreChecked() async throws {
        let t = try await openLiaisonHost()
        defer { Task { await t.close() } }
        let w = try await LiaisonWorld.make(t, settings: false)
        let liaisons = Liaisons(host: t.host)
        await expectRefusal("liaison.noSettings") {
            _ = try await liaisons.assign(
                to: w.east.id, AssignmentDraft(role: "leader", memberID: w.leaderWang.id), by: .system)
        }
        await expectRefusal("liaison.sameOrganization", field: "officeOrganizationID") {
            _ = try await liaisons.configure(
                w.committee.id,
                LiaisonSettingsDraft(leadershipOrganizationID: w.office.id, officeOrganizationID: w.office.id),
                by: .system)
        }
        await expectRefusal("validation.required", field: "officeOrganizationID") {
            _ = try await liaisons.configure(
                w.committee.id, LiaisonSettingsDraft(leadershipOrganizationID: w.leadership.id), by: .system)
        }
        // A school's secretary sees the committee (its school is a unit) but may not set it up.
        await expectRefusal("auth.forbidden") {
            _ = try await liaisons.configure(
                w.committee.id,
                LiaisonSettingsDraft(leadershipOrganizationID: w.leadership.id, officeOrganizationID: w.office.id),
                by: LiaisonWorld.caller(.secretary, over: w.schoolA))
        }
        #expect(try await t.count("liaison_settings") == 0)
        let bureauAdmin = LiaisonWorld.caller(.districtAdmin, over: w.bureau)
        let settings = try await liaisons.configure(
            w.committee.id,
            LiaisonSettingsDraft(
                leadershipOrganizationID: w.leadership.id,
                officeOrganizationID: w.office.id), by: bureauAdmin)
        #expect(settings.officeOrganization == "局党委办公室党支部")
        // The bureau's admin cannot name an organisation outside the bureau.
        await expectRefusal("organization.notFound") {
            _ = try await liaisons.configure(
                w.committee.id,
                LiaisonSettingsDraft(leadershipOrganizationID: w.leadership.id, officeOrganizationID: w.community.id),
                by: bureauAdmin)
        }
        #expect(try await t.count("audit_log", "entity = 'liaison.settings'") == 1)
    }

    @Test func oneSubCouncilPerPersonAndRoleUnlessTheDistrictRelaxesIt() async throws {
        let t = try await openLiaisonHost()
        defer { Task { await t.close() } }
        let w = try await LiaisonWorld.make(t)
        let liaisons = Liaisons(host: t.host)
        try await w.assign(t, w.east, leader: w.leaderWang, staff: w.staffZhou)
        let before = try await LiaisonCounts.of(t)
        let over = await expectRefusal("liaison.overQuota", field: "memberID") {
            _ = try await liaisons.assign(
                to: w.west.id, AssignmentDraft(role: "leader", memberID: w.leaderWang.id), by: .system)
        }
        #expect(over?.kind == .conflict && over?.zh.contains("东部分会") == true)
        // Assigning the holder again is a conflict of its own.
        await expectRefusal("liaison.alreadyAssigned", field: "memberID") {
            _ = try await liaisons.assign(
                to: w.east.id, AssignmentDraft(role: "leader", memberID: w.leaderWang.id), by: .system)
        }
        #expect(try await LiaisonCounts.of(t) == before)

        // The same host reopened with the quota relaxed to two.
        let relaxed = try await reopen(t) { $0.pluginSettings = ["liaison.maxSubCouncilsPerPerson": "2"] }
        let more = Liaisons(host: relaxed)
        _ = try await more.assign(
            to: w.west.id, AssignmentDraft(role: "leader", memberID: w.leaderWang.id), by: .system)
        await expectRefusal("liaison.overQuota", field: "memberID") {
            _ = try await more.assign(
                to: w.north.id, AssignmentDraft(role: "leader", memberID: w.leaderWang.id), by: .system)
        }
        #expect(try await more.liaisons(ofCommittee: w.committee.id, by: .system).maxSubCouncilsPerPerson == 2)
        await relaxed.stop()
    }

    @Test func onePersonIsNotBothLiaisonsOfASubCouncil() async throws {
        let t = try await openLiaisonHost()
        defer { Task { await t.close() } }
        let w = try await LiaisonWorld.make(t)
        let liaisons = Liaisons(host: t.host)
        // With the whole bureau as the leadership, the office's staff are in both subtrees.
        _ = try await liaisons.configure(
            w.committee.id,
            LiaisonSettingsDraft(leadershipOrganizationID: w.bureau.id, officeOrganizationID: w.office.id), by: .system)
        try await w.assign(t, w.east, leader: nil, staff: w.staffZhou)
        await expectRefusal("liaison.samePerson", field: "memberID") {
            _ = try await liaisons.assign(
                to: w.east.id, AssignmentDraft(role: "leader", memberID: w.staffZhou.id), by: .system)
        }
        // Nor over past days: having left as staff liaison on 31 May, she may lead east from 1 June only.
        _ = try await liaisons.end(at: w.east.id, AssignmentEndDraft(role: "staff", on: "2026-05-31"), by: .system)
        await expectRefusal("liaison.samePerson", field: "memberID") {
            _ = try await liaisons.assign(
                to: w.east.id, AssignmentDraft(role: "leader", memberID: w.staffZhou.id, from: "2026-04-01"),
                by: .system)
        }
        #expect(try await t.count("liaison_assignments") == 1)
        _ = try await liaisons.assign(
            to: w.east.id, AssignmentDraft(role: "leader", memberID: w.staffZhou.id, from: "2026-06-01"), by: .system)
    }

    @Test func anAssignmentEndsLeavingTheRoleVacantAndCannotEndBeforeItBegan() async throws {
        let t = try await openLiaisonHost()
        defer { Task { await t.close() } }
        let w = try await LiaisonWorld.make(t)
        let liaisons = Liaisons(host: t.host)
        try await w.assign(t, w.east, leader: w.leaderWang, staff: w.staffZhou, from: "2026-01-01")
        await expectRefusal("validation.dateOrder", field: "on") {
            _ = try await liaisons.end(at: w.east.id, AssignmentEndDraft(role: "staff", on: "2025-12-31"), by: .system)
        }
        await expectRefusal("validation.dateOrder", field: "from") {
            _ = try await liaisons.assign(
                to: w.east.id, AssignmentDraft(role: "leader", memberID: w.leaderLi.id, from: "2026-01-01"), by: .system
            )
        }
        let ended = try await liaisons.end(
            at: w.east.id, AssignmentEndDraft(role: "staff", on: "2026-05-31"), by: .system)
        #expect(ended.to == Day("2026-05-31"))
        await expectRefusal("liaison.assignment.notFound") {
            _ = try await liaisons.end(at: w.east.id, AssignmentEndDraft(role: "staff"), by: .system)
        }
        // The staff liaison is free again, so may now take another sub-council.
        _ = try await liaisons.assign(
            to: w.west.id, AssignmentDraft(role: "staff", memberID: w.staffZhou.id), by: .system)
        #expect(try await t.count("audit_log", "entity = 'liaison.assignment' AND action = 'end'") == 1)
    }

    /// 周晓敏 was east's staff liaison until 31 May. Nobody may be assigned to east's staff
    /// role from a day she still held it, and she may not take west from a day she still held east.
    @Test func anAssignmentIntoAVacancyDoesNotOverlapTheHistoryOrTheQuota() async throws {
        let t = try await openLiaisonHost()
        defer { Task { await t.close() } }
        let w = try await LiaisonWorld.make(t)
        let liaisons = Liaisons(host: t.host)
        try await w.assign(t, w.east, leader: nil, staff: w.staffZhou)
        _ = try await liaisons.end(at: w.east.id, AssignmentEndDraft(role: "staff", on: "2026-05-31"), by: .system)
        let before = try await LiaisonCounts.of(t)
        for day in ["2026-05-01", "2026-05-31"] {
            let overlap = await expectRefusal("liaison.overlapsHistory", field: "from") {
                _ = try await liaisons.assign(
                    to: w.east.id, AssignmentDraft(role: "staff", memberID: w.staffWu.id, from: day), by: .system)
            }
            #expect(
                overlap?.kind == .conflict && overlap?.zh.contains("2026-05-31") == true
                    && overlap?.en.contains("2026-05-31") == true)
        }
        let busy = await expectRefusal("liaison.overQuota", field: "memberID") {
            _ = try await liaisons.assign(
                to: w.west.id, AssignmentDraft(role: "staff", memberID: w.staffZhou.id, from: "2026-03-01"), by: .system
            )
        }
        #expect(busy?.zh.contains("东部分会") == true && busy?.zh.contains("2026-03-01") == true)
        #expect(try await LiaisonCounts.of(t) == before)
        // From the day after she left, both are fine.
        _ = try await liaisons.assign(
            to: w.east.id, AssignmentDraft(role: "staff", memberID: w.staffWu.id, from: "2026-06-01"), by: .system)
        _ = try await liaisons.assign(
            to: w.west.id, AssignmentDraft(role: "staff", memberID: w.staffZhou.id, from: "2026-06-01"), by: .system)
        let east = try await liaisons.history(ofSubCouncil: w.east.id, by: .system)
        #expect(east.map(\.name) == ["周晓敏", "吴静怡"] && east[0].to! < east[1].from)
    }
}

/// The same database opened again with another configuration (the temporary host stays open).
func reopen(_ t: TemporaryHost, _ configure: (inout HostConfiguration) -> Void = { _ in }) async throws -> DangjianHost
{
    var configuration = t.host.configuration
    configure(&configuration)
    return try await DangjianHost.open(
        configuration: configuration, plugins: liaisonPlugins(configuration), clock: t.clock, logger: t.host.logger)
}

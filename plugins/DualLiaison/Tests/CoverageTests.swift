import Foundation
import Testing
@testable import Dangjian
import DangjianTestSupport
@testable import DualLiaison
@testable import RegionalCouncil

@Suite struct CoverageTests {
    @Test func theReportListsEachMissingRoleWithSinceWhenAndWhoIsOverQuota() async throws {
        let t = try await openLiaisonHost(configure: { $0.pluginSettings = ["liaison.maxSubCouncilsPerPerson": "2"] })
        defer { Task { await t.close() } }
        let w = try await LiaisonWorld.make(t)
        let liaisons = Liaisons(host: t.host)
        try await w.assign(t, w.east, leader: w.leaderWang, staff: w.staffZhou)
        try await w.assign(t, w.west, leader: w.leaderWang, staff: w.staffWu, from: "2026-01-01")
        _ = try await liaisons.end(at: w.west.id, AssignmentEndDraft(role: "staff", on: "2026-05-31"), by: .system)
        // North has no one. With a quota of two, nobody is over it.
        let relaxed = try await liaisons.coverage(of: w.committee.id, by: .system)
        #expect(relaxed.subCouncils == 3 && relaxed.covered == 1 && relaxed.maxSubCouncilsPerPerson == 2)
        #expect(
            relaxed.gaps.map { "\($0.subCouncil):\($0.role.rawValue)" } == ["西部分会:staff", "北部分会:leader", "北部分会:staff"])
        #expect(relaxed.gaps[0].vacantSince == Day("2026-06-01") && relaxed.gaps[1].vacantSince == nil)
        #expect(relaxed.overQuota.isEmpty)

        // The quota lowered back to one later: 王建国 now holds two leader posts, one too many.
        let strict = try await reopen(t) { $0.pluginSettings = [:] }
        let report = try await Liaisons(host: strict).coverage(of: w.committee.id, by: .system)
        #expect(report.overQuota.count == 1)
        let over = try #require(report.overQuota.first)
        #expect(over.name == "王建国" && over.role == .leader && over.quota == 1)
        #expect(over.subCouncils.map(\.name) == ["东部分会", "西部分会"])
        await strict.stop()
    }

    @Test func aSchoolSecretarySeesItsCommitteesCoverageAndASecretaryElsewhereGets404() async throws {
        let t = try await openLiaisonHost()
        defer { Task { await t.close() } }
        let w = try await LiaisonWorld.make(t)
        let liaisons = Liaisons(host: t.host)
        let mine = try await liaisons.coverage(of: w.committee.id, by: LiaisonWorld.caller(.secretary, over: w.schoolA))
        #expect(mine.gaps.count == 6)
        await expectRefusal("council.committee.notFound") {
            _ = try await liaisons.coverage(of: w.committee.id, by: LiaisonWorld.caller(.secretary, over: w.community))
        }
        await expectRefusal("council.committee.notFound") {
            _ = try await liaisons.liaisons(
                ofCommittee: w.committee.id, by: LiaisonWorld.caller(.secretary, over: w.community))
        }
        // Issue 13: a hidden sub-council answers as a missing sub-council, not as its committee.
        await expectRefusal("council.subCouncil.notFound") {
            _ = try await liaisons.history(
                ofSubCouncil: w.east.id, by: LiaisonWorld.caller(.secretary, over: w.community))
        }
    }

    /// 王建国 also leads a sub-council of a committee held by the street's community branch.
    /// The bureau sees both places; 一中's secretary sees this committee's and a count.
    @Test func overQuotaNamesOnlyPlacesInCommitteesTheCallerMayRead() async throws {
        let t = try await openLiaisonHost(configure: { $0.pluginSettings = ["liaison.maxSubCouncilsPerPerson": "2"] })
        defer { Task { await t.close() } }
        let w = try await LiaisonWorld.make(t)
        let councils = Councils(host: t.host)
        let other = try await councils.createCommittee(
            in: w.committee.councilID, CommitteeDraft(name: "社区专委会", organizationID: w.community.id), by: .system)
        let street = try await councils.createSubCouncil(
            in: other.id, SubCouncilDraft(name: "街道分会", convenerID: w.community.id), by: .system)
        _ = try await councils.addUnits(
            to: street.id, UnitsDraft(organizationIDs: [w.community.id], joinedOn: "2025-01-01"), by: .system)
        let liaisons = Liaisons(host: t.host)
        _ = try await liaisons.configure(
            other.id,
            LiaisonSettingsDraft(leadershipOrganizationID: w.leadership.id, officeOrganizationID: w.office.id),
            by: .system)
        try await w.assign(t, w.east, leader: w.leaderWang, staff: nil)
        _ = try await liaisons.assign(
            to: street.id, AssignmentDraft(role: "leader", memberID: w.leaderWang.id, from: "2025-01-01"), by: .system)

        let strict = try await reopen(t) { $0.pluginSettings = [:] }
        let report = Liaisons(host: strict)
        let all = try #require(try await report.coverage(of: w.committee.id, by: .system).overQuota.first)
        #expect(all.subCouncils.map(\.name) == ["东部分会", "街道分会"] && all.elsewhere == 0)
        let school = try await report.coverage(of: w.committee.id, by: LiaisonWorld.caller(.secretary, over: w.schoolA))
        let seen = try #require(school.overQuota.first)
        #expect(school.overQuota.count == 1 && seen.name == "王建国")
        #expect(seen.subCouncils.map(\.name) == ["东部分会"] && seen.elsewhere == 1)
        let text = String(decoding: try JSONEncoder().encode(school), as: UTF8.self)
        #expect(!text.contains("街道分会") && !text.contains("社区专委会"))
        // The community's own coverage lists 王建国 too, and names the bureau's place only to whom may read it.
        let community = try await report.coverage(of: other.id, by: LiaisonWorld.caller(.secretary, over: w.community))
        #expect(
            community.overQuota.first?.subCouncils.map(\.name) == ["街道分会"] && community.overQuota.first?.elsewhere == 1)
        await strict.stop()
    }
}

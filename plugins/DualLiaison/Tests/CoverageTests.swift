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
        #expect(relaxed.gaps.map { "\($0.subCouncil):\($0.role.rawValue)" } == ["西部分会:staff", "北部分会:leader", "北部分会:staff"])
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
            _ = try await liaisons.liaisons(ofCommittee: w.committee.id, by: LiaisonWorld.caller(.secretary, over: w.community))
        }
        await expectRefusal("council.committee.notFound") {
            _ = try await liaisons.history(ofSubCouncil: w.east.id, by: LiaisonWorld.caller(.secretary, over: w.community))
        }
    }
}

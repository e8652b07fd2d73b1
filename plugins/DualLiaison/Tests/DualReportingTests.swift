import Foundation
import Testing
@testable import Dangjian
import DangjianTestSupport
@testable import DualLiaison

@Suite struct DualReportingTests {
    @Test func aMembersYearListsReportsServicesAndHoursAcrossAMove() async throws {
        let t = try await openLiaisonHost()
        defer { Task { await t.close() } }
        let w = try await LiaisonWorld.make(t)
        let reporting = DualReporting(host: t.host)
        let first = try await reporting.report(
            CommunityReportDraft(memberID: w.teacher.id, communityName: "淞南新村居民区", reportedOn: "2025-09-01"),
            by: .system)
        #expect(first.community == "淞南新村居民区" && first.endedOn == nil)
        _ = try await reporting.serve(
            CommunityServiceDraft(memberID: w.teacher.id, servedOn: "2025-12-20", hours: 2, description: "垃圾分类宣传"),
            by: .system)
        _ = try await reporting.serve(
            CommunityServiceDraft(memberID: w.teacher.id, servedOn: "2026-02-14", hours: 3, description: "寒假托管"),
            by: .system)
        // Moved in March: the registry's community organisation this time.
        let second = try await reporting.report(
            CommunityReportDraft(memberID: w.teacher.id, communityID: w.community.id, reportedOn: "2026-03-01"),
            by: .system)
        #expect(second.community == "友谊一村社区党支部" && second.communityID == w.community.id)
        _ = try await reporting.serve(
            CommunityServiceDraft(memberID: w.teacher.id, servedOn: "2026-04-05", hours: 1.5, description: "防诈骗宣讲"),
            by: .system)
        let year = try await reporting.year(ofMember: w.teacher.id, year: 2026, by: .system)
        #expect(year.name == "张老师" && year.organizationID == w.schoolA.id && year.year == 2026)
        #expect(year.reports.map(\.community) == ["淞南新村居民区", "友谊一村社区党支部"])
        #expect(year.reports[0].endedOn == Day("2026-02-28"))
        #expect(year.services.map(\.community) == ["淞南新村居民区", "友谊一村社区党支部"])
        #expect(year.totalHours == 4.5)
        let last = try await reporting.year(ofMember: w.teacher.id, year: 2025, by: .system)
        #expect(last.services.count == 1 && last.totalHours == 2 && last.reports.count == 1)
        // Nothing but the name of the person is in the answer.
        let text = String(decoding: try JSONEncoder().encode(year), as: UTF8.self)
        #expect(!text.contains("10012345678") && !text.contains("990101"))
        #expect(try await t.count("audit_log", "entity = 'liaison.report'") == 2)
        #expect(try await t.count("audit_log", "entity = 'liaison.service'") == 3)
    }

    @Test func anOrganisationsYearSumsItsMembersAndShowsWhoHasNotReported() async throws {
        let t = try await openLiaisonHost()
        defer { Task { await t.close() } }
        let w = try await LiaisonWorld.make(t)
        let reporting = DualReporting(host: t.host)
        for (member, hours) in [(w.leaderWang, 2.0), (w.leaderLi, 4.0)] {
            _ = try await reporting.report(
                CommunityReportDraft(memberID: member.id, communityName: "友谊路街道", reportedOn: "2026-01-05"), by: .system
            )
            _ = try await reporting.serve(
                CommunityServiceDraft(memberID: member.id, servedOn: "2026-03-05", hours: hours, description: "志愿服务"),
                by: .system)
        }
        _ = try await reporting.report(
            CommunityReportDraft(organizationID: w.leadership.id, communityName: "友谊路街道", reportedOn: "2026-01-05"),
            by: .system)
        _ = try await reporting.serve(
            CommunityServiceDraft(
                organizationID: w.leadership.id, servedOn: "2026-05-01", hours: 6, description: "结对共建"), by: .system)
        let branch = try await reporting.year(ofOrganization: w.leadership.id, year: nil, by: .system)
        #expect(branch.name == "局机关党支部" && branch.year == 2026 && branch.totalHours == 6)
        // Most hours first (李文华 4, 王建国 2), then by name: issue 13 point 21.
        #expect(branch.members.map(\.name) == ["李文华", "王建国"] && branch.membersReported == 2 && branch.memberHours == 6)
        // The bureau's year covers its whole subtree: five party members, two reported.
        let bureau = try await reporting.year(
            ofOrganization: w.bureau.id, year: 2026, by: LiaisonWorld.caller(.secretary, over: w.bureau))
        #expect(bureau.members.count == 5 && bureau.membersReported == 2 && bureau.reports.isEmpty)
        #expect(bureau.members.first { $0.name == "张老师" }?.community == nil)
        #expect(
            bureau.members.prefix(2).map(\.hours) == [4, 2] && bureau.members.dropFirst(2).allSatisfy { $0.hours == 0 })
        #expect(bureau.members.dropFirst(2).map(\.name) == bureau.members.dropFirst(2).map(\.name).sorted())
        #expect(bureau.partyMembers == 5 && bureau.nextCursor == nil)

        // Two lines a page: three pages in the same order, the totals of the whole subtree on each.
        var pages: [OrganizationDualReporting] = []
        var cursor: String?
        repeat {
            let page = try await reporting.year(
                ofOrganization: w.bureau.id, year: 2026, page: try PageRequest(limit: 2, cursor: cursor), by: .system)
            pages.append(page)
            cursor = page.nextCursor
        } while cursor != nil && pages.count < 5
        #expect(pages.map(\.members.count) == [2, 2, 1])
        #expect(pages.flatMap(\.members) == bureau.members)
        #expect(pages.allSatisfy { $0.partyMembers == 5 && $0.membersReported == 2 && $0.memberHours == 6 })
        await expectRefusal("validation.badValue", field: "cursor") {
            _ = try await reporting.year(
                ofOrganization: w.bureau.id, year: 2026, page: try PageRequest(limit: 2, cursor: "not-a-cursor"),
                by: .system)
        }
    }

    @Test func badReportsAndServicesAreRefusedWritingNothing() async throws {
        let t = try await openLiaisonHost()
        defer { Task { await t.close() } }
        let w = try await LiaisonWorld.make(t)
        let reporting = DualReporting(host: t.host)
        _ = try await reporting.report(
            CommunityReportDraft(memberID: w.teacher.id, communityName: "淞南新村居民区", reportedOn: "2026-03-01"),
            by: .system)
        let before = try await LiaisonCounts.of(t)
        func report(_ code: String, field: String? = nil, _ draft: CommunityReportDraft) async {
            await expectRefusal(code, field: field) { _ = try await reporting.report(draft, by: .system) }
        }
        func serve(_ code: String, field: String? = nil, _ draft: CommunityServiceDraft) async {
            await expectRefusal(code, field: field) { _ = try await reporting.serve(draft, by: .system) }
        }
        await report("liaison.oneReporter", field: "memberID", CommunityReportDraft(communityName: "x"))
        await report(
            "liaison.oneReporter", field: "memberID",
            CommunityReportDraft(memberID: w.teacher.id, organizationID: w.schoolA.id, communityName: "x"))
        await report("liaison.oneCommunity", field: "communityID", CommunityReportDraft(memberID: w.leaderWang.id))
        await report(
            "liaison.oneCommunity", field: "communityID",
            CommunityReportDraft(memberID: w.leaderWang.id, communityID: w.community.id, communityName: "x"))
        await report(
            "liaison.notACommunity", field: "communityID",
            CommunityReportDraft(memberID: w.leaderWang.id, communityID: w.schoolB.id))
        await report(
            "liaison.alreadyReported", field: "communityName",
            CommunityReportDraft(memberID: w.teacher.id, communityName: "淞南新村居民区"))
        await report(
            "validation.dateOrder", field: "reportedOn",
            CommunityReportDraft(memberID: w.teacher.id, communityName: "友谊一村", reportedOn: "2026-03-01"))
        await report(
            "validation.futureDate", field: "reportedOn",
            CommunityReportDraft(memberID: w.leaderWang.id, communityName: "友谊一村", reportedOn: "2026-07-01"))
        await report("member.notFound", CommunityReportDraft(memberID: 98765, communityName: "友谊一村"))
        let activist = try await LiaisonWorld.full(t, w.schoolA, "积极分子", 108, status: "activist")
        await report(
            "liaison.notAPartyMember", field: "memberID",
            CommunityReportDraft(memberID: activist.id, communityName: "友谊一村"))
        await serve(
            "liaison.notReported", field: "servedOn",
            CommunityServiceDraft(memberID: w.teacher.id, servedOn: "2026-02-28", hours: 2, description: "x"))
        await serve(
            "liaison.notReported", field: "servedOn",
            CommunityServiceDraft(memberID: w.leaderWang.id, servedOn: "2026-05-01", hours: 2, description: "x"))
        await serve(
            "validation.futureDate", field: "servedOn",
            CommunityServiceDraft(memberID: w.teacher.id, servedOn: "2026-06-16", hours: 2, description: "x"))
        await serve(
            "validation.badValue", field: "hours",
            CommunityServiceDraft(memberID: w.teacher.id, servedOn: "2026-05-01", hours: 0, description: "x"))
        await serve(
            "validation.badValue", field: "hours",
            CommunityServiceDraft(memberID: w.teacher.id, servedOn: "2026-05-01", hours: 25, description: "x"))
        await serve(
            "validation.required", field: "description",
            CommunityServiceDraft(memberID: w.teacher.id, servedOn: "2026-05-01", hours: 2, description: " "))
        await expectRefusal("validation.badValue", field: "year") {
            _ = try await reporting.year(ofMember: w.teacher.id, year: 1800, by: .system)
        }
        #expect(try await LiaisonCounts.of(t) == before)
    }

    /// Naming an organisation that is not a community must not tell a secretary the name of
    /// one they cannot read (the district's, say): only a community's or a readable one's.
    @Test func notACommunityNamesOnlyWhatTheCallerMayRead() async throws {
        let t = try await openLiaisonHost()
        defer { Task { await t.close() } }
        let w = try await LiaisonWorld.make(t)
        let reporting = DualReporting(host: t.host)
        let secretaryA = LiaisonWorld.caller(.secretary, over: w.schoolA)
        let before = try await LiaisonCounts.of(t)
        for unreadable in [w.district.id, w.bureau.id, w.schoolB.id, 98765] {
            let refusal = await expectRefusal("liaison.notACommunity", field: "communityID") {
                _ = try await reporting.report(
                    CommunityReportDraft(memberID: w.teacher.id, communityID: unreadable), by: secretaryA)
            }
            for name in [w.district.name, w.bureau.name, w.schoolB.name] {
                #expect(
                    refusal?.zh.contains(name) == false && refusal?.en.contains(name) == false,
                    "\(unreadable) named \(name)")
            }
            #expect(refusal?.zh.contains("\(unreadable)") == true)
        }
        // Its own branch it may read, so the refusal names it.
        let own = await expectRefusal("liaison.notACommunity", field: "communityID") {
            _ = try await reporting.report(
                CommunityReportDraft(memberID: w.teacher.id, communityID: w.schoolA.id), by: secretaryA)
        }
        #expect(own?.zh.contains("一中党支部") == true)
        #expect(try await LiaisonCounts.of(t) == before)
        // A community outside the secretary's subtree is what dual reporting is for.
        let made = try await reporting.report(
            CommunityReportDraft(memberID: w.teacher.id, communityID: w.community.id), by: secretaryA)
        #expect(made.community == "友谊一村社区党支部")
    }

    @Test func aSecretaryReadsAndWritesOwnMembersOnlyAndAnotherSubtreeGets404() async throws {
        let t = try await openLiaisonHost()
        defer { Task { await t.close() } }
        let w = try await LiaisonWorld.make(t)
        let reporting = DualReporting(host: t.host)
        let secretaryA = LiaisonWorld.caller(.secretary, over: w.schoolA)
        _ = try await reporting.report(
            CommunityReportDraft(memberID: w.teacher.id, communityName: "淞南新村居民区", reportedOn: "2026-03-01"),
            by: secretaryA)
        #expect(try await reporting.year(ofMember: w.teacher.id, year: 2026, by: secretaryA).reports.count == 1)
        let outsider = LiaisonWorld.caller(.secretary, over: w.community)
        await expectRefusal("member.notFound") {
            _ = try await reporting.year(ofMember: w.teacher.id, year: 2026, by: outsider)
        }
        await expectRefusal("organization.notFound") {
            _ = try await reporting.year(ofOrganization: w.schoolA.id, year: 2026, by: outsider)
        }
        await expectRefusal("member.notFound") {
            _ = try await reporting.report(
                CommunityReportDraft(memberID: w.leaderWang.id, communityName: "x"), by: secretaryA)
        }
        // An auditor reads but does not write.
        let auditor = LiaisonWorld.caller(.auditor, over: w.bureau)
        #expect(try await reporting.year(ofOrganization: w.schoolA.id, year: 2026, by: auditor).membersReported == 1)
        await expectRefusal("auth.forbidden") {
            _ = try await reporting.serve(
                CommunityServiceDraft(memberID: w.teacher.id, servedOn: "2026-05-01", hours: 2, description: "x"),
                by: auditor)
        }
    }
}

import Testing
@testable import Dangjian
import DangjianTestSupport

/// Issue 14, point 4: the member reads plugins use instead of naming the `members` table.
@Suite struct MemberRosterTests {
    @Test func theRostersNamesIdsAndPathsAnswerWhatTheTableHolds() async throws {
        let t = try await TestHost.make()
        let host = t.host
        let root = try await host.organizations.create(.init(parentID: nil, name: "区委", kind: "committee"), by: .system)
        let a = try await host.organizations.create(.init(parentID: root.id, name: "一支部", kind: "branch"), by: .system)
        let b = try await host.organizations.create(.init(parentID: root.id, name: "二支部", kind: "branch"), by: .system)
        let li = try await host.members.create(.full(a, name: "李明", sequence: 101), by: .system)
        var lost = MemberDraft.full(a, name: "王芳", born: "1982-03-04", sequence: 102)
        lost.lostContact = true
        lost.lostContactSince = "2025-01-01"
        let wang = try await host.members.create(lost, by: .system)
        let applicant = try await host.members.create(
            MemberDraft(organizationID: a.id, name: "赵强", appliedOn: "2026-01-05"), by: .system)
        let sun = try await host.members.create(.full(b, name: "孙丽", born: "1979-08-09", sequence: 104), by: .system)

        let (roster, ids, names, paths) = try await host.store.read { s in
            (
                try MemberRegistry.partyRoster(in: s),
                try MemberRegistry.memberIDs(of: a.id, statuses: [.full, .probationary], in: s),
                try MemberRegistry.names(of: [li.id, sun.id, applicant.id, li.id, 99_999], in: s),
                try MemberRegistry.organizationPaths(in: s)
            )
        }
        // Reachable party members only: the lost-contact member and the applicant are left out.
        #expect(roster[a.id]?.map(\.id) == [li.id] && roster[b.id]?.map(\.id) == [sun.id])
        #expect(roster[a.id]?.first?.admittedOn == Day("2007-01-10") && roster[a.id]?.first?.name == "李明")
        #expect(ids == [li.id, wang.id])
        #expect(names == [li.id: "李明", sun.id: "孙丽", applicant.id: "赵强"])
        #expect(paths[li.id] == a.path && paths[sun.id] == b.path && paths.count == 4)
        await t.close()
    }
}

extension MemberRosterTests {
    @Test func pathsOfSomeMembersAndNamesOfOrganizationsAnswerInOneCall() async throws {
        let t = try await TestHost.make()
        let root = try await t.host.organizations.create(
            .init(parentID: nil, name: "区委", kind: "committee"), by: .system)
        let a = try await t.host.organizations.create(
            .init(parentID: root.id, name: "一支部", kind: "branch"), by: .system)
        let li = try await t.host.members.create(.full(a, name: "李明", sequence: 101), by: .system)
        let (paths, names) = try await t.host.store.read { s in
            (
                try MemberRegistry.organizationPaths(of: [li.id, li.id, 99_999], in: s),
                try OrganizationRegistry.names(of: [root.id, a.id, 99_999], in: s)
            )
        }
        #expect(paths == [li.id: a.path])
        #expect(names == [root.id: "区委", a.id: "一支部"])
        await t.close()
    }
}

import Testing
@testable import Dangjian
import DangjianTestSupport

/// The kernel's batch reads for plugins answer as the one-at-a-time reads do, in one call.
@Suite struct PluginReadsTests {
    @Test func organizationLabelsMatchEachOrganisation() async throws {
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        let all = [tree.root, tree.general, tree.branchA, tree.branchB, tree.otherSchool]
        let labels = try await t.host.store.read { s in
            try OrganizationRegistry.labels(of: all.map(\.id) + [tree.branchA.id, 9_999], in: s)
        }
        #expect(labels.count == all.count)
        for organization in all {
            #expect(
                labels[organization.id]
                    == OrganizationLabel(id: organization.id, name: organization.name, path: organization.path))
        }
        #expect(labels[9_999] == nil)
        #expect(try await t.host.store.read { s in try OrganizationRegistry.labels(of: [], in: s) }.isEmpty)
        await t.close()
    }

    @Test func memberFactsAndRosterMatchEachMember() async throws {
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        let m = t.host.members
        let zhang = try await m.create(.full(tree.branchA, name: "张伟", sequence: 101), by: .system)
        let li = try await m.create(.full(tree.branchB, name: "李娜", sequence: 102), by: .system)
        let wang = try await m.create(.full(tree.otherSchool, name: "王强", sequence: 103), by: .system)
        let applicant = try await m.create(
            MemberDraft(organizationID: tree.branchA.id, name: "赵敏", appliedOn: "2026-01-01"), by: .system)
        let everyone = [zhang, li, wang, applicant]
        let (facts, roster, applicants) = try await t.host.store.read { s in
            (
                try MemberRegistry.facts(of: everyone.map(\.id) + [9_999], in: s),
                try MemberRegistry.roster(within: tree.general.path, statuses: [.full, .probationary], in: s),
                try MemberRegistry.roster(within: tree.root.path, statuses: [.applicant], in: s)
            )
        }
        #expect(facts.count == everyone.count)
        for member in everyone {
            let single = try await t.host.store.read { s in try MemberRegistry.facts(of: [member.id], in: s)[member.id]
            }
            #expect(facts[member.id] == single)
            let organization = try await t.host.organizations.get(member.organizationID, by: .system)
            #expect(
                single
                    == MemberFacts(
                        id: member.id, name: member.name, status: member.status,
                        organizationID: member.organizationID, path: organization.path))
        }
        // 二中 is outside 一中's subtree, and the applicant is not a party member.
        #expect(roster.map(\.id) == [zhang.id, li.id])
        #expect(applicants.map(\.id) == [applicant.id])
        await t.close()
    }
}

import Testing
@testable import Dangjian
import DangjianTestSupport

/// The kernel reads that let plugins leave the kernel's tables alone (issue 14, point 4): a
/// subtree's organisations, a member's standing, tasks and findings by id, each in one query
/// per 10,000 ids, and every id list in chunks SQLite takes.
@Suite struct PluginBatchReadsTests {
    @Test func aSubtreesPathsAndOpenUnitsComeInOneRead() async throws {
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        let closed = try await t.host.organizations.create(
            .init(parentID: tree.general.id, name: "一中第三支部", kind: "branch", domain: "school"), by: .system)
        _ = try await t.host.organizations.archive(closed.id, by: .system)
        let (paths, branches, none) = try await t.host.store.read { s in
            (
                try OrganizationRegistry.paths(within: tree.general.path, in: s),
                try OrganizationRegistry.ids(within: tree.root.path, kinds: [.branch, .jointBranch], in: s),
                try OrganizationRegistry.ids(within: tree.root.path, kinds: [], in: s)
            )
        }
        // The archived branch is in the subtree's paths (rows of the past point at it), not among its open units.
        let expected: [Int64: String] = [
            tree.general.id: tree.general.path, tree.branchA.id: tree.branchA.path,
            tree.branchB.id: tree.branchB.path, closed.id: closed.path,
        ]
        #expect(paths == expected)
        let open: [Organization] = [tree.branchA, tree.branchB, tree.otherSchool]
        let inPathOrder: [Int64] = open.sorted { $0.path < $1.path }.map(\.id)
        #expect(branches == inPathOrder)
        #expect(none.isEmpty)
        await t.close()
    }

    @Test func aMembersStandingIsTheirOrganisationAndTheirAccountsRoles() async throws {
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        let zhang = try await t.host.members.create(.full(tree.branchA, name: "张伟", sequence: 101), by: .system)
        let li = try await t.host.members.create(.full(tree.branchB, name: "李娜", sequence: 102), by: .system)
        // 李娜's membership is kept in 二支部, and her account is 二中's secretary.
        _ = try await t.host.users.create(
            UserDraft(
                username: "li", displayName: "李娜", password: "secret123", memberID: li.id,
                grants: [GrantDraft(role: "secretary", organizationID: tree.otherSchool.id)]), by: .system)
        let standing = try await t.host.store.read { s in
            try MemberRegistry.standingPaths(of: [zhang.id, li.id, 9_999], in: s)
        }
        let expected: [Int64: Set<String>] = [
            zhang.id: [tree.branchA.path], li.id: [tree.branchB.path, tree.otherSchool.path],
        ]
        #expect(standing == expected)
        await t.close()
    }

    @Test func tasksAndFindingsByIDAnswerAsTheRegistryDoes() async throws {
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        let tasks = t.host.tasks
        let list = try await tasks.createList(.init(organizationID: tree.general.id, title: "2026年任务清单"), by: .system)
        let task = try await tasks.create(
            TaskDraft(listID: list.id, responsibleOrganizationID: tree.branchA.id, title: "制定计划", dueOn: "2026-07-01"),
            by: .system)
        let first = try await tasks.recordInspection(
            .init(organizationID: tree.general.id, title: "二季度督查", inspectedOn: "2026-06-10"), by: .system)
        let second = try await tasks.recordInspection(
            .init(organizationID: tree.root.id, title: "专项督查", inspectedOn: "2026-06-11"), by: .system)
        let late = try await tasks.addFinding(
            to: second.id, .init(organizationID: tree.otherSchool.id, description: "台账缺失", rectifyBy: nil), by: .system)
        let early = try await tasks.addFinding(
            to: first.id, .init(organizationID: tree.branchA.id, description: "记录不全", rectifyBy: "2026-07-10"),
            by: .system)
        let (items, findings, onlyFirst) = try await t.host.store.read { s in
            (
                try TaskRegistry.items(of: [task.id, 9_999], in: s),
                try TaskRegistry.findings(ofInspections: [second.id, first.id], in: s),
                try TaskRegistry.findings(ofInspections: [first.id], in: s)
            )
        }
        var expected = try await tasks.get(task.id, by: .system)
        expected.evidence = nil
        #expect(items == [task.id: expected])
        #expect(findings == [late, early].sorted { $0.id < $1.id })
        #expect(onlyFirst == [early])
        await t.close()
    }

    /// SQLite refuses more than 32,766 arguments; every id list goes in chunks.
    @Test func fortyThousandIDsAreRead() async throws {
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        let zhang = try await t.host.members.create(.full(tree.branchA, name: "张伟", sequence: 101), by: .system)
        let ids = Array(Int64(1)...40_000)
        let read = try await t.host.store.read { s in
            (
                labels: try OrganizationRegistry.labels(of: ids, in: s).count,
                names: try OrganizationRegistry.names(of: ids, in: s).count,
                paths: try OrganizationRegistry.paths(of: ids, in: s).count,
                facts: try MemberRegistry.facts(of: ids, in: s).keys.sorted(),
                memberNames: try MemberRegistry.names(of: ids, in: s).keys.sorted(),
                memberPaths: try MemberRegistry.organizationPaths(of: ids, in: s).keys.sorted(),
                standing: try MemberRegistry.standingPaths(of: ids, in: s).keys.sorted(),
                tasks: try TaskRegistry.items(of: ids, in: s).count,
                findings: try TaskRegistry.findings(ofInspections: ids, in: s).count,
                rows: try s.query(ids: ids, after: [.text("branch")]) {
                    "SELECT id FROM organizations WHERE id IN (\($0)) AND kind = ? ORDER BY id"
                }.map { try $0.int64("id") }
            )
        }
        #expect(read.labels == 5)
        #expect(read.names == 5)
        #expect(read.paths == 5)
        #expect(read.facts == [zhang.id])
        #expect(read.memberNames == [zhang.id])
        #expect(read.memberPaths == [zhang.id])
        #expect(read.standing == [zhang.id])
        #expect(read.tasks == 0)
        #expect(read.findings == 0)
        let branchIDs: [Int64] = [tree.branchA.id, tree.branchB.id, tree.otherSchool.id].sorted()
        #expect(read.rows == branchIDs)
        // The sweep's and hooks' reads take any number of ids too, and keep their order.
        try await t.host.users.create(
            UserDraft(
                username: "zhang", displayName: "张伟", password: "Secret-2026", memberID: zhang.id,
                grants: [GrantDraft(role: Role.secretary.rawValue, organizationID: tree.branchA.id)]), by: .system)
        let entries = try await t.host.organizations.sweepEntries(ids: ids).map(\.organization.path)
        #expect(entries == (try await t.host.organizations.sweepEntries()).map(\.organization.path))
        #expect(entries.count == 5 && entries == entries.sorted())
        #expect(try await t.host.users.holders(of: .secretary, organizationIDs: ids).keys.sorted() == [tree.branchA.id])
        #expect(try await t.host.users.memberAccounts(memberIDs: ids).keys.sorted() == [zhang.id])
        await t.close()
    }
}

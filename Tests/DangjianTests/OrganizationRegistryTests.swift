import Testing
@testable import Dangjian
import DangjianTestSupport

@Suite struct OrganizationRegistryTests {
    @Test func buildsPathsAndReadsASubtreeInOrder() async throws {
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        #expect(tree.branchA.path == "/\(tree.root.id)/\(tree.general.id)/\(tree.branchA.id)/")
        #expect(tree.branchA.depth == 2)
        let subtree = try await t.host.organizations.subtree(of: tree.general.id, by: .system)
        #expect(subtree.map(\.id) == [tree.general.id, tree.branchA.id, tree.branchB.id])
        await t.close()
    }

    @Test func refusesWrongNestingAndRootsThatAreNotCommittees() async throws {
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        await expectError("organization.nesting") {
            _ = try await t.host.organizations.create(
                .init(parentID: tree.branchA.id, name: "x", kind: "generalBranch"), by: .system)
        }
        await expectError("organization.rootKind") {
            _ = try await t.host.organizations.create(.init(parentID: nil, name: "x", kind: "branch"), by: .system)
        }
        await expectError("validation.badValue") {
            _ = try await t.host.organizations.create(
                .init(parentID: tree.root.id, name: "x", kind: "club"), by: .system)
        }
        await expectError("validation.tooLong") {
            _ = try await t.host.organizations.create(
                .init(parentID: tree.root.id, name: String(repeating: "党", count: 10_000), kind: "branch"), by: .system)
        }
        #expect(try await t.count("organizations") == 5)
        await t.close()
    }

    @Test func moveRewritesTheWholeSubtreeAndRefusesCycles() async throws {
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        let group = try await t.host.organizations.create(
            .init(parentID: tree.branchA.id, name: "第一党小组", kind: "group"), by: .system)
        await expectError("organization.cycle") {
            _ = try await t.host.organizations.move(tree.general.id, under: tree.branchA.id, by: .system)
        }
        await expectError("organization.cycle") {
            _ = try await t.host.organizations.move(tree.general.id, under: tree.general.id, by: .system)
        }
        let second = try await t.host.organizations.create(
            .init(parentID: tree.root.id, name: "二中党总支", kind: "generalBranch"), by: .system)
        let moved = try await t.host.organizations.move(tree.branchA.id, under: second.id, by: .system)
        #expect(moved.path == "\(second.path)\(tree.branchA.id)/")
        #expect(moved.depth == 2)
        let groupAfter = try await t.host.organizations.get(group.id, by: .system)
        #expect(groupAfter.path == "\(second.path)\(tree.branchA.id)/\(group.id)/")
        #expect(groupAfter.depth == 3)
        let oldSubtree = try await t.host.organizations.subtree(of: tree.general.id, by: .system)
        #expect(oldSubtree.map(\.id) == [tree.general.id, tree.branchB.id])
        await t.close()
    }

    @Test func archiveKeepsTheRowAndRefusesNonEmptyNodes() async throws {
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        _ = try await t.host.members.create(.full(tree.branchB), by: .system)
        await expectError("organization.notEmpty") {
            _ = try await t.host.organizations.archive(tree.general.id, by: .system)
        }
        await expectError("organization.notEmpty") {
            _ = try await t.host.organizations.archive(tree.branchB.id, by: .system)
        }
        let archived = try await t.host.organizations.archive(tree.branchA.id, by: .system)
        #expect(archived.isArchived)
        #expect(try await t.count("organizations", "id = \(tree.branchA.id)") == 1)
        let listed = try await t.host.organizations.list(.init(parentID: tree.general.id), page: .first, by: .system)
        #expect(listed.items.map(\.id) == [tree.branchB.id])
        await expectError("organization.archived") {
            _ = try await t.host.organizations.update(tree.branchA.id, .init(name: "新名"), by: .system)
        }
        await t.close()
    }

    @Test func secretaryAndCommitteeMustBeFullMembersOfTheOrganisation() async throws {
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        let full = try await t.host.members.create(.full(tree.branchA), by: .system)
        let elsewhere = try await t.host.members.create(.full(tree.branchB, name: "李娜", sequence: 124), by: .system)
        let applicant = try await t.host.members.create(
            MemberDraft(organizationID: tree.branchA.id, name: "王芳", appliedOn: "2026-01-05"), by: .system)
        await expectError("organization.officerNotMember") {
            _ = try await t.host.organizations.update(
                tree.branchA.id, .init(secretaryMemberID: elsewhere.id), by: .system)
        }
        await expectError("organization.officerNotFull") {
            _ = try await t.host.organizations.update(
                tree.branchA.id, .init(secretaryMemberID: applicant.id), by: .system)
        }
        let updated = try await t.host.organizations.update(
            tree.branchA.id,
            .init(
                secretaryMemberID: full.id, termStart: "2025-01-01",
                committee: [CommitteeSeat(memberID: full.id, position: "书记")]),
            by: .system)
        #expect(updated.secretaryMemberID == full.id)
        #expect(updated.committee == [CommitteeSeat(memberID: full.id, position: "书记")])
        let read = try await t.host.organizations.get(tree.branchA.id, by: .system)
        #expect(read.committee?.count == 1)
        await t.close()
    }

    @Test func defaultTermFollowsTheTermRules() async throws {
        let t = try await TestHost.make()
        let root = try await t.host.organizations.create(
            .init(parentID: nil, name: "党委", kind: "committee", termStart: "2024-03-01"), by: .system)
        #expect(root.termEnd == Day("2029-03-01"))
        let branch = try await t.host.organizations.create(
            .init(parentID: root.id, name: "支部", kind: "branch", termStart: "2024-03-01"), by: .system)
        #expect(branch.termEnd == Day("2027-03-01"))
        let village = try await t.host.organizations.create(
            .init(parentID: root.id, name: "村支部", kind: "branch", domain: "village", termStart: "2024-03-01"),
            by: .system)
        #expect(village.termEnd == Day("2029-03-01"))
        await expectError("validation.dateOrder") {
            _ = try await t.host.organizations.create(
                .init(parentID: root.id, name: "x", kind: "branch", termStart: "2024-03-01", termEnd: "2023-01-01"),
                by: .system)
        }
        await expectError("validation.badValue") {
            _ = try await t.host.organizations.create(
                .init(parentID: root.id, name: "x", kind: "branch", termStart: "9998-01-01"), by: .system)
        }
        // Paging by termEnd visits every organisation once, those without a term included.
        _ = try await t.host.organizations.create(.init(parentID: root.id, name: "无任期", kind: "branch"), by: .system)
        var seen: [Int64] = []
        for descending in [false, true] {
            seen = []
            var page = try PageRequest(limit: 1)
            while true {
                let result = try await t.host.organizations.list(
                    .init(sort: try .organizations(descending ? "-termEnd" : "termEnd")), page: page, by: .system)
                seen += result.items.map(\.id)
                guard let next = result.nextCursor else { break }
                page = try PageRequest(limit: 1, cursor: next)
            }
            #expect(seen.count == 4 && Set(seen).count == 4, "\(seen)")
        }
        let soon = try await t.host.organizations.list(.init(termEndsBy: Day("2027-12-31")), page: .first, by: .system)
        #expect(soon.items.map(\.id) == [branch.id])
        await t.close()
    }

    @Test func outsideTheCallersSubtreeIsNotFound() async throws {
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        let secretary = Principal.with(.secretary, tree.branchA)
        _ = try await t.host.organizations.get(tree.branchA.id, by: secretary)
        await expectError("organization.notFound") {
            _ = try await t.host.organizations.get(tree.branchB.id, by: secretary)
        }
        await expectError("organization.notFound") {
            _ = try await t.host.organizations.get(tree.root.id, by: secretary)
        }
        // Secretaries read their organisation but do not restructure it.
        await expectError("auth.forbidden") {
            _ = try await t.host.organizations.update(tree.branchA.id, .init(name: "改名"), by: secretary)
        }
        let admin = Principal.with(.districtAdmin, tree.general)
        let all = try await t.host.organizations.list(.init(), page: .first, by: admin)
        #expect(Set(all.items.map(\.id)) == [tree.general.id, tree.branchA.id, tree.branchB.id])
        await t.close()
    }

    @Test func aLargeSubtreeIsReadWhole() async throws {
        let t = try await TestHost.make()
        let root = try await t.host.organizations.create(
            .init(parentID: nil, name: "区委", kind: "committee"), by: .system)
        var parents = [root.id]
        for level in 0..<3 {
            var next: [Int64] = []
            for parent in parents {
                for n in 0..<6 {
                    let kind = level == 2 ? "branch" : "committee"
                    next.append(
                        try await t.host.organizations.create(
                            .init(parentID: parent, name: "组织\(level)-\(n)", kind: kind), by: .system
                        ).id)
                }
            }
            parents = next
        }
        let subtree = try await t.host.organizations.subtree(of: root.id, by: .system)
        let expected = 1 + 6 + 36 + 216
        #expect(subtree.count == expected)
        #expect(subtree.map(\.path) == subtree.map(\.path).sorted())
        await t.close()
    }
}

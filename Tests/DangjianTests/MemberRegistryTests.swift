import Testing
@testable import Dangjian
import DangjianTestSupport

@Suite struct MemberRegistryTests {
    @Test func validatesEveryFieldAtTheEdge() async throws {
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        let m = t.host.members
        await expectError("validation.dateOrder") {
            _ = try await m.create(
                MemberDraft(
                    organizationID: tree.branchA.id, name: "王强", status: "activist",
                    appliedOn: "2025-05-01", activistOn: "2025-01-01"), by: .system)
        }
        await expectError("validation.futureDate") {
            _ = try await m.create(
                MemberDraft(organizationID: tree.branchA.id, name: "王强", appliedOn: "2027-01-01"), by: .system)
        }
        await expectError("member.badIDNumber") {
            var draft = MemberDraft.full(tree.branchA)
            draft.idNumber = String(draft.idNumber!.dropLast()) + (draft.idNumber!.hasSuffix("0") ? "1" : "0")
            _ = try await m.create(draft, by: .system)
        }
        await expectError("member.underAge") {
            _ = try await m.create(
                MemberDraft(
                    organizationID: tree.branchA.id, name: "小明", idNumber: IDs.make(born: "2010-01-01"),
                    appliedOn: "2026-01-01"), by: .system)
        }
        await expectError("member.stageNotReached") {
            _ = try await m.create(
                MemberDraft(
                    organizationID: tree.branchA.id, name: "王强", status: "activist",
                    appliedOn: "2025-01-01", activistOn: "2025-03-01", fullOn: "2026-01-01"), by: .system)
        }
        await expectError("validation.required") {
            _ = try await m.create(
                MemberDraft(organizationID: tree.branchA.id, name: "王强", status: "probationary"), by: .system)
        }
        await expectError("member.genderMismatch") {
            var draft = MemberDraft.full(tree.branchA, sequence: 123)  // odd sequence: male
            draft.gender = "female"
            _ = try await m.create(draft, by: .system)
        }
        await expectError("member.badPhone") {
            var draft = MemberDraft.full(tree.branchA)
            draft.phone = "12345"
            _ = try await m.create(draft, by: .system)
        }
        await expectError("validation.tooLong") {
            _ = try await m.create(
                MemberDraft(organizationID: tree.branchA.id, name: String(repeating: "名", count: 10_000)), by: .system)
        }
        await expectError("member.talkBeforeApplication") {
            _ = try await m.create(
                MemberDraft(
                    organizationID: tree.branchA.id, name: "王强", appliedOn: "2026-03-01",
                    talkedOn: "2026-02-20"), by: .system)
        }
        await expectError("validation.futureDate") {
            _ = try await m.create(
                MemberDraft(
                    organizationID: tree.branchA.id, name: "王强", appliedOn: "2026-03-01",
                    talkedOn: "2027-02-20"), by: .system)
        }
        let group = try await t.host.organizations.create(
            .init(parentID: tree.branchA.id, name: "党小组", kind: "group"), by: .system)
        await expectError("member.heldByGroup") { _ = try await m.create(.full(group), by: .system) }
        #expect(try await t.count("members") == 0)
        #expect(try await t.count("audit_log", "entity = 'member'") == 0)
        await t.close()
    }

    @Test func theTalkWithAnApplicantIsRecordedByAPatchAndChecked() async throws {
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        let applicant = try await t.host.members.create(
            MemberDraft(organizationID: tree.branchA.id, name: "周申请", appliedOn: "2026-06-01"), by: .system)
        await expectError("member.talkBeforeApplication") {
            _ = try await t.host.members.update(applicant.id, MemberPatch(talkedOn: "2026-05-30"), by: .system)
        }
        let talked = try await t.host.members.update(applicant.id, MemberPatch(talkedOn: "2026-06-10"), by: .system)
        #expect(talked.talkedOn == Day("2026-06-10"))
        #expect(
            try await t.host.members.sweepMembers(statuses: [.applicant])[tree.branchA.id]?.first?.talkedOn
                == Day("2026-06-10"))
        // A talk entered by mistake is cleared with "", so the one-month reminder speaks again.
        #expect(try await t.host.members.update(applicant.id, MemberPatch(talkedOn: ""), by: .system).talkedOn == nil)
        await t.close()
    }

    @Test func duplicateIDNumberIsAConflictAndWritesNothing() async throws {
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        let first = try await t.host.members.create(.full(tree.branchA), by: .system)
        #expect(first.gender == .male)
        #expect(first.birthDate == Day("1980-05-06"))
        await expectError("member.duplicateIDNumber") {
            _ = try await t.host.members.create(.full(tree.branchB, name: "别人"), by: .system)
        }
        #expect(try await t.count("members") == 1)
        await t.close()
    }

    @Test func statusFollowsTheTransitionTableWithItsMinimums() async throws {
        let t = try await TestHost.make()  // today is 2026-06-15
        let tree = try await SmallTree.make(t)
        let m = t.host.members
        let secretary = Principal.with(.secretary, tree.branchA, userID: 7)
        var member = try await m.create(
            MemberDraft(organizationID: tree.branchA.id, name: "赵敏", appliedOn: "2025-01-10"), by: secretary)
        await expectError("member.transitionNotAllowed") {
            _ = try await m.changeStatus(member.id, StatusChange(status: "probationary", reason: "跳级"), by: secretary)
        }
        await expectError("validation.required") {
            _ = try await m.changeStatus(member.id, StatusChange(status: "activist", reason: " "), by: secretary)
        }
        member = try await m.changeStatus(
            member.id, StatusChange(status: "activist", on: "2025-03-01", reason: "支委会确定"), by: secretary)
        #expect(member.status == .activist && member.activistOn == Day("2025-03-01"))
        // DEV 2014: at least a year of training before becoming a development candidate.
        let short = await expectError("member.trainingTooShort") {
            _ = try await m.changeStatus(
                member.id, StatusChange(status: "developmentCandidate", on: "2026-02-28", reason: "早"), by: secretary)
        }
        #expect(short?.zh.contains("2026-03-01") == true)
        member = try await m.changeStatus(
            member.id, StatusChange(status: "developmentCandidate", on: "2026-03-01", reason: "培养满一年"), by: secretary)
        member = try await m.changeStatus(
            member.id, StatusChange(status: "activist", reason: "取消发展对象资格"), by: secretary)
        #expect(member.status == .activist && member.candidateOn == nil)
        let history = try await m.history(of: member.id, by: secretary)
        #expect(history.map(\.to) == [.activist, .developmentCandidate, .activist])
        #expect(history.allSatisfy { $0.actorUserID == 7 })
        #expect(history[0].reason == "支委会确定")
        #expect(try await t.count("audit_log", "entity = 'member' AND action = 'changeStatus'") == 3)
        await t.close()
    }

    @Test func probationLastsAYear() async throws {
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        var draft = MemberDraft.full(tree.branchA)
        draft.status = "probationary"
        draft.admittedOn = "2025-07-01"
        draft.fullOn = nil
        let member = try await t.host.members.create(draft, by: .system)
        await expectError("member.probationTooShort") {
            _ = try await t.host.members.changeStatus(
                member.id, StatusChange(status: "full", reason: "转正"), by: .system)
        }
        t.clock.advance(by: 20 * 86400)  // 2026-07-05
        let full = try await t.host.members.changeStatus(
            member.id, StatusChange(status: "full", reason: "按期转正"), by: .system)
        #expect(full.fullOn == Day("2026-07-05"))
        await t.close()
    }

    @Test func personalDataIsMaskedUnlessTheCallerMayUnmask() async throws {
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        let created = try await t.host.members.create(.full(tree.branchA), by: .system)
        let secretary = try await t.host.members.get(created.id, by: .with(.secretary, tree.branchA))
        #expect(secretary.idNumber == ResidentID.mask(created.idNumber!))
        #expect(secretary.phone == "100****5678")
        #expect(secretary.birthDate == nil)
        #expect(!secretary.personalDataVisible)
        let admin = try await t.host.members.get(created.id, by: .with(.districtAdmin, tree.root))
        #expect(admin.idNumber == created.idNumber && admin.personalDataVisible)
        let listed = try await t.host.members.list(.init(), page: .first, by: .with(.auditor, tree.root))
        #expect(listed.items.allSatisfy { $0.idNumber?.contains("********") == true })
        // The audit log is readable by auditors, so it holds the masked form only.
        let audit = try await t.host.audit.list(.init(entity: "member"), page: .first, by: .with(.auditor, tree.root))
        #expect(audit.items.first?.after?.contains(created.idNumber!) == false)
        await t.close()
    }

    @Test func aSecretaryOnlyReachesTheirOwnSubtree() async throws {
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        let theirs = try await t.host.members.create(.full(tree.branchA), by: .system)
        let other = try await t.host.members.create(.full(tree.branchB, name: "李娜", sequence: 124), by: .system)
        let secretary = Principal.with(.secretary, tree.branchA)
        _ = try await t.host.members.get(theirs.id, by: secretary)
        await expectError("member.notFound") { _ = try await t.host.members.get(other.id, by: secretary) }
        await expectError("member.notFound") {
            _ = try await t.host.members.update(other.id, MemberPatch(name: "改"), by: secretary)
        }
        await expectError("organization.notFound") {
            _ = try await t.host.members.create(.full(tree.branchB, sequence: 125), by: secretary)
        }
        let listed = try await t.host.members.list(.init(), page: .first, by: secretary)
        #expect(listed.items.map(\.id) == [theirs.id])
        // A member sees themselves and nobody else.
        let me = Principal(userID: 5, username: "m", memberID: other.id, grants: [])
        #expect(try await t.host.members.get(other.id, by: me).id == other.id)
        await expectError("member.notFound") { _ = try await t.host.members.get(theirs.id, by: me) }
        await t.close()
    }

    @Test func aTransferMovesTheRelationOnlyWhenReceived() async throws {
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        let member = try await t.host.members.create(.full(tree.branchA), by: .system)
        let sender = Principal.with(.secretary, tree.branchA, userID: 1)
        let receiver = Principal.with(.secretary, tree.otherSchool, userID: 2)
        let transfer = try await t.host.members.startTransfer(
            member.id, TransferRequest(toOrganizationID: tree.otherSchool.id), by: sender)
        await expectError("member.transferPending") {
            _ = try await t.host.members.startTransfer(
                member.id, TransferRequest(toOrganizationID: tree.branchB.id), by: sender)
        }
        // Until received, the sender stays responsible and the receiver cannot see the member.
        #expect(try await t.host.members.get(member.id, by: sender).organizationID == tree.branchA.id)
        await expectError("member.notFound") { _ = try await t.host.members.get(member.id, by: receiver) }
        #expect(try await t.host.members.incomingTransfers(by: receiver).map(\.id) == [transfer.id])
        await expectError("transfer.notFound") {
            _ = try await t.host.members.receiveTransfer(transfer.id, .init(), by: sender)
        }
        // The receiving organisation cannot be archived while the transfer waits for it.
        await expectError("organization.notEmpty") {
            _ = try await t.host.organizations.archive(tree.otherSchool.id, by: .system)
        }
        let done = try await t.host.members.receiveTransfer(transfer.id, .init(receivedOn: "2026-06-15"), by: receiver)
        #expect(done.status == .completed && done.receivedOn == Day("2026-06-15"))
        #expect(try await t.host.members.get(member.id, by: receiver).organizationID == tree.otherSchool.id)
        await expectError("member.notFound") { _ = try await t.host.members.get(member.id, by: sender) }
        await expectError("transfer.notPending") {
            _ = try await t.host.members.cancelTransfer(transfer.id, by: receiver)
        }
        await t.close()
    }

    @Test func flagsAndLostContactAreKeptConsistent() async throws {
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        let member = try await t.host.members.create(.full(tree.branchA), by: .system)
        var updated = try await t.host.members.update(
            member.id, MemberPatch(flowing: true, flowingTo: "深圳市南山区", lostContactSince: "2025-11-01"), by: .system)
        #expect(updated.flowing && updated.flowingTo == "深圳市南山区" && updated.lostContact)
        updated = try await t.host.members.update(
            member.id, MemberPatch(flowing: false, lostContact: false), by: .system)
        #expect(!updated.flowing && updated.flowingTo == nil && !updated.lostContact && updated.lostContactSince == nil)
        let lost = try await t.host.members.list(.init(lostContact: true), page: .first, by: .system)
        #expect(lost.items.isEmpty)
        await t.close()
    }

    @Test func keysetPagingVisitsEveryMemberOnce() async throws {
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        let drafts = (0..<23).map { n in
            (line: n + 2, draft: MemberDraft.full(tree.branchA, name: "党员\(n % 7)", sequence: 100 + n))
        }
        let results = try await t.host.members.createBatch(drafts, allOrNothing: true, by: .system)
        #expect(results.allSatisfy { $0.memberID != nil })
        for sort in ["id", "name", "-name"] {
            var seen: [Member] = []
            var page = try PageRequest(limit: 5)
            while true {
                let result = try await t.host.members.list(.init(sort: try .members(sort)), page: page, by: .system)
                seen += result.items
                guard let next = result.nextCursor else { break }
                page = try PageRequest(limit: 5, cursor: next)
            }
            #expect(Set(seen.map(\.id)).count == 23 && seen.count == 23)
            if sort == "name" { #expect(seen.map(\.name) == seen.map(\.name).sorted()) }
            if sort == "-name" { #expect(seen.map(\.name) == seen.map(\.name).sorted(by: >)) }
        }
        await expectError("validation.badValue") {
            _ = try await t.host.members.list(.init(), page: try PageRequest(cursor: "%%%"), by: .system)
        }
        await t.close()
    }
}

import Testing
@testable import Dangjian
import DangjianTestSupport

@Suite struct TaskRegistryTests {
    @Test func tasksFlowDownTheTreeWithKnownKinds() async throws {
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        let tasks = t.host.tasks
        let list = try await tasks.createList(.init(organizationID: tree.general.id, title: "2026年任务清单"), by: .system)
        let task = try await tasks.create(
            TaskDraft(
                listID: list.id, responsibleOrganizationID: tree.branchA.id, title: "制定三会一课计划",
                acceptanceCriteria: "报总支备案", dueOn: "2026-07-01"), by: .system)
        #expect(task.issuerOrganizationID == tree.general.id && task.status == .open && task.kind == "general")
        await expectError("task.responsibleOutsideIssuer") {
            _ = try await tasks.create(
                TaskDraft(
                    listID: list.id, responsibleOrganizationID: tree.otherSchool.id, title: "x", dueOn: "2026-07-01"),
                by: .system)
        }
        await expectError("validation.badValue") {
            _ = try await tasks.create(
                TaskDraft(
                    listID: list.id, responsibleOrganizationID: tree.branchA.id, kind: "nonsense", title: "x",
                    dueOn: "2026-07-01"), by: .system)
        }
        await expectError("validation.required") {
            _ = try await tasks.create(
                TaskDraft(
                    issuerOrganizationID: tree.root.id, responsibleOrganizationID: tree.branchA.id, title: "x",
                    dueOn: nil), by: .system)
        }
        await expectError("task.unknownAssignee") {
            _ = try await tasks.create(
                TaskDraft(
                    listID: list.id, responsibleOrganizationID: tree.branchA.id, assigneeUserID: 999, title: "x",
                    dueOn: "2026-07-01"), by: .system)
        }
        let past = try await tasks.create(
            TaskDraft(listID: list.id, responsibleOrganizationID: tree.branchB.id, title: "补报", dueOn: "2026-06-01"),
            by: .system)
        #expect(past.status == .overdue)
        // The person responsible (责任人) is a member of the responsible organisation.
        let inA = try await t.host.members.create(.full(tree.branchA, name: "张伟", sequence: 11), by: .system)
        let inOther = try await t.host.members.create(.full(tree.otherSchool, name: "李娜", sequence: 12), by: .system)
        await expectError("task.responsibleMemberOutside") {
            _ = try await tasks.create(
                TaskDraft(
                    listID: list.id, responsibleOrganizationID: tree.branchA.id, title: "x", dueOn: "2026-07-01",
                    responsibleMemberID: inOther.id), by: .system)
        }
        let owned = try await tasks.create(
            TaskDraft(
                listID: list.id, responsibleOrganizationID: tree.branchA.id, title: "制定计划",
                dueOn: "2026-07-01", responsibleMemberID: inA.id), by: .system)
        #expect(owned.responsibleMemberID == inA.id)
        #expect(try await tasks.get(owned.id, by: .system).responsibleMemberID == inA.id)
        #expect(try await t.count("tasks") == 3)
        await t.close()
    }

    @Test func listsAndAssigneesOfOtherSubtreesDoNotExistForTheCaller() async throws {
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        let tasks = t.host.tasks
        let otherList = try await tasks.createList(
            .init(organizationID: tree.otherSchool.id, title: "二中清单"), by: .system)
        let outsider = try await t.host.users.create(
            UserDraft(
                username: "outsider", displayName: "二中书记", password: "secret123",
                grants: [GrantDraft(role: "secretary", organizationID: tree.otherSchool.id)]), by: .system)
        let insider = try await t.host.users.create(
            UserDraft(
                username: "insider", displayName: "一支部书记", password: "secret123",
                grants: [GrantDraft(role: "secretary", organizationID: tree.branchA.id)]), by: .system)
        let issuer = Principal.with(.secretary, tree.general, userID: 1)
        await expectError("taskList.notFound") {
            _ = try await tasks.create(
                TaskDraft(
                    listID: otherList.id, responsibleOrganizationID: tree.branchA.id, title: "x", dueOn: "2026-07-01"),
                by: issuer)
        }
        await expectError("task.unknownAssignee") {
            _ = try await tasks.create(
                TaskDraft(
                    issuerOrganizationID: tree.general.id, responsibleOrganizationID: tree.branchA.id,
                    assigneeUserID: outsider.id, title: "x", dueOn: "2026-07-01"), by: issuer)
        }
        let assigned = try await tasks.create(
            TaskDraft(
                issuerOrganizationID: tree.general.id, responsibleOrganizationID: tree.branchA.id,
                assigneeUserID: insider.id, title: "走访", dueOn: "2026-07-01"), by: issuer)
        #expect(assigned.assigneeUserID == insider.id)
        // A user list shows only the grants inside the caller's own subtree.
        let admin = Principal.with(.districtAdmin, tree.general)
        let both = try await t.host.users.create(
            UserDraft(
                username: "both", displayName: "兼职", password: "secret123",
                grants: [
                    GrantDraft(role: "secretary", organizationID: tree.branchB.id),
                    GrantDraft(role: "auditor", organizationID: tree.otherSchool.id),
                ]),
            by: .system)
        let listed = try await t.host.users.list(page: .first, by: admin).items.first { $0.id == both.id }
        #expect(listed?.grants == [User.GrantView(role: .secretary, organizationID: tree.branchB.id)])
        await t.close()
    }

    @Test func theResponsibleSideSubmitsAndTheIssuerAccepts() async throws {
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        let tasks = t.host.tasks
        let issuer = Principal.with(.secretary, tree.general, userID: 1)
        let responsible = Principal.with(.secretary, tree.branchA, userID: 2)
        let task = try await tasks.create(
            TaskDraft(
                issuerOrganizationID: tree.general.id, responsibleOrganizationID: tree.branchA.id,
                title: "主题党日", dueOn: "2026-07-01"), by: issuer)
        await expectError("task.notFound") {
            _ = try await tasks.get(task.id, by: .with(.secretary, tree.branchB, userID: 3))
        }
        _ = try await tasks.transition(task.id, TaskTransition(status: "inProgress"), by: responsible)
        let submitted = try await tasks.transition(
            task.id, TaskTransition(status: "submitted", note: "已上传签到表"), by: responsible)
        #expect(submitted.status == .submitted)
        await expectError("auth.forbidden") {
            _ = try await tasks.transition(task.id, TaskTransition(status: "accepted"), by: responsible)
        }
        await expectError("validation.required") {
            _ = try await tasks.transition(task.id, TaskTransition(status: "returned"), by: issuer)
        }
        _ = try await tasks.transition(task.id, TaskTransition(status: "returned", note: "缺活动照片"), by: issuer)
        _ = try await tasks.transition(task.id, TaskTransition(status: "submitted", note: "已补照片"), by: responsible)
        let accepted = try await tasks.transition(task.id, TaskTransition(status: "accepted"), by: issuer)
        #expect(accepted.status == .accepted)
        await expectError("task.transitionNotAllowed") {
            _ = try await tasks.transition(task.id, TaskTransition(status: "inProgress"), by: issuer)
        }
        await expectError("task.overdueIsDerived") {
            _ = try await tasks.transition(task.id, TaskTransition(status: "overdue"), by: issuer)
        }
        let read = try await tasks.get(task.id, by: responsible)
        #expect(read.evidence?.map(\.note) == ["已上传签到表", "缺活动照片", "已补照片"])
        await t.close()
    }

    @Test func overdueSweepIsIdempotentAndEmitsOneEventPerTask() async throws {
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        let overdue = EventRecorder()
        t.host.events.subscribe(HostEvent.Name.taskOverdue, subscriber: "test") { await overdue.record($0) }
        for (n, due) in ["2026-06-20", "2026-06-25", "2026-07-30"].enumerated() {
            _ = try await t.host.tasks.create(
                TaskDraft(
                    issuerOrganizationID: tree.root.id, responsibleOrganizationID: tree.branchA.id,
                    title: "任务\(n)", dueOn: due), by: .system)
        }
        #expect(try await t.host.tasks.markOverdue(asOf: Day("2026-07-01")!) == 2)
        #expect(try await t.host.tasks.markOverdue(asOf: Day("2026-07-01")!) == 0)
        await t.host.events.settle()
        #expect(await overdue.events.count == 2)
        let listed = try await t.host.tasks.list(.init(status: .overdue), page: .first, by: .system)
        #expect(listed.items.map(\.title) == ["任务0", "任务1"])
        await t.close()
    }

    @Test func aFindingOpensItsRectificationInTheSameTransaction() async throws {
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        let tasks = t.host.tasks
        let inspection = try await tasks.recordInspection(
            .init(organizationID: tree.general.id, title: "二季度督查", inspectedOn: "2026-06-10"), by: .system)
        let finding = try await tasks.addFinding(
            to: inspection.id,
            .init(
                organizationID: tree.branchA.id, description: "三会一课记录不全",
                rectifyBy: "2026-07-10", acceptanceCriteria: "补齐记录"), by: .system)
        let task = try await tasks.get(try #require(finding.rectificationTaskID), by: .system)
        #expect(task.kind == "rectification" && task.dueOn == Day("2026-07-10") && task.findingID == finding.id)
        #expect(task.responsibleOrganizationID == tree.branchA.id && task.issuerOrganizationID == tree.general.id)
        // A finding whose unit lies outside the inspected subtree is refused whole: no finding, no task.
        let before = (try await t.count("inspection_findings"), try await t.count("tasks"))
        for deadline in ["2026-07-10", nil] {
            await expectError("inspection.unitOutside") {
                _ = try await tasks.addFinding(
                    to: inspection.id,
                    .init(organizationID: tree.otherSchool.id, description: "x", rectifyBy: deadline), by: .system)
            }
        }
        await expectError("inspection.unitOutside") {
            _ = try await tasks.addFinding(
                to: inspection.id, .init(organizationID: 9999, description: "x", rectifyBy: nil), by: .system)
        }
        #expect(try await t.count("inspection_findings") == before.0)
        #expect(try await t.count("tasks") == before.1)
        await expectError("validation.dateOrder") {
            _ = try await tasks.addFinding(
                to: inspection.id, .init(organizationID: tree.branchA.id, description: "x", rectifyBy: "2026-06-01"),
                by: .system)
        }
        let read = try await tasks.inspection(inspection.id, by: .with(.auditor, tree.root))
        #expect(read.findings.count == 1)
        await t.close()
    }

    /// Issue 13 point 7: the unit's secretary is told of the rectification item, once, not left to poll /tasks.
    @Test func aFindingsRectificationTellsTheUnitsSecretary() async throws {
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        let secretary = try await t.host.users.create(
            UserDraft(
                username: "sec-a", displayName: "一支部书记", password: "secret123",
                grants: [GrantDraft(role: "secretary", organizationID: tree.branchA.id)]), by: .system)
        let tasks = t.host.tasks
        let inspection = try await tasks.recordInspection(
            .init(organizationID: tree.general.id, title: "二季度督查", inspectedOn: "2026-06-10"), by: .system)
        let finding = try await tasks.addFinding(
            to: inspection.id,
            .init(
                organizationID: tree.branchA.id, description: "三会一课记录不全",
                rectifyBy: "2026-07-10"), by: .system)
        let taskID = try #require(finding.rectificationTaskID)
        let inbox = try await t.host.notifications.inbox(
            unreadOnly: true, page: .first, by: .with(.secretary, tree.branchA, userID: secretary.id))
        #expect(inbox.items.map(\.title) == ["新的整改任务：整改：三会一课记录不全"])
        #expect(
            inbox.items.first?.body.contains("2026-07-10") == true
                && inbox.items.first?.organizationID == tree.branchA.id)
        #expect(try await t.count("notifications", "idempotency_key = 'rectification:\(taskID):\(secretary.id)'") == 1)
        // A finding with no deadline opens no item and tells nobody.
        _ = try await tasks.addFinding(
            to: inspection.id, .init(organizationID: tree.branchA.id, description: "口头提醒", rectifyBy: nil), by: .system)
        #expect(try await t.count("notifications") == 1)
        await t.close()
    }
}

/// Collects events delivered to a subscriber.
actor EventRecorder {
    private(set) var events: [HostEvent] = []
    func record(_ event: HostEvent) { events.append(event) }
}

import Foundation
import Testing
@testable import Dangjian
import DangjianTestSupport
@testable import SecretaryProjects

@Suite struct ProjectTests {
    @Test func aProjectsItemsAreTasksWithAPersonResponsibleAndBadPlansWriteNothing() async throws {
        let w = try await SecretaryWorld.make()
        defer { Task { await w.t.close() } }
        let project = try await w.project(w.a, secretary: w.secretaryA)
        #expect(project.secretaryMemberID == w.secretaryA.id && project.items.count == 2)
        // 15 June: the March item is overdue at once, as the daily job would mark it.
        #expect(project.items.map(\.status) == [.overdue, .open] && project.progress.overdue == 1)
        let task = try await w.t.host.tasks.get(project.items[0].taskID, by: .system)
        // The bureau, which runs the programme, issues and accepts the items; the branch does the work.
        #expect(
            task.kind == "secretary.item" && task.issuerOrganizationID == w.bureau.id
                && task.responsibleOrganizationID == w.a.id)
        #expect(task.responsibleMemberID == w.secretaryA.id)
        _ = try await w.t.host.tasks.transition(
            project.items[1].taskID, TaskTransition(status: "submitted", note: "完成"),
            by: Principal.with(.secretary, w.a))
        await expectRefusal("auth.forbidden") {
            _ = try await w.t.host.tasks.transition(
                project.items[1].taskID, TaskTransition(status: "accepted"), by: Principal.with(.secretary, w.a))
        }
        let before = (
            try await w.t.count("secretary_projects"), try await w.t.count("tasks"), try await w.t.count("audit_log")
        )
        let projects = Projects(host: w.t.host)
        func attempt(_ items: [ProjectDraft.ItemDraft], unit: Organization? = nil) async throws {
            _ = try await projects.create(
                ProjectDraft(programmeID: w.programme.id, organizationID: (unit ?? w.b).id, title: "x", items: items),
                by: Principal.with(.secretary, unit ?? w.b))
        }
        await expectRefusal("secretary.noResponsiblePerson", field: "items.1.responsibleMemberID") {
            try await attempt([
                .init(
                    component: "smart", title: "平台", responsibleMemberID: w.secretaryB.id, dueOn: "2026-08-01",
                    acceptanceCriteria: "有记录"),
                .init(component: "smart", title: "信息库", dueOn: "2026-08-01", acceptanceCriteria: "有记录"),
            ])
        }
        // The person responsible must belong to the unit: the kernel says so, naming the item.
        await expectRefusal("task.responsibleMemberOutside", field: "items.0.responsibleMemberID") {
            try await attempt([
                .init(
                    component: "smart", title: "平台", responsibleMemberID: w.secretaryA.id, dueOn: "2026-08-01",
                    acceptanceCriteria: "有记录")
            ])
        }
        await expectRefusal("secretary.dueOutsideYear", field: "items.0.dueOn") {
            try await attempt([
                .init(
                    component: "smart", title: "平台", responsibleMemberID: w.secretaryB.id, dueOn: "2099-12-31",
                    acceptanceCriteria: "x")
            ])
        }
        await expectRefusal("validation.required", field: "items.0.acceptanceCriteria") {
            try await attempt([
                .init(component: "smart", title: "平台", responsibleMemberID: w.secretaryB.id, dueOn: "2026-08-01")
            ])
        }
        await expectRefusal("validation.badValue", field: "items.0.component") {
            try await attempt([
                .init(
                    component: "nonsense", title: "平台", responsibleMemberID: w.secretaryB.id, dueOn: "2026-08-01",
                    acceptanceCriteria: "有记录")
            ])
        }
        await expectRefusal("secretary.noSecretary", field: "organizationID") { try await attempt([], unit: w.c) }
        await expectRefusal("secretary.duplicateProject", field: "organizationID") {
            _ = try await projects.create(
                ProjectDraft(programmeID: w.programme.id, organizationID: w.a.id, title: "又一个", items: []),
                by: Principal.with(.secretary, w.a))
        }
        // Another branch's secretary cannot write 一支部's project.
        await expectRefusal("auth.forbidden") {
            _ = try await projects.create(
                ProjectDraft(programmeID: w.programme.id, organizationID: w.a.id, title: "x", items: []),
                by: Principal.with(.secretary, w.general).withReadOnly)
        }
        #expect(
            (try await w.t.count("secretary_projects"), try await w.t.count("tasks"), try await w.t.count("audit_log"))
                == before)
    }

    @Test func aTemplateIsCopiedToEveryBranchOfASubtreeInOneStepOrNotAtAll() async throws {
        let w = try await SecretaryWorld.make()
        defer { Task { await w.t.close() } }
        let projects = Projects(host: w.t.host)
        let template = TemplateDraft(
            organizationID: w.general.id, title: "书记项目（模板）",
            items: [
                .init(
                    component: "standardisation", title: "细化规范化建设任务清单", dueOn: "2026-09-30",
                    acceptanceCriteria: "清单报党总支"),
                .init(component: "guidance", title: "民生政策宣讲", dueOn: "2026-12-15", acceptanceCriteria: "宣讲记录"),
            ])
        // 三支部 has no secretary yet: nothing is copied, and the error names it.
        let refusal = await expectRefusal("secretary.noSecretary", field: "organizationID") {
            _ = try await projects.copyTemplate(of: w.programme.id, template, by: .system)
        }
        #expect(refusal?.zh.contains("一中三支部") == true)
        #expect(try await w.t.count("secretary_projects") == 0)
        #expect(try await w.t.count("tasks") == 0)
        let third = try await w.t.host.members.create(.full(w.c, name: "王书记", sequence: 9), by: .system)
        _ = try await w.t.host.organizations.update(w.c.id, OrganizationPatch(secretaryMemberID: third.id), by: .system)
        _ = try await w.project(w.a, secretary: w.secretaryA)
        let copied = try await projects.copyTemplate(of: w.programme.id, template, by: .system)
        // 一支部 has its own project already; 二支部 and 三支部 get the template, their secretaries responsible.
        #expect(copied.map(\.organizationID) == [w.b.id, w.c.id])
        #expect(
            copied.map { $0.items.compactMap(\.responsibleMemberID) } == [
                [w.secretaryB.id, w.secretaryB.id], [third.id, third.id],
            ])
        #expect(try await projects.copyTemplate(of: w.programme.id, template, by: .system).isEmpty)
        // A branch's secretary cannot copy to the whole subtree.
        await expectRefusal("auth.forbidden") {
            _ = try await projects.copyTemplate(of: w.programme.id, template, by: Principal.with(.secretary, w.a))
        }
    }

    @Test func theLeadershipGroupHasOneLeaderFromInsideTheProgramme() async throws {
        let w = try await SecretaryWorld.make()
        defer { Task { await w.t.close() } }
        let programmes = Programmes(host: w.t.host)
        #expect(
            w.programme.group.map(\.role) == [.leader, .officeDirector]
                && w.programme.officeOrganizationID == w.office.id)
        await expectRefusal("secretary.oneLeader", field: "members") {
            _ = try await programmes.setGroup(
                of: w.programme.id, LeadershipGroupDraft(members: [.init(memberID: w.director.id, role: "member")]),
                by: .system)
        }
        let other = try await w.t.host.organizations.create(
            .init(parentID: nil, name: "别的党委", kind: "committee"), by: .system)
        let stranger = try await w.t.host.members.create(.full(other, name: "外人", sequence: 8), by: .system)
        await expectRefusal("secretary.memberOutside", field: "members.1.memberID") {
            _ = try await programmes.setGroup(
                of: w.programme.id,
                LeadershipGroupDraft(members: [
                    .init(memberID: w.leader.id, role: "leader"), .init(memberID: stranger.id, role: "member"),
                ]), by: .system)
        }
        #expect(try await programmes.get(w.programme.id, by: .system).group.count == 2)
    }
}

extension Principal {
    /// The same caller with read-only rights (an auditor's): used to show a 403 on a visible unit.
    var withReadOnly: Principal {
        Principal(
            userID: userID, username: username, memberID: memberID,
            grants: grants.map { .init(role: .auditor, organizationID: $0.organizationID, path: $0.path) })
    }
}

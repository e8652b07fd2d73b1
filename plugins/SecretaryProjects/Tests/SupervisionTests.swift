import Foundation
import Testing
@testable import Dangjian
import DangjianDemo
import DangjianLua
import DangjianTestSupport
@testable import SecretaryProjects

@Suite struct SupervisionTests {
    @Test func theGroupInspectsFindingsOpenRectificationsAndTheBulletinRanksTheUnits() async throws {
        let w = try await SecretaryWorld.make()
        defer { Task { await w.t.close() } }
        let projects = Projects(host: w.t.host)
        let a = try await w.project(w.a, secretary: w.secretaryA)
        let b = try await w.project(
            w.b, secretary: w.secretaryB, items: [("standardisation", "2026-05-31"), ("smart", "2026-09-30")])
        // 二支部 finished its May item; 一支部 let its March item run over.
        _ = try await w.t.host.tasks.transition(
            b.items[0].taskID, TaskTransition(status: "submitted", note: "清单已报"), by: Principal.with(.secretary, w.b))
        _ = try await w.t.host.tasks.transition(
            b.items[0].taskID, TaskTransition(status: "accepted"), by: Principal.with(.secretary, w.bureau))
        for day in ["2026-04-20", "2026-05-25"] {
            _ = try await projects.recordStudy(
                of: b.id, StudyDraft(heldOn: day, topic: "研究部署", decisions: "明确分工"), by: Principal.with(.secretary, w.b)
            )
        }
        // 15 June: Q1 ended more than 5 days ago, so its sessions are the bureau's to enter now.
        await expectRefusal("secretary.lateStudy", field: "heldOn") {
            _ = try await projects.recordStudy(
                of: a.id, StudyDraft(heldOn: "2026-03-20", topic: "x", decisions: "y"),
                by: Principal.with(.secretary, w.a))
        }
        _ = try await projects.recordStudy(
            of: a.id, StudyDraft(heldOn: "2026-03-20", topic: "补录", decisions: "补录"),
            by: Principal.with(.secretary, w.bureau))
        await expectRefusal("validation.futureDate", field: "heldOn") {
            _ = try await projects.recordStudy(
                of: a.id, StudyDraft(heldOn: "2026-07-01", topic: "x", decisions: "y"),
                by: Principal.with(.secretary, w.a))
        }
        let supervision = Supervision(host: w.t.host)
        let request = InspectionRequest(
            quarter: "2026-Q2", inspectedOn: "2026-06-12", summary: "二季度督查",
            findings: [.init(organizationID: w.a.id, description: "未按季度研究部署书记项目", rectifyBy: "2026-07-15")])
        // Only the leadership group inspects: the bureau's secretary without a seat in it may not.
        await expectRefusal("secretary.notInGroup") {
            _ = try await supervision.inspect(w.programme.id, request, by: Principal.with(.secretary, w.bureau))
        }
        await expectRefusal("secretary.noProject", field: "findings.0.organizationID") {
            _ = try await supervision.inspect(
                w.programme.id,
                InspectionRequest(quarter: "2026-Q2", findings: [.init(organizationID: w.c.id, description: "x")]),
                by: w.inspector)
        }
        #expect(try await w.t.count("inspections") == 0)
        let secretaryUser = try await w.t.create(Account("sec-a", .secretary, on: w.a, displayName: "张书记"))
        let inspection = try await supervision.inspect(w.programme.id, request, by: w.inspector)
        let rectification = try await w.t.host.tasks.get(
            try #require(inspection.findings.first?.rectificationTaskID), by: .system)
        #expect(rectification.responsibleOrganizationID == w.a.id && rectification.dueOn == Day("2026-07-15"))
        // Issue 13 point 7: 一支部's secretary is told of the item, instead of finding it by polling the tasks.
        let told = try await w.t.host.notifications.inbox(
            unreadOnly: true, page: .first, by: .with(.secretary, w.a, userID: secretaryUser.id))
        #expect(told.items.map(\.title) == ["新的整改任务：整改：未按季度研究部署书记项目"])
        let bulletin = try await supervision.bulletin(w.programme.id, quarter: "2026-Q2", by: .system)
        #expect(bulletin.lines.map(\.unit) == ["一中二支部", "一中一支部"])
        #expect(bulletin.lines.map(\.studies) == [2, 0] && bulletin.lines[1].findings == ["未按季度研究部署书记项目"])
        #expect(bulletin.highlights.contains("「一中二支部」本季度研究部署 2 次"))
        #expect(bulletin.problems.contains("「一中一支部」本季度未研究部署书记项目") && bulletin.problems.contains("「一中一支部」有 1 项事项逾期"))
        #expect(bulletin.body.contains("共 2 个书记项目、4 项事项，已验收 1 项（25%）"))
        #expect(try bulletin.csv().contains("1,一中二支部,2,1,0,50%,2,"))
        #expect(bulletin.html.contains("<td>一中二支部</td>") && bulletin.publishedAt == nil)
        await expectRefusal("secretary.quarterNotEnded", field: "quarter") {
            _ = try await supervision.publish(w.programme.id, quarter: "2026-Q2", by: .system)
        }
        await expectRefusal("secretary.badQuarter", field: "quarter") {
            _ = try await supervision.bulletin(w.programme.id, quarter: "2026-06", by: .system)
        }
        await expectRefusal("secretary.quarterOutsideProgramme", field: "quarter") {
            _ = try await supervision.publish(w.programme.id, quarter: "2019-Q1", by: .system)
        }
    }

    @Test func aPublishedBulletinReachesEveryUnitsSecretaryOnce() async throws {
        let w = try await SecretaryWorld.make()
        defer { Task { await w.t.close() } }
        _ = try await w.project(w.a, secretary: w.secretaryA)
        let user = try await w.t.create(Account("sec-a", .secretary, on: w.a, displayName: "张书记"))
        let supervision = Supervision(host: w.t.host)
        let published = try await supervision.publish(w.programme.id, quarter: "2026-Q1", by: .system)
        #expect(published.publishedAt != nil)
        #expect(try await w.t.count("notifications", "user_id = \(user.id) AND kind = 'secretary.bulletin'") == 1)
        await expectRefusal("secretary.bulletinPublished", field: "quarter") {
            _ = try await supervision.publish(w.programme.id, quarter: "2026-Q1", by: .system)
        }
        #expect(try await w.t.count("notifications") == 1)
        // A branch's secretary reads the bulletin but does not publish one.
        await expectRefusal("auth.forbidden") {
            _ = try await supervision.publish(w.programme.id, quarter: "2026-Q1", by: Principal.with(.secretary, w.a))
        }
    }
}

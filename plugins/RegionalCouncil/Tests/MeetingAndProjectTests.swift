import Foundation
import Testing
@testable import Dangjian
import DangjianTestSupport
@testable import RegionalCouncil

@Suite struct MeetingAndProjectTests {
    @Test func aSubCouncilMeetingTakesOnlyItsOwnUnitsAndIsRecordedOnce() async throws {
        let t = try await openCouncilHost()
        defer { Task { await t.close() } }
        let w = try await CouncilWorld.make(t)
        let councils = Councils(host: t.host)
        // The convener (一中) records its sub-council's meeting, the community branch attending.
        let convener = Principal.with(.secretary, w.schoolA)
        let meeting = try await councils.record(
            CouncilMeetingDraft(
                kind: "subCouncil", subCouncilID: w.east.id, heldAt: "2026-05-20T14:00", title: "东部分会二季度例会",
                units: [
                    .init(organizationID: w.schoolA.id, representative: "张伟"),
                    .init(organizationID: w.community.id, present: false),
                ]), by: convener)
        #expect(
            meeting.committeeID == w.committee.id && meeting.attendeeCount == 1
                && meeting.units.map(\.present) == [true, false])
        let before = (
            try await t.count("council_meetings"), try await t.count("council_meeting_units"),
            try await t.count("audit_log")
        )
        await expectRefusal("council.duplicateMeeting", field: "heldAt") {
            _ = try await councils.record(
                CouncilMeetingDraft(
                    kind: "subCouncil", subCouncilID: w.east.id, heldAt: "2026-05-20T14:00",
                    title: "重复登记", units: [.init(organizationID: w.schoolA.id)]), by: convener)
        }
        // 二中 belongs to 西部分会.
        await expectRefusal("council.notAUnit", field: "units.0.organizationID") {
            _ = try await councils.record(
                CouncilMeetingDraft(
                    kind: "subCouncil", subCouncilID: w.east.id, heldAt: "2026-05-21",
                    title: "例会", units: [.init(organizationID: w.schoolB.id)]), by: convener)
        }
        await expectRefusal("validation.futureDate", field: "heldAt") {
            _ = try await councils.record(
                CouncilMeetingDraft(
                    kind: "subCouncil", subCouncilID: w.east.id, heldAt: "2026-07-01", title: "例会",
                    units: [.init(organizationID: w.schoolA.id)]), by: convener)
        }
        // The convener of 东部分会 cannot record 西部分会's meeting, nor a plenary.
        await expectRefusal("auth.forbidden") {
            _ = try await councils.record(
                CouncilMeetingDraft(
                    kind: "subCouncil", subCouncilID: w.west.id, heldAt: "2026-05-21", title: "例会",
                    units: [.init(organizationID: w.schoolB.id)]), by: convener)
        }
        await expectRefusal("validation.required", field: "units") {
            _ = try await councils.record(
                CouncilMeetingDraft(kind: "subCouncil", subCouncilID: w.east.id, heldAt: "2026-05-22", title: "例会"),
                by: convener)
        }
        // 东部分会 was set up on 1 January 2025.
        await expectRefusal("validation.dateOrder", field: "heldAt") {
            _ = try await councils.record(
                CouncilMeetingDraft(
                    kind: "subCouncil", subCouncilID: w.east.id, heldAt: "2024-12-20", title: "例会",
                    units: [.init(organizationID: w.schoolA.id)]), by: convener)
        }
        await expectRefusal("validation.required", field: "speaker") {
            _ = try await councils.record(
                CouncilMeetingDraft(
                    kind: "lecture", committeeID: w.committee.id, heldAt: "2026-05-22",
                    title: "每月一讲", attendeeCount: 40), by: .system)
        }
        #expect(
            (
                try await t.count("council_meetings"), try await t.count("council_meeting_units"),
                try await t.count("audit_log")
            ) == before)
        _ = try await councils.record(
            CouncilMeetingDraft(
                kind: "lecture", committeeID: w.committee.id, heldAt: "2026-05-22T15:30",
                title: "每月一讲：新时代学校党建", speaker: "市委党校 王教授", attendeeCount: 60), by: .system)
        let q2 = try await councils.meetings(ofCommittee: w.committee.id, period: "2026-Q2", kind: nil, by: .system)
        #expect(q2.map(\.kind) == [.subCouncil, .lecture] && q2[1].speaker == "市委党校 王教授")
        #expect(
            try await councils.meetings(ofCommittee: w.committee.id, period: "2026-Q1", kind: nil, by: .system).isEmpty)
        await expectRefusal("council.badPeriod", field: "period") {
            _ = try await councils.meetings(ofCommittee: w.committee.id, period: "2026-Q5", kind: nil, by: .system)
        }
    }

    @Test func aJointProjectsMilestonesAreTasksOfItsUnits() async throws {
        let t = try await openCouncilHost()
        defer { Task { await t.close() } }
        let w = try await CouncilWorld.make(t)
        let projects = JointProjects(host: t.host)
        let bureau = Principal.with(.districtAdmin, w.bureau)
        let project = try await projects.create(
            JointProjectDraft(
                committeeID: w.committee.id, kind: "servicePromotion", name: "医教结合志愿服务", leadID: w.schoolA.id,
                partnerIDs: [w.schoolB.id],
                goals: "组建志愿者团队\n服务区域残疾学生", resources: "康复教室共享",
                milestones: [
                    .init(
                        title: "制定实施方案", responsibleOrganizationID: w.schoolA.id, dueOn: "2026-07-31",
                        acceptanceCriteria: "经分会例会通过"),
                    .init(title: "开展两次联合活动", responsibleOrganizationID: w.schoolB.id, dueOn: "2026-10-31"),
                ]), by: bureau)
        #expect(project.milestoneIDs.count == 2 && project.partnerIDs == [w.schoolB.id])
        let tasks = try await t.host.store.read { s in
            try s.query("SELECT kind, issuer_org_id, responsible_org_id FROM tasks ORDER BY id", []).map {
                [try $0.string("kind"), "\(try $0.int64("issuer_org_id"))", "\(try $0.int64("responsible_org_id"))"]
            }
        }
        #expect(
            tasks == [
                ["council.milestone", "\(w.bureau.id)", "\(w.schoolA.id)"],
                ["council.milestone", "\(w.bureau.id)", "\(w.schoolB.id)"],
            ])
        let before = (try await t.count("council_projects"), try await t.count("tasks"))
        // A partner outside the committee; a milestone of a unit not in the project; a milestone with no responsible unit.
        await expectRefusal("council.notAUnit", field: "partnerIDs.0") {
            _ = try await projects.create(
                JointProjectDraft(
                    committeeID: w.committee.id, kind: "jointBuilding", name: "x", leadID: w.schoolA.id,
                    partnerIDs: [w.schoolC.id], goals: "g"), by: bureau)
        }
        await expectRefusal("validation.badValue", field: "milestones.0.responsibleOrganizationID") {
            _ = try await projects.create(
                JointProjectDraft(
                    committeeID: w.committee.id, kind: "jointBuilding", name: "y", leadID: w.schoolA.id,
                    partnerIDs: [w.schoolB.id], goals: "g",
                    milestones: [.init(title: "m", responsibleOrganizationID: w.community.id, dueOn: "2026-08-01")]),
                by: bureau)
        }
        await expectRefusal("validation.required", field: "milestones.0.responsibleOrganizationID") {
            _ = try await projects.create(
                JointProjectDraft(
                    committeeID: w.committee.id, kind: "jointBuilding", name: "z", leadID: w.schoolA.id,
                    partnerIDs: [w.schoolB.id], goals: "g", milestones: [.init(title: "m", dueOn: "2026-08-01")]),
                by: bureau)
        }
        // A bad milestone date fails the whole project, not only that milestone.
        await expectRefusal("validation.badValue", field: "milestones.1.dueOn") {
            _ = try await projects.create(
                JointProjectDraft(
                    committeeID: w.committee.id, kind: "jointBuilding", name: "w", leadID: w.schoolA.id,
                    partnerIDs: [w.schoolB.id], goals: "g",
                    milestones: [
                        .init(title: "m", responsibleOrganizationID: w.schoolA.id, dueOn: "2026-08-01"),
                        .init(title: "n", responsibleOrganizationID: w.schoolB.id, dueOn: "2026-13-01"),
                    ]), by: bureau)
        }
        #expect((try await t.count("council_projects"), try await t.count("tasks")) == before)
        // The lead unit reports results; a partner cannot.
        let reported = try await projects.report(
            project.id, JointProjectDraft(results: "服务残疾学生 36 人次"), by: Principal.with(.secretary, w.schoolA))
        #expect(reported.results == "服务残疾学生 36 人次" && reported.resources == "康复教室共享")
        await expectRefusal("auth.forbidden") {
            _ = try await projects.report(
                project.id, JointProjectDraft(results: "x"), by: Principal.with(.secretary, w.schoolB))
        }
    }
}

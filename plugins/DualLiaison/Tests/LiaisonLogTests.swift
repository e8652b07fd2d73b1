import Foundation
import Testing
@testable import Dangjian
import DangjianTestSupport
@testable import DualLiaison
@testable import RegionalCouncil

@Suite struct LiaisonLogTests {
    /// East and west with their pairs since 2025, a meeting of each on 12 May, a topic of the committee.
    struct Logged {
        let w: LiaisonWorld
        let eastMeeting: CouncilMeeting
        let westMeeting: CouncilMeeting
        let topic: ResearchTopic
    }

    func world(_ t: TemporaryHost) async throws -> Logged {
        let w = try await LiaisonWorld.make(t)
        try await w.assign(t, w.east, leader: w.leaderWang, staff: w.staffZhou)
        try await w.assign(t, w.west, leader: w.leaderLi, staff: w.staffWu)
        let councils = Councils(host: t.host)
        func meeting(_ sub: SubCouncil) async throws -> CouncilMeeting {
            try await councils.record(
                CouncilMeetingDraft(
                    kind: "subCouncil", subCouncilID: sub.id, heldAt: "2026-05-12T14:00",
                    title: "\(sub.name)季度例会",
                    units: sub.units.map { .init(organizationID: $0.organizationID) }), by: .system)
        }
        let topics = Topics(host: t.host)
        let call = try await topics.openCall(
            in: w.committee.id,
            TopicCallDraft(
                year: 2026, title: "2026 年度课题申报",
                opensOn: "2026-03-01", closesOn: "2026-04-30"), by: .system)
        let topic = try await topics.apply(
            TopicDraft(
                callID: call.id, title: "分会联建机制研究", grade: "general", unitIDs: [w.schoolA.id],
                leadMemberID: w.teacher.id, budget: 0, appliedOn: "2026-03-10"), by: .system)
        return Logged(
            w: w, eastMeeting: try await meeting(w.east), westMeeting: try await meeting(w.west), topic: topic)
    }

    @Test func meetingsActivitiesAndTopicContactsAreLoggedWithTheRoleHeldThatDay() async throws {
        let t = try await openLiaisonHost()
        defer { Task { await t.close() } }
        let l = try await world(t)
        let w = l.w
        let liaisons = Liaisons(host: t.host)
        let attended = try await liaisons.log(
            LiaisonLogDraft(
                memberID: w.leaderWang.id, subCouncilID: w.east.id, kind: "meeting",
                meetingID: l.eastMeeting.id, note: "听取汇报"), by: .system)
        // The day comes from the meeting.
        #expect(attended.on == Day("2026-05-12") && attended.role == .leader && attended.meetingID == l.eastMeeting.id)
        let contact = try await liaisons.log(
            LiaisonLogDraft(
                memberID: w.staffZhou.id, subCouncilID: w.east.id, kind: "topicContact",
                topicID: l.topic.id, on: "2026-06-01"), by: .system)
        #expect(contact.role == .staff && contact.topicID == l.topic.id)
        _ = try await liaisons.log(
            LiaisonLogDraft(memberID: w.staffZhou.id, subCouncilID: w.east.id, kind: "activity", on: "2026-04-02"),
            by: .system)
        let q2 = try await liaisons.log(ofSubCouncil: w.east.id, period: "2026-Q2", by: .system)
        #expect(q2.map(\.kind) == [.activity, .meeting, .topicContact])
        #expect(try await liaisons.log(ofSubCouncil: w.east.id, period: "2026-Q1", by: .system).isEmpty)
        #expect(try await liaisons.log(ofSubCouncil: w.west.id, period: nil, by: .system).isEmpty)
        #expect(try await t.count("audit_log", "entity = 'liaison.logEntry' AND action = 'create'") == 3)
        await expectRefusal("liaison.badPeriod", field: "period") {
            _ = try await liaisons.log(ofSubCouncil: w.east.id, period: "2026-Q5", by: .system)
        }
    }

    @Test func everyWrongEntryIsRefusedAndNothingIsWritten() async throws {
        let t = try await openLiaisonHost()
        defer { Task { await t.close() } }
        let l = try await world(t)
        let w = l.w
        let liaisons = Liaisons(host: t.host)
        _ = try await liaisons.log(
            LiaisonLogDraft(
                memberID: w.leaderWang.id, subCouncilID: w.east.id, kind: "meeting", meetingID: l.eastMeeting.id),
            by: .system)
        let before = try await LiaisonCounts.of(t)
        func refused(_ code: String, field: String? = nil, _ draft: LiaisonLogDraft) async {
            await expectRefusal(code, field: field) { _ = try await liaisons.log(draft, by: .system) }
        }
        // West's meeting is not east's.
        await refused(
            "liaison.meetingOfAnotherSubCouncil", field: "meetingID",
            LiaisonLogDraft(
                memberID: w.leaderWang.id, subCouncilID: w.east.id, kind: "meeting", meetingID: l.westMeeting.id))
        await refused(
            "council.meeting.notFound",
            LiaisonLogDraft(memberID: w.leaderWang.id, subCouncilID: w.east.id, kind: "meeting", meetingID: 98765))
        await refused(
            "liaison.notTheMeetingDay", field: "on",
            LiaisonLogDraft(
                memberID: w.leaderWang.id, subCouncilID: w.east.id, kind: "meeting", meetingID: l.eastMeeting.id,
                on: "2026-05-13"))
        await refused(
            "liaison.duplicateEntry", field: "meetingID",
            LiaisonLogDraft(
                memberID: w.leaderWang.id, subCouncilID: w.east.id, kind: "meeting", meetingID: l.eastMeeting.id))
        await refused(
            "validation.futureDate", field: "on",
            LiaisonLogDraft(memberID: w.leaderWang.id, subCouncilID: w.east.id, kind: "activity", on: "2026-06-16"))
        await refused(
            "validation.required", field: "on",
            LiaisonLogDraft(memberID: w.leaderWang.id, subCouncilID: w.east.id, kind: "activity"))
        await refused(
            "validation.badValue", field: "kind",
            LiaisonLogDraft(memberID: w.leaderWang.id, subCouncilID: w.east.id, kind: "visit", on: "2026-06-01"))
        // Not this sub-council's liaison, or not yet on that day.
        await refused(
            "liaison.notALiaison", field: "memberID",
            LiaisonLogDraft(memberID: w.leaderLi.id, subCouncilID: w.east.id, kind: "activity", on: "2026-06-01"))
        await refused(
            "liaison.notALiaison", field: "memberID",
            LiaisonLogDraft(memberID: w.leaderWang.id, subCouncilID: w.east.id, kind: "activity", on: "2024-12-31"))
        // Topic contacts are the staff's; a topic of the committee only; a meeting or topic only with its kind.
        await refused(
            "liaison.notStaffLiaison", field: "kind",
            LiaisonLogDraft(memberID: w.leaderWang.id, subCouncilID: w.east.id, kind: "topicContact", on: "2026-06-01"))
        await refused(
            "council.topic.notFound",
            LiaisonLogDraft(
                memberID: w.staffZhou.id, subCouncilID: w.east.id, kind: "topicContact", topicID: 98765,
                on: "2026-06-01"))
        await refused(
            "validation.badValue", field: "meetingID",
            LiaisonLogDraft(
                memberID: w.leaderWang.id, subCouncilID: w.east.id, kind: "activity", meetingID: l.eastMeeting.id,
                on: "2026-05-12"))
        await refused(
            "validation.badValue", field: "topicID",
            LiaisonLogDraft(
                memberID: w.leaderWang.id, subCouncilID: w.east.id, kind: "meeting", topicID: l.topic.id,
                on: "2026-05-12"))
        // A school's secretary sees the committee but keeps no liaison log.
        await expectRefusal("auth.forbidden") {
            _ = try await liaisons.log(
                LiaisonLogDraft(memberID: w.leaderWang.id, subCouncilID: w.east.id, kind: "activity", on: "2026-06-01"),
                by: LiaisonWorld.caller(.secretary, over: w.schoolA))
        }
        #expect(try await LiaisonCounts.of(t) == before)
    }

    @Test func aTopicOfAnotherCommitteeIsRefused() async throws {
        let t = try await openLiaisonHost()
        defer { Task { await t.close() } }
        let l = try await world(t)
        let councils = Councils(host: t.host)
        let council = try await councils.council(l.w.committee.councilID, by: .system)
        let other = try await councils.createCommittee(
            in: council.id, CommitteeDraft(name: "文化专委会", organizationID: l.w.bureau.id, establishedOn: "2025-01-01"),
            by: .system)
        let topics = Topics(host: t.host)
        let call = try await topics.openCall(
            in: other.id, TopicCallDraft(year: 2026, title: "文化课题", opensOn: "2026-03-01", closesOn: "2026-04-30"),
            by: .system)
        let culture = try await councils.createSubCouncil(
            in: other.id, SubCouncilDraft(name: "文化分会", convenerID: l.w.schoolB.id, establishedOn: "2025-01-01"),
            by: .system)
        _ = try await councils.addUnits(to: culture.id, UnitsDraft(organizationIDs: [l.w.schoolB.id]), by: .system)
        let lead = try await LiaisonWorld.full(t, l.w.schoolB, "赵老师", 107)
        let foreign = try await topics.apply(
            TopicDraft(
                callID: call.id, title: "校园文化研究", grade: "general", unitIDs: [l.w.schoolB.id],
                leadMemberID: lead.id, budget: 0, appliedOn: "2026-03-10"), by: .system)
        await expectRefusal("liaison.topicOfAnotherCommittee", field: "topicID") {
            _ = try await Liaisons(host: t.host).log(
                LiaisonLogDraft(
                    memberID: l.w.staffZhou.id, subCouncilID: l.w.east.id, kind: "topicContact",
                    topicID: foreign.id, on: "2026-06-01"), by: .system)
        }
    }

    /// The topic is undertaken by 一中, a unit of east: west's staff liaison may not log it.
    @Test func aTopicOfAnotherSubCouncilIsRefused() async throws {
        let t = try await openLiaisonHost()
        defer { Task { await t.close() } }
        let l = try await world(t)
        let before = try await LiaisonCounts.of(t)
        let refusal = await expectRefusal("liaison.topicOfAnotherSubCouncil", field: "topicID") {
            _ = try await Liaisons(host: t.host).log(
                LiaisonLogDraft(
                    memberID: l.w.staffWu.id, subCouncilID: l.w.west.id, kind: "topicContact",
                    topicID: l.topic.id, on: "2026-06-01"), by: .system)
        }
        #expect(
            refusal?.kind == .invalid && refusal?.zh.contains("西部分会") == true && refusal?.en.contains("西部分会") == true)
        #expect(try await LiaisonCounts.of(t) == before)
    }
}

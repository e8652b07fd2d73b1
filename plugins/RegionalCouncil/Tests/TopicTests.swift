import Foundation
import Testing
@testable import Dangjian
import DangjianTestSupport
@testable import RegionalCouncil

/// A topic's whole way on a clock the test moves: call 2026-03-01..04-30, today 2026-06-15.
private struct TopicBench {
    let t: TemporaryHost
    let w: CouncilWorld
    let topics: Topics
    let call: TopicCall

    static func make() async throws -> TopicBench {
        let t = try await openCouncilHost()
        let w = try await CouncilWorld.make(t)
        let topics = Topics(host: t.host)
        let call = try await topics.openCall(
            in: w.committee.id,
            TopicCallDraft(
                year: 2026, title: "2026 年度党建研究课题申报", opensOn: "2026-03-01", closesOn: "2026-04-30",
                referenceTopics: ["区域化党建资源共享机制研究"]), by: .system)
        return TopicBench(t: t, w: w, topics: topics, call: call)
    }

    func apply(
        _ title: String = "学校党组织领导机制研究", units: [Int64]? = nil, lead: Int64? = nil, level: String? = nil,
        on: String = "2026-03-10"
    ) async throws -> ResearchTopic {
        try await topics.apply(
            TopicDraft(
                callID: call.id, title: title, grade: "key", level: level,
                unitIDs: units ?? [w.schoolA.id, w.schoolB.id],
                leadMemberID: lead ?? w.zhang.id, budget: 20000, appliedOn: on), by: .system)
    }

    func step(_ run: (Topics) async throws -> ResearchTopic) async throws -> ResearchTopic { try await run(topics) }
}

@Suite struct TopicTests {
    @Test func aTopicGoesThroughEveryStageToAnAwardAndTheCollection() async throws {
        let b = try await TopicBench.make()
        defer { Task { await b.t.close() } }
        var topic = try await b.apply()
        #expect(topic.stage == .applied && topic.unitIDs == [b.w.schoolA.id, b.w.schoolB.id] && topic.leadName == "张伟")
        topic = try await b.topics.approve(
            topic.id, TopicStepDraft(on: "2026-05-10", advisor: "教育学院科研室 周老师"), by: .system)
        #expect(
            topic.stage == .approved && topic.reviews.map(\.kind) == [.kickoff]
                && topic.reviews[0].dueOn == Day("2026-07-10"))
        topic = try await b.topics.submitReview(
            topic.id, TopicStepDraft(on: "2026-06-01", review: "kickoff", document: "开题报告 v1"), by: .system)
        topic = try await b.topics.decideReview(
            topic.id,
            TopicStepDraft(
                on: "2026-06-05", review: "kickoff", outcome: "returned",
                comments: "请聚焦研究问题", dueOn: "2026-06-30"), by: .system)
        #expect(
            topic.stage == .approved && topic.reviews.map(\.round) == [1, 2]
                && topic.reviews[1].dueOn == Day("2026-06-30"))
        topic = try await b.topics.submitReview(
            topic.id, TopicStepDraft(on: "2026-06-10", review: "kickoff", document: "开题报告 v2"), by: .system)
        topic = try await b.topics.decideReview(
            topic.id, TopicStepDraft(on: "2026-06-12", review: "kickoff", outcome: "passed"), by: .system)
        #expect(
            topic.stage == .kickedOff && topic.reviews.last?.kind == .midterm
                && topic.reviews.last?.dueOn == Day("2026-12-12"))
        b.t.clock.set(Day("2027-06-20")!.start)
        // The mid-term cannot be handed in before the kick-off passed (12 June).
        await expectRefusal("validation.dateOrder", field: "on") {
            _ = try await b.topics.submitReview(
                topic.id, TopicStepDraft(on: "2026-06-11", review: "midterm", document: "中期报告"), by: .system)
        }
        topic = try await b.topics.submitReview(
            topic.id, TopicStepDraft(on: "2026-12-01", review: "midterm", document: "中期报告"), by: .system)
        topic = try await b.topics.decideReview(
            topic.id, TopicStepDraft(on: "2026-12-10", review: "midterm", outcome: "passed"), by: .system)
        #expect(topic.stage == .midtermPassed)
        topic = try await b.topics.submitReview(
            topic.id, TopicStepDraft(on: "2027-05-20", review: "conclusion", document: "结题报告《学校党组织领导机制研究》"), by: .system
        )
        topic = try await b.topics.decideReview(
            topic.id, TopicStepDraft(on: "2027-06-01", review: "conclusion", outcome: "passed"), by: .system)
        #expect(topic.stage == .concluded && topic.reviews.count == 4)
        topic = try await b.topics.award(
            topic.id, TopicStepDraft(on: "2027-06-10", awardScope: "municipal", awardRank: "first"), by: .system)
        #expect(topic.stage == .awarded && topic.award?.zh == "市一等奖")
        topic = try await b.topics.addTransfer(
            topic.id,
            TransferDraft(
                organizationID: b.w.schoolC.id, appliedOn: "2027-06-15",
                description: "转化为三小的议事决策制度"), by: .system)
        #expect(topic.transfers.count == 1)
        _ = try await b.topics.selectOutstanding(topic.id, by: .system)
        let papers = try await b.topics.collection(of: b.w.committee.id, year: 2027, by: .system)
        #expect(papers.map(\.title) == ["学校党组织领导机制研究"] && papers[0].units == ["一中党支部", "二中党支部"])
        #expect(papers[0].document.contains("结题报告") && papers[0].award == "市一等奖")
        #expect(try Topics.csv(papers).contains("学校党组织领导机制研究,重点,一中党支部、二中党支部,张伟,2027-06-01"))
        #expect(try await b.topics.collection(of: b.w.committee.id, year: 2026, by: .system).isEmpty)
        // Every step is in the audit log, stage by stage.
        #expect(try await b.t.count("audit_log", "entity = 'council.topic'") == 13)
    }

    @Test func noStageIsSkippedAndEachRefusalWritesNothing() async throws {
        let b = try await TopicBench.make()
        defer { Task { await b.t.close() } }
        let topic = try await b.apply()
        func unchanged() async throws -> [Int] {
            [
                try await b.t.count("council_reviews"), try await b.t.count("audit_log"),
                try await b.t.count("council_topics", "stage = 'applied'"),
            ]
        }
        let before = try await unchanged()
        // Application straight to conclusion.
        await expectRefusal("council.stageSkipped", field: "review") {
            _ = try await b.topics.submitReview(
                topic.id, TopicStepDraft(on: "2026-06-01", review: "conclusion", document: "结题报告"), by: .system)
        }
        await expectRefusal("council.stageSkipped", field: "stage") {
            _ = try await b.topics.award(
                topic.id, TopicStepDraft(awardScope: "district", awardRank: "first"), by: .system)
        }
        // A district-level topic is not approved without an advisor.
        await expectRefusal("council.advisorRequired", field: "advisor") {
            _ = try await b.topics.approve(topic.id, TopicStepDraft(on: "2026-05-10"), by: .system)
        }
        await expectRefusal("validation.dateOrder", field: "on") {
            _ = try await b.topics.approve(topic.id, TopicStepDraft(on: "2026-03-01", advisor: "周老师"), by: .system)
        }
        #expect(try await unchanged() == before)
        _ = try await b.topics.approve(topic.id, TopicStepDraft(on: "2026-05-10", advisor: "周老师"), by: .system)
        // A review dated before the approval; a decision before any submission; the mid-term before the kick-off.
        await expectRefusal("council.reviewBeforeApproval", field: "on") {
            _ = try await b.topics.submitReview(
                topic.id, TopicStepDraft(on: "2026-05-01", review: "kickoff", document: "开题报告"), by: .system)
        }
        await expectRefusal("council.reviewNotSubmitted", field: "review") {
            _ = try await b.topics.decideReview(
                topic.id, TopicStepDraft(review: "kickoff", outcome: "passed"), by: .system)
        }
        await expectRefusal("council.stageSkipped", field: "review") {
            _ = try await b.topics.submitReview(
                topic.id, TopicStepDraft(review: "midterm", document: "中期报告"), by: .system)
        }
        await expectRefusal("council.stageSkipped", field: "stage") {
            _ = try await b.topics.reject(topic.id, TopicStepDraft(reason: "重复"), by: .system)
        }
        let approved = try await b.topics.get(topic.id, by: .system)
        #expect(approved.stage == .approved && approved.reviews.count == 1 && approved.reviews[0].submittedOn == nil)
        // A return needs its comments.
        _ = try await b.topics.submitReview(
            topic.id, TopicStepDraft(on: "2026-06-01", review: "kickoff", document: "开题报告"), by: .system)
        await expectRefusal("validation.required", field: "comments") {
            _ = try await b.topics.decideReview(
                topic.id, TopicStepDraft(review: "kickoff", outcome: "returned"), by: .system)
        }
        await expectRefusal("council.reviewSubmitted", field: "review") {
            _ = try await b.topics.submitReview(
                topic.id, TopicStepDraft(review: "kickoff", document: "再交一次"), by: .system)
        }
    }

    @Test func applicationsAreCheckedAgainstTheCallTheUnitsAndTheLeadPerson() async throws {
        let b = try await TopicBench.make()
        defer { Task { await b.t.close() } }
        await expectRefusal("council.callClosed", field: "appliedOn") { _ = try await b.apply(on: "2026-05-02") }
        await expectRefusal("council.duplicateCall", field: "year") {
            _ = try await b.topics.openCall(
                in: b.w.committee.id,
                TopicCallDraft(
                    year: 2026, title: "重复", opensOn: "2026-05-01",
                    closesOn: "2026-05-31"), by: .system)
        }
        #expect(try await b.t.count("council_calls") == 1)
        // 三小 is in no sub-council of the committee.
        await expectRefusal("council.notAUnit", field: "unitIDs.1") {
            _ = try await b.apply(units: [b.w.schoolA.id, b.w.schoolC.id])
        }
        // 王强 belongs to 三小, not to a unit of the topic.
        await expectRefusal("council.leadNotInUnits", field: "leadMemberID") {
            _ = try await b.apply(lead: b.w.wang.id)
        }
        await expectRefusal("validation.badValue", field: "unitIDs") {
            _ = try await b.apply(units: [b.w.schoolA.id, b.w.schoolA.id])
        }
        // An applicant (not yet a party member) cannot lead a topic.
        let applicant = try await b.t.host.members.create(
            MemberDraft(
                organizationID: b.w.schoolA.id, name: "周申请", idNumber: IDs.make(born: "1995-02-03", sequence: 77),
                status: "applicant", appliedOn: "2026-03-01"), by: .system)
        await expectRefusal("council.leadNotPartyMember", field: "leadMemberID") {
            _ = try await b.apply(lead: applicant.id)
        }
        #expect(try await b.t.count("council_topics") == 0)
        // A joint topic led by the community branch: units across the tree, one call.
        let joint = try await b.apply("区域共建研究", units: [b.w.schoolA.id, b.w.community.id, b.w.schoolB.id])
        #expect(joint.leadUnitID == b.w.schoolA.id)
        await expectRefusal("council.duplicateTopic", field: "title") { _ = try await b.apply("区域共建研究") }
        // A municipal topic may be approved without a district advisor.
        let municipal = try await b.apply("市级课题", level: "municipal")
        #expect(
            try await b.topics.approve(municipal.id, TopicStepDraft(on: "2026-05-10"), by: .system).stage == .approved)
        // A secretary of 二中 (a partner unit) sees the joint topic; the secretary of 三小 does not.
        #expect(try await b.topics.get(joint.id, by: Principal.with(.secretary, b.w.schoolB)).title == "区域共建研究")
        await expectRefusal("council.topic.notFound") {
            _ = try await b.topics.get(joint.id, by: Principal.with(.secretary, b.w.schoolC))
        }
        // The lead unit's secretary submits documents but cannot approve, and is told who approves.
        let refused = await expectRefusal("auth.forbidden") {
            _ = try await b.topics.approve(
                joint.id, TopicStepDraft(advisor: "周老师"), by: Principal.with(.secretary, b.w.schoolA))
        }
        #expect(refused?.zh == "没有权限：课题的立项、指导专家、评审和评奖由专委会所在党组织办理", "\(refused?.message ?? "")")
        #expect(
            refused?.en.contains("only the committee's organisation approves its topics") == true
                && refused?.en.contains("ledger") == false)
    }
}

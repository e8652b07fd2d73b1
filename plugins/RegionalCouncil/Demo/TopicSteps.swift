import Dangjian
import DangjianDemo
import Foundation
import RegionalCouncil

/// The steps of a research topic's way through the API, as the demo and the synthetic district
/// take them: the committee enters applications and decides; documents are dated as handed in.
struct TopicSteps {
    let topics: Topics

    /// Last year's call, opened 21 months ago, this year's, opened 9 months ago (each open for
    /// two months), and next year's, open now.
    func openCalls(in committee: Int64, today: Day, references: [String], title: (Int) -> String)
        async throws -> (last: TopicCall, this: TopicCall, next: TopicCall)
    {
        let last = today.adding(months: -21)
        let this = today.adding(months: -9)
        let lastCall = try await topics.openCall(
            in: committee,
            TopicCallDraft(
                year: last.year, title: title(last.year), opensOn: last.description,
                closesOn: last.adding(months: 2).description, referenceTopics: references), by: .system)
        let thisCall = try await topics.openCall(
            in: committee,
            TopicCallDraft(
                year: last.year + 1, title: title(last.year + 1), opensOn: this.description,
                closesOn: this.adding(months: 2).description, referenceTopics: references), by: .system)
        let nextCall = try await topics.openCall(
            in: committee,
            TopicCallDraft(
                year: last.year + 2, title: title(last.year + 2), opensOn: today.adding(days: -20).description,
                closesOn: today.adding(days: 10).description, referenceTopics: references), by: .system)
        return (lastCall, thisCall, nextCall)
    }

    func apply(_ call: TopicCall, _ title: String, _ grade: String, _ unitIDs: [Int64], lead: Int64?, on: Day)
        async throws -> ResearchTopic
    {
        try await topics.apply(
            TopicDraft(
                callID: call.id, title: title, grade: grade, unitIDs: unitIDs, leadMemberID: lead,
                budget: grade == "key" ? 20000 : 8000, summary: "以问题导向和需求导向开展研究。",
                appliedOn: on.description), by: .system)
    }

    func pass(
        _ topic: ResearchTopic, _ review: ResearchTopic.ReviewKind, submitted: Day, reviewed: Day, due: Day? = nil
    ) async throws {
        _ = try await topics.submitReview(
            topic.id,
            TopicStepDraft(
                on: submitted.description, review: review.rawValue,
                document: "区教党研〔\(submitted.year)〕\(topic.id)号\(review.documentZh)"), by: .system)
        _ = try await topics.decideReview(
            topic.id,
            TopicStepDraft(
                on: reviewed.description, review: review.rawValue, outcome: "passed",
                reviewer: "专委会评审组", dueOn: due?.description), by: .system)
    }
}

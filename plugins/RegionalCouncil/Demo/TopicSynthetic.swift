import Dangjian
import DangjianDemo
import Foundation
import RegionalCouncil

/// One committee's research topics in a synthetic district: about one topic per 40 units a
/// year. Last year's went the whole way (every fourth awarded), this year's are under way at
/// each review (one in six rejected, some returned or late), and next year's call is open now.
struct TopicSynthetic {
    let host: DangjianHost
    let today: Day
    let committee: Int64
    /// The committee's units, in the order they apply.
    let units: [Organization]

    func seed() async throws -> Int {
        let topics = Topics(host: host)
        let steps = TopicSteps(topics: topics)
        let perCall = min(units.count / 3, max(3, units.count / 40))
        guard perCall > 0 else { return 0 }
        let (lastCall, thisCall, nextCall) = try await steps.openCalls(
            in: committee, today: today, references: TopicDemo.references
        ) {
            "\($0) 年度党建研究课题申报"
        }
        var count = 0
        func apply(_ call: TopicCall, _ n: Int, on: Day) async throws -> ResearchTopic {
            let unit = units[n % units.count]
            // Every tenth topic is a joint one with the next two units.
            let partners = n % 10 == 0 ? [units[(n + 1) % units.count].id, units[(n + 2) % units.count].id] : []
            count += 1
            return try await steps.apply(
                call, "\(unit.name)：\(TopicDemo.references[n % TopicDemo.references.count])",
                n % 5 == 0 ? "key" : "general",
                [unit.id] + partners.filter { $0 != unit.id }, lead: try await leadMember(of: unit), on: on)
        }
        let last = lastCall.opensOn, this = thisCall.opensOn
        let approvedLast = last.adding(months: 2).adding(days: 10)
        for n in 0..<perCall {
            let topic = try await apply(lastCall, n, on: last.adding(days: 14 + n % 30))
            _ = try await topics.approve(
                topic.id, TopicStepDraft(on: approvedLast.description, advisor: "区委党校 课题指导组"), by: .system)
            try await steps.pass(
                topic, .kickoff, submitted: approvedLast.adding(days: 30), reviewed: approvedLast.adding(days: 40))
            try await steps.pass(
                topic, .midterm, submitted: approvedLast.adding(months: 6),
                reviewed: approvedLast.adding(months: 6).adding(days: 10))
            try await steps.pass(
                topic, .conclusion, submitted: approvedLast.adding(months: 11),
                reviewed: approvedLast.adding(months: 11).adding(days: 15))
            if n % 4 == 0 {
                _ = try await topics.award(
                    topic.id,
                    TopicStepDraft(
                        on: approvedLast.adding(months: 12).description,
                        awardScope: n % 12 == 0 ? "municipal" : "district",
                        awardRank: n % 8 == 0 ? "first" : "second"), by: .system)
                if n % 8 == 0 { _ = try await topics.selectOutstanding(topic.id, by: .system) }
            }
        }
        let approvedThis = this.adding(months: 2).adding(days: 10)
        for n in 0..<perCall {
            let topic = try await apply(thisCall, perCall + n, on: this.adding(days: 10 + n % 30))
            if n % 6 == 5 {
                _ = try await topics.reject(topic.id, TopicStepDraft(reason: "与已立项课题重复，建议并入相关研究"), by: .system)
                continue
            }
            _ = try await topics.approve(
                topic.id,
                TopicStepDraft(
                    on: approvedThis.description, advisor: "区委党校 课题指导组",
                    dueOn: approvedThis.adding(months: 2).description), by: .system)
            switch n % 5 {
            case 0: break  // its kick-off report is late
            case 3:
                _ = try await topics.submitReview(
                    topic.id,
                    TopicStepDraft(
                        on: approvedThis.adding(days: 45).description, review: "kickoff",
                        document: "开题报告（初稿）"), by: .system)
                _ = try await topics.decideReview(
                    topic.id,
                    TopicStepDraft(
                        on: approvedThis.adding(days: 55).description, review: "kickoff",
                        outcome: "returned", reviewer: "专委会评审组",
                        comments: "研究问题不够聚焦，请补充调研方案。", dueOn: today.adding(days: 5).description), by: .system)
            default:
                try await steps.pass(
                    topic, .kickoff, submitted: approvedThis.adding(days: 30), reviewed: approvedThis.adding(days: 40))
                if n % 5 == 2 {
                    try await steps.pass(
                        topic, .midterm, submitted: today.adding(days: -30), reviewed: today.adding(days: -20))
                }
            }
        }
        for n in 0..<max(1, perCall / 3) {
            _ = try await apply(nextCall, 2 * perCall + n, on: today.adding(days: -5))
        }
        return count
    }

    /// The unit's first full member, who leads its topic.
    func leadMember(of unit: Organization) async throws -> Int64? {
        try await host.store.read { s in try MemberRegistry.first(.full, within: unit.path, in: s) }
    }
}

import Dangjian
import DangjianDemo
import Foundation
import RegionalCouncil

/// Research topics at every stage, through the same steps as the API: last year's call from
/// application to awards, this year's under way (one returned for revision, one rejected), and
/// next year's call open now, so that "every secretary has a topic" has something to say.
struct TopicDemo {
    let host: DangjianHost
    let today: Day
    let committee: Int64
    let subs: [SubCouncil]

    func seed() async throws -> Int {
        let topics = Topics(host: host)
        let system = Principal.system
        let leads = try await leadMembers()
        func lead(_ unit: Int64) -> Int64? { leads[unit] }
        let units = subs.flatMap { $0.units.map(\.organizationID) }.filter { leads[$0] != nil }
        guard units.count >= 16 else { return 0 }
        let last = today.adding(months: -21)
        let this = today.adding(months: -9)
        let steps = TopicSteps(topics: topics)
        let (lastCall, thisCall, nextCall) = try await steps.openCalls(
            in: committee, today: today, references: Self.references
        ) {
            "\($0) 年度区教育系统党建研究课题申报"
        }
        var count = 0
        func apply(_ call: TopicCall, _ title: String, _ grade: String, _ unitIDs: [Int64], on: Day) async throws
            -> ResearchTopic
        {
            count += 1
            return try await steps.apply(call, title, grade, unitIDs, lead: lead(unitIDs[0]), on: on)
        }
        func pass(
            _ topic: ResearchTopic, _ review: ResearchTopic.ReviewKind, submitted: Day, reviewed: Day, due: Day? = nil
        ) async throws {
            try await steps.pass(topic, review, submitted: submitted, reviewed: reviewed, due: due)
        }
        // Last year's call: the joint topic of 5 schools went the whole way and won a municipal first prize.
        let approvedLast = last.adding(months: 2).adding(days: 10)
        let joint = try await apply(
            lastCall, "完善学校党组织领导、推动、服务发展的机制研究", "key", Array(units.prefix(5)), on: last.adding(days: 14))
        let service = try await apply(
            lastCall, "党组织组团服务区域残疾学生发展的创新实践和研究", "general", [units[5]], on: last.adding(days: 15))
        let cadres = try await apply(lastCall, "关于中小学中层干部选拔任用管理工作调研", "key", [units[6]], on: last.adding(days: 16))
        for topic in [joint, service, cadres] {
            _ = try await topics.approve(
                topic.id, TopicStepDraft(on: approvedLast.description, advisor: "教育学院科研室 周老师"), by: system)
            try await pass(
                topic, .kickoff, submitted: approvedLast.adding(days: 30), reviewed: approvedLast.adding(days: 40))
            try await pass(
                topic, .midterm, submitted: approvedLast.adding(months: 6),
                reviewed: approvedLast.adding(months: 6).adding(days: 10))
            try await pass(
                topic, .conclusion, submitted: approvedLast.adding(months: 11),
                reviewed: approvedLast.adding(months: 11).adding(days: 15))
        }
        let awarded = approvedLast.adding(months: 12)
        _ = try await topics.award(
            joint.id,
            TopicStepDraft(
                on: awarded.description, awardScope: "municipal", awardRank: "first",
                awardedBy: "市普教系统党建研究会"), by: system)
        _ = try await topics.award(
            cadres.id, TopicStepDraft(on: awarded.description, awardScope: "district", awardRank: "second"), by: system)
        for topic in [joint, cadres] { _ = try await topics.selectOutstanding(topic.id, by: system) }
        _ = try await topics.addTransfer(
            cadres.id,
            TransferDraft(
                organizationID: units[6], appliedOn: awarded.adding(days: 20).description,
                description: "研究成果转化为本区加强中小学中层干部管理的办法"), by: system)
        // This year's call: topics under way at each review, one returned for revision, one rejected.
        let approvedThis = this.adding(months: 2).adding(days: 10)
        let underWay = [
            ("“双减”背景下学校党组织引领课后服务的实践研究", "general"), ("新时代学校党建品牌建设路径研究", "key"),
            ("党员教师示范岗作用发挥机制研究", "general"), ("区域化党建资源共享机制研究", "major"),
            ("学校党组织书记抓党建述职评议实践研究", "general"),
        ]
        var made: [ResearchTopic] = []
        for (index, (title, grade)) in underWay.enumerated() {
            made.append(try await apply(thisCall, title, grade, [units[7 + index]], on: this.adding(days: 10 + index)))
        }
        for topic in made.prefix(4) {
            _ = try await topics.approve(
                topic.id,
                TopicStepDraft(
                    on: approvedThis.description, advisor: "教育学院科研室 孙老师",
                    dueOn: approvedThis.adding(months: 2).description), by: system)
        }
        // made[0] waits for its kick-off, already past due; made[1] passed it; made[2] passed the
        // mid-term too; made[3]'s kick-off report was returned for revision.
        try await pass(
            made[1], .kickoff, submitted: approvedThis.adding(days: 40), reviewed: approvedThis.adding(days: 50),
            due: today.adding(days: 12))
        try await pass(
            made[2], .kickoff, submitted: approvedThis.adding(days: 30), reviewed: approvedThis.adding(days: 35))
        try await pass(made[2], .midterm, submitted: today.adding(days: -30), reviewed: today.adding(days: -20))
        _ = try await topics.submitReview(
            made[3].id,
            TopicStepDraft(
                on: approvedThis.adding(days: 45).description, review: "kickoff",
                document: "开题报告（初稿）"), by: system)
        _ = try await topics.decideReview(
            made[3].id,
            TopicStepDraft(
                on: approvedThis.adding(days: 55).description, review: "kickoff",
                outcome: "returned", reviewer: "专委会评审组",
                comments: "研究问题不够聚焦，请补充调研方案。", dueOn: today.adding(days: 5).description), by: system)
        _ = try await topics.reject(made[4].id, TopicStepDraft(reason: "与已立项课题重复，建议并入“学校党组织书记抓党建”相关研究"), by: system)
        // Next year's call is open now; two units have applied.
        for index in 0..<2 {
            _ = try await apply(
                nextCall, ["学校党组织议事决策机制研究", "家校社协同育人中的党建引领研究"][index], "general",
                [units[12 + index]], on: today.adding(days: -5))
        }
        return count
    }

    /// The first full member of each unit's subtree, to lead its topics.
    func leadMembers() async throws -> [Int64: Int64] {
        try await host.store.read { s in
            let units = subs.flatMap { $0.units.map(\.organizationID) }
            var leads: [Int64: Int64] = [:]
            for (unit, path) in try OrganizationRegistry.paths(of: units, in: s) {
                leads[unit] = try MemberRegistry.first(.full, within: path, in: s)
            }
            return leads
        }
    }

    static let references = [
        "新形势下学校党建工作面临的问题与对策", "学校党组织领导的校长负责制运行机制研究", "区域化党建资源共享机制研究",
        "党员教师队伍建设研究", "“互联网+党建”在学校的实践研究",
    ]
}

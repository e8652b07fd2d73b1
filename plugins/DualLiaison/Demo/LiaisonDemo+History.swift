import Dangjian
import DangjianDemo
import DualLiaison
import Foundation
import RegionalCouncil

/// The demo's history: two ended quarters of liaison log, and a year of dual reporting.
extension LiaisonDemo {
    static let communities = ["友谊路街道友谊一村居民区", "吴淞街道淞南新村居民区", "大场镇祁连二村居民区", "杨行镇杨泰新苑居民区"]
    static let services = ["社区垃圾分类宣传志愿服务", "为社区老人开展防范电信诈骗宣讲", "参加社区党员志愿服务日活动"]

    /// Every leader but one attends their sub-council's meetings of the last two ended
    /// quarters; each staff liaison has a topic contact and each attending leader an activity.
    func seedLog(_ liaisons: Liaisons, committee: Int64, subs: [SubCouncil], leaders: [Int64], staff: [Int64])
        async throws -> Int
    {
        let quarterStart = Day(year: today.year, month: ((today.month - 1) / 3) * 3 + 1, day: 1)!
        let lastQuarter = Period.containing(quarterStart.adding(days: -1), .quarter)
        let councils = Councils(host: host)
        var meetings: [(Int64, Int64)] = []
        for quarter in [lastQuarter.previous(.quarter), lastQuarter] {
            meetings += try await councils.meetings(
                ofCommittee: committee, period: quarter.key, kind: .subCouncil, by: .system
            ).compactMap { meeting in meeting.subCouncilID.map { (meeting.id, $0) } }
        }
        // Per sub-council, the first topic one of its units undertakes.
        var topics: [Int64: Int64] = [:]
        for topic in try await Topics(host: host).list(of: committee, stage: nil, year: nil, by: .system)
            .sorted(by: { $0.id < $1.id })
        {
            for sub in subs
            where topics[sub.id] == nil && sub.units.contains(where: { topic.unitIDs.contains($0.organizationID) }) {
                topics[sub.id] = topic.id
            }
        }
        var count = 0
        for (meeting, sub) in meetings {
            guard let index = subs.firstIndex(where: { $0.id == sub }), index != Self.absentLeader else { continue }
            _ = try await liaisons.log(
                LiaisonLogDraft(
                    memberID: leaders[index], subCouncilID: sub, kind: "meeting", meetingID: meeting,
                    note: "参加分会季度例会，听取各校党建工作和课题研究情况汇报。"), by: .system)
            count += 1
        }
        for (index, sub) in subs.enumerated() {
            // The last sub-council's staff liaison left 40 days ago: nothing after that.
            // A sub-council none of whose units undertakes a topic gets a contact naming none.
            if index < subs.count - 1 {
                _ = try await liaisons.log(
                    LiaisonLogDraft(
                        memberID: staff[index], subCouncilID: sub.id, kind: "topicContact", topicID: topics[sub.id],
                        on: today.adding(days: -(20 + index * 3)).description, note: "了解课题进展，协调专家指导。"), by: .system)
                count += 1
            }
            if index != Self.absentLeader {
                _ = try await liaisons.log(
                    LiaisonLogDraft(
                        memberID: leaders[index], subCouncilID: sub.id, kind: "activity",
                        on: today.adding(days: -(50 + index)).description, note: "参加分会联建活动。"), by: .system)
                count += 1
            }
        }
        return count
    }

    /// Three in four members of the two branches and of the demo secretary's branch report to a
    /// community, with one to three services each; the two branches report as organisations.
    func seedDualReporting(leadership: [Int64], office: [Int64], branches: [Organization]) async throws -> Int {
        let reporting = DualReporting(host: host)
        let secretaryBranch = try await secretaryBranchMembers()
        var services = 0
        for (n, member) in (leadership + office + secretaryBranch).enumerated() where n % 4 != 3 {
            _ = try await reporting.report(
                CommunityReportDraft(
                    memberID: member, communityName: Self.communities[n % 4],
                    reportedOn: today.adding(days: -300 + n).description), by: .system)
            for k in 0...(n % 3) {
                _ = try await reporting.serve(
                    CommunityServiceDraft(
                        memberID: member, servedOn: today.adding(days: -(20 + 60 * k + n)).description,
                        hours: [2, 3, 1.5][k], description: Self.services[k]), by: .system)
                services += 1
            }
        }
        for (n, branch) in branches.enumerated() {
            _ = try await reporting.report(
                CommunityReportDraft(
                    organizationID: branch.id, communityName: Self.communities[n],
                    reportedOn: today.adding(days: -330).description), by: .system)
            _ = try await reporting.serve(
                CommunityServiceDraft(
                    organizationID: branch.id, servedOn: today.adding(days: -75).description,
                    hours: 4, description: "结对共建：送教进社区，开展青少年暑期托管"), by: .system)
            services += 1
        }
        return services
    }

    /// The first eight party members of the demo secretary's branch.
    func secretaryBranchMembers() async throws -> [Int64] {
        let users = try await host.users.list(page: try PageRequest(limit: PageRequest.maxLimit), by: .system).items
        guard
            let branch = users.first(where: { $0.username == DemoDistrict.secretaryUsername })?.grants.first(where: {
                $0.role == .secretary
            })?.organizationID
        else { return [] }
        return try await host.store.read { s in
            try MemberRegistry.memberIDs(of: branch, statuses: [.full, .probationary], in: s).sorted().prefix(8).map {
                $0
            }
        }
    }
}

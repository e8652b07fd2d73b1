import Dangjian
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
        let span: [SQLValue] = [SQLValue(quarterStart.adding(months: -6)), SQLValue(quarterStart.adding(days: -1))]
        let (meetings, topics) = try await host.store.read { s in
            (
                try s.query(
                    "SELECT id, subcouncil_id FROM council_meetings WHERE kind = 'subCouncil' AND held_on BETWEEN ? AND ? ORDER BY held_at",
                    span
                ).map { (try $0.int64("id"), try $0.int64("subcouncil_id")) },
                // Per sub-council, the first topic one of its units undertakes.
                try s.query(
                    """
                    SELECT u.subcouncil_id, MIN(t.id) AS topic FROM council_topics t JOIN council_topic_units tu ON tu.topic_id = t.id
                    JOIN council_units u ON u.organization_id = tu.organization_id AND u.committee_id = t.committee_id
                    WHERE t.committee_id = ? GROUP BY u.subcouncil_id
                    """, [.integer(committee)]
                ).reduce(into: [Int64: Int64]()) { $0[try $1.int64("subcouncil_id")] = try $1.int64("topic") }
            )
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
        let secretaryBranch = try await host.store.read { s in
            try s.query(
                """
                SELECT m.id FROM members m JOIN role_grants g ON g.organization_id = m.organization_id JOIN users u ON u.id = g.user_id
                WHERE u.username = ? AND g.role = 'secretary' AND m.status IN ('full', 'probationary') ORDER BY m.id LIMIT 8
                """, [.text(DemoDistrict.secretaryUsername)]
            ).map { try $0.int64("id") }
        }
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
}

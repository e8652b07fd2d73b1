import Dangjian
import DangjianLua
import Foundation

/// An organisation's dual-reporting year: its own report and services, and one line per party
/// member of its subtree, so the secretary sees who has not reported.
extension DualReporting {
    public func year(ofOrganization organizationID: Int64, year: Int?, by actor: Principal) async throws -> OrganizationDualReporting {
        let span = try Self.span(year, today: host.store.clock.today())
        return try await host.store.read { s in
            let reporter = try Reporter.resolve(memberID: nil, organizationID: organizationID, actor: actor, in: s)
            let (reports, services) = try Self.history(of: reporter.key, span, in: s)
            let within = Scope.within("o.path", reporter.path)
            let inYear: [SQLValue] = [SQLValue(span.end), SQLValue(span.start)]
            // The latest report in force during the year gives the member's community.
            var communities: [Int64: String] = [:]
            for row in try s.query("""
                SELECT r.member_id, r.community_name FROM liaison_reports r JOIN members m ON m.id = r.member_id
                JOIN organizations o ON o.id = m.organization_id
                WHERE \(within.sql) AND r.reported_on <= ? AND (r.ended_on IS NULL OR r.ended_on >= ?) ORDER BY r.reported_on, r.id
                """, within.arguments + inYear) {
                communities[try row.int64("member_id")] = try row.string("community_name")
            }
            var done: [Int64: (count: Int, hours: Double)] = [:]
            for row in try s.query("""
                SELECT r.member_id, COUNT(*) AS n, SUM(sv.hours) AS hours FROM liaison_services sv JOIN liaison_reports r ON r.id = sv.report_id
                JOIN members m ON m.id = r.member_id JOIN organizations o ON o.id = m.organization_id
                WHERE \(within.sql) AND sv.served_on BETWEEN ? AND ? GROUP BY r.member_id
                """, within.arguments + [SQLValue(span.start), SQLValue(span.end)]) {
                done[try row.int64("member_id")] = (try row.int("n"), try row.double("hours"))
            }
            let members = try s.query("""
                SELECT m.id, m.name, m.organization_id FROM members m JOIN organizations o ON o.id = m.organization_id
                WHERE \(within.sql) AND m.status IN ('full', 'probationary') ORDER BY o.path, m.id
                """, within.arguments).map { row in
                let id = try row.int64("id")
                return OrganizationDualReporting.MemberLine(
                    memberID: id, name: try row.string("name"), organizationID: try row.int64("organization_id"),
                    community: communities[id], services: done[id]?.count ?? 0, hours: done[id]?.hours ?? 0)
            }
            return OrganizationDualReporting(
                organizationID: organizationID, name: reporter.name, year: span.start.year, reports: reports, services: services,
                totalHours: services.reduce(0) { $0 + $1.hours }, members: members,
                membersReported: members.filter { $0.community != nil }.count, memberHours: members.reduce(0) { $0 + $1.hours })
        }
    }
}

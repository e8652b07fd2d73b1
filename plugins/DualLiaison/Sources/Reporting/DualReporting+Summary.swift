import Dangjian
import DangjianLua
import Foundation

/// An organisation's dual-reporting year: its own report and services, and one line per party
/// member of its subtree, a page at a time (keyset paging, like the kernel's lists): most hours
/// of service first, then by name, so those who served lead the list and those who have not
/// reported close it. The totals cover the whole subtree on every page.
extension DualReporting {
    public func year(ofOrganization organizationID: Int64, year: Int?, page: PageRequest = .first,
                     by actor: Principal) async throws -> OrganizationDualReporting {
        let span = try Self.span(year, today: host.store.clock.today())
        // Where the previous page stopped: the last line's hours and name ("6.0|李文华"), and member id.
        let after: (hours: Double, name: String, id: Int64)?
        let badCursor = DangjianError.badValue("cursor", zh: "分页游标无效", en: "is not a valid cursor")
        switch try page.decodedCursor() {
        case nil: after = nil
        case .key(let key, let id):
            let parts = key.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let hours = Double(parts[0]) else { throw badCursor }
            after = (hours, String(parts[1]), id)
        default: throw badCursor
        }
        return try await host.store.read { s in
            let reporter = try Reporter.resolve(memberID: nil, organizationID: organizationID, actor: actor, in: s)
            let (reports, services) = try Self.history(of: reporter.key, span, in: s)
            let within = Scope.within("o.path", reporter.path)
            let party = "\(within.sql) AND m.status IN ('full', 'probationary')"
            var sql = """
                SELECT * FROM (SELECT m.id, m.name, m.organization_id, COALESCE((
                    SELECT SUM(sv.hours) FROM liaison_reports r JOIN liaison_services sv ON sv.report_id = r.id
                    WHERE r.member_id = m.id AND sv.served_on BETWEEN ? AND ?), 0) AS hours
                FROM members m JOIN organizations o ON o.id = m.organization_id WHERE \(party)) x
                """
            var arguments = [SQLValue(span.start), SQLValue(span.end)] + within.arguments
            if let after {
                sql += " WHERE (x.hours < ? OR (x.hours = ? AND (x.name > ? OR (x.name = ? AND x.id > ?))))"
                arguments += [.real(after.hours), .real(after.hours), .text(after.name), .text(after.name), .integer(after.id)]
            }
            sql += " ORDER BY x.hours DESC, x.name, x.id LIMIT ?"
            let rows = try s.query(sql, arguments + [.integer(Int64(page.limit + 1))])
            let onPage = Array(rows.prefix(page.limit))
            let ids = try onPage.map { try $0.int64("id") }
            let (communities, done) = try Self.lines(of: ids, span, in: s)
            let members = try onPage.map { row in
                let id = try row.int64("id")
                return OrganizationDualReporting.MemberLine(
                    memberID: id, name: try row.string("name"), organizationID: try row.int64("organization_id"),
                    community: communities[id], services: done[id]?.count ?? 0, hours: done[id]?.hours ?? 0)
            }
            let next = rows.count > page.limit ? try onPage.last.map {
                Cursor.key("\(try $0.double("hours"))|\(try $0.string("name"))", try $0.int64("id")).encoded
            } : nil
            let inYear: [SQLValue] = [SQLValue(span.end), SQLValue(span.start)]
            let reported = try s.scalarInt("""
                SELECT COUNT(DISTINCT r.member_id) FROM liaison_reports r JOIN members m ON m.id = r.member_id JOIN organizations o ON o.id = m.organization_id
                WHERE \(party) AND r.reported_on <= ? AND (r.ended_on IS NULL OR r.ended_on >= ?)
                """, within.arguments + inYear)
            let hours = try s.queryOne("""
                SELECT COALESCE(SUM(sv.hours), 0) AS hours FROM members m JOIN organizations o ON o.id = m.organization_id
                JOIN liaison_reports r ON r.member_id = m.id JOIN liaison_services sv ON sv.report_id = r.id
                WHERE \(party) AND sv.served_on BETWEEN ? AND ?
                """, within.arguments + [SQLValue(span.start), SQLValue(span.end)])?.double("hours") ?? 0
            return OrganizationDualReporting(
                organizationID: organizationID, name: reporter.name, year: span.start.year, reports: reports, services: services,
                totalHours: services.reduce(0) { $0 + $1.hours },
                partyMembers: Int(try s.scalarInt("SELECT COUNT(*) FROM members m JOIN organizations o ON o.id = m.organization_id WHERE \(party)",
                                                  within.arguments)),
                members: members, nextCursor: next, membersReported: Int(reported), memberHours: hours)
        }
    }

    /// For the members of one page: the community of the latest report in force during the
    /// year, and their services in it (by report, on the report_id index).
    static func lines(of ids: [Int64], _ span: Period, in s: any SQLSession) throws
        -> (communities: [Int64: String], done: [Int64: (count: Int, hours: Double)]) {
        guard !ids.isEmpty else { return ([:], [:]) }
        let among = "r.member_id IN (\(Array(repeating: "?", count: ids.count).joined(separator: ", ")))"
        let members = ids.map { SQLValue.integer($0) }
        var communities: [Int64: String] = [:]
        for row in try s.query("""
            SELECT r.member_id, r.community_name FROM liaison_reports r
            WHERE \(among) AND r.reported_on <= ? AND (r.ended_on IS NULL OR r.ended_on >= ?) ORDER BY r.reported_on, r.id
            """, members + [SQLValue(span.end), SQLValue(span.start)]) {
            communities[try row.int64("member_id")] = try row.string("community_name")
        }
        var done: [Int64: (count: Int, hours: Double)] = [:]
        for row in try s.query("""
            SELECT r.member_id, COUNT(*) AS n, SUM(sv.hours) AS hours FROM liaison_reports r JOIN liaison_services sv ON sv.report_id = r.id
            WHERE \(among) AND sv.served_on BETWEEN ? AND ? GROUP BY r.member_id
            """, members + [SQLValue(span.start), SQLValue(span.end)]) {
            done[try row.int64("member_id")] = (try row.int("n"), try row.double("hours"))
        }
        return (communities, done)
    }
}

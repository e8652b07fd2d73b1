import Dangjian
import DangjianLua
import Foundation

/// An organisation's dual-reporting year: its own report and services, and one line per party
/// member of its subtree, a page at a time (keyset paging, like the kernel's lists): most hours
/// of service first, then by name, so those who served lead the list and those who have not
/// reported close it. The totals cover the whole subtree on every page.
extension DualReporting {
    public func year(
        ofOrganization organizationID: Int64, year: Int?, page: PageRequest = .first,
        by actor: Principal
    ) async throws -> OrganizationDualReporting {
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
            // The subtree's party members come from the kernel's roster; hours and reports from this
            // plugin's tables, summed once for everyone and matched here, so paging sorts in memory.
            let roster = try MemberRegistry.roster(within: reporter.path, statuses: [.full, .probationary], in: s)
            let served = try Self.hoursByMember(span, in: s)
            let sorted = roster.map { (member: $0, hours: served[$0.id] ?? 0) }.sorted(by: Self.servedFirst)
            let rest =
                after.map { after in
                    sorted.filter {
                        Self.servedFirst((after.id, after.name, after.hours), ($0.member.id, $0.member.name, $0.hours))
                    }
                } ?? sorted
            let onPage = Array(rest.prefix(page.limit))
            let (communities, done) = try Self.lines(of: onPage.map(\.member.id), span, in: s)
            let members = onPage.map { line in
                let id = line.member.id
                return OrganizationDualReporting.MemberLine(
                    memberID: id, name: line.member.name, organizationID: line.member.organizationID,
                    community: communities[id], services: done[id]?.count ?? 0, hours: done[id]?.hours ?? 0)
            }
            let next =
                rest.count > page.limit
                ? onPage.last.map { Cursor.key("\($0.hours)|\($0.member.name)", $0.member.id).encoded } : nil
            let reporting = Set(
                try s.query(
                    """
                    SELECT DISTINCT r.member_id FROM liaison_reports r WHERE r.member_id IS NOT NULL AND r.reported_on <= ? AND (r.ended_on IS NULL OR r.ended_on >= ?)
                    """, [SQLValue(span.end), SQLValue(span.start)]
                ).map { try $0.int64("member_id") })
            let reported = roster.filter { reporting.contains($0.id) }.count
            let hours = roster.reduce(0) { $0 + (served[$1.id] ?? 0) }
            return OrganizationDualReporting(
                organizationID: organizationID, name: reporter.name, year: span.start.year, reports: reports,
                services: services,
                totalHours: services.reduce(0) { $0 + $1.hours },
                partyMembers: roster.count, members: members, nextCursor: next, membersReported: reported,
                memberHours: hours)
        }
    }

    /// Most hours first, then by name as SQLite orders text (by its UTF-8 bytes), then by id.
    static func servedFirst(_ a: (member: MemberFacts, hours: Double), _ b: (member: MemberFacts, hours: Double))
        -> Bool
    {
        servedFirst((a.member.id, a.member.name, a.hours), (b.member.id, b.member.name, b.hours))
    }

    static func servedFirst(
        _ a: (id: Int64, name: String, hours: Double), _ b: (id: Int64, name: String, hours: Double)
    ) -> Bool {
        if a.hours != b.hours { return a.hours > b.hours }
        if a.name != b.name { return a.name.utf8.lexicographicallyPrecedes(b.name.utf8) }
        return a.id < b.id
    }

    /// Each member's hours of service in the year, for every member who served.
    static func hoursByMember(_ span: Period, in s: any SQLSession) throws -> [Int64: Double] {
        var hours: [Int64: Double] = [:]
        for row in try s.query(
            """
            SELECT r.member_id, SUM(sv.hours) AS hours FROM liaison_reports r JOIN liaison_services sv ON sv.report_id = r.id
            WHERE r.member_id IS NOT NULL AND sv.served_on BETWEEN ? AND ? GROUP BY r.member_id
            """, [SQLValue(span.start), SQLValue(span.end)])
        {
            hours[try row.int64("member_id")] = try row.double("hours")
        }
        return hours
    }

    /// For the members of one page: the community of the latest report in force during the
    /// year, and their services in it (by report, on the report_id index).
    static func lines(of ids: [Int64], _ span: Period, in s: any SQLSession) throws
        -> (communities: [Int64: String], done: [Int64: (count: Int, hours: Double)])
    {
        guard !ids.isEmpty else { return ([:], [:]) }
        let among = "r.member_id IN (\(Array(repeating: "?", count: ids.count).joined(separator: ", ")))"
        let members = ids.map { SQLValue.integer($0) }
        var communities: [Int64: String] = [:]
        for row in try s.query(
            """
            SELECT r.member_id, r.community_name FROM liaison_reports r
            WHERE \(among) AND r.reported_on <= ? AND (r.ended_on IS NULL OR r.ended_on >= ?) ORDER BY r.reported_on, r.id
            """, members + [SQLValue(span.end), SQLValue(span.start)])
        {
            communities[try row.int64("member_id")] = try row.string("community_name")
        }
        var done: [Int64: (count: Int, hours: Double)] = [:]
        for row in try s.query(
            """
            SELECT r.member_id, COUNT(*) AS n, SUM(sv.hours) AS hours FROM liaison_reports r JOIN liaison_services sv ON sv.report_id = r.id
            WHERE \(among) AND sv.served_on BETWEEN ? AND ? GROUP BY r.member_id
            """, members + [SQLValue(span.start), SQLValue(span.end)])
        {
            done[try row.int64("member_id")] = (try row.int("n"), try row.double("hours"))
        }
        return (communities, done)
    }
}

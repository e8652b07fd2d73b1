import Dangjian
import DangjianLua

/// `dj.orglife.*`: what rules read from the ledger. Every function answers one organisation,
/// but reads for all of them: the first call of a sweep for a kind and period runs one
/// aggregate query (on the kind-and-day index) and later calls answer from memory.
extension Ledger {
    static func ruleFunctions(_ context: CallContext) -> [String: LuaGlobal] {
        [
            // dj.orglife.count(org_id, kind, period) → records of that kind held in the period.
            "count": .function("dj.orglife.count") { args in
                let organization = try context.organization(args, in: "dj.orglife.count")
                let kind = try kindArgument(args, 1, "dj.orglife.count")
                let period = try Period.argument(args, 2, "dj.orglife.count")
                let counts = try context.batch("orglife.count:\(kind.rawValue):\(period.start):\(period.end)") { s in
                    try perOrganization(
                        s,
                        """
                        SELECT organization_id AS id, COUNT(*) AS n FROM orglife_records
                        WHERE kind = ? AND held_on BETWEEN ? AND ? GROUP BY organization_id
                        """, [SQLValue(kind), SQLValue(period.start), SQLValue(period.end)])
                }
                return [.int(counts[organization] ?? 0)]
            },
            // dj.orglife.last(org_id, kind) → the day of the latest record of that kind, or nil.
            "last": .function("dj.orglife.last") { args in
                let organization = try context.organization(args, in: "dj.orglife.last")
                let kind = try kindArgument(args, 1, "dj.orglife.last")
                let last = try context.batch("orglife.last:\(kind.rawValue)") { s in
                    var days: [Int64: String] = [:]
                    for row in try s.query(
                        "SELECT organization_id, MAX(held_on) AS day FROM orglife_records WHERE kind = ? GROUP BY organization_id",
                        [SQLValue(kind)])
                    {
                        days[try row.int64("organization_id")] = try row.string("day")
                    }
                    return days
                }
                return [last[organization].map { .string($0) } ?? .nil]
            },
            // dj.orglife.attendance(org_id, period) → { present, absent, rate } over every record in the period.
            "attendance": .function("dj.orglife.attendance") { args in
                let organization = try context.organization(args, in: "dj.orglife.attendance")
                let period = try Period.argument(args, 1, "dj.orglife.attendance")
                let totals = try context.batch("orglife.attendance:\(period.start):\(period.end)") { s in
                    var totals: [Int64: (Int64, Int64)] = [:]
                    for row in try s.query(
                        """
                        SELECT organization_id, SUM(attendee_count) AS present, SUM(absentee_count) AS absent FROM orglife_records
                        WHERE held_on BETWEEN ? AND ? GROUP BY organization_id
                        """, [SQLValue(period.start), SQLValue(period.end)])
                    {
                        totals[try row.int64("organization_id")] = (try row.int64("present"), try row.int64("absent"))
                    }
                    return totals.mapValues { [$0.0, $0.1] }
                }
                let pair = totals[organization] ?? [0, 0]
                var fields: [String: LuaValue] = ["present": .int(pair[0]), "absent": .int(pair[1])]
                if pair[0] + pair[1] > 0 { fields["rate"] = .number(Double(pair[0]) / Double(pair[0] + pair[1])) }
                return [.table(LuaTable(fields: fields))]
            },
            // dj.orglife.class_hours(member_id, year) → class hours credited in that year.
            "class_hours": .function("dj.orglife.class_hours") { args in
                guard let member = args.first?.int else {
                    throw LuaError(
                        kind: .badValue, message: "dj.orglife.class_hours(member_id, year) needs a member id")
                }
                let hours = try classHours(context, year: try yearArgument(args, 1, "dj.orglife.class_hours"))
                guard let entry = hours[member], context.mayRead(path: entry.path) else { return [.int(0)] }
                return [.number(entry.hours)]
            },
            // dj.orglife.short_of_hours(org_id, year, hours) → the organisation's members with fewer class hours.
            "short_of_hours": .function("dj.orglife.short_of_hours") { args in
                let organization = try context.organization(args, in: "dj.orglife.short_of_hours")
                let year = try yearArgument(args, 1, "dj.orglife.short_of_hours")
                guard args.count > 2, let wanted = args[2].number else {
                    throw LuaError(
                        kind: .badValue,
                        message: "dj.orglife.short_of_hours(org_id, year, hours) needs a number of hours")
                }
                let hours = try classHours(context, year: year)
                let short = try roster(context)[organization, default: []].compactMap { member -> LuaValue? in
                    let had = hours[member.id]?.hours ?? 0
                    let owed = wanted * member.share(of: year)
                    return had < owed
                        ? [
                            "id": .int(member.id), "name": .string(member.name), "hours": .number(had),
                            "owed": .number(owed),
                        ] : nil
                }
                return [.table(LuaTable(array: short))]
            },
            // dj.orglife.members_without(org_id, kind, period) → members who attended no record of that kind in the period.
            "members_without": .function("dj.orglife.members_without") { args in
                let organization = try context.organization(args, in: "dj.orglife.members_without")
                let kind = try kindArgument(args, 1, "dj.orglife.members_without")
                let period = try Period.argument(args, 2, "dj.orglife.members_without")
                let attended = try context.batch("orglife.attended:\(kind.rawValue):\(period.start):\(period.end)") {
                    s in
                    Set(
                        try s.query(
                            """
                            SELECT DISTINCT a.member_id FROM orglife_records r JOIN orglife_attendance a ON a.record_id = r.id
                            WHERE r.kind = ? AND r.held_on BETWEEN ? AND ? AND a.present = 1
                            """, [SQLValue(kind), SQLValue(period.start), SQLValue(period.end)]
                        ).map { try $0.int64("member_id") })
                }
                let missing = try roster(context)[organization, default: []].filter { !attended.contains($0.id) }
                return [.table(LuaTable(array: missing.map { ["id": .int($0.id), "name": .string($0.name)] }))]
            },
        ]
    }

    /// Full and probationary members by organisation: whom attendance and class hours concern.
    /// Members out of contact (失联) cannot be reached and are left out.
    static func roster(_ context: CallContext) throws -> [Int64: [MemberRegistry.RosterMember]] {
        try context.batch("orglife.roster") { s in try MemberRegistry.partyRoster(in: s) }
    }

    struct Hours: Sendable {
        let hours: Double
        let path: String
    }

    static func classHours(_ context: CallContext, year: Int) throws -> [Int64: Hours] {
        try context.batch("orglife.hours:\(year)") { s in
            var hours: [Int64: Hours] = [:]
            // The sums first, over the year's records and their covered attendance; the paths
            // after, once per member: joining them per attendance row cost a lookup each.
            var sums: [Int64: Double] = [:]
            try s.forEach(
                """
                SELECT a.member_id, SUM(a.class_hours) AS hours FROM orglife_records r
                JOIN orglife_attendance a ON a.record_id = r.id
                WHERE a.present = 1 AND r.held_on BETWEEN ? AND ? GROUP BY a.member_id
                """, [.text("\(year)-01-01"), .text("\(year)-12-31")]
            ) { row in
                sums[try row.int64("member_id")] = try row.double("hours")
            }
            for (id, path) in try MemberRegistry.organizationPaths(in: s) {
                if let sum = sums[id] { hours[id] = Hours(hours: sum, path: path) }
            }
            return hours
        }
    }

    static func perOrganization(_ s: any SQLSession, _ sql: String, _ arguments: [SQLValue]) throws -> [Int64: Int64] {
        var counts: [Int64: Int64] = [:]
        for row in try s.query(sql, arguments) { counts[try row.int64("id")] = try row.int64("n") }
        return counts
    }

    static func kindArgument(_ args: [LuaValue], _ index: Int, _ function: String) throws -> MeetingKind {
        guard index < args.count, let text = args[index].string, let kind = MeetingKind(rawValue: text) else {
            throw LuaError(
                kind: .badValue,
                message: "\(function): argument \(index + 1) must be a kind: "
                    + MeetingKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return kind
    }

    static func yearArgument(_ args: [LuaValue], _ index: Int, _ function: String) throws -> Int {
        guard index < args.count, let year = args[index].int, Day.supportedYears.contains(Int(year)) else {
            throw LuaError(kind: .badValue, message: "\(function): argument \(index + 1) must be a year")
        }
        return Int(year)
    }
}

extension MemberRegistry.RosterMember {
    /// The part of `year` the member was a party member: a member admitted in June owes
    /// seven twelfths of the year's class hours, counted by whole months from admission.
    func share(of year: Int) -> Double {
        guard let admitted = admittedOn, admitted.year >= year else { return 1 }
        return admitted.year > year ? 0 : Double(13 - admitted.month) / 12
    }
}

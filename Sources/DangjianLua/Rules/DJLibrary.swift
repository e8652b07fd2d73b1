import Dangjian
import Foundation

/// The `dj` library scripts read through. Dates cross as "YYYY-MM-DD" strings.
public enum DJLibrary {
    /// What a pack sees while it is being checked: the pure helpers, no data access.
    public static var checkGlobals: [String: LuaGlobal] { ["dj": .library("dj", ["date": date(.weekendsOnly)])] }

    /// What rules see while a sweep runs: the helpers plus read-only data from the sweep's snapshot.
    /// Each rule plugin's functions sit under `dj.<plugin id>`.
    static func sweepGlobals(_ context: CallContext, calendar: WorkCalendar, plugins: [any RulePlugin] = []) -> [String:
        LuaGlobal]
    {
        var library = kernel(context, calendar: calendar)
        for plugin in plugins where library[plugin.id] == nil {
            library[plugin.id] = .library("dj.\(plugin.id)", plugin.ruleFunctions(context))
        }
        return ["dj": .library("dj", library)]
    }

    /// The names `dj` keeps for the kernel; a plugin with one of these ids gets no functions.
    static let kernelNames: Set<String> = ["date", "members", "tasks"]

    static func kernel(_ context: CallContext, calendar: WorkCalendar) -> [String: LuaGlobal] {
        [
            "date": date(calendar),
            // dj.members(org_id, status): the organisation's members in that pipeline status.
            "members": .function("dj.members") { args in
                guard let organization = args.first?.int, let status = args.dropFirst().first?.string else {
                    throw LuaError(
                        kind: .badValue, message: "dj.members(org_id, status) needs an organisation id and a status")
                }
                guard let snapshot = context.snapshot else {
                    throw LuaError(kind: .runtime, message: "dj.members: no data outside a sweep or event")
                }
                return [
                    .table(
                        LuaTable(array: try snapshot.members(of: organization, status: status, scope: context.scope)))
                ]
            },
            // dj.tasks(org_id, status): the tasks the organisation is responsible for in that
            // status, read for every organisation at once on the first call of a sweep.
            "tasks": .function("dj.tasks") { args in
                // Accepted tasks pile up over the years; rules look at work still in hand.
                let statuses = TaskItem.Status.allCases.filter { $0 != .accepted }
                guard let organization = args.first?.int, let text = args.dropFirst().first?.string,
                    let status = TaskItem.Status(rawValue: text), statuses.contains(status)
                else {
                    throw LuaError(
                        kind: .badValue,
                        message: "dj.tasks(org_id, status) needs an organisation id and a status: "
                            + statuses.map(\.rawValue).joined(separator: ", "))
                }
                try context.requireReadable(organization, in: "dj.tasks")
                let tasks = try context.batch("kernel.tasks:\(status.rawValue)") { s in
                    var byOrganization: [Int64: [LuaValue]] = [:]
                    try s.forEach(
                        """
                        SELECT id, responsible_org_id, kind, title, due_on, rule_ref FROM tasks
                        WHERE status = ? ORDER BY responsible_org_id, due_on, id
                        """, [.text(status.rawValue)]
                    ) { row in
                        var fields: [String: LuaValue] = [
                            "id": .int(try row.int64("id")), "kind": .string(try row.string("kind")),
                            "title": .string(try row.string("title")), "due_on": .string(try row.string("due_on")),
                        ]
                        if let ref = try row.optionalString("rule_ref") { fields["rule_ref"] = .string(ref) }
                        byOrganization[try row.int64("responsible_org_id"), default: []].append(
                            .table(LuaTable(fields: fields)))
                    }
                    return byOrganization
                }
                return [.table(LuaTable(array: tasks[organization] ?? []))]
            },
        ]
    }

    /// `dj.date`: calendar arithmetic that is exact across month ends and leap years.
    public static func date(_ calendar: WorkCalendar) -> LuaGlobal {
        .library(
            "dj.date",
            [
                "is_working_day": .function("dj.date.is_working_day") { args in
                    [.bool(calendar.isWorkingDay(try day(args, 0)))]
                },
                "add_working_days": .function("dj.date.add_working_days") { args in
                    let n = try int(args, 1, max: 3_660)
                    return [.string(calendar.adding(workingDays: Int(n), to: try day(args, 0)).description)]
                },
                "add_days": .function("dj.date.add_days") { args in
                    [.string(try day(args, 0).adding(days: Int(try int(args, 1, max: 36_600))).description)]
                },
                "add_months": .function("dj.date.add_months") { args in
                    [.string(try day(args, 0).adding(months: Int(try int(args, 1, max: 1_200))).description)]
                },
                "days_between": .function("dj.date.days_between") { args in
                    [.int(Int64(try day(args, 0).days(until: try day(args, 1))))]
                },
                "end_of": .function("dj.date.end_of") { args in
                    [
                        .string(
                            try endOf(try day(args, 0), period: args.count > 1 ? args[1].string ?? "" : "").description)
                    ]
                },
                "start_of": .function("dj.date.start_of") { args in
                    [
                        .string(
                            try startOf(try day(args, 0), period: args.count > 1 ? args[1].string ?? "" : "")
                                .description)
                    ]
                },
            ])
    }

    static func day(_ args: [LuaValue], _ index: Int) throws -> Day {
        guard index < args.count, let text = args[index].string, let day = Day(text), day.isSupported else {
            throw LuaError(
                kind: .badValue,
                message: "argument \(index + 1) must be a date \"YYYY-MM-DD\" in the years \(Day.supportedYears)")
        }
        return day
    }

    /// An offset of at most a century (36,600 days or 1,200 months), so the result stays a real date.
    static func int(_ args: [LuaValue], _ index: Int, max: Int64 = 36_600) throws -> Int64 {
        guard index < args.count, let value = args[index].int, abs(value) <= max else {
            throw LuaError(kind: .badValue, message: "argument \(index + 1) must be an integer of at most \(max)")
        }
        return value
    }

    /// The first day of the period (month, quarter, halfYear, year) that holds `day`.
    public static func startOf(_ day: Day, period: String) throws -> Day {
        Period.containing(day, try Period.Length.named(period)).start
    }

    /// The last day of that period.
    public static func endOf(_ day: Day, period: String) throws -> Day {
        Period.containing(day, try Period.Length.named(period)).end
    }
}

import Dangjian
import DangjianLua

/// `dj.secretary.*`: what rules read about secretary projects. Projects, items, programmes and
/// ratings are read once per sweep; study sessions once per period.
enum SecretaryRules {
    struct Snapshot: Sendable {
        struct Project: Sendable {
            let id: Int64
            let programmeID: Int64
            let year: Int
            let title: String
            let since: Day
            var items = 0
            var accepted = 0
            var overdue: [LuaValue] = []
            var dueSoon: [LuaValue] = []
        }
        var projects: [Int64: [Project]] = [:]
        var programmes: [Int64: [LuaValue]] = [:]
        var reports: [String: LuaValue] = [:]
    }

    static func snapshot(_ context: CallContext) throws -> Snapshot {
        try context.batch("secretary.snapshot") { s in
            var snapshot = Snapshot()
            var byID: [Int64: (Int64, Snapshot.Project)] = [:]
            for row in try s.query(
                """
                SELECT p.id, p.organization_id, p.programme_id, p.title, p.started_on, g.year FROM secretary_projects p
                JOIN secretary_programmes g ON g.id = p.programme_id
                """, [])
            {
                byID[try row.int64("id")] = (
                    try row.int64("organization_id"),
                    Snapshot.Project(
                        id: try row.int64("id"), programmeID: try row.int64("programme_id"), year: try row.int("year"),
                        title: try row.string("title"),
                        // A unit that joined late owes nothing for the quarters before its project.
                        since: try row.day("started_on"))
                )
            }
            let listed = try s.query("SELECT project_id, component, task_id FROM secretary_items", [])
            let tasks = try TaskRegistry.items(of: try listed.map { try $0.int64("task_id") }, in: s)
            for row in listed {
                let id = try row.int64("project_id")
                guard var entry = byID[id], let task = tasks[try row.int64("task_id")] else { continue }
                let status = task.status.rawValue
                entry.1.items += 1
                if status == "accepted" { entry.1.accepted += 1 }
                let item: LuaValue = [
                    "task_id": .int(task.id), "title": .string(task.title),
                    "due_on": .string(task.dueOn.description), "component": .string(try row.string("component")),
                ]
                // A submitted item waits for acceptance: nothing for the unit to be reminded of.
                if status == "overdue" {
                    entry.1.overdue.append(item)
                } else if status != "accepted" && status != "submitted" {
                    entry.1.dueSoon.append(item)
                }
                byID[id] = entry
            }
            for (organization, project) in byID.values { snapshot.projects[organization, default: []].append(project) }
            var published: [Int64: [String: LuaValue]] = [:]
            for row in try s.query("SELECT programme_id, quarter FROM secretary_bulletins", []) {
                published[try row.int64("programme_id"), default: [:]][try row.string("quarter")] = .bool(true)
            }
            for row in try s.query(
                "SELECT id, organization_id, year, title, started_on FROM secretary_programmes ORDER BY id", [])
            {
                let id = try row.int64("id")
                snapshot.programmes[try row.int64("organization_id"), default: []].append(
                    [
                        "id": .int(id), "year": .int(try row.int64("year")), "title": .string(try row.string("title")),
                        "since": .string(try row.string("started_on")),
                        "published": .table(LuaTable(fields: published[id] ?? [:])),
                    ])
            }
            for row in try s.query(
                """
                SELECT r.project_id, r.year, r.submitted_on, g.rating FROM secretary_reports r LEFT JOIN secretary_ratings g ON g.report_id = r.id
                """, [])
            {
                var fields: [String: LuaValue] = ["submitted_on": .string(try row.string("submitted_on"))]
                if let rating = try row.optionalString("rating") { fields["rating"] = .string(rating) }
                snapshot.reports["\(try row.int64("project_id")):\(try row.int("year"))"] = .table(
                    LuaTable(fields: fields))
            }
            return snapshot
        }
    }

    static func functions(_ context: CallContext) -> [String: LuaGlobal] {
        [
            // dj.secretary.projects(org_id) → { { id, programme_id, year, title, since, items, accepted, progress, overdue, report }, … }
            "projects": .function("dj.secretary.projects") { args in
                let organization = try context.organization(args, in: "dj.secretary.projects")
                let snapshot = try snapshot(context)
                return [
                    .table(
                        LuaTable(
                            array: (snapshot.projects[organization] ?? []).sorted { $0.id < $1.id }.map { project in
                                var fields: [String: LuaValue] = [
                                    "id": .int(project.id), "programme_id": .int(project.programmeID),
                                    "year": .int(Int64(project.year)),
                                    "title": .string(project.title), "since": .string(project.since.description),
                                    "items": .int(Int64(project.items)),
                                    "accepted": .int(Int64(project.accepted)),
                                    "overdue": .int(Int64(project.overdue.count)),
                                    "progress": .number(
                                        project.items == 0 ? 0 : Double(project.accepted) / Double(project.items)),
                                ]
                                if let report = snapshot.reports["\(project.id):\(project.year)"] {
                                    fields["report"] = report
                                }
                                return .table(LuaTable(fields: fields))
                            }))
                ]
            },
            // dj.secretary.overdue_items(org_id) → { { task_id, title, due_on, component }, … } of the unit's projects
            "overdue_items": .function("dj.secretary.overdue_items") { args in
                let organization = try context.organization(args, in: "dj.secretary.overdue_items")
                return [
                    .table(LuaTable(array: (try snapshot(context).projects[organization] ?? []).flatMap(\.overdue)))
                ]
            },
            // dj.secretary.open_items(org_id) → the items neither accepted nor overdue, with their due dates
            "open_items": .function("dj.secretary.open_items") { args in
                let organization = try context.organization(args, in: "dj.secretary.open_items")
                return [
                    .table(LuaTable(array: (try snapshot(context).projects[organization] ?? []).flatMap(\.dueSoon)))
                ]
            },
            // dj.secretary.studies(org_id, period) → { { held_on, topic }, … } study sessions of the unit's projects
            "studies": .function("dj.secretary.studies") { args in
                let organization = try context.organization(args, in: "dj.secretary.studies")
                let period = try Period.argument(args, 1, "dj.secretary.studies")
                let held = try context.batch("secretary.studies:\(period.start):\(period.end)") { s in
                    var held: [Int64: [LuaValue]] = [:]
                    for row in try s.query(
                        """
                        SELECT p.organization_id, st.held_on, st.topic FROM secretary_studies st JOIN secretary_projects p ON p.id = st.project_id
                        WHERE st.held_on BETWEEN ? AND ? ORDER BY st.held_on
                        """, [SQLValue(period.start), SQLValue(period.end)])
                    {
                        held[try row.int64("organization_id"), default: []].append(
                            ["held_on": .string(try row.string("held_on")), "topic": .string(try row.string("topic"))])
                    }
                    return held
                }
                return [.table(LuaTable(array: held[organization] ?? []))]
            },
            // dj.secretary.findings(org_id, quarter) → { { description, task_id }, … }: what the programme's
            // quarterly inspection of that quarter found at the unit (task_id: its rectification item),
            // so a rule does not open a second item for the same fact.
            "findings": .function("dj.secretary.findings") { args in
                let organization = try context.organization(args, in: "dj.secretary.findings")
                let quarter = try Period.argument(args, 1, "dj.secretary.findings")
                let found = try context.batch("secretary.findings:\(quarter.key)") { s in
                    var found: [Int64: [LuaValue]] = [:]
                    let inspections = try s.query(
                        "SELECT inspection_id FROM secretary_inspections WHERE quarter = ?", [.text(quarter.key)]
                    ).map { try $0.int64("inspection_id") }
                    for finding in try TaskRegistry.findings(ofInspections: inspections, in: s) {
                        var fields: [String: LuaValue] = ["description": .string(finding.description)]
                        if let task = finding.rectificationTaskID { fields["task_id"] = .int(task) }
                        found[finding.organizationID, default: []].append(.table(LuaTable(fields: fields)))
                    }
                    return found
                }
                return [.table(LuaTable(array: found[organization] ?? []))]
            },
            // dj.secretary.programmes(org_id) → the programmes the organisation runs: { id, year, title, since, published = { ["2026-Q1"] = true } }
            "programmes": .function("dj.secretary.programmes") { args in
                let organization = try context.organization(args, in: "dj.secretary.programmes")
                return [.table(LuaTable(array: try snapshot(context).programmes[organization] ?? []))]
            },
            // dj.secretary.rating(org_id, year) → "good", "fairlyGood", "average", "poor" or nil
            "rating": .function("dj.secretary.rating") { args in
                let organization = try context.organization(args, in: "dj.secretary.rating")
                guard args.count > 1, let year = args[1].int else {
                    throw LuaError(kind: .badValue, message: "dj.secretary.rating(org_id, year) needs a year")
                }
                let snapshot = try snapshot(context)
                let rating = (snapshot.projects[organization] ?? []).lazy.compactMap {
                    snapshot.reports["\($0.id):\(year)"]?["rating"].string
                }.first
                return [rating.map { .string($0) } ?? .nil]
            },
        ]
    }

}

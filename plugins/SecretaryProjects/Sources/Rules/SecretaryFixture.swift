import Dangjian
import Foundation
import DangjianLua

/// A fixture's `secretary = { programmes = { … } }`, stored through the plugin's own write path:
///
///     secretary = { programmes = { {
///       organization = "bureau", year = 2026, started_on = "2026-01-01",
///       projects = { { organization = "b", secretary = "li", created = "2026-01-05",
///                      items = { { title = "制定方案", due_on = "2026-03-31", status = "accepted" } },
///                      studies = { "2026-02-10" }, report = "2026-12-20" } },
///       bulletins = { "2026-Q1" },
///       inspections = { { quarter = "2026-Q1", inspected_on = "2026-04-03",
///                         findings = { { organization = "b", description = "未研究部署", rectify_by = "2026-05-10" } } } },
///     } } }
///
/// Items belong to the first component ("standardisation") unless `component` says otherwise;
/// `status = "accepted"` submits and accepts an item. `created` is the day the project is entered
/// (its items are opened that day, so their overdue status is as the daily job would leave it).
struct SecretaryFixture {
    let host: DangjianHost
    let fixture: FixtureData

    func load(_ value: LuaValue) async throws {
        for (index, entry) in (value["programmes"].table?.array ?? []).enumerated() {
            let at = "secretary.programmes[\(index + 1)]"
            let programme = try await Programmes(host: host).create(
                ProgrammeDraft(
                    organizationID: try org(entry["organization"], at: "\(at).organization"),
                    year: Int(entry["year"].int ?? Int64(fixture.today.year)),
                    title: entry["title"].string ?? "基层党建“3+2”书记项目",
                    startedOn: entry["started_on"].string ?? "\(fixture.today.year)-01-01",
                    components: ProgrammeDraft.ComponentDraft.threePlusTwo), by: .system)
            for (n, project) in (entry["projects"].table?.array ?? []).enumerated() {
                try await load(project, programme: programme, at: "\(at).projects[\(n + 1)]")
            }
            for quarter in entry["bulletins"].table?.array.compactMap(\.string) ?? [] {
                _ = try await Supervision(host: host).publish(programme.id, quarter: quarter, by: .system)
            }
            for (n, inspection) in (entry["inspections"].table?.array ?? []).enumerated() {
                let findings = try (inspection["findings"].table?.array ?? []).enumerated().map { m, finding in
                    InspectionRequest.FindingRequest(
                        organizationID: try org(
                            finding["organization"], at: "\(at).inspections[\(n + 1)].findings[\(m + 1)].organization"),
                        description: finding["description"].string ?? "督查发现的问题", rectifyBy: finding["rectify_by"].string
                    )
                }
                _ = try await Supervision(host: host).inspect(
                    programme.id,
                    InspectionRequest(
                        quarter: inspection["quarter"].string, inspectedOn: inspection["inspected_on"].string,
                        summary: "季度督查",
                        findings: findings), by: .system)
            }
        }
        // Items set up on an earlier `since` are marked overdue as the daily job would have.
        _ = try await host.tasks.markOverdue(asOf: fixture.today)
    }

    func load(_ project: LuaValue, programme: Programme, at: String) async throws {
        let unit = try org(project["organization"], at: "\(at).organization")
        guard let secretary = project["secretary"].string.flatMap({ fixture.members[$0] }) else {
            throw LuaError(kind: .badValue, message: "\(at).secretary must name a fixture member's key")
        }
        _ = try await host.organizations.update(unit, OrganizationPatch(secretaryMemberID: secretary), by: .system)
        let clock = host.store.clock
        let since = project["created"].string.flatMap { Day($0) }
        if let since, let manual = clock as? ManualClock { manual.set(since.start.addingTimeInterval(12 * 3600)) }
        let items = project["items"].table?.array ?? []
        let made = try await Projects(host: host).create(
            ProjectDraft(
                programmeID: programme.id, organizationID: unit, title: project["title"].string ?? "书记项目",
                items: items.map {
                    .init(
                        component: $0["component"].string ?? "standardisation", title: $0["title"].string ?? "事项",
                        responsibleMemberID: secretary, dueOn: $0["due_on"].string,
                        acceptanceCriteria: $0["criteria"].string ?? "有记录")
                }), by: .system)
        if let manual = clock as? ManualClock { manual.set(fixture.today.start.addingTimeInterval(12 * 3600)) }
        for (item, task) in zip(items, made.items.sorted { $0.taskID < $1.taskID })
        where item["status"].string == "accepted" {
            _ = try await host.tasks.transition(task.taskID, TaskTransition(status: "submitted"), by: .system)
            _ = try await host.tasks.transition(task.taskID, TaskTransition(status: "accepted"), by: .system)
        }
        for day in project["studies"].table?.array.compactMap(\.string) ?? [] {
            _ = try await Projects(host: host).recordStudy(
                of: made.id, StudyDraft(heldOn: day, topic: "研究部署书记项目", decisions: "明确分工"), by: .system)
        }
        if let submitted = project["report"].string {
            _ = try await Appraisal(host: host) { nil }.submit(
                made.id, ReportDraft(year: programme.year, text: "述职报告", submittedOn: submitted), by: .system)
        }
    }

    func org(_ key: LuaValue, at: String) throws -> Int64 {
        guard let id = key.string.flatMap({ fixture.organizations[$0] }) else {
            throw LuaError(kind: .badValue, message: "\(at) must name a fixture organisation's key, got \(key)")
        }
        return id
    }
}

import Dangjian
import DangjianHTTP
import Foundation

/// 书记项目: the year's programmes, a programme's "3+2" with every unit's project and its
/// progress, and a project's work plan with its study sessions, where the unit records one.
struct ProgrammePages {
    let programmes: Programmes
    let projects: Projects

    struct Year {
        let year: Int
        let selected: Bool
    }
    struct Listing {
        let years: [Year]
        let year: Int
        let programmes: [Summary]
        let empty: Bool
    }
    struct Summary {
        let id: Int64
        let title: String
        let started: String
    }
    struct Component {
        let kind: String
        let name: String
        let required: String?
    }
    struct Member {
        let name: String
        let role: String
        /// Not `title`: a member without one must not read the programme's title from the enclosing section.
        let post: String?

    }
    struct Row {
        let id: Int64
        let unit: String
        let title: String
        let items: Int
        let accepted: Int
        let overdue: Int
        /// Whether any item is overdue (a section on a number would show for 0).
        let late: Bool
        let percent: Int
        let behind: Bool
    }
    struct Quarter {
        let key: String
        let label: String
    }
    struct ProgrammeView {
        let id: Int64
        let title: String
        let organization: String
        let started: String
        let components: [Component]
        let group: [Member]
        let rows: [Row]
        let empty: Bool
        let quarters: [Quarter]
    }
    struct Item {
        let component: String
        let title: String
        let taskID: Int64
        let organization: String
        let due: String
        let status: String
        let statusKey: String
        let overdue: Bool
    }
    struct Study {
        let held: String
        let topic: String
        let decisions: String
    }
    struct ProjectView {
        let id: Int64
        let title: String
        let unit: String
        let programmeID: Int64
        let programme: String
        let secretary: String
        let started: String
        let items: [Item]
        let accepted: Int
        let total: Int
        let overdue: Int
        let late: Bool
        let behind: Bool
        let studies: [Study]
        let today: String
    }

    static let roles: [Programme.GroupMember.Role: String] = [
        .leader: "组长", .deputy: "副组长", .member: "成员", .officeDirector: "办公室主任",
    ]

    func register(_ pages: ConsolePages) {
        pages.get("/programmes") { page in
            let year =
                try page.query("year").map { text -> Int in
                    guard let year = Int(text), Day.supportedYears.contains(year) else {
                        throw DangjianError.badValue("year", zh: "年度无效", en: "unknown year")
                    }
                    return year
                } ?? page.today.year
            let found = try await programmes.list(year: year, by: page.principal)
            let years = ((page.today.year - 2)...page.today.year).reversed().map {
                Year(year: $0, selected: $0 == year)
            }
            return .page(
                title: "书记项目", template: "secretary/programmes",
                content: Listing(
                    years: years, year: year,
                    programmes: found.map {
                        Summary(id: $0.id, title: $0.title, started: ConsoleWords.date($0.startedOn))
                    }, empty: found.isEmpty))
        }
        pages.get("/programmes/{id}") { page in
            let programme = try await programmes.get(try page.id(), by: page.principal)
            let list = try await projects.list(of: programme.id, by: page.principal)
            let names = try await page.host.store.read { s in
                try OrganizationRegistry.names(of: list.map(\.organizationID) + [programme.organizationID], in: s)
            }
            let rows = list.map { project in
                Row(
                    id: project.id, unit: names[project.organizationID] ?? "", title: project.title,
                    items: project.progress.items, accepted: project.progress.accepted,
                    overdue: Self.overdue(project.items, today: page.today).count,
                    late: !Self.overdue(project.items, today: page.today).isEmpty,
                    percent: Int((project.progress.share * 100).rounded()), behind: project.progress.seriouslyBehind)
            }.sorted { ($0.unit, $0.id) < ($1.unit, $1.id) }
            let view = ProgrammeView(
                id: programme.id, title: programme.title, organization: names[programme.organizationID] ?? "",
                started: ConsoleWords.date(programme.startedOn),
                components: programme.components.map {
                    Component(
                        kind: $0.kind == .engineering ? "工程" : "工作", name: $0.name,
                        required: $0.requiredItems.isEmpty ? nil : $0.requiredItems.joined(separator: "；"))
                },
                group: programme.group.sorted { Self.rank($0.role) < Self.rank($1.role) }.map {
                    Member(name: $0.name, role: Self.roles[$0.role] ?? "", post: $0.title)
                },
                rows: rows, empty: rows.isEmpty, quarters: Self.quarters(of: programme, today: page.today))
            return .page(title: programme.title, template: "secretary/programme", content: view)
        }
        pages.get("/projects/{id}") { page in
            let project = try await projects.get(try page.id(), by: page.principal)
            let programme = try await programmes.get(project.programmeID, by: page.principal)
            let studies = try await projects.studies(of: project.id, by: page.principal)
            let (names, people) = try await page.host.store.read { s in
                (
                    try OrganizationRegistry.names(
                        of: [project.organizationID] + project.items.map(\.responsibleOrganizationID), in: s),
                    try MemberRegistry.names(of: [project.secretaryMemberID], in: s)
                )
            }
            let components = Dictionary(programme.components.map { ($0.key, $0.name) }) { first, _ in first }
            let late = Set(Self.overdue(project.items, today: page.today).map(\.taskID))
            let view = ProjectView(
                id: project.id, title: project.title, unit: names[project.organizationID] ?? "",
                programmeID: programme.id, programme: programme.title,
                secretary: people[project.secretaryMemberID] ?? "", started: ConsoleWords.date(project.startedOn),
                items: project.items.map {
                    Item(
                        component: components[$0.component] ?? $0.component, title: $0.title, taskID: $0.taskID,
                        organization: names[$0.responsibleOrganizationID] ?? "", due: ConsoleWords.date($0.dueOn),
                        status: $0.status.zh, statusKey: $0.status.rawValue, overdue: late.contains($0.taskID))
                },
                accepted: project.progress.accepted, total: project.progress.items, overdue: late.count,
                late: !late.isEmpty,
                behind: project.progress.seriouslyBehind,
                studies: studies.sorted { $0.heldOn > $1.heldOn }.map {
                    Study(held: ConsoleWords.date($0.heldOn), topic: $0.topic, decisions: $0.decisions)
                }, today: page.today.description)
            return .page(title: project.title, template: "secretary/project", content: view)
        }
        pages.post("/projects/{id}/studies") { page, form in
            let id = try page.id()
            _ = try await projects.recordStudy(
                of: id,
                StudyDraft(heldOn: form.text("heldOn"), topic: form.text("topic"), decisions: form.text("decisions")),
                by: page.principal)
            return .redirect("/secretary/projects/\(id)", notice: "研究部署记录已登记")
        }
    }

    /// 组长 first, then 副组长, 成员 and 办公室主任, as the attachment lists the group.
    static func rank(_ role: Programme.GroupMember.Role) -> Int {
        Programme.GroupMember.Role.allCases.firstIndex(of: role) ?? 0
    }

    /// Items past their due day and not done: the kernel marks them overdue on its nightly
    /// sweep, and the page flags them the same day, as the task pages do.
    static func overdue(_ items: [SecretaryProject.Item], today: Day) -> [SecretaryProject.Item] {
        items.filter { $0.status == .overdue || ($0.dueOn < today && ![.accepted, .submitted].contains($0.status)) }
    }

    /// The programme's quarters that have begun, each with its bulletin.
    static func quarters(of programme: Programme, today: Day) -> [Quarter] {
        (1...4).compactMap { n in
            guard let start = Day(year: programme.year, month: 3 * n - 2, day: 1), start <= today,
                start.adding(months: 3) > programme.startedOn
            else { return nil }
            return Quarter(key: "\(programme.year)-Q\(n)", label: "第\(["一", "二", "三", "四"][n - 1])季度")
        }
    }
}

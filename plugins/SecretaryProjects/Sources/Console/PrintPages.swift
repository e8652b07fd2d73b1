import Dangjian
import DangjianHTTP
import Foundation

/// What the leadership group prints: the quarter's bulletin (简报) and the year-end rating
/// sheets (评分表), one A4 page per unit.
struct PrintPages {
    let programmes: Programmes
    let projects: Projects
    let supervision: Supervision
    let appraisal: Appraisal

    struct Line {
        let rank: Int
        let unit: String
        let accepted: Int
        let items: Int
        let overdue: Int
        let late: Bool
        let percent: Int
        let studies: Int
        let findings: String
    }
    struct BulletinView {
        let title: String
        let published: String?
        let lines: [Line]
        let highlights: [String]
        let problems: [String]
        let empty: Bool
    }
    struct Criterion {
        let item: String
        let max: String
        let description: String
    }
    struct Sheet {
        let evaluator: String
        let total: String
    }
    struct RatingSheet {
        let unit: String
        let title: String
        let secretary: String
        let report: String
        let progress: String
        let overdue: Int
        let late: Bool
        let criteria: [Criterion]
        let full: String
        let sheets: [Sheet]
        let scored: Bool
        let average: String?
        let rating: String?
    }
    struct RatingView {
        let title: String
        let year: Int
        let rubricMissing: Bool
        let units: [RatingSheet]
        let empty: Bool
    }

    func register(_ pages: ConsolePages) {
        pages.get("/programmes/{id}/bulletins/{quarter}") { page in
            let bulletin = try await supervision.bulletin(
                try page.id(), quarter: page.parameter("quarter"), by: page.principal)
            let view = BulletinView(
                title: bulletin.title, published: bulletin.publishedAt.map(ConsoleWords.time),
                lines: bulletin.lines.map {
                    Line(
                        rank: $0.rank, unit: $0.unit, accepted: $0.accepted, items: $0.items, overdue: $0.overdue,
                        late: $0.overdue > 0,
                        percent: Int(($0.progress * 100).rounded()), studies: $0.studies,
                        findings: $0.findings.joined(separator: "；"))
                }, highlights: bulletin.highlights, problems: bulletin.problems, empty: bulletin.lines.isEmpty)
            return .print(title: bulletin.title, template: "secretary/bulletin", content: view)
        }
        pages.get("/programmes/{id}/ratings") { page in
            let programme = try await programmes.get(try page.id(), by: page.principal)
            let list = try await projects.list(of: programme.id, by: page.principal)
            let reports = try await appraisal.reports(ofProgramme: programme.id, by: page.principal)
            // Every report of a year is scored on one rubric; a sheet printed before any report
            // is in, or while the rules are not running, leaves the items to be written in.
            var rubric: [RubricItem] = []
            if let first = reports.values.min(by: { $0.id < $1.id }) {
                rubric = (try? await appraisal.rubric(for: first.id, by: page.principal).items) ?? []
            }
            let (names, people) = try await page.host.store.read { s in
                (
                    try OrganizationRegistry.names(of: list.map(\.organizationID), in: s),
                    try MemberRegistry.names(of: list.map(\.secretaryMemberID) + programme.group.map(\.memberID), in: s)
                )
            }
            let criteria = rubric.map {
                Criterion(item: $0.item, max: ConsoleWords.number($0.max), description: $0.description)
            }
            let units = list.sorted {
                (names[$0.organizationID] ?? "", $0.id) < (names[$1.organizationID] ?? "", $1.id)
            }
            .map { project in
                let report = reports[project.id]
                return RatingSheet(
                    unit: names[project.organizationID] ?? "", title: project.title,
                    secretary: people[project.secretaryMemberID] ?? "",
                    report: report.map { "\(ConsoleWords.date($0.submittedOn))提交" } ?? "未提交",
                    progress: "\(project.progress.accepted)/\(project.progress.items)",
                    overdue: ProgrammePages.overdue(project.items, today: page.today).count,
                    late: !ProgrammePages.overdue(project.items, today: page.today).isEmpty,
                    criteria: criteria, full: ConsoleWords.number(rubric.reduce(0) { $0 + $1.max }),
                    sheets: (report?.scores ?? []).map {
                        Sheet(evaluator: people[$0.evaluatorMemberID] ?? "", total: ConsoleWords.number($0.total))
                    }, scored: !(report?.scores ?? []).isEmpty, average: report?.average.map(ConsoleWords.number),
                    rating: report?.rating?.zh)
            }
            let view = RatingView(
                title: "\(programme.title) 年度述职评议评分表", year: programme.year, rubricMissing: rubric.isEmpty,
                units: units, empty: units.isEmpty)
            return .print(title: view.title, template: "secretary/ratings", content: view)
        }
    }
}

import Dangjian
import DangjianHTTP
import Foundation
import RegionalCouncil

/// 双联系人: a committee's liaison coverage, one row per sub-council, with its gaps flagged as
/// plainly as overdue items: no leader liaison, no staff liaison, or a liaison who has logged
/// nothing for it this quarter; people over the quota; and a form to log a liaison's work.
struct CoveragePages {
    let councils: Councils
    let liaisons: Liaisons

    struct Tab {
        let id: Int64
        let name: String
        let selected: Bool
    }
    struct Side {
        /// Not `name`: a missing liaison must not read the row's name from the enclosing section.
        let person: String?
        let since: String?
        let vacantSince: String?
        let visits: Int
        /// A liaison in the role who has logged nothing for the sub-council this quarter.
        let silent: Bool
    }
    struct Row {
        let name: String
        let leader: Side
        let staff: Side
        let gap: Bool
    }
    struct Over {
        let name: String
        let role: String
        let places: String
        let elsewhere: Int
        let hasElsewhere: Bool
    }
    struct Choice {
        let value: String
        let label: String
    }
    struct CoverageView {
        let committeeID: Int64?
        let committee: String
        let tabs: [Tab]
        let quarter: String
        let total: Int
        let covered: Int
        let gaps: Int
        let rows: [Row]
        let over: [Over]
        let people: [Choice]
        let kinds: [Choice]
        let today: String
        let none: Bool
    }

    func register(_ pages: ConsolePages) {
        pages.get("/coverage") { page in
            let committees = try await councils.list(by: page.principal).flatMap(\.committees)
            guard let first = committees.first else {
                return .page(title: "双联系人", template: "liaison/coverage", content: Self.empty)
            }
            return .page(
                title: "双联系人", template: "liaison/coverage",
                content: try await view(first.id, committees: committees, page: page))
        }
        pages.get("/committees/{id}") { page in
            let id = try page.id()
            let committees = try await councils.list(by: page.principal).flatMap(\.committees)
            return .page(
                title: "双联系人", template: "liaison/coverage",
                content: try await view(id, committees: committees, page: page))
        }
        pages.post("/committees/{id}/log") { page, form in
            let id = try page.id()
            let pair = (form.text("liaison") ?? "").split(separator: "-").compactMap { Int64($0) }
            _ = try await liaisons.log(
                LiaisonLogDraft(
                    memberID: pair.count == 2 ? pair[1] : nil, subCouncilID: pair.first, kind: form.text("kind"),
                    on: form.text("on"), note: form.text("note")), by: page.principal)
            return .redirect("/liaison/committees/\(id)", notice: "联系工作已登记")
        }
    }

    static let empty = CoverageView(
        committeeID: nil, committee: "", tabs: [], quarter: "", total: 0, covered: 0, gaps: 0, rows: [], over: [],
        people: [], kinds: [], today: "", none: true)

    func view(_ committeeID: Int64, committees: [Committee], page: ConsoleRequest) async throws -> CoverageView {
        let coverage = try await liaisons.coverage(of: committeeID, by: page.principal)
        let current = try await liaisons.liaisons(ofCommittee: committeeID, by: page.principal)
        let today = page.today
        let period = "\(today.year)-Q\((today.month - 1) / 3 + 1)"
        var rows: [Row] = []
        for sub in current.subCouncils {
            let log = try await liaisons.log(ofSubCouncil: sub.subCouncilID, period: period, by: page.principal)
            func side(_ role: LiaisonRole, _ assignment: LiaisonAssignment?) -> Side {
                let visits = log.filter { $0.role == role && $0.memberID == assignment?.memberID }.count
                let gap = coverage.gaps.first { $0.subCouncilID == sub.subCouncilID && $0.role == role }
                return Side(
                    person: assignment?.name, since: assignment.map { ConsoleWords.date($0.from) },
                    vacantSince: gap?.vacantSince.map(ConsoleWords.date), visits: visits,
                    silent: assignment != nil && visits == 0)
            }
            let leader = side(.leader, sub.leader)
            let staff = side(.staff, sub.staff)
            rows.append(
                Row(
                    name: sub.name, leader: leader, staff: staff,
                    gap: sub.leader == nil || sub.staff == nil || leader.silent || staff.silent))
        }
        let people = current.subCouncils.flatMap { sub in
            [sub.leader, sub.staff].compactMap { $0 }.map {
                Choice(value: "\(sub.subCouncilID)-\($0.memberID)", label: "\(sub.name) · \($0.role.zh) · \($0.name)")
            }
        }
        return CoverageView(
            committeeID: committeeID, committee: committees.first { $0.id == committeeID }?.name ?? "",
            tabs: committees.map { Tab(id: $0.id, name: $0.name, selected: $0.id == committeeID) },
            quarter: "\(today.year)年第\(["一", "二", "三", "四"][(today.month - 1) / 3])季度",
            total: coverage.subCouncils, covered: coverage.covered, gaps: rows.filter(\.gap).count, rows: rows,
            over: coverage.overQuota.map {
                Over(
                    name: $0.name, role: $0.role.zh, places: $0.subCouncils.map(\.name).joined(separator: "、"),
                    elsewhere: $0.elsewhere, hasElsewhere: $0.elsewhere > 0)
            }, people: people,
            kinds: LiaisonLogKind.allCases.map { Choice(value: $0.rawValue, label: $0.zh) },
            today: today.description, none: false)
    }
}

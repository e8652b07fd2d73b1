import Dangjian
import DangjianHTTP
import Foundation

/// 月度计划（备案）: the month's plan against the ledger, and the form that files it.
struct PlanPages {
    let ledger: Ledger
    /// Blank lines the filing form offers; a line left without a topic is skipped.
    static let lines = 8

    struct Content {
        let organizationID: Int64
        let organization: String
        let month: String
        let filed: Bool
        let lines: [Line]
        let empty: Bool
        let rows: [Row]
        let previous: String
        let next: String
    }
    struct Line {
        let kind: String
        let planned: Int
        let held: Int
        let short: Bool
        let records: [Int64]
    }
    struct Row {
        let index: Int
        let kinds: [RecordPages.Choice]
    }

    func register(_ pages: ConsolePages) {
        let ledger = self.ledger
        pages.get("/plans") { page in
            let id = try OrgLifeDefaults.organization(page)
            let month = try page.query("month").map { try Ledger.month($0) } ?? Period.containing(page.today, .month)
            let organization = try await page.host.organizations.get(id, by: page.principal)
            let comparison = try await ledger.comparePlan(of: id, month: month.key, by: page.principal)
            let link = { (period: Period) in "/orglife/plans?organization=\(id)&month=\(period.key)" }
            let content = Content(
                organizationID: id, organization: organization.name, month: month.key, filed: comparison.filed,
                lines: comparison.lines.map {
                    Line(
                        kind: $0.kindName, planned: $0.planned, held: $0.held, short: $0.held < $0.planned,
                        records: $0.recordIDs)
                },
                empty: comparison.lines.isEmpty,
                rows: (0..<Self.lines).map { Row(index: $0, kinds: RecordPages.kinds(selected: .themeDay)) },
                previous: link(month.previous(.month)), next: link(Period.containing(month.end.adding(days: 1), .month))
            )
            return .page(title: "月度计划 · \(organization.name)", template: "orglife/plans", content: content)
        }
        pages.post("/plans") { page, form in
            guard let id = try form.id("organizationID") else { throw DangjianError.required("organizationID") }
            let month = form.text("month") ?? ""
            let items = (0..<Self.lines).compactMap { index -> ActivityPlanDraft.ItemDraft? in
                guard let topic = form.text("topic-\(index)") else { return nil }
                return ActivityPlanDraft.ItemDraft(
                    kind: form.text("kind-\(index)"), plannedOn: form.text("plannedOn-\(index)"), topic: topic)
            }
            let plan = try await ledger.filePlan(
                ActivityPlanDraft(organizationID: id, month: month, items: items), by: page.principal)
            return .redirect(
                "/orglife/plans?organization=\(id)&month=\(plan.month)",
                notice: "\(plan.month) 活动计划已报备（\(plan.items.count) 项）")
        }
    }
}

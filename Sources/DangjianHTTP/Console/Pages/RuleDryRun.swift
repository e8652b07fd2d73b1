import Dangjian
import DangjianLua
import Foundation

/// 规则试运行: the sweep for a chosen day with `dryRun`, so nothing is stored: what would be
/// sent or opened, what would reach no one, and what failed. Without an organisation it runs
/// for every organisation and shows those in the caller's subtree, as the API would scope them.
struct RuleDryRun {
    struct Planned {
        let intent: String
        let rule: String
        let organization: String
        let title: String
        let body: String
        let alreadySent: Bool
    }
    struct Unaddressed {
        let rule: String
        let organization: String
        let title: String
        let reason: String
    }
    struct Failure {
        let rule: String
        let organization: String
        let error: String
    }

    let organizationID: String
    let date: String
    /// Whether the form was sent, so that the empty state is said only after a run.
    let ran: Bool
    let organization: String?
    let day: String
    let evaluated: Int
    let planned: [Planned]
    let unaddressed: [Unaddressed]
    let failures: [Failure]
    /// A run that found nothing to send, nobody unreached and no failure: said in so many words.
    let nothing: Bool

    static let intentNames = ["notify": "消息", "task": "任务", "case": "案件"]

    static func make(_ page: ConsoleRequest, _ rules: RuleRuntime) async throws -> RuleDryRun {
        let organizationText = page.query("organization")
        guard let dateText = page.query("date") else {
            return RuleDryRun(
                organizationID: organizationText ?? "", date: page.today.description, ran: false, organization: nil,
                day: "", evaluated: 0, planned: [], unaddressed: [], failures: [], nothing: false)
        }
        guard let day = Day(dateText) else {
            throw DangjianError.badValue("date", zh: "应为日期，如 2026-12-31", en: "must be a date such as 2026-12-31")
        }
        var organization: Organization?
        if let organizationText {
            guard let id = Int64(organizationText) else {
                throw DangjianError.badValue("organization", zh: "应为编号", en: "must be an id")
            }
            organization = try await page.host.organizations.get(id, by: page.principal)
        }
        let report = try await rules.engine.sweep(at: day, only: organization?.id, dryRun: true)
        let ids =
            report.planned.map(\.organizationID) + report.withoutRecipient.map(\.organizationID)
            + report.failures.map(\.organizationID)
        let (paths, names) = try await page.host.store.read { s in
            (try OrganizationRegistry.paths(of: ids, in: s), try OrganizationRegistry.names(of: ids, in: s))
        }
        let scope = page.principal.scope(for: .readOrganizations)
        let visible = { (id: Int64) in paths[id].map(scope.contains(path:)) ?? false }
        let planned = report.planned.filter { visible($0.organizationID) }.map {
            Planned(
                intent: intentNames[$0.intent] ?? $0.intent, rule: $0.rule, organization: $0.organization,
                title: $0.title, body: $0.body, alreadySent: $0.alreadySent)
        }
        let unaddressed = report.withoutRecipient.filter { visible($0.organizationID) }.map {
            Unaddressed(
                rule: $0.rule, organization: $0.organization, title: $0.title, reason: RuleOverview.chinese($0.reason))
        }
        let failures = report.failures.filter { visible($0.organizationID) }.map {
            Failure(
                rule: $0.rule, organization: names[$0.organizationID] ?? "党组织 \($0.organizationID)",
                error: $0.error.description)
        }
        return RuleDryRun(
            organizationID: organizationText ?? "", date: day.description, ran: true, organization: organization?.name,
            day: ConsoleWords.date(day), evaluated: report.evaluated, planned: planned, unaddressed: unaddressed,
            failures: failures, nothing: planned.isEmpty && unaddressed.isEmpty && failures.isEmpty)
    }
}

import Dangjian
import DangjianHTTP
import Hummingbird

extension LedgerRecordDraft: APIInput {
    public init() { self.init(organizationID: nil) }
}

extension ActivityPlanDraft: APIInput {
    public init() { self.init(organizationID: nil) }
}

/// The ledger's routes, under /api/v1/orglife.
struct LedgerRoutes {
    let ledger: Ledger

    func register(_ routes: PluginRoutes) {
        let ledger = self.ledger
        routes.add(.post, "/records", "登记会议或活动 / Record a meeting or activity", body: LedgerRecordDraft.self) {
            _, context, draft in
            JSONReply(try await ledger.record(draft, by: try context.caller()), status: .created)
        }
        routes.add(.get, "/records/{id}", "台账记录 / A ledger record") { _, context, _ in
            JSONReply(try await ledger.get(try context.id(), by: try context.caller()))
        }
        routes.add(
            .post, "/records/{id}/corrections", "更正台账记录（须说明原因）/ Correct a record, giving the reason",
            body: LedgerRecordDraft.self
        ) { _, context, draft in
            JSONReply(try await ledger.correct(try context.id(), draft, by: try context.caller()))
        }
        routes.add(
            .get, "/organizations/{id}/records", "本组织某期间的台账 / An organisation's records in a period",
            query: [
                QueryParameter("period", "string", "期间 / period: 2026-06, 2026-Q2, 2026-H1, 2026 (default: this year)"),
                QueryParameter("kind", "string", MeetingKind.allCases.map(\.rawValue).joined(separator: ", ")),
                QueryParameter(
                    "sort", "string",
                    "排序：heldAt（默认 -heldAt，最新在前）或 id / sort: heldAt (default -heldAt, newest first) or id"),
            ] + QueryParameter.paging
        ) { _, context, query in
            let period =
                try query.string("period").map { try Period.parse($0) }
                ?? Period.containing(ledger.host.store.clock.today(), .year)
            return JSONReply(
                page: try await ledger.records(
                    of: try context.id(), in: period, kind: try query.enumValue("kind"),
                    sort: query.string("sort"), page: try query.page(), by: try context.caller()))
        }
        routes.add(.post, "/plans", "报备月度活动计划 / File a monthly activity plan", body: ActivityPlanDraft.self) {
            _, context, draft in
            JSONReply(try await ledger.filePlan(draft, by: try context.caller()), status: .created)
        }
        routes.add(.get, "/organizations/{id}/plans/{month}", "计划与实际对照 / The month's plan against the ledger") {
            _, context, _ in
            JSONReply(
                try await ledger.comparePlan(
                    of: try context.id(), month: context.parameters.get("month") ?? "",
                    by: try context.caller()))
        }
    }
}

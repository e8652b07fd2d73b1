import Dangjian
import DangjianHTTP
import Hummingbird

/// 双报到, under /api/v1/liaison.
struct DualReportingRoutes {
    let reporting: DualReporting

    func register(_ routes: PluginRoutes) {
        let reporting = self.reporting
        let year = QueryParameter("year", "integer", "年度 / year (default: this year)")
        routes.add(.post, "/dual-reporting/reports", "向社区报到 / Report to a community", body: CommunityReportDraft.self) {
            _, context, draft in
            JSONReply(try await reporting.report(draft, by: try context.caller()), status: .created)
        }
        routes.add(
            .post, "/dual-reporting/services", "登记社区服务 / Record a service in the community",
            body: CommunityServiceDraft.self
        ) { _, context, draft in
            JSONReply(try await reporting.serve(draft, by: try context.caller()), status: .created)
        }
        routes.add(.get, "/members/{id}/dual-reporting", "党员双报到年度情况 / A member's year of dual reporting", query: [year])
        { _, context, query in
            JSONReply(
                try await reporting.year(
                    ofMember: try context.id(), year: try query.int("year"), by: try context.caller()))
        }
        routes.add(
            .get, "/organizations/{id}/dual-reporting",
            "组织及其党员双报到汇总 / An organisation's year with its members', a page of them at a time",
            query: QueryParameter.paging + [year]
        ) { _, context, query in
            JSONReply(
                try await reporting.year(
                    ofOrganization: try context.id(), year: try query.int("year"), page: try query.page(),
                    by: try context.caller()))
        }
    }
}

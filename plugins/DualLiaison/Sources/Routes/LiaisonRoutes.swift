import Dangjian
import DangjianHTTP
import Hummingbird

/// Liaisons, their coverage and their log, under /api/v1/liaison.
struct LiaisonRoutes {
    let liaisons: Liaisons

    func register(_ routes: PluginRoutes) {
        let liaisons = self.liaisons
        routes.add(
            .post, "/committees/{id}/settings", "设定领导班子和党委办公室所在党组织 / Name where liaisons come from",
            body: LiaisonSettingsDraft.self
        ) { _, context, draft in
            JSONReply(try await liaisons.configure(try context.id(), draft, by: try context.caller()))
        }
        routes.add(.get, "/committees/{id}/liaisons", "各分会现任联系人 / Every sub-council's current liaisons") {
            _, context, _ in
            JSONReply(try await liaisons.liaisons(ofCommittee: try context.id(), by: try context.caller()))
        }
        routes.add(.get, "/committees/{id}/coverage", "双联系人覆盖检查 / Sub-councils lacking a liaison, people over quota") {
            _, context, _ in
            JSONReply(try await liaisons.coverage(of: try context.id(), by: try context.caller()))
        }
        routes.add(.post, "/subcouncils/{id}/liaisons", "确定分会联系人 / Assign a liaison", body: AssignmentDraft.self) {
            _, context, draft in
            JSONReply(
                try await liaisons.assign(to: try context.id(), draft, by: try context.caller()), status: .created)
        }
        routes.add(
            .post, "/subcouncils/{id}/liaisons/end", "联系人离任 / End a liaison's assignment",
            body: AssignmentEndDraft.self
        ) { _, context, draft in
            JSONReply(try await liaisons.end(at: try context.id(), draft, by: try context.caller()))
        }
        routes.add(.get, "/subcouncils/{id}/liaisons", "分会历任联系人 / A sub-council's liaisons over time") {
            _, context, _ in
            JSONReply(try await liaisons.history(ofSubCouncil: try context.id(), by: try context.caller()))
        }
        routes.add(
            .post, "/log", "登记联系工作 / Log a liaison's meeting, activity or topic contact", body: LiaisonLogDraft.self
        ) { _, context, draft in
            JSONReply(try await liaisons.log(draft, by: try context.caller()), status: .created)
        }
        routes.add(
            .get, "/subcouncils/{id}/log", "分会联系工作记录 / A sub-council's liaison log",
            query: [
                QueryParameter("period", "string", "期间 / period: 2026-06, 2026-Q2, 2026-H1, 2026 (default: this year)")
            ]
        ) { _, context, query in
            JSONReply(
                try await liaisons.log(
                    ofSubCouncil: try context.id(), period: query.string("period"), by: try context.caller()))
        }
    }
}

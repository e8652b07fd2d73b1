import Dangjian
import DangjianHTTP
import Hummingbird

/// Councils, committees, sub-councils, units and meetings, under /api/v1/council.
struct StructureRoutes {
    let councils: Councils

    func register(_ routes: PluginRoutes) {
        let councils = self.councils
        routes.add(.post, "/councils", "成立联席会 / Set up a council", body: CouncilDraft.self) { _, context, draft in
            JSONReply(try await councils.createCouncil(draft, by: try context.caller()), status: .created)
        }
        routes.add(.get, "/councils/{id}", "联席会及其专委会、分会 / A council with its committees and sub-councils") {
            _, context, _ in
            JSONReply(try await councils.council(try context.id(), by: try context.caller()))
        }
        routes.add(.post, "/councils/{id}/committees", "设立专委会 / Set up a committee", body: CommitteeDraft.self) {
            _, context, draft in
            JSONReply(
                try await councils.createCommittee(in: try context.id(), draft, by: try context.caller()),
                status: .created)
        }
        routes.add(.get, "/committees/{id}", "专委会 / A committee") { _, context, _ in
            JSONReply(try await councils.committee(try context.id(), by: try context.caller()))
        }
        routes.add(.post, "/committees/{id}/charter", "通过新版章程 / Adopt a new charter version", body: CharterDraft.self) {
            _, context, draft in
            JSONReply(try await councils.adoptCharter(of: try context.id(), draft, by: try context.caller()))
        }
        routes.add(.post, "/committees/{id}/subcouncils", "设立分会 / Set up a sub-council", body: SubCouncilDraft.self) {
            _, context, draft in
            JSONReply(
                try await councils.createSubCouncil(in: try context.id(), draft, by: try context.caller()),
                status: .created)
        }
        routes.add(.post, "/subcouncils/{id}/units", "加入成员单位 / Add member units", body: UnitsDraft.self) {
            _, context, draft in
            JSONReply(try await councils.addUnits(to: try context.id(), draft, by: try context.caller()))
        }
        routes.add(.delete, "/subcouncils/{id}/units/{organizationID}", "移出成员单位 / Remove a member unit") {
            _, context, _ in
            JSONReply(
                try await councils.removeUnit(
                    try context.id("organizationID"), from: try context.id(), by: try context.caller()))
        }
        routes.add(.get, "/organizations/{id}/subcouncils", "单位所在的分会 / The sub-councils a unit belongs to") {
            _, context, _ in
            JSONReply(try await councils.subCouncils(of: try context.id(), by: try context.caller()))
        }
        routes.add(
            .post, "/meetings", "登记例会或每月一讲 / Record a meeting or a monthly lecture", body: CouncilMeetingDraft.self
        ) { _, context, draft in
            JSONReply(try await councils.record(draft, by: try context.caller()), status: .created)
        }
        routes.add(
            .get, "/committees/{id}/meetings", "专委会、分会例会与每月一讲 / Meetings and lectures in a period",
            query: [
                QueryParameter("period", "string", "期间 / period: 2026-06, 2026-Q2, 2026-H1, 2026 (default: this year)"),
                QueryParameter("kind", "string", CouncilMeetingKind.allCases.map(\.rawValue).joined(separator: ", ")),
            ]
        ) { _, context, query in
            JSONReply(
                try await councils.meetings(
                    ofCommittee: try context.id(), period: query.string("period"),
                    kind: try query.enumValue("kind"), by: try context.caller()))
        }
    }
}

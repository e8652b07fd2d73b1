import Dangjian
import DangjianHTTP
import Hummingbird

/// Evaluation rounds, under /api/v1/brand.
struct EvaluationRoutes {
    let evaluations: Evaluations

    func register(_ routes: PluginRoutes) {
        let evaluations = self.evaluations
        routes.add(
            .post, "/rounds", "发起评比（评分细则来自 Lua）/ Open a round (its rubric comes from Lua)", body: RoundDraft.self
        ) { _, context, draft in
            JSONReply(try await evaluations.open(draft, by: try context.caller()), status: .created)
        }
        routes.add(.get, "/rounds/{id}", "评比、评分细则与排名 / A round with its rubric and ranking") { _, context, _ in
            JSONReply(try await evaluations.get(try context.id(), by: try context.caller()))
        }
        routes.add(.post, "/rounds/{id}/participants", "增加参评品牌或评委 / Add entries or evaluators", body: RoundDraft.self) {
            _, context, draft in
            JSONReply(try await evaluations.extend(try context.id(), draft, by: try context.caller()))
        }
        routes.add(.post, "/rounds/{id}/sheets", "提交评分表 / Submit a score sheet", body: SheetDraft.self) {
            _, context, draft in
            JSONReply(try await evaluations.score(try context.id(), draft, by: try context.caller()), status: .created)
        }
        routes.add(.post, "/rounds/{id}/publish", "公布结果并通知各单位 / Publish the results to the units") { _, context, _ in
            JSONReply(try await evaluations.publish(try context.id(), by: try context.caller()))
        }
    }
}

import Dangjian
import DangjianHTTP
import Hummingbird

/// Year-end reports, score sheets and ratings, under /api/v1/secretary.
struct AppraisalRoutes {
    let appraisal: Appraisal

    func register(_ routes: PluginRoutes) {
        let appraisal = self.appraisal
        routes.add(.post, "/projects/{id}/reports", "提交年度述职报告 / Submit the year-end report", body: ReportDraft.self) {
            _, context, draft in
            JSONReply(try await appraisal.submit(try context.id(), draft, by: try context.caller()), status: .created)
        }
        routes.add(.get, "/reports/{id}", "述职报告、评分与等次 / A report with its scores and rating") { _, context, _ in
            JSONReply(try await appraisal.get(try context.id(), by: try context.caller()))
        }
        routes.add(.get, "/reports/{id}/rubric", "评分细则（Lua 评分函数）/ The rubric, from the Lua score function") {
            _, context, _ in
            let rubric = try await appraisal.rubric(for: try context.id(), by: try context.caller())
            return JSONReply(RubricReply(items: rubric.items, ruleRef: rubric.ref))
        }
        routes.add(.post, "/reports/{id}/scores", "领导小组成员评分 / A group member's score sheet", body: ScoreSheetDraft.self)
        { _, context, draft in
            JSONReply(try await appraisal.score(try context.id(), draft, by: try context.caller()), status: .created)
        }
        routes.add(.post, "/reports/{id}/rating", "评定等次（好、较好、一般、差）/ Rate the report", body: RatingDraft.self) {
            _, context, draft in
            JSONReply(try await appraisal.rate(try context.id(), draft, by: try context.caller()), status: .created)
        }
    }
}

struct RubricReply: Codable, Sendable {
    let items: [RubricItem]
    let ruleRef: String
}

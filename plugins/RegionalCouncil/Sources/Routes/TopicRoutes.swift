import Dangjian
import DangjianHTTP
import Hummingbird

/// Research topics, under /api/v1/council.
struct TopicRoutes {
    let topics: Topics

    func register(_ routes: PluginRoutes) {
        let topics = self.topics
        routes.add(.post, "/committees/{id}/calls", "发布年度课题申报通知 / Open the annual call", body: TopicCallDraft.self) {
            _, context, draft in
            JSONReply(
                try await topics.openCall(in: try context.id(), draft, by: try context.caller()), status: .created)
        }
        routes.add(.get, "/committees/{id}/calls", "课题申报通知 / The committee's calls") { _, context, _ in
            JSONReply(try await topics.calls(of: try context.id(), by: try context.caller()))
        }
        routes.add(.post, "/topics", "申报课题 / Apply for a topic", body: TopicDraft.self) { _, context, draft in
            JSONReply(try await topics.apply(draft, by: try context.caller()), status: .created)
        }
        routes.add(.get, "/topics/{id}", "课题 / A topic with its reviews") { _, context, _ in
            JSONReply(try await topics.get(try context.id(), by: try context.caller()))
        }
        routes.add(
            .get, "/committees/{id}/topics", "专委会的课题 / The committee's topics",
            query: [
                QueryParameter("stage", "string", ResearchTopic.Stage.allCases.map(\.rawValue).joined(separator: ", ")),
                QueryParameter("year", "integer", "申报年度 / the call's year"),
            ]
        ) { _, context, query in
            JSONReply(
                try await topics.list(
                    of: try context.id(), stage: try query.enumValue("stage"), year: try query.int("year"),
                    by: try context.caller()))
        }
        let steps:
            [(String, String, @Sendable (Topics, Int64, TopicStepDraft, Principal) async throws -> ResearchTopic)] = [
                (
                    "approve", "立项（区级课题须配备指导专家）/ Approve (a district-level topic needs an advisor)",
                    { try await $0.approve($1, $2, by: $3) }
                ),
                ("reject", "不予立项 / Reject the application", { try await $0.reject($1, $2, by: $3) }),
                ("advisor", "配备指导专家 / Assign an advisor", { try await $0.assignAdvisor($1, $2, by: $3) }),
                (
                    "submissions", "提交开题、中期或结题材料 / Submit the review document now due",
                    { try await $0.submitReview($1, $2, by: $3) }
                ),
                (
                    "reviews", "评审：通过或退回修改 / Decide a review: passed or returned",
                    { try await $0.decideReview($1, $2, by: $3) }
                ),
                ("award", "评奖 / Record the award", { try await $0.award($1, $2, by: $3) }),
            ]
        for (path, summary, run) in steps {
            routes.add(.post, "/topics/{id}/\(path)", summary, body: TopicStepDraft.self) { _, context, draft in
                JSONReply(try await run(topics, try context.id(), draft, try context.caller()))
            }
        }
        routes.add(.post, "/topics/{id}/outstanding", "入选年度优秀论文集 / Select for the annual collection") { _, context, _ in
            JSONReply(try await topics.selectOutstanding(try context.id(), by: try context.caller()))
        }
        routes.add(
            .post, "/topics/{id}/transfers", "登记成果转化 / Record where a result was put into practice",
            body: TransferDraft.self
        ) { _, context, draft in
            JSONReply(try await topics.addTransfer(try context.id(), draft, by: try context.caller()), status: .created)
        }
        routes.add(
            .get, "/committees/{id}/collection", "年度优秀党建论文集 / The year's outstanding papers",
            query: [
                QueryParameter("year", "integer", "结题年度 / year of conclusion (default: this year)"),
                QueryParameter("format", "string", "json（默认）, csv"),
            ]
        ) { request, context, query in
            let year = try query.int("year") ?? topics.host.store.clock.today().year
            let entries = try await topics.collection(of: try context.id(), year: year, by: try context.caller())
            switch query.string("format") ?? "json" {
            case "json": return try JSONReply(entries).response(from: request, context: context)
            case "csv":
                return try CSVReply(try Topics.csv(entries), filename: "council-papers-\(year).csv").response(
                    from: request, context: context)
            default: throw DangjianError.badValue("format", zh: "应为 json 或 csv", en: "must be json or csv")
            }
        }
    }
}

import Dangjian
import DangjianHTTP
import Hummingbird

extension SpotCheckDraft: APIInput {
    public init() { self.init(organizationID: nil) }
}

/// 季检查、年考评、抽查 under /api/v1/orglife.
struct SupervisionRoutes {
    let supervision: Supervision

    func register(_ routes: PluginRoutes) {
        let supervision = self.supervision
        let clock = supervision.host.store.clock
        routes.add(
            .get, "/quarterly-check", "季度检查矩阵 / The quarterly compliance matrix",
            query: [
                QueryParameter("organizationID", "integer", "检查范围的上级组织 / the subtree to check"),
                QueryParameter("quarter", "string", "季度，如 2026-Q2（默认上一季度）/ quarter, default the last one"),
                QueryParameter("format", "string", "json（默认）, csv, summary"),
            ]
        ) { request, context, query in
            guard let organizationID = try query.int64("organizationID") else {
                throw DangjianError.required("organizationID")
            }
            let quarter =
                try query.string("quarter").map { try Supervision.quarter($0) }
                ?? Period.containing(clock.today().adding(months: -3), .quarter)
            let matrix = try await supervision.matrix(under: organizationID, quarter: quarter, by: try context.caller())
            switch query.string("format") ?? "json" {
            case "json": return try JSONReply(matrix).response(from: request, context: context)
            case "summary": return try JSONReply(matrix.summary).response(from: request, context: context)
            case "csv":
                return try CSVReply(try matrix.csv(), filename: "orglife-\(quarter.key).csv").response(
                    from: request, context: context)
            default:
                throw DangjianError.badValue("format", zh: "应为 json、csv 或 summary", en: "must be json, csv or summary")
            }
        }
        routes.add(
            .post, "/quarterly-check/rectifications", "按季度检查结果下达整改 / Open rectification items for missing items",
            body: RectificationRequest.self
        ) { _, context, request in
            guard let organizationID = request.organizationID else { throw DangjianError.required("organizationID") }
            let quarter = try Supervision.endedQuarter(request.quarter, today: clock.today())
            let caller = try context.caller()
            let matrix = try await supervision.matrix(under: organizationID, quarter: quarter, by: caller)
            let opened = try await supervision.openRectifications(matrix, today: clock.today(), by: caller)
            // 201 only when something was created: a run that finds everything opened already is a 200.
            return JSONReply(["opened": opened], status: opened > 0 ? .created : .ok)
        }
        routes.add(
            .get, "/annual-evaluation", "年度考评与排名 / The yearly evaluation, ranked within each parent",
            query: [
                QueryParameter("organizationID", "integer", "考评范围的上级组织 / the subtree"),
                QueryParameter("year", "integer", "年度（默认上一年）/ year, default last year"),
            ]
        ) { _, context, query in
            guard let organizationID = try query.int64("organizationID") else {
                throw DangjianError.required("organizationID")
            }
            let year = try query.int("year") ?? clock.today().year - 1
            return JSONReply(
                try await supervision.evaluate(year: year, under: organizationID, by: try context.caller()))
        }
        routes.add(.post, "/spot-checks", "组织生活抽查（三查一听）/ A spot check", body: SpotCheckDraft.self) {
            _, context, draft in
            JSONReply(
                try await supervision.spotCheck(draft, today: clock.today(), by: try context.caller()), status: .created
            )
        }
    }
}

struct RectificationRequest: APIInput {
    var organizationID: Int64?
    var quarter: String?
}
